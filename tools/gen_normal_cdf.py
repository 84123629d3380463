#!/usr/bin/env python3
"""Generates the coefficients of TomKing.Greeks' normal tail function.

We approximate the scaled Mills ratio  g(x) = (x + 1) * Phi(-x) / phi(x),  x in [0, XMAX],
by one Chebyshev polynomial in  t = (2y - (y0 + 1)) / (1 - y0),  y = C / (C + x),  y0 = C / (C + XMAX).
g is smooth, bounded (sqrt(pi/2) at 0, -> 1 at infinity), so a single degree-22 fit reaches ~4e-16
relative error in double arithmetic. One formula for every x keeps the scalar and SIMD paths identical.

Needs mpmath (pip install mpmath). Prints the C# coefficient table (highest power first) and the
measured worst relative error of the double-precision evaluation against mpmath.
"""
import mpmath

mpmath.mp.dps = 50
C = 4
XMAX = 38.5
DEG = 22


def main() -> None:
    y0 = mpmath.mpf(C) / (C + XMAX)

    def g_of_t(t):
        y = (t * (1 - y0) + (1 + y0)) / 2
        x = C * (1 / y - 1)
        if x == 0:
            return mpmath.sqrt(mpmath.pi / 2)
        return mpmath.ncdf(-x) / mpmath.npdf(x) * (x + 1)

    poly, err = mpmath.chebyfit(g_of_t, [-1, 1], DEG + 1, error=True)
    coeffs = [float(p) for p in poly]
    worst = 0.0
    y0f = float(y0)
    for i in range(20001):
        x = XMAX * i / 20000
        y = C / (C + x)
        t = (2 * y - (y0f + 1)) / (1 - y0f)
        acc = 0.0
        for p in coeffs:
            acc = acc * t + p
        ref = mpmath.ncdf(-x) / mpmath.npdf(x) * (x + 1)
        worst = max(worst, float(abs(acc - ref) / ref))
    print(f"// C = {C}, XMAX = {XMAX}, degree {DEG}, fit error {float(err):.3e}, "
          f"double evaluation worst relative error {worst:.3e}")
    print(f"// y0 = {y0f!r}")
    for p in coeffs:
        print(f"        {p!r},")


if __name__ == "__main__":
    main()

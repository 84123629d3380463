#!/usr/bin/env python3
"""Deterministic inputs for the TomKing-vs-QuantLib speed comparison: an SPX-like chain.

    python3 bench/quantlib/make_inputs.py OUT.csv [N]

N options (default 4096) = expiries x strikes x {call, put}: 16 expiries from 0DTE (5.5 hours) to
one year, strikes spread from 5 standard deviations below the forward to 3 above (the usual put-
heavy listing), a skewed smile, r = 5%, q = 1.5%. The price column is the Black-Scholes-Merton
value at that sigma (computed here with math.erfc, which is accurate in the tails), the input for the
implied-volatility timings. Columns: right,spot,strike,t,r,q,sigma,price.
"""

import math
import sys

HOUR = 1.0 / (24.0 * 365.0)
EXPIRIES = [5.5 * HOUR, 1 / 365, 2 / 365, 3 / 365, 7 / 365, 14 / 365, 21 / 365, 30 / 365,
            45 / 365, 60 / 365, 90 / 365, 120 / 365, 180 / 365, 270 / 365, 365 / 365, 0.5 * HOUR + 2 / 365]
SPOT, RATE, DIVIDEND, ATM_VOL = 3800.0, 0.05, 0.015, 0.16


def ncdf(x):
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def bsm(call, s, k, t, r, q, sigma):
    fwd = s * math.exp((r - q) * t)
    sd = sigma * math.sqrt(t)
    d1 = math.log(fwd / k) / sd + 0.5 * sd
    d2 = d1 - sd
    disc = math.exp(-r * t)
    if call:
        return disc * (fwd * ncdf(d1) - k * ncdf(d2))
    return disc * (k * ncdf(-d2) - fwd * ncdf(-d1))


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 4096
    per_expiry = max(1, n // (2 * len(EXPIRIES)))
    rows = []
    for t in EXPIRIES:
        fwd = SPOT * math.exp((RATE - DIVIDEND) * t)
        for j in range(per_expiry):
            z = -5.0 + 8.0 * j / max(1, per_expiry - 1)  # standard deviations from the forward
            sigma = max(0.06, ATM_VOL - 0.025 * z + 0.006 * z * z)
            strike = round(fwd * math.exp(z * ATM_VOL * math.sqrt(t)) / 5.0) * 5.0  # SPX strikes every 5 points
            for call in (True, False):
                rows.append(("C" if call else "P", SPOT, strike, t, RATE, DIVIDEND, sigma,
                             bsm(call, SPOT, strike, t, RATE, DIVIDEND, sigma)))
    with open(out, "w") as f:
        f.write("right,spot,strike,t,r,q,sigma,price\n")
        for row in rows[:n]:
            f.write(",".join([row[0]] + [repr(float(v)) for v in row[1:]]) + "\n")
    print(f"wrote {min(n, len(rows))} options to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()

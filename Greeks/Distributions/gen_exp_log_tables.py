#!/usr/bin/env python3
"""Prints the constant tables of Greeks/Distributions/ExpLog.cs (paste them between its markers).

Needs mpmath (Debian: python3-mpmath). Every value is computed at 200 bits and rounded once to double:
  exp: 2^(j/64) for j = 0..63, as IEEE bit patterns; ln2/64 split into a high and a low part.
  log: for each of the 128 intervals of z in [0.6875, 1.375) selected by the top 7 bits of
       (bits(x) - bits(0.6875)), invc = 1/c rounded (c the interval's midpoint; exactly 1 for the two
       intervals that touch 1, so logs of arguments near 1 keep full relative precision) and
       logc = -ln(invc) of that rounded invc; ln2 split with 42 significant bits in the high part
       (k * Ln2Hi is exact for every exponent k).
"""
import math
import struct

from mpmath import log, mp, mpf

mp.prec = 200


def bits(x):
    return struct.unpack("<q", struct.pack("<d", x))[0]


def from_bits(b):
    return struct.unpack("<d", struct.pack("<q", b))[0]


def exp_tables():
    n = 64
    table = [bits(float(mpf(2) ** (mpf(j) / n))) for j in range(n)]
    ln2n = log(2) / n
    hi = float(ln2n)
    lo = float(ln2n - mpf(hi))
    print(f"    private const double ExpInvLn2N = {float(n / log(2))!r};")
    print(f"    private const double ExpLn2NHi = {hi!r};")
    print(f"    private const double ExpLn2NLo = {lo!r};")
    print("    private static readonly long[] ExpTableBits =")
    print("    [")
    for j in range(0, n, 4):
        print("        " + " ".join(f"0x{b:016X}," for b in table[j:j + 4]))
    print("    ];")


def log_tables():
    n = 128
    offset = 0x3FE6000000000000
    invc, logc = [], []
    for i in range(n):
        z_lo = from_bits(offset + (i << 45))
        z_hi = from_bits(offset + ((i + 1) << 45)) if i < n - 1 else 1.375
        if z_lo == 1.0 or z_hi == 1.0:
            ic, lc = 1.0, 0.0
        else:
            ic = float(1 / ((mpf(z_lo) + mpf(z_hi)) / 2))
            lc = float(-log(mpf(ic)))
        invc.append(ic)
        logc.append(lc)
    ln2 = log(2)
    m, e = math.frexp(float(ln2))
    hi = math.ldexp(math.floor(m * 2**42) / 2**42, e)
    lo = float(ln2 - mpf(hi))
    print(f"    private const double LogLn2Hi = {hi!r};")
    print(f"    private const double LogLn2Lo = {lo!r};")
    for name, values in (("LogInvC", invc), ("LogC", logc)):
        print(f"    private static readonly double[] {name} =")
        print("    [")
        for i in range(0, n, 4):
            print("        " + " ".join(f"{v!r}," for v in values[i:i + 4]))
        print("    ];")


if __name__ == "__main__":
    exp_tables()
    print()
    log_tables()

#!/usr/bin/env python3
"""Reference values for American options (tests/TomKing.Greeks.Tests/TestData/quantlib/american.csv).

Run with the system interpreter that has the Debian QuantLib bindings (QuantLib 1.29):
    /usr/bin/python3 tools/quantlib/gen_american_reference.py

Columns
  kind            spot  (BSM, carry b = r - q) or future (Black-76 dynamics, b = 0: q = r)
  right,s,k,t,r,q,sigma   inputs; t = days / 365 exactly (Actual365Fixed, integer days)
  lattice         Leisen-Reimer binomial tree ("lr"), 10001 steps: the converged-lattice price.
                  (Not 5001: in QuantLib 1.29 the 5001-step LR tree with AmericanExercise is off by
                  ~1e-3 at 30 days -- even for a call without dividends, which must equal the
                  European price -- while 4001, 7001 and 10001 steps agree with it to 1e-7.
                  The LR American error decays like 1/N: at 10001 steps it is below ~1e-3 on the
                  hardest row here, 450-strike-585 futures put, sigma 0.8, 2 years; see qdfp.)
  lattice_delta, lattice_gamma, lattice_theta   the same tree's Greeks (theta per year)
  fd              FdBlackScholesVanillaEngine, 1000 time x 1000 space steps (independent check)
  qdfp            QdFpAmericanEngine high-precision scheme (Andersen-Lake-Offengenden, ~1e-10)
  qdfp_vega       central difference of qdfp in sigma (h = 1e-4)
  qdfp_rho        central difference of qdfp in r (h = 1e-5); q held fixed for spot rows,
                  q moved with r for future rows (the futures price and b = 0 held fixed)
  european        QuantLib AnalyticEuropeanEngine price (sanity: American >= European)

The case grid is a seeded random sample of the factor levels below, plus a few fixed cases, so
the file is reproducible. Runtime is dominated by the lattice (~3 s per row; two worker processes).
"""
import csv
import multiprocessing
import os
import random

import QuantLib as ql

TODAY = ql.Date(2, 1, 2024)
DC = ql.Actual365Fixed()
LATTICE_STEPS = 10001

ql.Settings.instance().evaluationDate = TODAY


def process(s, r, q, sigma):
    flat = lambda x: ql.YieldTermStructureHandle(ql.FlatForward(TODAY, x, DC, ql.Continuous, ql.NoFrequency))
    vol = ql.BlackVolTermStructureHandle(ql.BlackConstantVol(TODAY, ql.NullCalendar(), sigma, DC))
    return ql.BlackScholesMertonProcess(ql.QuoteHandle(ql.SimpleQuote(s)), flat(q), flat(r), vol)


def option(right, k, days, american=True):
    payoff = ql.PlainVanillaPayoff(ql.Option.Call if right == "call" else ql.Option.Put, k)
    maturity = TODAY + days
    exercise = ql.AmericanExercise(TODAY, maturity) if american else ql.EuropeanExercise(maturity)
    return ql.VanillaOption(payoff, exercise)


def qdfp(right, s, k, days, r, q, sigma):
    opt = option(right, k, days)
    opt.setPricingEngine(ql.QdFpAmericanEngine(process(s, r, q, sigma), ql.QdFpAmericanEngine.highPrecisionScheme()))
    return opt.NPV()


def row(kind, right, s, k, days, r, q, sigma):
    p = process(s, r, q, sigma)
    opt = option(right, k, days)
    opt.setPricingEngine(ql.BinomialVanillaEngine(p, "lr", LATTICE_STEPS))
    lattice, delta, gamma, theta = opt.NPV(), opt.delta(), opt.gamma(), opt.theta()
    opt.setPricingEngine(ql.FdBlackScholesVanillaEngine(p, 1000, 1000, 0))
    fd = opt.NPV()
    base = qdfp(right, s, k, days, r, q, sigma)
    hv = 1e-4
    vega = (qdfp(right, s, k, days, r, q, sigma + hv) - qdfp(right, s, k, days, r, q, sigma - hv)) / (2 * hv)
    hr = 1e-5
    dq = hr if kind == "future" else 0.0
    rho = (qdfp(right, s, k, days, r + hr, q + dq, sigma) - qdfp(right, s, k, days, r - hr, q - dq, sigma)) / (2 * hr)
    eu = option(right, k, days, american=False)
    eu.setPricingEngine(ql.AnalyticEuropeanEngine(p))
    t = DC.yearFraction(TODAY, TODAY + days)
    assert t == days / 365.0
    return [kind, right, repr(float(s)), repr(float(k)), repr(t), repr(r), repr(q), repr(sigma),
            repr(lattice), repr(delta), repr(gamma), repr(theta), repr(fd), repr(base), repr(vega), repr(rho),
            repr(eu.NPV())]


def cases():
    rng = random.Random(20240102)
    days = [1, 7, 30, 91, 182, 365, 730]
    moneyness = [0.7, 0.85, 0.95, 1.0, 1.05, 1.15, 1.3]
    sigmas = [0.1, 0.2, 0.3, 0.5, 0.8]
    rates = [0.0, 0.05]
    yields = [0.0, 0.03]
    out = []
    # Fixed cases: at-the-money puts with early exercise across maturities, a deep ITM put in the
    # exercise region, and a dividend call.
    for d in days:
        out.append(("spot", "put", 100.0, 100.0, d, 0.05, 0.0, 0.3))
    out.append(("spot", "put", 100.0, 130.0, 365, 0.05, 0.0, 0.1))
    out.append(("spot", "call", 100.0, 70.0, 365, 0.05, 0.03, 0.1))
    out.append(("spot", "call", 100.0, 100.0, 730, 0.0, 0.03, 0.5))
    for _ in range(80):
        s = 100.0
        out.append(("spot", rng.choice(["put", "call"]), s, round(s * rng.choice(moneyness), 4), rng.choice(days),
                    rng.choice(rates), rng.choice(yields), rng.choice(sigmas)))
    for _ in range(12):
        s = 450.0
        out.append(("spot", rng.choice(["put", "call"]), s, round(s * rng.choice(moneyness), 4), rng.choice(days),
                    0.05, rng.choice(yields), rng.choice([0.1, 0.15, 0.2, 0.3, 0.5])))
    for _ in range(12):
        f = rng.choice([100.0, 450.0])
        r = 0.05
        out.append(("future", rng.choice(["put", "call"]), f, round(f * rng.choice(moneyness), 4), rng.choice(days),
                    r, r, rng.choice(sigmas)))
    return out


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "tests", "TomKing.Greeks.Tests", "TestData", "quantlib", "american.csv")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["kind", "right", "s", "k", "t", "r", "q", "sigma", "lattice", "lattice_delta", "lattice_gamma",
                    "lattice_theta", "fd", "qdfp", "qdfp_vega", "qdfp_rho", "european"])
        with multiprocessing.Pool(2) as pool:
            for r in pool.starmap(row, cases()):
                w.writerow(r)
    print("wrote", path)


if __name__ == "__main__":
    main()

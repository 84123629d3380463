#!/usr/bin/python3
"""Independent reference values for TomKing.Greeks from QuantLib (and mpmath where QuantLib is inexact).

Run with Debian's interpreter, which is the one that has the QuantLib bindings:

    /usr/bin/python3 tools/quantlib/gen_reference.py

(needs the Debian packages quantlib-python and python3-mpmath). Writes, under
tests/TomKing.Greeks.Tests/TestData/quantlib/:

  european_bsm.csv   Black-Scholes-Merton European options (spot, flat r and q).
  black76.csv        Black-76 European options on a forward.
  implied_vol.csv    QuantLib prices and QuantLib's implied vol of those prices.
  implied_vol_ql_unsolved.csv
                     Grid points of implied_vol.csv that QuantLib itself does not solve (it returns
                     0 or throws); kept separately with the exact price so our solver is still tested.

How QuantLib is used, and why
-----------------------------
Every QuantLib number comes from ql.BlackCalculator(payoff, forward, stdDev, discount) with
forward = S*exp((r-q)*T), stdDev = sigma*sqrt(T), discount = exp(-r*T). That is exactly what
AnalyticEuropeanEngine does internally, but it takes T directly, so the year fraction is EXACTLY
the t written to the CSV (the engine path needs dates and Actual365Fixed, which only gives whole
days; intraday 0DTE times are not representable). For every row whose T is a whole number of days
the script also prices the option through VanillaOption + AnalyticEuropeanEngine +
BlackScholesMertonProcess (Actual365Fixed, flat r and q) and asserts both paths agree.

Definitions (TomKing's, see Greeks/OptionGreeks.cs) and the conversions from QuantLib's outputs:
  BSM      price  = BlackCalculator.value()
           delta  = BlackCalculator.delta(spot)            dV/dS (QuantLib's definition = ours)
           gamma  = BlackCalculator.gamma(spot)            d2V/dS2 (same)
           vega   = BlackCalculator.vega(T)                dV/dsigma per unit vol (same)
           theta  = BlackCalculator.theta(spot, T)         dV/dt per YEAR of calendar time, i.e.
                                                           -dV/dT (QuantLib's theta is per year; ours too)
           rho    = BlackCalculator.rho(T)                 dV/dr with q fixed, so the forward moves with r
                                                           (same as ours for BSM)
  Black-76 price  = BlackCalculator.value()
           delta  = BlackCalculator.deltaForward()         QuantLib's deltaForward already includes the
                                                           discount: d(e^-rT * black)/dF = e^-rT N(d1) (ours)
           gamma  = BlackCalculator.gammaForward()         d2V/dF2, discounted likewise (ours)
           vega   = BlackCalculator.vega(T)                (same)
           theta  = BlackCalculator.theta(F, T)            theta(spot, T) is the BSM theta with carry
                                                           ln(forward/spot)/T; passing spot = forward makes
                                                           the carry exactly 0, which is Black-76's theta
                                                           with F held fixed as time passes (ours).
           rho    = BlackCalculator.rho(T) + BlackCalculator.dividendRho(T)
                                                           QuantLib's rho moves the forward with r (q fixed);
                                                           ours holds F fixed. Moving r and q together by the
                                                           same amount leaves F unchanged, so
                                                           dV/dr|F = dV/dr|q + dV/dq|r  (= -T*V).
  No column is faked: every Greek above is a QuantLib output or a sum of two of them.

Why the mp_* columns
--------------------
QuantLib 1.29's CumulativeNormalDistribution is 0.5*(1+erf(z/sqrt 2)) down to where that value
drops below 1e-8 and an asymptotic series below; its RELATIVE error reaches ~1e-7 for z in about
[-7, -5] (e.g. z=-5.7: 7e-8, measured against mpmath by this script and printed). Option prices
and Greeks of deep out-of-the-money short-dated options are made of exactly those tail values
(and differences of them), so QuantLib's numbers there are off by far more than 1e-10. TomKing's
Normal.Cdf keeps ~4e-16 relative precision in the whole tail. So every row also carries the
exact value of each quantity (mp_*: mpmath at 50 digits; the Greeks in closed form, each
checked by the script against mpmath's numerical differentiation of the exact price, i.e. against
the definitions, to 1e-30 of its scale). The tests compare against QuantLib where QuantLib agrees with the exact value and
against the exact value where it does not, and report how many rows took each path.

The script is deterministic (fixed grids, no randomness); numbers are written with repr(), which
round-trips doubles exactly.
"""

import csv
import math
import os
import sys

try:
    import mpmath as mp
    import QuantLib as ql
except ImportError as missing:  # the pyenv/venv python3 first on PATH usually has neither
    sys.exit(f"{missing}: run with Debian's system python3 (/usr/bin/python3) after "
             "apt-get install quantlib-python python3-mpmath")

mp.mp.dps = 50

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "tests", "TomKing.Greeks.Tests", "TestData", "quantlib"))

HOUR = 1.0 / (24.0 * 365.0)
DAY = 1.0 / 365.0


def fmt(x):
    return repr(float(x))


# ---------------------------------------------------------------------------------------------
# Exact (mpmath) model. Inputs are the exact doubles written to the CSV.
# ---------------------------------------------------------------------------------------------

def mp_black(call, fwd, k, t, r, sigma):
    """Discounted Black value e^-rT * E[(F - K)+] (or put) at 50 digits."""
    fwd, k, t, r, sigma = mp.mpf(fwd), mp.mpf(k), mp.mpf(t), mp.mpf(r), mp.mpf(sigma)
    sd = sigma * mp.sqrt(t)
    d1 = (mp.log(fwd / k) + sd * sd / 2) / sd
    d2 = d1 - sd
    disc = mp.exp(-r * t)
    if call:
        return disc * (fwd * mp.ncdf(d1) - k * mp.ncdf(d2))
    return disc * (k * mp.ncdf(-d2) - fwd * mp.ncdf(-d1))


def mp_bsm_price(call, s, k, t, r, q, sigma):
    s, t, r, q = mp.mpf(s), mp.mpf(t), mp.mpf(r), mp.mpf(q)
    return mp_black(call, s * mp.exp((r - q) * t), k, t, r, sigma)


def mp_greeks_closed(call, fwd, k, t, r, sigma, carry_r, spot):
    """Closed-form price and Greeks at 50 digits for an option on `spot` whose forward is `fwd`.
    carry_r: the dividend yield q for BSM (rho with q fixed); None for Black-76 (rho with F fixed)."""
    fwd, k, t, r, sigma, spot = (mp.mpf(v) for v in (fwd, k, t, r, sigma, spot))
    sd = sigma * mp.sqrt(t)
    d1 = (mp.log(fwd / k) + sd * sd / 2) / sd
    d2 = d1 - sd
    disc = mp.exp(-r * t)
    w = 1 if call else -1
    pdf = mp.npdf(d1)
    price = w * disc * (fwd * mp.ncdf(w * d1) - k * mp.ncdf(w * d2))
    carry_disc = disc * fwd / spot          # e^{-qT} for BSM, e^{-rT} for Black-76 (spot = F)
    delta = w * carry_disc * mp.ncdf(w * d1)
    gamma = carry_disc * pdf / (spot * sd)
    vega = spot * carry_disc * pdf * mp.sqrt(t)
    if carry_r is None:
        theta = -spot * carry_disc * pdf * sigma / (2 * mp.sqrt(t)) + r * price
        rho = -t * price
    else:
        q = mp.mpf(carry_r)
        theta = (-spot * carry_disc * pdf * sigma / (2 * mp.sqrt(t))
                 + w * q * spot * carry_disc * mp.ncdf(w * d1) - w * r * k * disc * mp.ncdf(w * d2))
        rho = w * k * t * disc * mp.ncdf(w * d2)
    return price, delta, gamma, vega, theta, rho


def check_against_definitions(closed, numeric, scales, what):
    """The closed forms above must agree with numerical differentiation of the exact price (the
    definitions). mp.diff has an absolute noise of ~1e-40 of the price's scale at 50 digits, which
    is why it is not itself written out: for deep in-the-money 0DTE rows the true gamma (1e-300)
    is far below that noise, while the closed form is exact to 50 digits."""
    for name, a, b, scale in zip(("price", "delta", "gamma", "vega", "theta", "rho"), closed, numeric, scales):
        assert abs(a - b) <= mp.mpf(10) ** -30 * scale + mp.mpf(10) ** -30 * abs(b), (what, name, a, b)


def mp_bsm_all(call, s, k, t, r, q, sigma):
    """Exact price and Greeks: closed forms at 50 digits, checked against the definitions."""
    fwd = mp.mpf(s) * mp.exp((mp.mpf(r) - mp.mpf(q)) * mp.mpf(t))
    closed = mp_greeks_closed(call, fwd, k, t, r, sigma, q, s)
    numeric = (
        mp_bsm_price(call, s, k, t, r, q, sigma),
        mp.diff(lambda x: mp_bsm_price(call, x, k, t, r, q, sigma), mp.mpf(s)),
        mp.diff(lambda x: mp_bsm_price(call, x, k, t, r, q, sigma), mp.mpf(s), 2),
        mp.diff(lambda x: mp_bsm_price(call, s, k, t, r, q, x), mp.mpf(sigma)),
        -mp.diff(lambda x: mp_bsm_price(call, s, k, x, r, q, sigma), mp.mpf(t)),
        mp.diff(lambda x: mp_bsm_price(call, s, k, t, x, q, sigma), mp.mpf(r)),
    )
    big = s + k
    check_against_definitions(closed, numeric, (big, 1, 1 / s, big, big / t, big * (1 + t)), (call, s, k, t, r, q, sigma))
    return closed


def mp_b76_all(call, f, k, t, r, sigma):
    closed = mp_greeks_closed(call, f, k, t, r, sigma, None, f)
    numeric = (
        mp_black(call, f, k, t, r, sigma),
        mp.diff(lambda x: mp_black(call, x, k, t, r, sigma), mp.mpf(f)),
        mp.diff(lambda x: mp_black(call, x, k, t, r, sigma), mp.mpf(f), 2),
        mp.diff(lambda x: mp_black(call, f, k, t, r, x), mp.mpf(sigma)),
        -mp.diff(lambda x: mp_black(call, f, k, x, r, sigma), mp.mpf(t)),
        mp.diff(lambda x: mp_black(call, f, k, t, x, sigma), mp.mpf(r)),
    )
    big = f + k
    check_against_definitions(closed, numeric, (big, 1, 1 / f, big, big / t, big * (1 + t)), (call, f, k, t, r, sigma))
    return closed


# ---------------------------------------------------------------------------------------------
# QuantLib
# ---------------------------------------------------------------------------------------------

def ql_type(call):
    return ql.Option.Call if call else ql.Option.Put


def ql_bsm(call, s, k, t, r, q, sigma):
    fwd = s * math.exp((r - q) * t)
    calc = ql.BlackCalculator(ql.PlainVanillaPayoff(ql_type(call), k), fwd, sigma * math.sqrt(t), math.exp(-r * t))
    return (calc.value(), calc.delta(s), calc.gamma(s), calc.vega(t), calc.theta(s, t), calc.rho(t))


def ql_b76(call, f, k, t, r, sigma):
    calc = ql.BlackCalculator(ql.PlainVanillaPayoff(ql_type(call), k), f, sigma * math.sqrt(t), math.exp(-r * t))
    return (calc.value(), calc.deltaForward(), calc.gammaForward(), calc.vega(t), calc.theta(f, t),
            calc.rho(t) + calc.dividendRho(t))


EVAL_DATE = ql.Date(15, ql.January, 2024)


def ql_engine_bsm(call, s, k, days, r, q, sigma):
    """The usual QuantLib path, for whole-day maturities: VanillaOption + AnalyticEuropeanEngine."""
    ql.Settings.instance().evaluationDate = EVAL_DATE
    dc = ql.Actual365Fixed()
    spot = ql.QuoteHandle(ql.SimpleQuote(s))
    r_ts = ql.YieldTermStructureHandle(ql.FlatForward(EVAL_DATE, r, dc))
    q_ts = ql.YieldTermStructureHandle(ql.FlatForward(EVAL_DATE, q, dc))
    vol = ql.BlackVolTermStructureHandle(ql.BlackConstantVol(EVAL_DATE, ql.NullCalendar(), sigma, dc))
    process = ql.BlackScholesMertonProcess(spot, q_ts, r_ts, vol)
    option = ql.VanillaOption(ql.PlainVanillaPayoff(ql_type(call), k), ql.EuropeanExercise(EVAL_DATE + days))
    option.setPricingEngine(ql.AnalyticEuropeanEngine(process))
    return (option.NPV(), option.delta(), option.gamma(), option.vega(), option.theta(), option.rho())


# ---------------------------------------------------------------------------------------------
# Grids
# ---------------------------------------------------------------------------------------------

MONEYNESS = [0.5, 0.7, 0.85, 0.97, 1.0, 1.03, 1.15, 1.3, 1.6]
TIMES = [
    ("30min", 0.5 * HOUR),
    ("1h", 1.0 * HOUR),
    ("5.5h", 5.5 * HOUR),
    ("1d", 1 * DAY),
    ("7d", 7 * DAY),
    ("30d", 30 * DAY),
    ("91d", 91 * DAY),
    ("1y", 1.0),
    ("2y", 2.0),
]
WHOLE_DAYS = {"1d": 1, "7d": 7, "30d": 30, "91d": 91}
SIGMAS = [0.05, 0.12, 0.2, 0.35, 0.5, 0.8, 1.5]
RATES = [(0.0, 0.0), (0.05, 0.0), (0.05, 0.02), (0.0, 0.02)]

SPX = 3800.0
SPX_STRIKES = [3000.0, 3500.0, 3700.0, 3780.0, 3800.0, 3820.0, 3900.0, 4100.0, 4500.0]
SPX_TIMES = TIMES[:6]
SPX_SIGMAS = [0.12, 0.25, 0.6]


def bsm_grid():
    """(call, spot, strike, t, r, q, sigma, days-or-None): a deterministic walk over the grid.
    Each (strike, expiry, right) cell gets two of the vols and rate pairs, cycling, so every vol,
    rate pair, moneyness and expiry meets every other one somewhere without the full product."""
    rows = []
    n = 0
    for tname, t in TIMES:
        for m in MONEYNESS:
            for call in (True, False):
                for j in range(2):
                    sigma = SIGMAS[(n * 3 + j * 2) % len(SIGMAS)]
                    r, q = RATES[(n + j) % len(RATES)]
                    rows.append((call, 100.0, round(100.0 * m, 9), t, r, q, sigma, WHOLE_DAYS.get(tname)))
                    n += 1
    for tname, t in SPX_TIMES:
        for k in SPX_STRIKES:
            for call in (True, False):
                sigma = SPX_SIGMAS[n % len(SPX_SIGMAS)]
                rows.append((call, SPX, k, t, 0.05, 0.02, sigma, WHOLE_DAYS.get(tname)))
                n += 1
    return rows


def b76_grid():
    rows = []
    n = 0
    for _, t in TIMES:
        for m in MONEYNESS:
            for call in (True, False):
                sigma = SIGMAS[(n * 2) % len(SIGMAS)]
                r = (0.0, 0.05)[n % 2]
                rows.append((call, 100.0, round(100.0 * m, 9), t, r, sigma))
                n += 1
    for _, t in SPX_TIMES:
        for k in SPX_STRIKES:
            for call in (True, False):
                rows.append((call, SPX, k, t, 0.05, SPX_SIGMAS[n % len(SPX_SIGMAS)]))
                n += 1
    return rows


def iv_grid():
    """Every right/strike/expiry with two vols each (plus the SPX set). In-the-money points are
    included as long as the time value carries the vol (see conditioning check below)."""
    rows = []
    n = 0
    for _, t in TIMES:
        for m in MONEYNESS:
            for call in (True, False):
                for j in range(2):
                    sigma = SIGMAS[(n * 2 + j * 3) % len(SIGMAS)]
                    r, q = RATES[(n + 2 * j) % len(RATES)]
                    rows.append((call, 100.0, round(100.0 * m, 9), t, r, q, sigma))
                    n += 1
    for _, t in SPX_TIMES:
        for k in SPX_STRIKES:
            for call in (True, False):
                rows.append((call, SPX, k, t, 0.05, 0.02, SPX_SIGMAS[(n + 1) % len(SPX_SIGMAS)]))
                n += 1
    return rows


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------

def rel(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


def write_bsm(path):
    header = ["right", "spot", "strike", "t", "r", "q", "sigma",
              "price", "delta", "gamma", "vega", "theta", "rho",
              "mp_price", "mp_delta", "mp_gamma", "mp_vega", "mp_theta", "mp_rho"]
    engine_checked = 0
    worst_engine = 0.0
    count = 0
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for call, s, k, t, r, q, sigma, days in bsm_grid():
            qlv = ql_bsm(call, s, k, t, r, q, sigma)
            exact = mp_bsm_all(call, s, k, t, r, q, sigma)
            if days is not None:
                assert t == days / 365.0
                eng = ql_engine_bsm(call, s, k, days, r, q, sigma)
                for a, b in zip(eng, qlv):
                    # Both paths share QuantLib's normal CDF; they differ only in how the forward and
                    # discount are rounded (the engine goes through two flat curves).
                    d = abs(a - b) / max(abs(b), 1e-9 * s)
                    worst_engine = max(worst_engine, d)
                    assert d < 1e-9, ("engine and BlackCalculator disagree", call, s, k, t, r, q, sigma, a, b)
                engine_checked += 1
            w.writerow(["C" if call else "P", fmt(s), fmt(k), fmt(t), fmt(r), fmt(q), fmt(sigma)]
                       + [fmt(v) for v in qlv] + [fmt(v) for v in exact])
            count += 1
    print(f"european_bsm.csv: {count} rows (AnalyticEuropeanEngine cross-check on {engine_checked} whole-day rows, "
          f"worst scaled difference {worst_engine:.1e})")


def write_b76(path):
    header = ["right", "forward", "strike", "t", "r", "sigma",
              "price", "delta", "gamma", "vega", "theta", "rho",
              "mp_price", "mp_delta", "mp_gamma", "mp_vega", "mp_theta", "mp_rho"]
    count = 0
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for call, fwd, k, t, r, sigma in b76_grid():
            qlv = ql_b76(call, fwd, k, t, r, sigma)
            exact = mp_b76_all(call, fwd, k, t, r, sigma)
            w.writerow(["C" if call else "P", fmt(fwd), fmt(k), fmt(t), fmt(r), fmt(sigma)]
                       + [fmt(v) for v in qlv] + [fmt(v) for v in exact])
            count += 1
    print(f"black76.csv: {count} rows")


def write_iv(path, unsolved_path):
    header = ["right", "spot", "strike", "t", "r", "q", "price", "ql_implied_vol", "true_sigma", "mp_price"]
    solved = 0
    unsolved = []
    skipped_conditioning = 0
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for call, s, k, t, r, q, sigma in iv_grid():
            fwd = s * math.exp((r - q) * t)
            disc = math.exp(-r * t)
            sd = sigma * math.sqrt(t)
            price = ql.blackFormula(ql_type(call), k, fwd, sd, disc)
            exact = mp_bsm_price(call, s, k, t, r, q, sigma)
            intrinsic = max(0.0, (fwd - k) if call else (k - fwd)) * disc
            time_value = float(exact) - intrinsic
            if not (price > 0.0) or time_value <= 1e-9 * float(exact):
                # The price is (to double precision) all intrinsic value: no solver, ours or
                # QuantLib's, can recover a volatility from it. Not an implied-vol test point.
                skipped_conditioning += 1
                continue
            note = None
            try:
                iv_sd = ql.blackFormulaImpliedStdDev(ql_type(call), k, fwd, price, disc, 0.0, ql.nullDouble(), 1e-12, 1000)
                iv = iv_sd / math.sqrt(t)
                if not (iv > 0.0) or rel(iv, sigma) > 1e-6:
                    note = f"returned {iv!r}"
            except RuntimeError as e:  # QuantLib's errors surface as RuntimeError
                note = "threw: " + str(e).splitlines()[0][:100]
            row = ["C" if call else "P", fmt(s), fmt(k), fmt(t), fmt(r), fmt(q), fmt(price)]
            if note is not None:
                unsolved.append((row, sigma, exact, note))
                continue
            w.writerow(row + [fmt(iv), fmt(sigma), fmt(exact)])
            solved += 1
    with open(unsolved_path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["right", "spot", "strike", "t", "r", "q", "price", "true_sigma", "mp_price", "quantlib"])
        for row, sigma, exact, note in unsolved:
            w.writerow(row + [fmt(sigma), fmt(exact), note])
    print(f"implied_vol.csv: {solved} rows; {skipped_conditioning} grid points skipped as all-intrinsic "
          f"(time value < 1e-9 of the price)")
    print(f"implied_vol_ql_unsolved.csv: {len(unsolved)} rows QuantLib's blackFormulaImpliedStdDev "
          f"(accuracy 1e-12, 1000 iterations) does not solve:")
    for row, sigma, exact, note in unsolved:
        print(f"  note: QuantLib cannot solve {row[0]} S={row[1]} K={row[2]} t={row[3]} sigma={sigma} "
              f"price={row[6]}: {note}")


def report_ql_cdf():
    c = ql.CumulativeNormalDistribution()
    worst = max((float(abs(c(z) - mp.ncdf(z)) / mp.ncdf(z)), z) for z in [x / 10.0 for x in range(-100, 1)])
    print(f"QuantLib CumulativeNormalDistribution worst relative error on [-10, 0] (step 0.1): {worst[0]:.1e} at z={worst[1]}")


def main():
    os.makedirs(OUT, exist_ok=True)
    print(f"QuantLib {ql.__version__}, mpmath {mp.__version__}, Python {sys.version.split()[0]}")
    report_ql_cdf()
    write_bsm(os.path.join(OUT, "european_bsm.csv"))
    write_b76(os.path.join(OUT, "black76.csv"))
    write_iv(os.path.join(OUT, "implied_vol.csv"), os.path.join(OUT, "implied_vol_ql_unsolved.csv"))


if __name__ == "__main__":
    main()

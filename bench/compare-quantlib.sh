#!/usr/bin/env bash
# Side-by-side speed comparison of TomKing.Greeks with QuantLib C++ on the same inputs, same run.
#
#   bench/compare-quantlib.sh [N]        (from the repository root or anywhere; N options, default 4096)
#
# 1. writes an SPX-like chain of N options to bench/quantlib/build/inputs.csv (make_inputs.py),
# 2. builds and runs the QuantLib harness (bench/quantlib/build.sh, ql_bench.cpp; needs Debian's
#    libquantlib0-dev and g++),
# 3. runs the TomKing harness (bench/TomKing.Benchmarks/QuantLibComparison.cs, Release),
# 4. prints one table: operation, TomKing ns/op, QuantLib ns/op, ratio QuantLib/TomKing.
# Build outputs and raw results stay under bench/quantlib/build/ (gitignored). Timings are wall-clock
# medians on whatever else the machine is doing: run it on an idle machine for numbers to quote.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n="${1:-4096}"
out=bench/quantlib/build
mkdir -p "$out"

python3 bench/quantlib/make_inputs.py "$out/inputs.csv" "$n"
bench/quantlib/build.sh
echo "running QuantLib harness..." >&2
"$out/ql_bench" "$out/inputs.csv" > "$out/quantlib.csv"
# Build first, without build-server nodes that would linger and compete for the CPU during timing.
dotnet build -c Release bench/TomKing.Benchmarks -nologo -v q -nodeReuse:false -p:UseSharedCompilation=false >&2
echo "running TomKing harness..." >&2
dotnet run -c Release --no-build --project bench/TomKing.Benchmarks -- quantlib "$out/inputs.csv" > "$out/tomking.csv"

python3 - "$out/tomking.csv" "$out/quantlib.csv" <<'PY'
import sys

def load(path):
    values, notes = {}, []
    for line in open(path):
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            notes.append(line)
            continue
        cells = line.split(",")
        values[cells[0]] = [float(c) for c in cells[1:]]
    return values, notes

tk, tk_notes = load(sys.argv[1])
ql, ql_notes = load(sys.argv[2])

# (TomKing operation, QuantLib operation, what is compared)
pairs = [
    ("bsm_evaluate_greeks", "bs_calculator_greeks", "European price+Greeks: TomKing Evaluate (9 outputs) vs BlackCalculator (7)"),
    ("bsm_evaluate_first_order", "bs_calculator_greeks", "European price+Greeks: EvaluateFirstOrder vs BlackCalculator (same 7 outputs)"),
    ("bsm_evaluate_greeks", "engine_greeks", "European price+Greeks: TomKing Evaluate vs VanillaOption+AnalyticEuropeanEngine"),
    ("bsm_price", "blackformula_price", "European price only: Price vs blackFormula"),
    ("iv_fromspot", "iv_blackformula", "Implied vol: FromSpot vs blackFormulaImpliedStdDev(1e-12)"),
    ("iv_fromspot", "iv_vanillaoption", "Implied vol: FromSpot vs VanillaOption::impliedVolatility(1e-12)"),
    ("american_price", "american_baw", "American price: AmericanOption.Price vs Barone-Adesi-Whaley (approximation)"),
    ("american_price", "american_crr200", "American price: AmericanOption.Price vs CRR binomial, 200 steps"),
    ("american_price", "american_qdfp", "American price: AmericanOption.Price vs QdFpAmericanEngine (accurate)"),
]

def ns(v, i):
    return f"{v[i]:.1f}" if v and len(v) > i else "n/a"

def ratio(q, t, iq, it):
    return f"{q[iq] / t[it]:.2f}" if (q and t and len(q) > iq and len(t) > it and t[it] > 0) else "n/a"

print()
print("ns per option; median of 7 timed runs (min of the 7 in brackets: the robust figure on a busy machine)")
print(f"{'comparison':<80} {'TomKing ns/op':>22} {'QuantLib ns/op':>22} {'QL/TK':>15} {'TK B/op':>8}")
for tk_op, ql_op, label in pairs:
    q = ql.get(ql_op)
    t = tk.get(tk_op)
    tk_ns = f"{ns(t, 0)} [{ns(t, 2)}]"
    ql_ns = f"{ns(q, 0)} [{ns(q, 1)}]"
    r = f"{ratio(q, t, 0, 0)} [{ratio(q, t, 1, 2)}]"
    alloc = f"{t[1]:.1f}" if (t and len(t) > 1) else "n/a"
    print(f"{label:<80} {tk_ns:>22} {ql_ns:>22} {r:>15} {alloc:>8}")
extra = sorted(set(tk) - {p[0] for p in pairs})
for op in extra:
    t = tk[op]
    print(f"{'TomKing only: ' + op:<80} {ns(t, 0) + ' [' + ns(t, 2) + ']':>22} {'':>22} {'':>15} {t[1]:>8.1f}")
print()
for note in tk_notes + ql_notes:
    print(note)
PY

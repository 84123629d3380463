// QuantLib side of the TomKing-vs-QuantLib speed comparison (see bench/compare-quantlib.sh).
//
// Reads an inputs CSV (header: right,spot,strike,t,r,q,sigma,price; one European option per line)
// and times, per option, the QuantLib ways of doing what TomKing.Greeks does:
//   bs_calculator_greeks  BlackCalculator: price, delta, gamma, vega, theta, rho, dividendRho
//                         (the fastest QuantLib path; forward, discount and stdDev computed per option)
//   blackformula_price    blackFormula: price only
//   engine_greeks         VanillaOption + AnalyticEuropeanEngine + BlackScholesMertonProcess: move the
//                         spot quote, then NPV, delta, gamma, vega, theta, rho (the usual QuantLib path;
//                         one option object per input, built before timing)
//   iv_blackformula       blackFormulaImpliedStdDev(accuracy 1e-12, 100 iterations)
//   iv_vanillaoption      VanillaOption::impliedVolatility(accuracy 1e-12, 1000 evaluations)
//   american_baw          BaroneAdesiWhaleyApproximationEngine, NPV
//   american_crr200       BinomialVanillaEngine<CoxRossRubinstein>, 200 steps, NPV
//   american_qdfp         QdFpAmericanEngine (accurate scheme), NPV
// and prints `operation,ns_per_option,min_ns_per_option` lines (median and fastest of several timed
// runs; the minimum is the robust figure on a busy machine), plus `#` comment lines with accuracy
// notes and checksums.
//
// Engine paths take maturities as dates with Actual365Fixed, i.e. whole days: an option's maturity
// is max(1, round(365 t)) days, so 0DTE inputs become 1-day options there (it changes the numbers,
// not the amount of work). The closed-form paths use t exactly.

#include <ql/exercise.hpp>
#include <ql/version.hpp>
#include <ql/instruments/vanillaoption.hpp>
#include <ql/pricingengines/blackcalculator.hpp>
#include <ql/pricingengines/blackformula.hpp>
#include <ql/pricingengines/vanilla/analyticeuropeanengine.hpp>
#include <ql/pricingengines/vanilla/baroneadesiwhaleyengine.hpp>
#include <ql/pricingengines/vanilla/binomialengine.hpp>
#include <ql/pricingengines/vanilla/qdfpamericanengine.hpp>
#include <ql/processes/blackscholesprocess.hpp>
#include <ql/quotes/simplequote.hpp>
#include <ql/settings.hpp>
#include <ql/termstructures/volatility/equityfx/blackconstantvol.hpp>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/time/calendars/nullcalendar.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace QuantLib;

namespace {

struct Input {
    Option::Type type;
    double spot, strike, t, r, q, sigma, price;
};

std::vector<Input> readInputs(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::string line;
    std::getline(in, line);  // header
    std::vector<Input> rows;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::stringstream ss(line);
        std::string cell;
        std::vector<std::string> cells;
        while (std::getline(ss, cell, ',')) cells.push_back(cell);
        if (cells.size() < 8) throw std::runtime_error("bad line: " + line);
        Input x;
        x.type = cells[0] == "C" ? Option::Call : Option::Put;
        x.spot = std::stod(cells[1]);
        x.strike = std::stod(cells[2]);
        x.t = std::stod(cells[3]);
        x.r = std::stod(cells[4]);
        x.q = std::stod(cells[5]);
        x.sigma = std::stod(cells[6]);
        x.price = std::stod(cells[7]);
        rows.push_back(x);
    }
    return rows;
}

volatile double g_sink = 0.0;

// Runs `pass` (one pass over `count` options, returning a checksum) once to warm up, then `runs`
// timed batches of `reps` passes each; returns the median and the minimum ns per option.
struct Timing {
    double median, min;
};

Timing timeIt(const std::function<double(int)>& pass, std::size_t count, int reps, int runs) {
    g_sink = g_sink + pass(0);
    std::vector<double> perOption;
    int rep = 1;
    for (int run = 0; run < runs; ++run) {
        auto start = std::chrono::steady_clock::now();
        double sum = 0.0;
        for (int i = 0; i < reps; ++i) sum += pass(rep++);
        auto stop = std::chrono::steady_clock::now();
        g_sink = g_sink + sum;
        double ns = std::chrono::duration<double, std::nano>(stop - start).count();
        perOption.push_back(ns / (static_cast<double>(reps) * static_cast<double>(count)));
    }
    std::sort(perOption.begin(), perOption.end());
    return {perOption[perOption.size() / 2], perOption.front()};
}

// One VanillaOption per input with its own quotes, so moving one spot notifies one option only.
struct OptionSetup {
    ext::shared_ptr<SimpleQuote> spot;
    ext::shared_ptr<SimpleQuote> vol;
    ext::shared_ptr<GeneralizedBlackScholesProcess> process;
    ext::shared_ptr<VanillaOption> option;
    double target = 0.0;  // engine NPV at the input's sigma (for the implied-vol timing)
};

OptionSetup makeOption(const Input& x, const Date& today, bool american) {
    DayCounter dc = Actual365Fixed();
    OptionSetup s;
    s.spot = ext::make_shared<SimpleQuote>(x.spot);
    s.vol = ext::make_shared<SimpleQuote>(x.sigma);
    auto rate = ext::make_shared<SimpleQuote>(x.r);
    auto div = ext::make_shared<SimpleQuote>(x.q);
    Handle<YieldTermStructure> rTs(ext::make_shared<FlatForward>(today, Handle<Quote>(rate), dc));
    Handle<YieldTermStructure> qTs(ext::make_shared<FlatForward>(today, Handle<Quote>(div), dc));
    Handle<BlackVolTermStructure> volTs(ext::make_shared<BlackConstantVol>(today, NullCalendar(), Handle<Quote>(s.vol), dc));
    s.process = ext::make_shared<BlackScholesMertonProcess>(Handle<Quote>(s.spot), qTs, rTs, volTs);
    long days = std::max(1L, std::lround(x.t * 365.0));
    Date maturity = today + static_cast<Integer>(days);
    ext::shared_ptr<Exercise> exercise;
    if (american)
        exercise = ext::make_shared<AmericanExercise>(today, maturity);
    else
        exercise = ext::make_shared<EuropeanExercise>(maturity);
    s.option = ext::make_shared<VanillaOption>(ext::make_shared<PlainVanillaPayoff>(x.type, x.strike), exercise);
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: ql_bench inputs.csv [american_subset]\n";
        return 2;
    }
    const std::vector<Input> inputs = readInputs(argv[1]);
    const std::size_t n = inputs.size();
    // The lattice and fixed-point American engines take tens of microseconds per option; time them on
    // every k-th input (an even spread over the chain) to keep the run short.
    const std::size_t americanSubset = argc > 2 ? std::stoul(argv[2]) : 512;
    const int runs = 7;
    const int fastReps = std::max(1, static_cast<int>(2000000 / n));

    Date today(15, January, 2024);
    Settings::instance().evaluationDate() = today;

    std::printf("# QuantLib %s, %zu options, median of %d runs\n", QL_VERSION, n, runs);

    // (a) BlackCalculator: price + first-order Greeks (+ gamma).
    Timing ns = timeIt([&](int) {
        double sum = 0.0;
        for (const Input& x : inputs) {
            double fwd = x.spot * std::exp((x.r - x.q) * x.t);
            double disc = std::exp(-x.r * x.t);
            double sd = x.sigma * std::sqrt(x.t);
            BlackCalculator c(x.type, x.strike, fwd, sd, disc);
            sum += c.value() + c.delta(x.spot) + c.gamma(x.spot) + c.vega(x.t) + c.theta(x.spot, x.t) + c.rho(x.t) + c.dividendRho(x.t);
        }
        return sum;
    }, n, fastReps, runs);
    std::printf("bs_calculator_greeks,%.1f,%.1f\n", ns.median, ns.min);

    ns = timeIt([&](int) {
        double sum = 0.0;
        for (const Input& x : inputs) {
            double fwd = x.spot * std::exp((x.r - x.q) * x.t);
            sum += blackFormula(x.type, x.strike, fwd, x.sigma * std::sqrt(x.t), std::exp(-x.r * x.t));
        }
        return sum;
    }, n, fastReps, runs);
    std::printf("blackformula_price,%.1f,%.1f\n", ns.median, ns.min);

    // (b) VanillaOption + AnalyticEuropeanEngine.
    {
        std::vector<OptionSetup> setups;
        setups.reserve(n);
        for (const Input& x : inputs) {
            OptionSetup s = makeOption(x, today, false);
            s.option->setPricingEngine(ext::make_shared<AnalyticEuropeanEngine>(s.process));
            s.target = s.option->NPV();
            setups.push_back(s);
        }
        ns = timeIt([&](int rep) {
            double sum = 0.0;
            double bump = (rep % 2 == 0) ? 1.0 : 1.0 + 1e-9;  // a changed quote forces recalculation
            for (std::size_t i = 0; i < n; ++i) {
                OptionSetup& s = setups[i];
                s.spot->setValue(inputs[i].spot * bump);
                sum += s.option->NPV() + s.option->delta() + s.option->gamma() + s.option->vega() + s.option->theta() + s.option->rho();
            }
            return sum;
        }, n, std::max(1, fastReps / 20), runs);
        std::printf("engine_greeks,%.1f,%.1f\n", ns.median, ns.min);
        for (std::size_t i = 0; i < n; ++i) setups[i].spot->setValue(inputs[i].spot);

        // (c2) VanillaOption::impliedVolatility on the engine's own price.
        std::size_t failures = 0;
        double worst = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            try {
                double iv = setups[i].option->impliedVolatility(setups[i].target, setups[i].process, 1e-12, 1000, 1e-7, 4.0);
                worst = std::max(worst, std::fabs(iv - inputs[i].sigma) / inputs[i].sigma);
            } catch (const std::exception&) {
                ++failures;
            }
        }
        ns = timeIt([&](int) {
            double sum = 0.0;
            for (std::size_t i = 0; i < n; ++i) {
                try {
                    sum += setups[i].option->impliedVolatility(setups[i].target, setups[i].process, 1e-12, 1000, 1e-7, 4.0);
                } catch (const std::exception&) {
                    sum += 1.0;
                }
            }
            return sum;
        }, n, 1, runs);
        std::printf("iv_vanillaoption,%.1f,%.1f\n", ns.median, ns.min);
        std::printf("# iv_vanillaoption: %zu/%zu failed (threw), worst relative error vs input sigma %.1e\n", failures, n, worst);
    }

    // (c1) blackFormulaImpliedStdDev on the input price (exact t).
    {
        std::size_t failures = 0;
        double worst = 0.0;
        for (const Input& x : inputs) {
            try {
                double fwd = x.spot * std::exp((x.r - x.q) * x.t);
                double sd = blackFormulaImpliedStdDev(x.type, x.strike, fwd, x.price, std::exp(-x.r * x.t), 0.0, Null<Real>(), 1e-12, 100);
                double iv = sd / std::sqrt(x.t);
                if (!(iv > 0.0)) ++failures; else worst = std::max(worst, std::fabs(iv - x.sigma) / x.sigma);
            } catch (const std::exception&) {
                ++failures;
            }
        }
        ns = timeIt([&](int) {
            double sum = 0.0;
            for (const Input& x : inputs) {
                try {
                    double fwd = x.spot * std::exp((x.r - x.q) * x.t);
                    sum += blackFormulaImpliedStdDev(x.type, x.strike, fwd, x.price, std::exp(-x.r * x.t), 0.0, Null<Real>(), 1e-12, 100) / std::sqrt(x.t);
                } catch (const std::exception&) {
                    sum += 1.0;
                }
            }
            return sum;
        }, n, std::max(1, fastReps / 20), runs);
        std::printf("iv_blackformula,%.1f,%.1f\n", ns.median, ns.min);
        std::printf("# iv_blackformula: %zu/%zu not solved (threw or returned 0), worst relative error vs input sigma %.1e\n", failures, n, worst);
    }

    // (d) American engines on an even subset of the chain.
    {
        std::size_t stride = std::max<std::size_t>(1, n / std::min(n, americanSubset));
        std::vector<Input> sub;
        for (std::size_t i = 0; i < n; i += stride) sub.push_back(inputs[i]);
        auto runAmerican = [&](const char* name, const std::function<ext::shared_ptr<PricingEngine>(const ext::shared_ptr<GeneralizedBlackScholesProcess>&)>& make, int reps, int timedRuns) {
            std::vector<OptionSetup> setups;
            setups.reserve(sub.size());
            for (const Input& x : sub) {
                OptionSetup s = makeOption(x, today, true);
                s.option->setPricingEngine(make(s.process));
                setups.push_back(s);
            }
            Timing t = timeIt([&](int rep) {
                double sum = 0.0;
                double bump = (rep % 2 == 0) ? 1.0 : 1.0 + 1e-9;
                for (std::size_t i = 0; i < sub.size(); ++i) {
                    setups[i].spot->setValue(sub[i].spot * bump);
                    sum += setups[i].option->NPV();
                }
                return sum;
            }, sub.size(), reps, timedRuns);
            std::printf("%s,%.1f,%.1f\n", name, t.median, t.min);
        };
        std::printf("# american engines timed on %zu of the %zu inputs (every %zu-th)\n", sub.size(), n, stride);
        runAmerican("american_baw", [](const ext::shared_ptr<GeneralizedBlackScholesProcess>& p) {
            return ext::shared_ptr<PricingEngine>(ext::make_shared<BaroneAdesiWhaleyApproximationEngine>(p));
        }, 20, runs);
        runAmerican("american_crr200", [](const ext::shared_ptr<GeneralizedBlackScholesProcess>& p) {
            return ext::shared_ptr<PricingEngine>(ext::make_shared<BinomialVanillaEngine<CoxRossRubinstein>>(p, 200));
        }, 1, runs);
        runAmerican("american_qdfp", [](const ext::shared_ptr<GeneralizedBlackScholesProcess>& p) {
            return ext::shared_ptr<PricingEngine>(ext::make_shared<QdFpAmericanEngine>(p, QdFpAmericanEngine::accurateScheme()));
        }, 1, runs);
    }

    std::printf("# checksum %.6g\n", static_cast<double>(g_sink));
    return 0;
}

using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using TomKing.Greeks;

namespace TomKing.Benchmarks;

/// <summary>
/// TomKing side of the side-by-side speed comparison with QuantLib C++ (bench/compare-quantlib.sh):
/// reads the same inputs CSV as bench/quantlib/ql_bench.cpp (right,spot,strike,t,r,q,sigma,price) and
/// prints <c>operation,ns_per_option,bytes_per_option,min_ns_per_option</c> lines (median and fastest of
/// several timed runs after a warm-up long enough for tiered JIT and PGO to reach the final code; the
/// minimum is the robust figure on a busy machine), plus <c>#</c> comment lines.
/// A plain Stopwatch harness rather than BenchmarkDotNet so that both sides time exactly the same loop
/// shape: one pass over all options, repeated.
/// </summary>
internal static class QuantLibComparison
{
    private const int Runs = 7;
    private const int AmericanSubset = 512;
    private static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(400);

    private readonly record struct Input(OptionRight Right, double Spot, double Strike, double T, double R, double Q, double Sigma, double Price);

    /// <summary>American price with the signature of TomKing.Greeks.AmericanOption.Price, found at run
    /// time so this harness builds whether or not the American pricer is present.</summary>
    private delegate double AmericanPrice(OptionRight right, double spot, double strike, double years, double rate, double dividendYield, double volatility);

    private delegate OptionGreeks AmericanEvaluate(OptionRight right, double spot, double strike, double years, double rate, double dividendYield, double volatility);

    private static double sink;

    public static int Run(string inputsPath)
    {
        Input[] inputs = ReadInputs(inputsPath);
        int n = inputs.Length;
        int fastReps = Math.Max(1, 2_000_000 / n);
        Console.WriteLine($"# TomKing.Greeks on .NET {Environment.Version}, {n} options, median of {Runs} runs");

        Report("bsm_evaluate_greeks", inputs, fastReps, default(EvaluateOp));
        Report("bsm_evaluate_first_order", inputs, fastReps, default(EvaluateFirstOrderOp));
        Report("bsm_price", inputs, fastReps, default(PriceOp));
        Report("iv_fromspot", inputs, Math.Max(1, fastReps / 10), default(ImpliedVolOp));
        int unsolved = 0;
        double worst = 0.0;
        foreach (Input x in inputs)
        {
            ImpliedVolatilityResult iv = ImpliedVolatility.FromSpot(x.Right, x.Price, x.Spot, x.Strike, x.T, x.R, x.Q);
            if (!iv.IsSolved)
            {
                unsolved++;
                continue;
            }

            worst = Math.Max(worst, Math.Abs(iv.Volatility - x.Sigma) / x.Sigma);
        }

        Console.WriteLine($"# iv_fromspot: {unsolved}/{n} not solved, worst relative error vs input sigma {worst:E1}");

        // American: the same subset and the same whole-day maturities as the QuantLib engines (which
        // take dates), so both sides price identical contracts.
        int stride = Math.Max(1, n / Math.Min(n, AmericanSubset));
        Input[] american = inputs.Where((_, i) => i % stride == 0)
            .Select(x => x with { T = Math.Max(1.0, Math.Round(x.T * 365.0)) / 365.0 })
            .ToArray();
        Type? americanType = typeof(BlackScholesMerton).Assembly.GetType("TomKing.Greeks.AmericanOption");
        AmericanPrice? price = Find<AmericanPrice>(americanType, "Price");
        AmericanEvaluate? evaluate = Find<AmericanEvaluate>(americanType, "Evaluate");
        if (price is null)
        {
            Console.WriteLine("# american: not available");
        }
        else
        {
            Console.WriteLine($"# american timed on {american.Length} of the {n} inputs (every {stride}-th), maturities in whole days");
            Report("american_price", american, 5, new AmericanPriceOp(price));
            if (evaluate is not null)
            {
                Report("american_evaluate_greeks", american, 2, new AmericanEvaluateOp(evaluate));
            }
        }

        Console.WriteLine($"# checksum {sink:G6}");
        return 0;
    }

    private static TDelegate? Find<TDelegate>(Type? type, string name)
        where TDelegate : Delegate
    {
        Type[] parameters = [typeof(OptionRight), typeof(double), typeof(double), typeof(double), typeof(double), typeof(double), typeof(double)];
        MethodInfo? method = type?.GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters);
        return method is null ? null : method.CreateDelegate<TDelegate>();
    }

    // One struct per operation: Report<TOp> is specialized per struct by the JIT, so the call is direct
    // and inlinable, like the C++ loops it is compared with (no delegate call per option).
    private interface IOperation
    {
        double Invoke(in Input x);
    }

    private readonly struct EvaluateOp : IOperation
    {
        public double Invoke(in Input x)
        {
            OptionGreeks g = BlackScholesMerton.Evaluate(x.Right, x.Spot, x.Strike, x.T, x.R, x.Q, x.Sigma);
            return g.Price + g.Delta + g.Gamma + g.Vega + g.Theta + g.Rho + g.Vanna + g.Charm + g.Vomma;
        }
    }

    // The outputs BlackCalculator's loop in ql_bench.cpp reads: value, delta, gamma, vega, theta, rho,
    // dividendRho.
    private readonly struct EvaluateFirstOrderOp : IOperation
    {
        public double Invoke(in Input x)
        {
            FirstOrderGreeks g = BlackScholesMerton.EvaluateFirstOrder(x.Right, x.Spot, x.Strike, x.T, x.R, x.Q, x.Sigma);
            return g.Price + g.Delta + g.Gamma + g.Vega + g.Theta + g.Rho + g.DividendRho;
        }
    }

    private readonly struct PriceOp : IOperation
    {
        public double Invoke(in Input x) => BlackScholesMerton.Price(x.Right, x.Spot, x.Strike, x.T, x.R, x.Q, x.Sigma);
    }

    private readonly struct ImpliedVolOp : IOperation
    {
        public double Invoke(in Input x) => ImpliedVolatility.FromSpot(x.Right, x.Price, x.Spot, x.Strike, x.T, x.R, x.Q).Volatility;
    }

    private readonly struct AmericanPriceOp(AmericanPrice price) : IOperation
    {
        public double Invoke(in Input x) => price(x.Right, x.Spot, x.Strike, x.T, x.R, x.Q, x.Sigma);
    }

    private readonly struct AmericanEvaluateOp(AmericanEvaluate evaluate) : IOperation
    {
        public double Invoke(in Input x)
        {
            OptionGreeks g = evaluate(x.Right, x.Spot, x.Strike, x.T, x.R, x.Q, x.Sigma);
            return g.Price + g.Delta + g.Gamma + g.Vega + g.Theta + g.Rho;
        }
    }

    private static void Report<TOp>(string operation, Input[] inputs, int reps, TOp op)
        where TOp : struct, IOperation
    {
        // Warm-up: enough passes for tier-1 (PGO-optimized) code.
        var clock = Stopwatch.StartNew();
        do
        {
            sink += Pass(inputs, op);
        }
        while (clock.Elapsed < WarmUp);

        long before = GC.GetAllocatedBytesForCurrentThread();
        sink += Pass(inputs, op);
        double bytesPerOption = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)inputs.Length;

        var perOption = new double[Runs];
        for (int run = 0; run < Runs; run++)
        {
            long start = Stopwatch.GetTimestamp();
            double sum = 0.0;
            for (int i = 0; i < reps; i++)
            {
                sum += Pass(inputs, op);
            }

            long stop = Stopwatch.GetTimestamp();
            sink += sum;
            perOption[run] = (stop - start) * (1e9 / Stopwatch.Frequency) / ((double)reps * inputs.Length);
        }

        Array.Sort(perOption);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{operation},{perOption[Runs / 2]:F1},{bytesPerOption:F1},{perOption[0]:F1}"));
    }

    private static double Pass<TOp>(Input[] inputs, TOp op)
        where TOp : struct, IOperation
    {
        double sum = 0.0;
        for (int i = 0; i < inputs.Length; i++)
        {
            sum += op.Invoke(in inputs[i]);
        }

        return sum;
    }

    private static Input[] ReadInputs(string path)
    {
        string[] lines = File.ReadAllLines(path);
        var inputs = new List<Input>(lines.Length);
        foreach (string line in lines.Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            string[] c = line.Split(',');
            inputs.Add(new Input(
                c[0] == "C" ? OptionRight.Call : OptionRight.Put,
                Parse(c[1]),
                Parse(c[2]),
                Parse(c[3]),
                Parse(c[4]),
                Parse(c[5]),
                Parse(c[6]),
                Parse(c[7])));
        }

        return [.. inputs];
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}

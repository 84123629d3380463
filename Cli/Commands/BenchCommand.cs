using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using TomKing.Greeks;

namespace TomKing.Cli.Commands;

/// <summary>
/// <c>tomking bench greeks</c>: a latency harness for the pricing hot paths, side by side in one run
/// on one realistic SPX-like chain: per-call percentiles (p50/p99/max, measured in blocks so the
/// timer's own cost stays negligible) and bytes allocated per call.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var options = new Option<int>("--options") { Description = "Options in the chain", DefaultValueFactory = _ => 4096 };
        var rounds = new Option<int>("--rounds") { Description = "Timed rounds over the chain per operation", DefaultValueFactory = _ => 200 };
        var greeks = new Command("greeks", "Scalar price+Greeks, implied vol, American price, and the batch (SIMD) chain: percentiles and allocations.")
        {
            options, rounds,
        };
        greeks.SetAction(parse =>
        {
            int n = parse.GetValue(options);
            int r = parse.GetValue(rounds);
            if (n < 64 || n > 1_000_000 || r < 10 || r > 100_000)
            {
                throw new UserInputException("--options must be in [64, 1000000] and --rounds in [10, 100000].");
            }

            RunGreeks(n, r);
            return 0;
        });
        var bench = new Command("bench", "Measure the hot paths (run in Release: dotnet run -c Release --project Cli -- bench ...).");
        bench.Subcommands.Add(greeks);
        bench.Subcommands.Add(BenchPipelineCommand.Create());
        return bench;
    }

    private static void RunGreeks(int n, int rounds)
    {
        var chain = SampleChain.Create(n);
        var batch = new OptionChainBatch(n);
        batch.Count = n;
        for (int i = 0; i < n; i++)
        {
            batch.Set(i, chain.Rights[i], SampleChain.Spot, chain.Strikes[i], chain.Years[i], SampleChain.Rate, SampleChain.Dividend, chain.Vols[i], chain.Prices[i]);
        }

        const int block = 64;
        var results = new List<(string Name, Summary Stats)>
        {
            ("BSM price + all Greeks (scalar)", Measure(n, rounds, block, i =>
                BlackScholesMerton.Evaluate(chain.Rights[i], SampleChain.Spot, chain.Strikes[i], chain.Years[i], SampleChain.Rate, SampleChain.Dividend, chain.Vols[i]).Delta)),
            ("BSM price + first-order Greeks (scalar)", Measure(n, rounds, block, i =>
                BlackScholesMerton.EvaluateFirstOrder(chain.Rights[i], SampleChain.Spot, chain.Strikes[i], chain.Years[i], SampleChain.Rate, SampleChain.Dividend, chain.Vols[i]).Delta)),
            ("Implied volatility (scalar)", Measure(n, rounds, block, i =>
                ImpliedVolatility.FromSpot(chain.Rights[i], chain.Prices[i], SampleChain.Spot, chain.Strikes[i], chain.Years[i], SampleChain.Rate, SampleChain.Dividend).Volatility)),
            ("American price (scalar)", Measure(n, Math.Max(10, rounds / 20), block, i =>
                AmericanOption.Price(chain.Rights[i], SampleChain.Spot, chain.Strikes[i], chain.Years[i], SampleChain.Rate, SampleChain.Dividend, chain.Vols[i]))),
            ("Batch price + all Greeks (per option)", MeasureBatch(n, rounds, () => ChainEvaluator.EvaluateGreeks(batch))),
            ("Batch IV + all Greeks (per option)", MeasureBatch(n, Math.Max(10, rounds / 4), () => ChainEvaluator.SolveImpliedVolatilitiesAndGreeks(batch))),
        };

        var table = new Table().Title($"Greeks hot paths, {n} options (SPX-like: 0DTE to 1 year, ±3σ strikes), SIMD: {(ChainEvaluator.IsVector512Accelerated ? "Vector512" : ChainEvaluator.IsVector256Accelerated ? "Vector256" : "none")}");
        foreach (string c in new[] { "operation", "p50 ns", "p99 ns", "max ns", "mean ns", "bytes/call" })
        {
            table.AddColumn(new TableColumn(c).RightAligned());
        }

        foreach (var (name, s) in results)
        {
            table.AddRow(name, F(s.P50), F(s.P99), F(s.Max), F(s.Mean), s.BytesPerCall.ToString("F2", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        double scalar = results[0].Stats.P50;
        double batched = results[4].Stats.P50;
        AnsiConsole.MarkupLine($"Batch vs scalar price+Greeks (p50): [bold]{scalar / batched:F1}×[/]. Percentiles are per call, from blocks of {block} calls (batch: per option of one whole-chain call).");
    }

    private const long WarmUpMilliseconds = 1500;

    private readonly record struct Summary(double P50, double P99, double Max, double Mean, double BytesPerCall);

    private static Summary Measure(int n, int rounds, int block, Func<int, double> call)
    {
        // Warm up on a time budget, not a call count: tiered JIT promotes hot code to optimized
        // tier 1 in the background only after ~100 ms of call counting.
        double sink = 0;
        long warmUntil = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * WarmUpMilliseconds / 1000);
        do
        {
            for (int i = 0; i < n; i++)
            {
                sink += call(i);
            }
        }
        while (Stopwatch.GetTimestamp() < warmUntil);

        int blocks = n / block;
        var samples = new double[rounds * blocks];
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        int k = 0;
        for (int r = 0; r < rounds; r++)
        {
            for (int b = 0; b < blocks; b++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int i = b * block; i < (b + 1) * block; i++)
                {
                    sink += call(i);
                }

                samples[k++] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / block;
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        GC.KeepAlive(sink);
        return Summarize(samples, allocated / (double)(rounds * blocks * block));
    }

    private static Summary MeasureBatch(int n, int rounds, Action call)
    {
        long warmUntil = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * WarmUpMilliseconds / 1000);
        do
        {
            call();
        }
        while (Stopwatch.GetTimestamp() < warmUntil);

        var samples = new double[rounds];
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < rounds; r++)
        {
            long start = Stopwatch.GetTimestamp();
            call();
            samples[r] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / n;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return Summarize(samples, allocated / (double)(rounds * n));
    }

    private static Summary Summarize(double[] samples, double bytesPerCall)
    {
        Array.Sort(samples);
        double Percentile(double p) => samples[Math.Min(samples.Length - 1, (int)(p * samples.Length))];
        return new Summary(Percentile(0.50), Percentile(0.99), samples[^1], samples.Average(), bytesPerCall);
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}

using BenchmarkDotNet.Attributes;
using TomKing.Greeks;

namespace TomKing.Benchmarks;

/// <summary>
/// Price + all Greeks for a 4,096-option SPX-like chain (0DTE to a year, calls and puts, strikes ±25 %):
/// a loop over the scalar <see cref="BlackScholesMerton.Evaluate"/> against the struct-of-arrays batch
/// on each of its paths, and implied volatility + Greeks in one batch call. OperationsPerInvoke is the
/// chain size, so Mean is already per option.
/// </summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    public const int Count = 4096;

    private const double Spot = 4500.0;
    private const double Rate = 0.045;
    private const double Dividend = 0.013;

    private readonly OptionChainBatch _batch = new(Count);
    private readonly OptionGreeks[] _scalarResults = new OptionGreeks[Count];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20240315);
        double[] tenors = [20.0 / (60 * 24 * 365), 5.5 / (24 * 365), 1.0 / 365, 7.0 / 365, 30.0 / 365, 120.0 / 365, 1.0];
        _batch.Count = Count;
        for (int i = 0; i < Count; i++)
        {
            double years = tenors[i % tenors.Length];
            double strike = Math.Round(Spot * (0.75 + (0.5 * random.NextDouble())) / 5.0) * 5.0;
            double moneyness = Math.Log(strike / Spot);
            double vol = Math.Clamp(0.16 - (0.35 * moneyness) + (1.5 * moneyness * moneyness), 0.08, 1.5);
            OptionRight right = (i & 1) == 0 ? OptionRight.Call : OptionRight.Put;
            _batch.Set(i, right, Spot, strike, years, Rate, Dividend, vol);
            _batch.MarketPrices[i] = BlackScholesMerton.Price(right, Spot, strike, years, Rate, Dividend, vol);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public double ScalarLoop()
    {
        ReadOnlySpan<OptionRight> rights = _batch.Rights;
        ReadOnlySpan<double> strikes = _batch.Strikes;
        ReadOnlySpan<double> years = _batch.Years;
        ReadOnlySpan<double> vols = _batch.Volatilities;
        for (int i = 0; i < rights.Length; i++)
        {
            _scalarResults[i] = BlackScholesMerton.Evaluate(rights[i], Spot, strikes[i], years[i], Rate, Dividend, vols[i]);
        }

        return _scalarResults[^1].Price;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double BatchScalar()
    {
        ChainEvaluator.EvaluateGreeks(_batch, BatchPath.Scalar);
        return _batch.Prices[^1];
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double BatchVector256()
    {
        ChainEvaluator.EvaluateGreeks(_batch, BatchPath.Vector256);
        return _batch.Prices[^1];
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double BatchVector512()
    {
        ChainEvaluator.EvaluateGreeks(_batch, BatchPath.Vector512);
        return _batch.Prices[^1];
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double BatchImpliedVolatilityAndGreeks()
    {
        ChainEvaluator.SolveImpliedVolatilitiesAndGreeks(_batch);
        return _batch.Prices[^1];
    }
}

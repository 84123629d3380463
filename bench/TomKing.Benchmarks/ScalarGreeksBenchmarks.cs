using BenchmarkDotNet.Attributes;
using TomKing.Greeks;

namespace TomKing.Benchmarks;

/// <summary>
/// Scalar price + Greeks and implied volatility over a realistic mixed chain (SPX-like strikes from
/// 0DTE to a year, calls and puts, OTM and ITM). Reported per option: Mean / <see cref="Count"/>.
/// </summary>
[MemoryDiagnoser]
public class ScalarGreeksBenchmarks
{
    public const int Count = 1024;

    private readonly OptionRight[] _rights = new OptionRight[Count];
    private readonly double[] _strikes = new double[Count];
    private readonly double[] _years = new double[Count];
    private readonly double[] _vols = new double[Count];
    private readonly double[] _prices = new double[Count];
    private const double Spot = 3800.0;
    private const double Rate = 0.02;
    private const double Dividend = 0.013;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20210108);
        double[] tenors = [5.5 / (24 * 365), 1.0 / 365, 7.0 / 365, 30.0 / 365, 120.0 / 365, 1.0];
        for (int i = 0; i < Count; i++)
        {
            _rights[i] = (i & 1) == 0 ? OptionRight.Call : OptionRight.Put;
            _years[i] = tenors[i % tenors.Length];
            double width = 0.25 * Math.Sqrt(_years[i]) * Spot;
            _strikes[i] = Math.Round((Spot + ((random.NextDouble() * 6.0) - 3.0) * width) / 5.0) * 5.0;
            _vols[i] = 0.12 + (0.3 * random.NextDouble());
            _prices[i] = BlackScholesMerton.Price(_rights[i], Spot, _strikes[i], _years[i], Rate, Dividend, _vols[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "BSM price only")]
    public double Price()
    {
        double sum = 0;
        for (int i = 0; i < Count; i++)
        {
            sum += BlackScholesMerton.Price(_rights[i], Spot, _strikes[i], _years[i], Rate, Dividend, _vols[i]);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "BSM price + all Greeks (1st and 2nd order)")]
    public double PriceAndGreeks()
    {
        double sum = 0;
        for (int i = 0; i < Count; i++)
        {
            OptionGreeks g = BlackScholesMerton.Evaluate(_rights[i], Spot, _strikes[i], _years[i], Rate, Dividend, _vols[i]);
            sum += g.Price + g.Delta + g.Gamma + g.Vega + g.Theta + g.Rho;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "BSM price + first-order Greeks (+ gamma, dividend rho)")]
    public double PriceAndFirstOrderGreeks()
    {
        double sum = 0;
        for (int i = 0; i < Count; i++)
        {
            FirstOrderGreeks g = BlackScholesMerton.EvaluateFirstOrder(_rights[i], Spot, _strikes[i], _years[i], Rate, Dividend, _vols[i]);
            sum += g.Price + g.Delta + g.Gamma + g.Vega + g.Theta + g.Rho + g.DividendRho;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "Implied volatility (BSM)")]
    public double ImpliedVol()
    {
        double sum = 0;
        for (int i = 0; i < Count; i++)
        {
            sum += ImpliedVolatility.FromSpot(_rights[i], _prices[i], Spot, _strikes[i], _years[i], Rate, Dividend).Volatility;
        }

        return sum;
    }
}

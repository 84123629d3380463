using BenchmarkDotNet.Attributes;
using TomKing.Greeks;

namespace TomKing.Benchmarks;

/// <summary>
/// American option price, price + Greeks and implied volatility over a realistic mix: SPY-like spot
/// 450, strikes ±20 %, 1 day to 2 years (log-uniform), volatility 0.1–0.6, r = 0.045, q = 0.013, calls
/// and puts, a fifth of them options on futures (q = r). Reported per option: Mean / <see cref="Count"/>.
/// </summary>
[MemoryDiagnoser]
public class AmericanBenchmarks
{
    public const int Count = 256;

    private const double Spot = 450.0;
    private const double Rate = 0.045;
    private readonly OptionRight[] _rights = new OptionRight[Count];
    private readonly double[] _strikes = new double[Count];
    private readonly double[] _years = new double[Count];
    private readonly double[] _yields = new double[Count];
    private readonly double[] _vols = new double[Count];
    private readonly double[] _prices = new double[Count];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20240607);
        for (int i = 0; i < Count; i++)
        {
            _rights[i] = (i & 1) == 0 ? OptionRight.Call : OptionRight.Put;
            _strikes[i] = Spot * (0.8 + (0.4 * random.NextDouble()));
            _years[i] = Math.Exp(Math.Log(1.0 / 365.0) + (random.NextDouble() * Math.Log(730.0)));
            _yields[i] = i % 5 == 0 ? Rate : 0.013;
            _vols[i] = 0.1 + (0.5 * random.NextDouble());
            _prices[i] = AmericanOption.Price(_rights[i], Spot, _strikes[i], _years[i], Rate, _yields[i], _vols[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "American price")]
    public double Price()
    {
        double sum = 0;
        for (int i = 0; i < Count; i++)
        {
            sum += AmericanOption.Price(_rights[i], Spot, _strikes[i], _years[i], Rate, _yields[i], _vols[i]);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "American price + Greeks")]
    public double Evaluate()
    {
        double sum = 0;
        for (int i = 0; i < Count; i++)
        {
            OptionGreeks g = AmericanOption.Evaluate(_rights[i], Spot, _strikes[i], _years[i], Rate, _yields[i], _vols[i]);
            sum += g.Price + g.Delta + g.Gamma + g.Vega + g.Theta + g.Rho;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "American implied volatility")]
    public double ImpliedVolatility()
    {
        double sum = 0;
        for (int i = 0; i < Count; i++)
        {
            sum += AmericanOption.ImpliedVolatility(_rights[i], _prices[i], Spot, _strikes[i], _years[i], Rate, _yields[i]).Volatility;
        }

        return sum;
    }
}

using TomKing.Greeks;

namespace TomKing.Cli.Commands;

/// <summary>A deterministic SPX-like chain for measurements: strikes within ±3σ, tenors from 0DTE at
/// 10:30 to one year, calls and puts, vols 12–42 %, prices from the model so every IV is solvable.</summary>
internal sealed class SampleChain
{
    public const double Spot = 3800.0;
    public const double Rate = 0.02;
    public const double Dividend = 0.013;

    private SampleChain(int n)
    {
        Rights = new OptionRight[n];
        Strikes = new double[n];
        Years = new double[n];
        Vols = new double[n];
        Prices = new double[n];
    }

    public OptionRight[] Rights { get; }

    public double[] Strikes { get; }

    public double[] Years { get; }

    public double[] Vols { get; }

    public double[] Prices { get; }

    public static SampleChain Create(int n)
    {
        var chain = new SampleChain(n);
        var random = new Random(20210108);
        double[] tenors = [5.5 / (24 * 365), 1.0 / 365, 7.0 / 365, 30.0 / 365, 120.0 / 365, 1.0];
        for (int i = 0; i < n; i++)
        {
            chain.Rights[i] = (i & 1) == 0 ? OptionRight.Call : OptionRight.Put;
            chain.Years[i] = tenors[i % tenors.Length];
            double width = 0.25 * Math.Sqrt(chain.Years[i]) * Spot;
            chain.Strikes[i] = Math.Round((Spot + (((random.NextDouble() * 6.0) - 3.0) * width)) / 5.0) * 5.0;
            chain.Vols[i] = 0.12 + (0.3 * random.NextDouble());
            chain.Prices[i] = BlackScholesMerton.Price(chain.Rights[i], Spot, chain.Strikes[i], chain.Years[i], Rate, Dividend, chain.Vols[i]);
        }

        return chain;
    }
}

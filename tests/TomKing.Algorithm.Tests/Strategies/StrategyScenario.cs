using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Risk;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies;
using TomKing.Algorithm.Testing;
using TomKing.Greeks;

namespace TomKing.Algorithm.Tests.Strategies;

/// <summary>A hand-built world for one strategy scenario: clock, market, portfolio, rulebook, BP model.</summary>
internal sealed class StrategyScenario
{
    public StrategyScenario(DateTime now, decimal netLiquidation = 50_000m)
    {
        Clock = new FakeClock(now);
        Portfolio.NetLiquidation = netLiquidation;
    }

    public FakeClock Clock { get; }

    public FakeMarket Market { get; } = new();

    public FakePortfolio Portfolio { get; } = new();

    public RulebookSettings Rules { get; set; } = RulebookSettings.Default;

    public IBuyingPowerModel? BuyingPower { get; set; }

    public DecisionContext Context()
    {
        var context = new DecisionContext(Clock, Market, Portfolio, Rules) { BuyingPower = BuyingPower };
        context.Refresh();
        return context;
    }

    public DecisionOutput Run(IStrategy strategy)
    {
        var output = new DecisionOutput();
        strategy.Evaluate(Context(), output);
        return output;
    }

    /// <summary>A put skew: vol rises as the strike falls below spot.</summary>
    public static Func<double, double> Skew(double spot, double atm = 0.18, double slope = 0.8) =>
        k => Math.Clamp(atm - (slope * ((k / spot) - 1.0)), 0.08, 0.9);

    public static IEnumerable<double> Grid(double from, double to, double step)
    {
        for (double k = from; k <= to + 1e-9; k += step)
        {
            yield return Math.Round(k, 6);
        }
    }

    public static OptionChain Chain(string root, DateTime asOf, double spot, DateOnly expiry, IEnumerable<double> strikes, double halfSpread = 0.05, Func<double, double>? vol = null) =>
        new OptionChainBuilder(InstrumentCatalogue.Get(root))
            .AsOf(asOf)
            .UnderlyingPrice(spot)
            .AddModelQuotes(expiry, strikes, vol ?? Skew(spot), halfSpread)
            .Build();

    /// <summary>Delta of a quoted contract computed here, independently of the chain's cache: IV from the mid
    /// by TomKing.Greeks on the forward spot × e^(0·T) (zero rates), then Black-76 delta.</summary>
    public static double IndependentDelta(ChainExpiry expiry, int index, OptionRight right, DateTime asOf, double spot)
    {
        var q = expiry.QuoteAt(index, right);
        if (!q.IsUsable)
        {
            return double.NaN;
        }

        double years = ExpiryTime.YearsToExpiry(asOf, expiry.Expiry, expiry.Settlement.Style);
        var iv = ImpliedVolatility.FromForward(right, q.Mid, spot, expiry.Strikes[index], years, 1.0);
        return iv.IsSolved ? Black76.Evaluate(right, spot, expiry.Strikes[index], years, 0.0, iv.Volatility).Delta : double.NaN;
    }

    /// <summary>The strike whose independently computed |delta| is closest to the target, at most max.</summary>
    public static double IndependentClosestDeltaStrike(ChainExpiry expiry, OptionRight right, double target, double max, DateTime asOf, double spot)
    {
        double best = double.NaN, bestGap = double.MaxValue;
        for (int i = 0; i < expiry.Count; i++)
        {
            double d = Math.Abs(IndependentDelta(expiry, i, right, asOf, spot));
            if (double.IsNaN(d) || d > max)
            {
                continue;
            }

            if (Math.Abs(d - target) < bestGap)
            {
                bestGap = Math.Abs(d - target);
                best = expiry.Strikes[i];
            }
        }

        return best;
    }
}

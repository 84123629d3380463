using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Algorithm.Strategies;

/// <summary>
/// Everything a decision reads, as of one instant: the ports, the rulebook, and the regime and phase
/// already classified for this instant (so every strategy and the risk engine agree on them). A class
/// reused across events by the host (fields are refreshed, not reallocated).
/// </summary>
public sealed class DecisionContext
{
    /// <summary>Creates a context over the host's ports.</summary>
    public DecisionContext(IClock clock, IMarketView market, IPortfolioView portfolio, RulebookSettings rules)
    {
        Clock = clock;
        Market = market;
        Portfolio = portfolio;
        Rules = rules;
    }

    /// <summary>Exchange-time clock.</summary>
    public IClock Clock { get; }

    /// <summary>Market view.</summary>
    public IMarketView Market { get; }

    /// <summary>Portfolio view.</summary>
    public IPortfolioView Portfolio { get; }

    /// <summary>The rulebook in force.</summary>
    public RulebookSettings Rules { get; }

    /// <summary>The buying-power model strategies size with and the risk engine checks with
    /// (null only in tests that do not size).</summary>
    public IBuyingPowerModel? BuyingPower { get; init; }

    /// <summary>P-1 regime now (refreshed by <see cref="Refresh"/>).</summary>
    public VixRegime Regime { get; private set; } = VixRegime.Unknown;

    /// <summary>The VIX reading behind <see cref="Regime"/> (NaN value when none).</summary>
    public VixReading Vix { get; private set; } = new(double.NaN, VixSource.Feed, default);

    /// <summary>P-2 phase now.</summary>
    public AccountPhase Phase { get; private set; } = AccountPhase.Phase1;

    /// <summary>Re-reads the VIX and net liq and re-classifies regime and phase; the host calls it once per event.</summary>
    public void Refresh()
    {
        if (Market.TryGetVix(out VixReading vix))
        {
            Vix = vix;
            Regime = Rules.Regimes.Classify(vix.Value);
        }
        else
        {
            Vix = new VixReading(double.NaN, VixSource.Feed, Clock.Now);
            Regime = VixRegime.Unknown;
        }

        Phase = Rules.Phases.Classify(Portfolio.NetLiquidation);
    }
}

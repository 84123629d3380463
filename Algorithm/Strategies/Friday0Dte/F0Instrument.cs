using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Algorithm.Strategies.Friday0Dte;

/// <summary>
/// Which instrument F0 trades (P-2's "0DTE instrument" column): the first of the phase's
/// <see cref="PhaseRules.ZeroDteInstruments"/> whose option chain the market view has with an expiry
/// today. With index-option data (SPXW) the Phase 2–4 lists reach SPX/SPXW with the same point
/// distances; the Phase 1 list (MES, XSP, SPY) never names SPX/SPXW, so a Phase 1 account with only SPXW
/// data does not trade F0 (RULEBOOK-NOTES P-2).
/// </summary>
public static class F0Instrument
{
    /// <summary>Chooses the 0DTE chain and today's expiry for a phase.</summary>
    /// <param name="phase">The phase's rules.</param>
    /// <param name="market">The market view.</param>
    /// <param name="today">Today's exchange date (the F0-3 expiry).</param>
    /// <param name="chain">The chosen chain.</param>
    /// <param name="expiry">Its expiry today.</param>
    /// <returns>False when none of the phase's instruments has a chain expiring today.</returns>
    public static bool TryChoose(PhaseRules phase, IMarketView market, DateOnly today, out OptionChain chain, out ChainExpiry expiry)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(market);
        IReadOnlyList<string> instruments = phase.ZeroDteInstruments;
        for (int i = 0; i < instruments.Count; i++)
        {
            if (market.TryGetChain(new Ticker(instruments[i]), out chain) && chain.TryGetExpiry(today, out expiry))
            {
                return true;
            }
        }

        chain = null!;
        expiry = null!;
        return false;
    }

    /// <summary>F0-3 wing distance in the root's points: the rulebook's 30 are ES/SPX points; SPY and XSP
    /// trade at a tenth of SPX, so their wing is a tenth as wide.</summary>
    public static double WingPointsFor(Ticker root, double indexPoints) =>
        root.Symbol is "SPY" or "XSP" ? indexPoints / 10.0 : indexPoints;
}

using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Ports;

/// <summary>
/// The account as the risk engine and strategies see it: net liq and its reference points (P-2 phase,
/// P-5 drawdown, P-6 circuit breakers), buying power in use (P-1), open positions (P-2 counts, P-3
/// groups, P-4 expiries) and beta-weighted Greeks (P-7). Money is <see cref="decimal"/>. Implemented by
/// the portfolio (embedded engine) or over LEAN's <c>Portfolio</c>. Members are allocation-free.
/// </summary>
public interface IPortfolioView
{
    /// <summary>Net liquidation value now, USD.</summary>
    decimal NetLiquidation { get; }

    /// <summary>Net liq at the start of today's session (P-6 daily breaker).</summary>
    decimal StartOfDayNetLiquidation { get; }

    /// <summary>Net liq at the start of this trading week (P-6 weekly breaker).</summary>
    decimal StartOfWeekNetLiquidation { get; }

    /// <summary>Net liq at the start of this calendar month (P-6 monthly breaker).</summary>
    decimal StartOfMonthNetLiquidation { get; }

    /// <summary>Highest net liq seen (P-5 drawdown ladder); journaled so it survives restarts.</summary>
    decimal HighWaterMark { get; }

    /// <summary>Buying power in use by all open positions and working entry orders, USD.</summary>
    decimal BuyingPowerInUse { get; }

    /// <summary>All open (filled, at least one leg held) positions, each with the structure it holds now
    /// (after adjustments). Working entries are not here (see <see cref="WorkingEntries"/>), so strategies
    /// and risk exits only manage what is held. The span is valid until the next portfolio event.</summary>
    ReadOnlySpan<OpenPosition> OpenPositions { get; }

    /// <summary>Positions whose entry order is still working (reserved, not yet filled): quantity 0, the
    /// entry structure, the buying power reserved for the order (if any). P-2 (max positions) and P-4 (no
    /// shared expiry) count them with <see cref="OpenPositions"/>, so two entries in flight cannot both
    /// pass. An entry leaves this list at its first fill (into <see cref="OpenPositions"/>) or when its
    /// order is cancelled or rejected unfilled. Default: none (a view without working-order knowledge).
    /// The span is valid until the next portfolio event.</summary>
    ReadOnlySpan<OpenPosition> WorkingEntries => default;

    /// <summary>Positions owned by a strategy: open positions plus working entries
    /// (<see cref="WorkingEntries"/>), so a count-limited entry (P-2 IPMCC count) sees entries in flight.</summary>
    int CountOpen(StrategyId strategy);

    /// <summary>Positions in a P-3 group: open positions plus working entries
    /// (<see cref="WorkingEntries"/>), so two entries in flight cannot both pass P-3.</summary>
    int CountOpen(CorrelationGroup group);

    /// <summary>Portfolio Greeks beta-weighted to SPY (P-7), every held leg included.</summary>
    PortfolioGreeks BetaWeightedGreeks { get; }

    /// <summary>The part of <see cref="BetaWeightedGreeks"/>' gamma held in legs expiring on or before
    /// <paramref name="day"/> (SPY shares per 1.00 of SPY). P-7 leaves same-day expiries out of its gamma
    /// test (RULEBOOK-NOTES "P-7 Greeks limits"): it tests <c>BetaWeightedGreeks.Gamma</c> minus this for the
    /// decision day; their delta still counts. Default 0 (nothing excluded: the conservative answer of a
    /// view that cannot split its gamma by expiry).</summary>
    double GammaExpiringBy(DateOnly day) => 0.0;

    /// <summary>P-4: true when an open position or a working entry of <paramref name="strategy"/> in
    /// <paramref name="group"/> has <paramref name="expiry"/> as its structure's nearest expiry. Default:
    /// a walk over <see cref="OpenPositions"/> and <see cref="WorkingEntries"/>; a view may answer from
    /// an index it keeps (the same answer).</summary>
    bool UsesExpiry(StrategyId strategy, CorrelationGroup group, DateOnly expiry) =>
        Walk(OpenPositions, strategy, group, expiry) || Walk(WorkingEntries, strategy, group, expiry);

    private static bool Walk(ReadOnlySpan<OpenPosition> positions, StrategyId strategy, CorrelationGroup group, DateOnly expiry)
    {
        foreach (ref readonly var p in positions)
        {
            if (p.Strategy == strategy && p.Group == group && p.Structure.NearestExpiry == expiry)
            {
                return true;
            }
        }

        return false;
    }
}

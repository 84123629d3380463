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

    /// <summary>All open positions. The span is valid until the next portfolio event.</summary>
    ReadOnlySpan<OpenPosition> OpenPositions { get; }

    /// <summary>Open positions owned by a strategy.</summary>
    int CountOpen(StrategyId strategy);

    /// <summary>Open positions in a P-3 group.</summary>
    int CountOpen(CorrelationGroup group);

    /// <summary>Portfolio Greeks beta-weighted to SPY (P-7).</summary>
    PortfolioGreeks BetaWeightedGreeks { get; }
}

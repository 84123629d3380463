using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;

namespace TomKing.Engine.Replay;

/// <summary>
/// A market the replay kernel can drive minute by minute: the strategies' <see cref="IMarketView"/>
/// plus what the kernel and the simulated venue need — the trading days, the decision minutes of a
/// day, moving the clock, quoting any held contract (fills and marks, even off the chain the
/// strategies read), settlement values at expiry, and an honest account of data problems. Implemented
/// over the synthetic market and over LEAN-format files.
/// </summary>
public interface IReplayMarket : IMarketView
{
    /// <summary>Human-readable source ("synthetic (seed 20240805)", "LEAN ../shared/data/lean").</summary>
    string Description { get; }

    /// <summary>Trading days of the run, ascending (holidays and weekends excluded).</summary>
    IReadOnlyList<DateOnly> TradingDays { get; }

    /// <summary>The minutes of <paramref name="day"/> at which the kernel evaluates (bar end times,
    /// Eastern; 09:31 … 16:00, or 13:00 on early closes), ascending.</summary>
    IReadOnlyList<DateTime> EvaluationTimes(DateOnly day);

    /// <summary>Moves the market to an Eastern instant; every view member answers as of it.
    /// Returns the number of market events applied to reach it (quotes/bars), for throughput.</summary>
    long AdvanceTo(DateTime eastern);

    /// <summary>Quote of any contract as of the current instant (for fills and marks).</summary>
    bool TryQuote(in OptionContract contract, out Quote quote);

    /// <summary>The settlement value of an underlying for an option expiring <paramref name="expiry"/>
    /// with <paramref name="settlement"/> (PM: the close; AM: the opening print) — cash settlement,
    /// assignment and exercise use it.</summary>
    bool TryGetSettlementPrice(Ticker underlying, DateOnly expiry, OptionSettlement settlement, out double price);

    /// <summary>Data problems met so far (missing days, skipped rows), each stated once; never silent.</summary>
    IReadOnlyList<string> Warnings { get; }
}

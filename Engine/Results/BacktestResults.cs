using System.Text.Json.Serialization;

namespace TomKing.Engine.Results;

/// <summary>
/// Everything one backtest produced, as written to the JSON results file and rendered by the HTML
/// report (<c>tomking report</c> re-renders from the JSON alone, so the report needs nothing else).
/// Times are US/Eastern exchange time; money is USD; latencies are microseconds.
/// </summary>
public sealed record BacktestResults
{
    /// <summary>What was run and how long it took.</summary>
    public required RunInfo Run { get; init; }

    /// <summary>Account-level performance.</summary>
    public required PerformanceSummary Summary { get; init; }

    /// <summary>Per-strategy P&amp;L and counts (all five strategies, including those that never traded).</summary>
    public required IReadOnlyList<StrategySummary> Strategies { get; init; }

    /// <summary>One point per trading day at the close.</summary>
    public required IReadOnlyList<EquityPoint> Equity { get; init; }

    /// <summary>Closed and still-open positions.</summary>
    public required IReadOnlyList<TradeRecord> Trades { get; init; }

    /// <summary>Every combo order sent to the venue.</summary>
    public required IReadOnlyList<OrderRecord> Orders { get; init; }

    /// <summary>Every strategy decision (RULEBOOK section 3): enters, skips with reasons, adjusts, exits.</summary>
    public required IReadOnlyList<DecisionEntry> Decisions { get; init; }

    /// <summary>P-1 regime changes with their timestamps and detection latency.</summary>
    public required IReadOnlyList<RegimeChange> RegimeChanges { get; init; }

    /// <summary>Decision latency per strategy and stage.</summary>
    public required IReadOnlyList<LatencySummary> Latency { get; init; }

    /// <summary>Data gaps, skipped files, anything the user should know (never silent).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>True when the run was cancelled (Ctrl+C) before its last day: the results cover the trading days
    /// completed to their close (<see cref="RunInfo.To"/> is the last of them) and a warning says so.</summary>
    public bool Cancelled { get; init; }
}

/// <summary>What was run.</summary>
/// <param name="Version">TomKing version string.</param>
/// <param name="DataSource">"synthetic (seed N)" or the LEAN data folder as given by the user.</param>
/// <param name="Seed">Synthetic seed (null for LEAN data).</param>
/// <param name="From">First trading day.</param>
/// <param name="To">Last trading day.</param>
/// <param name="StartingCash">Initial net liq.</param>
/// <param name="Strategies">Enabled strategies ("F0", "L112", "FS", "IPMCC", "LPL").</param>
/// <param name="Rulebook">"built-in" or the rulebook file as given.</param>
/// <param name="TradingDays">Trading days replayed.</param>
/// <param name="Events">Market events processed (quotes/bars applied).</param>
/// <param name="WallSeconds">Wall-clock duration of the replay (not part of determinism checks).</param>
/// <param name="EventsPerSecond">Events / WallSeconds.</param>
/// <param name="PeakWorkingSetMb">Peak working set during the run.</param>
public sealed record RunInfo(
    string Version,
    string DataSource,
    ulong? Seed,
    DateOnly From,
    DateOnly To,
    decimal StartingCash,
    IReadOnlyList<string> Strategies,
    string Rulebook,
    int TradingDays,
    long Events,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double WallSeconds,
    double EventsPerSecond,
    double PeakWorkingSetMb);

/// <summary>Account performance over the run.</summary>
/// <param name="StartingNetLiq">Net liq at the start.</param>
/// <param name="EndingNetLiq">Net liq at the end (open positions marked at mid).</param>
/// <param name="NetProfit">Ending − starting.</param>
/// <param name="TotalFees">Commissions and fees paid.</param>
/// <param name="Cagr">Compound annual growth rate (fraction; 0.12 = 12 %).</param>
/// <param name="Sharpe">Annualized Sharpe ratio of daily returns (risk-free 0, √252).</param>
/// <param name="Sortino">Annualized Sortino ratio of daily returns (downside deviation, √252).</param>
/// <param name="MaxDrawdown">Largest peak-to-trough fall of net liq between daily closes, the peak starting at the
/// starting net liq (fraction, positive); the deepest <see cref="EquityPoint.Drawdown"/>.</param>
/// <param name="Trades">Closed positions.</param>
/// <param name="WinRate">Share of closed positions with positive realized P&amp;L (fraction).</param>
public sealed record PerformanceSummary(
    decimal StartingNetLiq,
    decimal EndingNetLiq,
    decimal NetProfit,
    decimal TotalFees,
    double Cagr,
    double Sharpe,
    double Sortino,
    double MaxDrawdown,
    int Trades,
    double WinRate);

/// <summary>One strategy's results.</summary>
/// <param name="Strategy">"F0", "L112", "FS", "IPMCC" or "LPL".</param>
/// <param name="Entries">Positions opened.</param>
/// <param name="ClosedTrades">Positions closed.</param>
/// <param name="WinRate">Share of closed positions that made money.</param>
/// <param name="RealizedPnl">Realized P&amp;L after fees.</param>
/// <param name="UnrealizedPnl">Open positions at the end, marked at mid.</param>
/// <param name="Skips">Skip decisions (entries that were due but did not happen).</param>
/// <param name="TopSkipReasons">Most frequent skip reasons with counts, e.g. "P-3 group A2 full: 12".</param>
public sealed record StrategySummary(
    string Strategy,
    int Entries,
    int ClosedTrades,
    double WinRate,
    decimal RealizedPnl,
    decimal UnrealizedPnl,
    int Skips,
    IReadOnlyList<string> TopSkipReasons);

/// <summary>End-of-day account state.</summary>
/// <param name="Date">Trading day.</param>
/// <param name="NetLiq">Net liq at the close.</param>
/// <param name="Drawdown">Fall of this close from the highest daily close before it, starting at the starting net liq
/// (fraction, ≥ 0); <see cref="PerformanceSummary.MaxDrawdown"/> is the largest of these (one definition,
/// <see cref="PerformanceMetrics.Drawdowns"/>).</param>
/// <param name="BuyingPowerInUse">BP in use at the close.</param>
/// <param name="Vix">VIX (or model-free equivalent) at the close; NaN when none.</param>
/// <param name="Regime">P-1 regime at the close ("VeryLow" … "Extreme", "Unknown").</param>
/// <param name="Phase">P-2 phase at the close (1–4).</param>
/// <param name="OpenPositions">Open positions at the close.</param>
public sealed record EquityPoint(
    DateOnly Date,
    decimal NetLiq,
    double Drawdown,
    decimal BuyingPowerInUse,
    double Vix,
    string Regime,
    int Phase,
    int OpenPositions);

/// <summary>One position from entry to exit.</summary>
/// <param name="Position">Position id ("P12").</param>
/// <param name="Strategy">Owning strategy.</param>
/// <param name="Structure">Human-readable structure, e.g. "SPXW 2021-01-08 IC 3670/3700P 3900/3930C".</param>
/// <param name="Quantity">Units.</param>
/// <param name="Opened">Eastern time of the first entry fill.</param>
/// <param name="Closed">Eastern time of the last exit fill (null while open).</param>
/// <param name="EntryPrice">Net price per unit at entry (LEAN sign convention: credit negative).</param>
/// <param name="ExitPrice">Net price per unit at exit (null while open).</param>
/// <param name="RealizedPnl">After fees.</param>
/// <param name="Fees">Fees on all its fills.</param>
/// <param name="ExitReason">Rule IDs and reason of the exit (e.g. "F0-5 take profit"; "expired"; null while open).</param>
public sealed record TradeRecord(
    string Position,
    string Strategy,
    string Structure,
    int Quantity,
    DateTime Opened,
    DateTime? Closed,
    decimal EntryPrice,
    decimal? ExitPrice,
    decimal RealizedPnl,
    decimal Fees,
    string? ExitReason);

/// <summary>One combo order.</summary>
/// <param name="ClientId">Pipeline id ("C42").</param>
/// <param name="Time">Eastern submission time.</param>
/// <param name="Strategy">Owning strategy.</param>
/// <param name="Position">Position id.</param>
/// <param name="Tag">Rule IDs carried on the order.</param>
/// <param name="Quantity">Signed units (LEAN convention).</param>
/// <param name="LimitPrice">Last limit (after repricing).</param>
/// <param name="Repricings">Ladder steps taken (P-10).</param>
/// <param name="FinalState">Filled, Cancelled, Rejected, …</param>
/// <param name="FilledQuantity">Units filled.</param>
/// <param name="AverageFillPrice">Net combo price per unit of the fills (null when none).</param>
public sealed record OrderRecord(
    string ClientId,
    DateTime Time,
    string Strategy,
    string Position,
    string Tag,
    int Quantity,
    decimal LimitPrice,
    int Repricings,
    string FinalState,
    int FilledQuantity,
    decimal? AverageFillPrice);

/// <summary>A decision record flattened for JSON (see <c>TomKing.Algorithm.Decisions.DecisionRecord</c>).</summary>
/// <param name="Time">Eastern time.</param>
/// <param name="Strategy">Strategy.</param>
/// <param name="Kind">Enter, Skip, Adjust, Exit.</param>
/// <param name="RuleIds">Rule IDs that fired.</param>
/// <param name="Reason">Why.</param>
/// <param name="Spot">Underlying price.</param>
/// <param name="Vix">VIX used (NaN when none).</param>
/// <param name="Regime">P-1 regime.</param>
/// <param name="Phase">P-2 phase.</param>
/// <param name="Strikes">Chosen strikes (leg order; empty when none).</param>
/// <param name="Deltas">Their deltas.</param>
/// <param name="Order">Client order id produced ("" when none).</param>
/// <param name="Quantity">Units ordered.</param>
/// <param name="MicrosMarketView">Stage cost: market view.</param>
/// <param name="MicrosStrategy">Stage cost: strategy logic.</param>
/// <param name="MicrosRisk">Stage cost: risk checks.</param>
/// <param name="MicrosOrder">Stage cost: order construction.</param>
public sealed record DecisionEntry(
    DateTime Time,
    string Strategy,
    string Kind,
    string RuleIds,
    string Reason,
    double Spot,
    double Vix,
    string Regime,
    int Phase,
    IReadOnlyList<double> Strikes,
    IReadOnlyList<double> Deltas,
    string Order,
    int Quantity,
    double MicrosMarketView,
    double MicrosStrategy,
    double MicrosRisk,
    double MicrosOrder);

/// <summary>A P-1 regime transition.</summary>
/// <param name="Time">Eastern time of the quote that crossed the threshold.</param>
/// <param name="From">Previous regime.</param>
/// <param name="To">New regime.</param>
/// <param name="Vix">VIX value that crossed.</param>
/// <param name="DetectionMicros">Wall-clock latency from applying that quote to the regime event.</param>
public sealed record RegimeChange(DateTime Time, string From, string To, double Vix, double DetectionMicros);

/// <summary>Latency distribution of one strategy's decisions in one stage (or "total").</summary>
/// <param name="Strategy">Strategy ("all" for the aggregate).</param>
/// <param name="Stage">"MarketView", "Strategy", "Risk", "OrderConstruction" or "Total".</param>
/// <param name="Count">Samples.</param>
/// <param name="P50">Median, µs.</param>
/// <param name="P99">99th percentile, µs.</param>
/// <param name="P999">99.9th percentile, µs.</param>
/// <param name="Max">Maximum, µs.</param>
/// <param name="Buckets">Histogram for the report chart: (upper bound µs, count) pairs.</param>
public sealed record LatencySummary(
    string Strategy,
    string Stage,
    long Count,
    double P50,
    double P99,
    double P999,
    double Max,
    IReadOnlyList<LatencyBucket> Buckets);

/// <summary>One histogram bucket.</summary>
/// <param name="UpperMicros">Upper bound of the bucket, µs.</param>
/// <param name="Count">Samples in it.</param>
public sealed record LatencyBucket(double UpperMicros, long Count);

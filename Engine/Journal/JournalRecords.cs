using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Engine.Journal;

/// <summary>Payload of <see cref="JournalEntryKind.SessionStart"/>.</summary>
/// <param name="Mode">Where the session trades: "live", "sandbox" or "emulator".</param>
/// <param name="AccountSuffix">The last four characters of the account number (never the whole number).</param>
/// <param name="Build">The tomking build that wrote the session.</param>
/// <param name="StartingCash">Net liq at the account's first run (null on later runs).</param>
public readonly record struct SessionStartRecord(string Mode, string AccountSuffix, string Build, decimal? StartingCash = null);

/// <summary>Payload of <see cref="JournalEntryKind.OrderSubmitted"/>: everything needed to recognise the
/// order at the broker after a restart and to keep pricing it.</summary>
/// <param name="Request">The combo order as sent.</param>
/// <param name="Intent">Open, close or adjust.</param>
/// <param name="Pricing">Mid-then-ladder or natural (P-10).</param>
/// <param name="Mid">Net combo mid per unit at decision time (signed, the intent's convention).</param>
/// <param name="Natural">Net combo natural per unit (signed).</param>
/// <param name="WindowEnd">Eastern time at which an unfilled order is cancelled (<see cref="DateTime.MaxValue"/>: session end).</param>
/// <param name="SubmittedAt">Market time (Eastern) it was handed to the port: the ladder's clock. Null in journals
/// written before it was stored (the entry's wall time stands in, which is the market time live).</param>
public readonly record struct SubmittedOrder(
    ComboOrderRequest Request,
    IntentKind Intent,
    PricingPolicy Pricing,
    double Mid,
    double Natural,
    DateTime WindowEnd,
    DateTime? SubmittedAt = null);

/// <summary>Payload of <see cref="JournalEntryKind.OrderAcknowledged"/>: the broker's names for an order.</summary>
/// <param name="BrokerOrderId">The broker's order id (text, as the live venue reports it).</param>
/// <param name="ExternalId">The external identifier sent with the order (matches it after a restart).</param>
public readonly record struct Acknowledgement(string BrokerOrderId, string ExternalId);

/// <summary>Payload of <see cref="JournalEntryKind.CancelRequested"/>.</summary>
/// <param name="Reason">Why (window end, position busy, session end, operator).</param>
public readonly record struct CancelRequest(string Reason);

/// <summary>Payload of <see cref="JournalEntryKind.ReplaceRequested"/>.</summary>
/// <param name="NewLimitPrice">The new net combo limit per unit (signed).</param>
/// <param name="Steps">P-10 ladder steps taken with this replace.</param>
/// <param name="Reason">Why (ladder step n, cross to natural).</param>
public readonly record struct ReplaceRequest(decimal NewLimitPrice, int Steps, string Reason);

/// <summary>Payload of <see cref="JournalEntryKind.StrategyState"/>: what a strategy must remember across a
/// restart.</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="LastEntryDecision">The trading day of its last entry decision (null: none yet), so a restart
/// does not enter twice on one day.</param>
public readonly record struct StrategyStateRecord(StrategyId Strategy, DateOnly? LastEntryDecision);

/// <summary>Payload of <see cref="JournalEntryKind.ReferencePoints"/>: the net liq references the risk
/// rules measure drawdowns from (P-5, P-6).</summary>
/// <param name="Date">The trading day they apply to.</param>
/// <param name="StartOfDay">Net liq at the start of the day, USD.</param>
/// <param name="StartOfWeek">Net liq at the start of the week, USD.</param>
/// <param name="StartOfMonth">Net liq at the start of the month, USD.</param>
/// <param name="HighWaterMark">Highest net liq so far, USD.</param>
public readonly record struct ReferencePointsRecord(DateOnly Date, decimal StartOfDay, decimal StartOfWeek, decimal StartOfMonth, decimal HighWaterMark);

/// <summary>Payload of <see cref="JournalEntryKind.Reconciliation"/>: one discrepancy and its settlement.</summary>
/// <param name="Subject">What differed (an order, a position, a fill).</param>
/// <param name="JournalValue">What the journal said.</param>
/// <param name="BrokerValue">What the broker said.</param>
/// <param name="Action">How it was settled (the documented policy applied).</param>
public readonly record struct ReconciliationRecord(string Subject, string JournalValue, string BrokerValue, string Action);

/// <summary>Payload of <see cref="JournalEntryKind.Alert"/>.</summary>
/// <param name="Severity">"info", "warning" or "critical".</param>
/// <param name="Code">A stable short code ("disconnect", "order-rejected", "circuit-breaker", "drawdown", "regime").</param>
/// <param name="Message">Human-readable text.</param>
public readonly record struct AlertRecord(string Severity, string Code, string Message);

/// <summary>Payload of <see cref="JournalEntryKind.Decision"/>: a <see cref="DecisionRecord"/> without its
/// per-stage costs (kept as one total in nanoseconds, which, unlike stopwatch ticks, means the same on
/// every machine).</summary>
/// <param name="Time">Eastern time of the decision.</param>
/// <param name="Strategy">Deciding strategy.</param>
/// <param name="Kind">Enter, skip, adjust or exit.</param>
/// <param name="RuleIds">Rule IDs that fired.</param>
/// <param name="Reason">Human-readable reason.</param>
/// <param name="Spot">Underlying price used.</param>
/// <param name="Vix">VIX used (NaN when none).</param>
/// <param name="Regime">P-1 regime.</param>
/// <param name="Phase">P-2 phase.</param>
/// <param name="Strikes">Chosen strikes (NaN unused).</param>
/// <param name="Deltas">Their deltas (NaN unused).</param>
/// <param name="Position">Position concerned (0 for none).</param>
/// <param name="Order">Client order id produced (0 for none).</param>
/// <param name="Quantity">Units ordered.</param>
/// <param name="CostNanoseconds">Total wall-clock cost of the decision.</param>
public readonly record struct DecisionSummary(
    DateTime Time,
    StrategyId Strategy,
    DecisionKind Kind,
    string RuleIds,
    string Reason,
    double Spot,
    double Vix,
    VixRegime Regime,
    AccountPhase Phase,
    LegValues Strikes,
    LegValues Deltas,
    long Position,
    long Order,
    int Quantity,
    long CostNanoseconds)
{
    /// <summary>Summarises a decision record.</summary>
    public static DecisionSummary From(in DecisionRecord record) => new(
        record.Time,
        record.Strategy,
        record.Kind,
        record.RuleIds ?? string.Empty,
        record.Reason ?? string.Empty,
        record.Spot,
        record.Vix,
        record.Regime,
        record.Phase,
        record.Strikes,
        record.Deltas,
        record.Position.Value,
        record.Order.Value,
        record.Quantity,
        (long)(record.Cost.Total * (1e9 / System.Diagnostics.Stopwatch.Frequency)));
}

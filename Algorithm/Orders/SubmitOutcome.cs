using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;

namespace TomKing.Algorithm.Orders;

/// <summary>What the pipeline did with one intent.</summary>
public enum SubmitOutcome : byte
{
    /// <summary>One combo order was handed to the order port.</summary>
    Submitted = 0,

    /// <summary>The pre-trade check denied it; no order.</summary>
    Denied = 1,

    /// <summary>No usable price (NaN, or the natural on the passive side of the mid); no order.</summary>
    Unpriceable = 2,

    /// <summary>An entry whose window had already ended; no order.</summary>
    WindowOver = 3,

    /// <summary>The position already has an active order (asked to cancel if working); no new order.</summary>
    PositionBusy = 4,
}

/// <summary>The result of sending one intent through the pipeline, with its stage costs.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="ClientId">The order's client id (default when no order).</param>
/// <param name="Quantity">Signed units sent (0 when no order).</param>
/// <param name="LimitPrice">First limit sent.</param>
/// <param name="Verdict">The risk verdict (default when the check did not run).</param>
/// <param name="RuleIds">Rule IDs for the decision record: the verdict's when denied, "P-10" for pricing skips.</param>
/// <param name="Reason">Why, when no order was sent or the quantity was reduced.</param>
/// <param name="RiskTicks">Stopwatch ticks spent in the pre-trade check.</param>
/// <param name="OrderTicks">Stopwatch ticks spent building and handing over the order.</param>
/// <param name="Position">The position the order belongs to (reserved here for an entry when the pipeline has a
/// position binder; the intent's otherwise).</param>
public readonly record struct SubmitResult(
    SubmitOutcome Outcome,
    ClientOrderId ClientId,
    int Quantity,
    decimal LimitPrice,
    RiskVerdict Verdict,
    string RuleIds,
    string Reason,
    long RiskTicks,
    long OrderTicks,
    PositionId Position = default);

/// <summary>An event the order table refused (for the caller's log).</summary>
/// <param name="ClientId">The order it named.</param>
/// <param name="Outcome">Why it was refused.</param>
/// <param name="State">The order's state at the time (New when the order is unknown).</param>
/// <param name="IsFill">True for a leg fill, false for a status report.</param>
public readonly record struct OrderEventRefusal(ClientOrderId ClientId, TransitionOutcome Outcome, OrderState State, bool IsFill);

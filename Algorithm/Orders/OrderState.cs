namespace TomKing.Algorithm.Orders;

/// <summary>
/// Where a combo order stands, as the order pipeline knows it. Only broker reports move an order out of
/// <see cref="UnknownInFlight"/>: a timeout, disconnect or 5xx leaves it in flight until reconciliation
/// (DESIGN "Unknown is not rejected").
/// </summary>
public enum OrderState : byte
{
    /// <summary>Built and registered, not yet handed to the order port.</summary>
    New = 0,

    /// <summary>Handed to the order port; no venue answer yet.</summary>
    Submitted = 1,

    /// <summary>The venue accepted it; nothing filled.</summary>
    Working = 2,

    /// <summary>Some units filled; the rest keep working.</summary>
    PartiallyFilled = 3,

    /// <summary>Every unit filled (terminal).</summary>
    Filled = 4,

    /// <summary>A cancel was sent; the venue has not confirmed it.</summary>
    CancelRequested = 5,

    /// <summary>Cancelled by request, at session end or by the venue (terminal; fills before it stand).</summary>
    Cancelled = 6,

    /// <summary>Rejected by the venue, with a message (terminal). Only a broker rejection leads here.</summary>
    Rejected = 7,

    /// <summary>The venue's answer is unknown (timeout, disconnect, 5xx): in flight until reconciliation.</summary>
    UnknownInFlight = 8,
}

/// <summary>Questions about <see cref="OrderState"/> values.</summary>
public static class OrderStateExtensions
{
    /// <summary>Filled, cancelled or rejected: no event moves the order out of it again.</summary>
    public static bool IsTerminal(this OrderState state) =>
        state is OrderState.Filled or OrderState.Cancelled or OrderState.Rejected;

    /// <summary>Sent and not terminal: the venue may still fill it (includes unknown-in-flight).</summary>
    public static bool IsInFlight(this OrderState state) => state != OrderState.New && !state.IsTerminal();
}

namespace TomKing.Algorithm.Orders;

/// <summary>What the order table did with one event. Everything but <see cref="Applied"/> and
/// <see cref="Unchanged"/> is a refusal the caller logs; a refused event never changes the order.</summary>
public enum TransitionOutcome : byte
{
    /// <summary>The event was applied (state, fills or limit changed as the table allows).</summary>
    Applied = 0,

    /// <summary>Legal news that changes nothing (a repeated report, a cancel refused after the fill).</summary>
    Unchanged = 1,

    /// <summary>The transition table forbids this event in the current state; nothing applied.</summary>
    Illegal = 2,

    /// <summary>A fill whose execution id was already booked (a replay after reconnect); ignored.</summary>
    DuplicateFill = 3,

    /// <summary>A fill that would take filled units (or a leg's contracts) above the order's quantity; refused.</summary>
    Overfill = 4,

    /// <summary>A fill for a contract or side the order does not trade; refused.</summary>
    ForeignFill = 5,

    /// <summary>No order with this client id is in the table (never sent here, or long since recycled).</summary>
    UnknownOrder = 6,
}

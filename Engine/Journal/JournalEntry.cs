namespace TomKing.Engine.Journal;

/// <summary>
/// One row of the trading journal: what happened (<see cref="Kind"/>), when, which order it concerns and
/// the details as compact JSON (see <see cref="JournalCodec"/>).
/// </summary>
/// <param name="Sequence">Position in the journal, 1, 2, 3 … without gaps; assigned by
/// <see cref="TradingJournal.Append"/> (the value passed in is ignored).</param>
/// <param name="Kind">What the entry records.</param>
/// <param name="TimeUtc">When it happened, UTC (a <see cref="DateTimeKind.Local"/> time is refused; an
/// unspecified kind is taken as UTC; read back with <see cref="DateTimeKind.Utc"/>).</param>
/// <param name="ClientOrderId">The order pipeline's id of the order concerned; 0 when none.</param>
/// <param name="OrderId">The host's order id; 0 when none or not yet known.</param>
/// <param name="Payload">Compact JSON details; empty when none (null is stored as empty).</param>
public readonly record struct JournalEntry(
    long Sequence,
    JournalEntryKind Kind,
    DateTime TimeUtc,
    long ClientOrderId,
    long OrderId,
    string Payload)
{
    /// <summary>An entry to append (sequence assigned by the journal).</summary>
    public static JournalEntry Create(JournalEntryKind kind, DateTime timeUtc, string payload, long clientOrderId = 0, long orderId = 0) =>
        new(0, kind, timeUtc, clientOrderId, orderId, payload);
}

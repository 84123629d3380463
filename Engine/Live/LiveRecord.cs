using TomKing.Engine.Journal;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Ports;

namespace TomKing.Engine.Live;

/// <summary>What a <see cref="LiveRecord"/> records. The numbers are stable (they are stored).</summary>
public enum LiveRecordKind
{
    /// <summary>A run started (its starting cash on the very first start; the venue and mode).</summary>
    SessionStart = 0,

    /// <summary>An order as the pipeline registered it, journaled before it is sent.</summary>
    Submitted = 1,

    /// <summary>The venue acknowledged an order (its broker order id).</summary>
    Acknowledged = 2,

    /// <summary>A cancel was asked for.</summary>
    CancelRequested = 3,

    /// <summary>A ladder step (replace) was asked for.</summary>
    ReplaceRequested = 4,

    /// <summary>A status report from the venue.</summary>
    Update = 5,

    /// <summary>A leg execution (also expiry settlements, booked with a settlement client id).</summary>
    Fill = 6,

    /// <summary>A strategy's last entry decision date.</summary>
    StrategyState = 7,

    /// <summary>Start-of-day/week/month net liq and the high-water mark.</summary>
    ReferencePoints = 8,

    /// <summary>A discrepancy found after a restart and how it was settled.</summary>
    Reconciliation = 9,

    /// <summary>A strategy decision (entry, skip, exit, adjustment) in words.</summary>
    Decision = 10,

    /// <summary>An operator alert that fired.</summary>
    Alert = 11,
}

/// <summary>Start-of-day/week/month net liquidation and the high-water mark, as journaled.</summary>
/// <param name="Session">Session date they belong to.</param>
/// <param name="StartOfDay">Net liq at the session start.</param>
/// <param name="StartOfWeek">Net liq at the week's first session.</param>
/// <param name="StartOfMonth">Net liq at the month's first session.</param>
/// <param name="HighWaterMark">Highest net liq seen.</param>
public readonly record struct ReferencePoints(DateOnly Session, decimal StartOfDay, decimal StartOfWeek, decimal StartOfMonth, decimal HighWaterMark);

/// <summary>
/// One journal record of the live runner. Only the members of its <see cref="Kind"/> are meaningful (see each).
/// Records are rare (orders, fills, decisions, state changes — never quotes), so a class per record is fine.
/// </summary>
/// <param name="Kind">What it records.</param>
/// <param name="TimeUtc">When it was written (UTC).</param>
public sealed record LiveRecord(LiveRecordKind Kind, DateTime TimeUtc)
{
    /// <summary>Journal sequence number (0 until stored).</summary>
    public long Sequence { get; init; }

    /// <summary><see cref="LiveRecordKind.Submitted"/>: the order as registered (its host handle is not kept:
    /// handles do not survive a restart; the broker order id does).</summary>
    public TrackedOrder Order { get; init; }

    /// <summary><see cref="LiveRecordKind.Update"/>: the report.</summary>
    public OrderUpdate Update { get; init; }

    /// <summary><see cref="LiveRecordKind.Fill"/>: the execution.</summary>
    public LegFill Fill { get; init; }

    /// <summary>The client order id concerned (acknowledgements, cancels, replaces, updates, fills).</summary>
    public ClientOrderId Client { get; init; }

    /// <summary><see cref="LiveRecordKind.Acknowledged"/>: the broker's order id.</summary>
    public string? BrokerOrderId { get; init; }

    /// <summary><see cref="LiveRecordKind.ReplaceRequested"/>: the new limit.</summary>
    public decimal LimitPrice { get; init; }

    /// <summary><see cref="LiveRecordKind.ReplaceRequested"/>: ladder steps taken after it.</summary>
    public int Steps { get; init; }

    /// <summary><see cref="LiveRecordKind.Decision"/>: the decision record, summarised as the journal stores it.</summary>
    public DecisionSummary Decision { get; init; }

    /// <summary><see cref="LiveRecordKind.StrategyState"/> and decisions: the strategy.</summary>
    public StrategyId Strategy { get; init; }

    /// <summary><see cref="LiveRecordKind.StrategyState"/>: the last entry decision date.</summary>
    public DateOnly Date { get; init; }

    /// <summary><see cref="LiveRecordKind.Fill"/> of a settlement: the position it books to.</summary>
    public PositionId Position { get; init; }

    /// <summary><see cref="LiveRecordKind.SessionStart"/>: starting cash (net liq) of the account's first run.</summary>
    public decimal StartingCash { get; init; }

    /// <summary><see cref="LiveRecordKind.ReferencePoints"/>.</summary>
    public ReferencePoints Points { get; init; }

    /// <summary>Words: the discrepancy and its settlement, the alert, the session's venue.</summary>
    public string? Text { get; init; }
}

/// <summary>
/// Where the live runner journals (the SQLite journal in production, <c>SqliteLiveJournal</c>).
/// <see cref="Append"/> never waits for the disk: records are committed in groups by a writer thread and
/// <see cref="WhenDurable"/> says when one is on disk. The order sender awaits that before it sends an order
/// (written before acting), so the kernel thread is never held by an fsync.
/// </summary>
public interface ILiveJournal : IDisposable
{
    /// <summary>Queues a record; returns its sequence number.</summary>
    long Append(LiveRecord record);

    /// <summary>Completes when the record with this sequence number is committed.</summary>
    Task WhenDurable(long sequence, CancellationToken cancellationToken = default);

    /// <summary>Every record, in sequence order (what a restart replays).</summary>
    IEnumerable<LiveRecord> ReadAll();

    /// <summary>Waits until everything appended so far is committed.</summary>
    void Flush();
}

using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Ports;
using TomKing.Engine.Journal;
using TomKing.Greeks;

namespace TomKing.Engine.Live;

/// <summary>
/// <see cref="ILiveJournal"/> over the SQLite <see cref="TradingJournal"/> (WAL, group commit): each
/// <see cref="LiveRecord"/> becomes one <see cref="JournalEntry"/> with a <see cref="JournalCodec"/> payload.
/// Reading back skips the decision summaries' payloads (an audit trail, not state), which keeps a restart fast.
/// </summary>
public sealed class SqliteLiveJournal : ILiveJournal
{
    private readonly TradingJournal _journal;

    private SqliteLiveJournal(TradingJournal journal) => _journal = journal;

    /// <summary>The underlying journal (statistics, backup).</summary>
    public TradingJournal Journal => _journal;

    /// <summary>Opens (or creates) a journal file.</summary>
    /// <exception cref="JournalException">The file is not a journal, is damaged, or is from a newer version.</exception>
    public static SqliteLiveJournal Open(string path, JournalOptions? options = null) => new(TradingJournal.Open(path, options));

    /// <inheritdoc />
    public long Append(LiveRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _journal.Append(ToEntry(record));
    }

    /// <inheritdoc />
    public Task WhenDurable(long sequence, CancellationToken cancellationToken = default) => _journal.WhenDurable(sequence, cancellationToken);

    /// <inheritdoc />
    public IEnumerable<LiveRecord> ReadAll()
    {
        foreach (var entry in _journal.Read())
        {
            if (FromEntry(entry) is { } record)
            {
                yield return record;
            }
        }
    }

    /// <inheritdoc />
    public void Flush() => _journal.Flush();

    /// <inheritdoc />
    public void Dispose() => _journal.Dispose();

    /// <summary>A live record as a journal entry.</summary>
    public static JournalEntry ToEntry(LiveRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        DateTime t = record.TimeUtc;
        long client = record.Client.Value;
        return record.Kind switch
        {
            LiveRecordKind.SessionStart => JournalEntry.Create(JournalEntryKind.SessionStart, t,
                JournalCodec.Encode(new SessionStartRecord(record.Text ?? string.Empty, string.Empty, typeof(SqliteLiveJournal).Assembly.GetName().Version?.ToString() ?? "0", record.StartingCash > 0m ? record.StartingCash : null))),
            LiveRecordKind.Submitted => JournalCodec.Submitted(t, new SubmittedOrder(JournalRestore.RequestOf(record.Order), record.Order.Kind, record.Order.Pricing,
                record.Order.Mid, record.Order.Natural, record.Order.WindowEnd, record.Order.SubmittedAt == default ? null : record.Order.SubmittedAt)),
            LiveRecordKind.Acknowledged => JournalEntry.Create(JournalEntryKind.OrderAcknowledged, t,
                JournalCodec.Encode(new Acknowledgement(record.BrokerOrderId ?? string.Empty, string.Empty)), client),
            LiveRecordKind.CancelRequested => JournalEntry.Create(JournalEntryKind.CancelRequested, t, JournalCodec.Encode(new CancelRequest(record.Text ?? string.Empty)), client),
            LiveRecordKind.ReplaceRequested => JournalEntry.Create(JournalEntryKind.ReplaceRequested, t,
                JournalCodec.Encode(new ReplaceRequest(record.LimitPrice, record.Steps, record.Text ?? string.Empty)), client),
            LiveRecordKind.Update => JournalCodec.Updated(t, record.Update),
            LiveRecordKind.Fill => JournalEntry.Create(JournalEntryKind.Fill, t, JournalCodec.Encode(record.Fill), record.Fill.ClientId.Value, record.Position.Value),
            LiveRecordKind.StrategyState => JournalEntry.Create(JournalEntryKind.StrategyState, t,
                JournalCodec.Encode(new StrategyStateRecord(record.Strategy, record.Date == default ? null : record.Date))),
            LiveRecordKind.ReferencePoints => JournalEntry.Create(JournalEntryKind.ReferencePoints, t,
                JournalCodec.Encode(new ReferencePointsRecord(record.Points.Session, record.Points.StartOfDay, record.Points.StartOfWeek, record.Points.StartOfMonth, record.Points.HighWaterMark))),
            LiveRecordKind.Reconciliation => JournalEntry.Create(JournalEntryKind.Reconciliation, t,
                JournalCodec.Encode(new ReconciliationRecord(record.Text ?? string.Empty, string.Empty, string.Empty, string.Empty))),
            LiveRecordKind.Decision => JournalEntry.Create(JournalEntryKind.Decision, t, JournalCodec.Encode(record.Decision), client),
            LiveRecordKind.Alert => JournalEntry.Create(JournalEntryKind.Alert, t, JournalCodec.Encode(new AlertRecord("warning", "alert", record.Text ?? string.Empty))),
            _ => throw new ArgumentOutOfRangeException(nameof(record), record.Kind, "unknown record kind"),
        };
    }

    /// <summary>A journal entry as a live record (null for entries a restart does not need: decisions, alerts).</summary>
    public static LiveRecord? FromEntry(in JournalEntry entry)
    {
        DateTime t = entry.TimeUtc;
        var client = new ClientOrderId(entry.ClientOrderId);
        switch (entry.Kind)
        {
            case JournalEntryKind.SessionStart:
                var session = JournalCodec.DecodeSessionStart(entry.Payload);
                return new LiveRecord(LiveRecordKind.SessionStart, t) { Sequence = entry.Sequence, StartingCash = session.StartingCash ?? 0m, Text = session.Mode };
            case JournalEntryKind.OrderSubmitted:
                var s = JournalCodec.DecodeSubmittedOrder(entry.Payload);
                var r = s.Request;
                // the ladder runs on market time: the stored submission time, else (older journals) the entry's wall time
                var order = new TrackedOrder(r.ClientId, default, OrderState.Submitted, r.Strategy, s.Intent, r.Position, r.Structure, r.Quantity, 0,
                    r.LimitPrice, s.Pricing, 0, s.SubmittedAt ?? UsEastern.FromUtc(t), s.WindowEnd, r.Tag, s.Mid, s.Natural);
                return new LiveRecord(LiveRecordKind.Submitted, t) { Sequence = entry.Sequence, Order = order, Client = r.ClientId };
            case JournalEntryKind.OrderAcknowledged:
                var ack = JournalCodec.DecodeAcknowledgement(entry.Payload);
                return new LiveRecord(LiveRecordKind.Acknowledged, t) { Sequence = entry.Sequence, Client = client, BrokerOrderId = ack.BrokerOrderId };
            case JournalEntryKind.CancelRequested:
                return new LiveRecord(LiveRecordKind.CancelRequested, t) { Sequence = entry.Sequence, Client = client };
            case JournalEntryKind.ReplaceRequested:
                var replace = JournalCodec.DecodeReplaceRequest(entry.Payload);
                return new LiveRecord(LiveRecordKind.ReplaceRequested, t) { Sequence = entry.Sequence, Client = client, LimitPrice = replace.NewLimitPrice, Steps = replace.Steps };
            case JournalEntryKind.OrderUpdate:
                var update = JournalCodec.DecodeOrderUpdate(entry.Payload);
                return new LiveRecord(LiveRecordKind.Update, t) { Sequence = entry.Sequence, Update = update, Client = update.ClientId };
            case JournalEntryKind.Fill:
                var fill = JournalCodec.DecodeFill(entry.Payload);
                return new LiveRecord(LiveRecordKind.Fill, t) { Sequence = entry.Sequence, Fill = fill, Client = fill.ClientId, Position = new Algorithm.Domain.PositionId(entry.OrderId) };
            case JournalEntryKind.StrategyState:
                var state = JournalCodec.DecodeStrategyState(entry.Payload);
                return new LiveRecord(LiveRecordKind.StrategyState, t) { Sequence = entry.Sequence, Strategy = state.Strategy, Date = state.LastEntryDecision ?? default };
            case JournalEntryKind.ReferencePoints:
                var p = JournalCodec.DecodeReferencePoints(entry.Payload);
                return new LiveRecord(LiveRecordKind.ReferencePoints, t) { Sequence = entry.Sequence, Points = new ReferencePoints(p.Date, p.StartOfDay, p.StartOfWeek, p.StartOfMonth, p.HighWaterMark) };
            default:
                return null;
        }
    }
}

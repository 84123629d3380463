using System.Globalization;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Hosting;
using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Strategies;

namespace TomKing.Engine.Live;

/// <summary>What a journal replay rebuilt.</summary>
/// <param name="Records">Records read.</param>
/// <param name="Orders">Orders restored into the pipeline.</param>
/// <param name="Fills">Fills booked (settlements included).</param>
/// <param name="Updates">Status reports applied.</param>
/// <param name="ActiveOrders">Orders still in flight after the replay (the venue settles them next).</param>
/// <param name="LastSettlement">Highest settlement number booked (new settlements continue after it).</param>
/// <param name="LastRecordUtc">Time of the last record (default for an empty journal).</param>
public readonly record struct RestoreSummary(int Records, int Orders, int Fills, int Updates, int ActiveOrders, long LastSettlement, DateTime LastRecordUtc);

/// <summary>
/// Rebuilds the strategy core from the journal: orders go back into the pipeline as they were registered
/// (<see cref="OrderPipeline.Restore"/>, entries reserving their positions again), then cancels, ladder steps,
/// status reports and fills are applied in journal order — the same calls the kernel made the first time,
/// minus the port — so the ledger, the order table and the positions' ids come back identical. Strategies get
/// their last entry decision dates back; the ledger its reference points. Nothing is sent to the venue.
/// </summary>
public static class JournalRestore
{
    /// <summary>Client ids from this number up are the runner's own expiry settlements (never the pipeline's).</summary>
    public const long SettlementIdBase = Replay.ReplayKernel.SettlementIdBase;

    /// <summary>The starting cash of the account's first session, or null when the journal has none.</summary>
    public static decimal? StartingCash(IEnumerable<LiveRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var r in records)
        {
            if (r.Kind == LiveRecordKind.SessionStart && r.StartingCash > 0m)
            {
                return r.StartingCash;
            }
        }

        return null;
    }

    /// <summary>
    /// How far back reconciliation must ask the venue for orders: a week before <paramref name="today"/>, or earlier
    /// when the journal's newest order, or an order it still has in flight, was submitted earlier (a runner down
    /// for longer than a week must still find the fills made while it was down). Market dates.
    /// </summary>
    public static DateOnly ReconcileSince(IEnumerable<LiveRecord> records, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(records);
        var since = today.AddDays(-7);
        var open = new Dictionary<long, DateOnly>();
        DateOnly newest = default;
        foreach (var r in records)
        {
            if (r.Kind == LiveRecordKind.Submitted)
            {
                newest = DateOnly.FromDateTime(r.Order.SubmittedAt);
                open[r.Client.Value] = newest;
            }
            else if (r.Kind == LiveRecordKind.Update && r.Update.Status is BrokerOrderStatus.Filled or BrokerOrderStatus.Cancelled or BrokerOrderStatus.Rejected)
            {
                open.Remove(r.Client.Value);
            }
        }

        if (newest != default && newest < since)
        {
            since = newest;
        }

        foreach (var submitted in open.Values)
        {
            if (submitted < since)
            {
                since = submitted;
            }
        }

        return since;
    }

    /// <summary>Replays <paramref name="records"/> into a freshly built <paramref name="core"/>.</summary>
    /// <param name="records">The journal, in sequence order.</param>
    /// <param name="core">A core built with the journal's starting cash and nothing else applied.</param>
    /// <param name="strategies">The enabled strategies (their entry decision dates are restored).</param>
    /// <param name="adopt">Gives an order still in flight whose broker id the journal knows a handle in this run's port.</param>
    /// <exception cref="InvalidOperationException">The journal does not fit (out of order, or from another account history).</exception>
    public static RestoreSummary Apply(IEnumerable<LiveRecord> records, TradingCore core, IReadOnlyList<IStrategy> strategies, Func<ComboOrderRequest, string, OrderId> adopt)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(adopt);
        var brokerIds = new Dictionary<long, string>();
        int count = 0, orders = 0, fills = 0, updates = 0;
        long settlement = 0;
        DateTime last = default;
        foreach (var r in records)
        {
            count++;
            last = r.TimeUtc;
            switch (r.Kind)
            {
                case LiveRecordKind.Submitted:
                    core.Pipeline.Restore(r.Order with { Order = default });
                    orders++;
                    break;
                case LiveRecordKind.Acknowledged:
                    if (r.BrokerOrderId is { } broker)
                    {
                        brokerIds[r.Client.Value] = broker;
                    }

                    break;
                case LiveRecordKind.CancelRequested:
                    core.Pipeline.RestoreCancelRequest(r.Client);
                    break;
                case LiveRecordKind.ReplaceRequested:
                    core.Pipeline.RestoreReplace(r.Client, r.LimitPrice, r.Steps);
                    break;
                case LiveRecordKind.Update:
                    var update = r.Update;
                    core.Deliver(in update);
                    updates++;
                    break;
                case LiveRecordKind.Fill:
                    if (r.Fill.ClientId.Value >= SettlementIdBase)
                    {
                        settlement = Math.Max(settlement, r.Fill.ClientId.Value - SettlementIdBase);
                        BookSettlement(core, r.Position, r.Fill);
                    }
                    else
                    {
                        var fill = r.Fill;
                        core.Deliver(in fill);
                    }

                    fills++;
                    break;
                case LiveRecordKind.StrategyState:
                    foreach (var s in strategies)
                    {
                        if (s.Id == r.Strategy && s is IRestartableStrategy restartable)
                        {
                            restartable.LastEntryDecision = r.Date;
                        }
                    }

                    break;
                case LiveRecordKind.ReferencePoints:
                    var p = r.Points;
                    core.Ledger.RestoreReferencePoints(p.Session, p.StartOfDay, p.StartOfWeek, p.StartOfMonth, p.HighWaterMark);
                    break;
                default:
                    break;
            }
        }

        foreach (var order in core.Pipeline.Orders.SnapshotActive())
        {
            if (brokerIds.TryGetValue(order.ClientId.Value, out var broker))
            {
                core.Pipeline.Rebind(order.ClientId, adopt(RequestOf(order), broker));
            }
        }

        return new RestoreSummary(count, orders, fills, updates, core.Pipeline.Orders.ActiveCount, settlement, last);
    }

    /// <summary>Books an expiry settlement (a fill with a settlement client id) to its position.</summary>
    public static void BookSettlement(TradingCore core, PositionId position, in LegFill fill)
    {
        ArgumentNullException.ThrowIfNull(core);
        if (!core.Ledger.TryGetPosition(position, out _))
        {
            return; // already closed (the settlement was booked before the record that closed it was replayed)
        }

        core.Ledger.BindOrder(fill.ClientId, position);
        core.Ledger.OnFill(in fill);
    }

    /// <summary>"S20261120-…" settlement execution ids are deterministic, so a settlement booked twice is de-duplicated.</summary>
    public static string SettlementExecutionId(in OptionContract contract, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"S{day:yyyyMMdd}-{contract}");

    /// <summary>The combo request an order in the table was sent as (at its current limit).</summary>
    public static ComboOrderRequest RequestOf(in TrackedOrder order) =>
        new(order.ClientId, order.Strategy, order.Position, order.Structure, order.Quantity, order.LimitPrice, order.Tag);
}

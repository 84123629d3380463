using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Brokerages.Tastytrade.Adapters;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Events;
using TomKing.Brokerages.Tastytrade.Streaming.Account;
using static TomKing.Brokerages.Tastytrade.Tests.Streaming.StreamingTestHost;

namespace TomKing.Brokerages.Tastytrade.Tests.Streaming;

[TestFixture]
[CancelAfter(20_000)]
public class AccountStreamerTests
{
    private const string Account = "5WX06827";
    private const string Call = "SPXW  250718C05000000";
    private const string Put = "SPXW  250718P04800000";

    /// <summary>A two-leg order of <paramref name="size"/> units with <paramref name="filledPerLeg"/> fills per leg (cumulative, ids f-{leg}-{i}).</summary>
    internal static Order MakeOrder(long id, string status, int size, int filledPerLeg, long updatedAt, string? rejectReason = null, long? replaces = null) => new()
    {
        Id = id,
        AccountNumber = Account,
        OrderType = OrderTypes.Limit,
        Price = 1.20m,
        PriceEffect = PriceEffects.Credit,
        Size = size,
        Status = status,
        UpdatedAt = updatedAt,
        RejectReason = rejectReason,
        ReplacesOrderId = replaces,
        ExternalIdentifier = "C" + id,
        Legs =
        [
            Leg(Call, OrderActions.SellToOpen, size, filledPerLeg, 0, 2.10m),
            Leg(Put, OrderActions.BuyToOpen, size, filledPerLeg, 1, 0.90m),
        ],
    };

    private static OrderLeg Leg(string symbol, string action, int size, int filled, int legIndex, decimal price) => new()
    {
        InstrumentType = InstrumentTypes.EquityOption,
        Symbol = symbol,
        Action = action,
        Quantity = size,
        RemainingQuantity = size - filled,
        Fills = [.. Enumerable.Range(0, filled).Select(i => new OrderFill
        {
            FillId = $"f-{legIndex}-{i}",
            ExtExecId = $"x-{legIndex}-{i}",
            FillPrice = price,
            Quantity = 1,
            FilledAt = new DateTimeOffset(2025, 7, 18, 14, 30, i, TimeSpan.Zero),
        })],
    };

    private static AccountStreamerOptions Options(StreamingTestHost host) => new()
    {
        Url = host.AccountUri,
        AccountNumbers = [Account],
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        SilenceTimeout = TimeSpan.FromSeconds(3),
        ConnectTimeout = TimeSpan.FromSeconds(3),
        InitialReconnectDelay = TimeSpan.FromMilliseconds(50),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
    };

    private static ValueTask<string> Token(CancellationToken _) => ValueTask.FromResult("access-1");

    private static void Publish(StreamingTestHost host, Order order) =>
        host.Hub.Publish(new OrderChangedEvent(Account, host.Hub.NextSequence(), DateTimeOffset.UtcNow, order));

    private static List<AccountStreamEvent> Drain(AccountStreamerClient client)
    {
        var list = new List<AccountStreamEvent>();
        while (client.TryRead(out var e))
        {
            list.Add(e!);
        }

        return list;
    }

    private static async Task<List<AccountStreamEvent>> Collect(AccountStreamerClient client, List<AccountStreamEvent> into, Func<List<AccountStreamEvent>, bool> until)
    {
        await Eventually(() =>
        {
            into.AddRange(Drain(client));
            return until(into);
        });
        return into;
    }

    [Test]
    public async Task PartialFillsWhileLive_ProduceLegFills_DuplicateNotificationsIgnored()
    {
        await using var host = await StreamingTestHost.StartAsync();
        host.Faults.Update(s => s with { DuplicateNotifications = 1.0 });
        await using var client = new AccountStreamerClient(Options(host), Token, null);
        client.Start();
        Assert.That(await Eventually(() => client.Connections == 1), Is.True);

        Publish(host, MakeOrder(1, OrderStatuses.Live, 3, 0, 1));
        Publish(host, MakeOrder(1, OrderStatuses.Live, 3, 1, 2));
        Publish(host, MakeOrder(1, OrderStatuses.Live, 3, 2, 3));
        Publish(host, MakeOrder(1, OrderStatuses.Filled, 3, 3, 4));
        var events = await Collect(client, [], l => l.OfType<OrderStatusEvent>().Any(s => s.Status == OrderStatuses.Filled));

        var fills = events.OfType<OrderFillEvent>().ToList();
        Assert.That(fills, Has.Count.EqualTo(6), "3 units × 2 legs, each fill id once");
        Assert.That(fills.Select(f => f.FillId), Is.Unique);
        Assert.That(fills.Where(f => f.Symbol == Call).Sum(f => f.Quantity), Is.EqualTo(-3));
        Assert.That(fills.Where(f => f.Symbol == Put).Sum(f => f.Quantity), Is.EqualTo(3));
        var statuses = events.OfType<OrderStatusEvent>().Select(s => (s.Status, s.FilledUnits)).ToList();
        Assert.That(statuses, Is.EqualTo(new[] { ("Live", 0m), ("Live", 1m), ("Live", 2m), ("Filled", 3m) }));
        Assert.That(host.Server.NotificationsSent, Is.EqualTo(8), "every notification was sent twice");
        Assert.That(client.DuplicateFillsIgnored, Is.GreaterThan(0));

        // Fills are delivered before the status that completes them.
        int lastFill = events.FindLastIndex(e => e is OrderFillEvent);
        int filled = events.FindIndex(e => e is OrderStatusEvent { Status: "Filled" });
        Assert.That(lastFill, Is.LessThan(filled));
    }

    [Test]
    public async Task OutOfOrderNotifications_NeverMoveAnOrderBackwards()
    {
        await using var host = await StreamingTestHost.StartAsync();
        host.Faults.Update(s => s with { OutOfOrderNotifications = 1.0 });
        await using var client = new AccountStreamerClient(Options(host), Token, null);
        client.Start();
        Assert.That(await Eventually(() => client.Connections == 1), Is.True);

        Publish(host, MakeOrder(2, OrderStatuses.Live, 1, 0, 10));   // held back by the fault …
        Publish(host, MakeOrder(2, OrderStatuses.Filled, 1, 1, 20)); // … and sent after this one
        var events = await Collect(client, [], l => client.StaleStatusesIgnored >= 1);
        await Task.Delay(100);
        events.AddRange(Drain(client));

        var statuses = events.OfType<OrderStatusEvent>().Select(s => s.Status).ToList();
        Assert.That(statuses, Is.EqualTo(new[] { "Filled" }), "the late Live is ignored");
        Assert.That(events.OfType<OrderFillEvent>().Count(), Is.EqualTo(2));
        Assert.That(client.StaleStatusesIgnored, Is.EqualTo(1));
    }

    [Test]
    public async Task Reconnect_TriggersReconcile_MissedFillsEmittedOnce_Heartbeats()
    {
        await using var host = await StreamingTestHost.StartAsync();
        int reconciles = 0;
        var snapshotOrder = MakeOrder(3, OrderStatuses.Live, 2, 1, 5);
        Task<AccountSnapshot> Reconcile(CancellationToken _)
        {
            Interlocked.Increment(ref reconciles);
            return Task.FromResult(new AccountSnapshot([snapshotOrder], [new Position { Symbol = Call, Quantity = 1 }]));
        }

        await using var client = new AccountStreamerClient(Options(host), Token, Reconcile);
        client.Start();
        Assert.That(await Eventually(() => client.Reconciles == 1), Is.True);
        Assert.That(await Eventually(() => host.Server.HeartbeatsReceived >= 2), Is.True, "heartbeats");

        host.Faults.DropAllStreams();
        Assert.That(await Eventually(() => client.Connections == 2 && client.Reconciles == 2), Is.True, "reconnected and reconciled again");
        Assert.That(reconciles, Is.EqualTo(2));

        // After the reconnect the stream works again.
        Publish(host, MakeOrder(3, OrderStatuses.Filled, 2, 2, 9));
        var events = await Collect(client, [], l => l.OfType<OrderStatusEvent>().Any(s => s.Status == OrderStatuses.Filled));
        Assert.That(events.OfType<ConnectedEvent>().Select(c => c.Connection), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(events.OfType<PositionsSnapshotEvent>().Count(), Is.EqualTo(2));
        Assert.That(events.OfType<OrderFillEvent>().Select(f => f.FillId), Is.EquivalentTo(new[] { "f-0-0", "f-1-0", "f-0-1", "f-1-1" }), "the reconcile's fills once, the rest from the stream");
    }

    [Test]
    public async Task Close1012_Reconnects_AndReconciles()
    {
        await using var host = await StreamingTestHost.StartAsync();
        int reconciles = 0;
        await using var client = new AccountStreamerClient(Options(host), Token, _ =>
        {
            Interlocked.Increment(ref reconciles);
            return Task.FromResult(new AccountSnapshot([], []));
        });
        client.Start();
        Assert.That(await Eventually(() => client.Reconciles == 1), Is.True);
        host.Faults.CloseAllStreams1012();
        Assert.That(await Eventually(() => client.Reconciles == 2), Is.True);
        Assert.That(host.Server.AccountSessions, Is.EqualTo(2));
    }

    [Test]
    public void Tracker_TerminalStatuses_AndBridgeMapping()
    {
        var tracker = new OrderTracker();
        var events = new List<AccountStreamEvent>();
        tracker.Apply(MakeOrder(10, OrderStatuses.Routed, 1, 0, 1), events);
        tracker.Apply(MakeOrder(10, OrderStatuses.Rejected, 1, 0, 2, rejectReason: "Insufficient buying power"), events);
        tracker.Apply(MakeOrder(11, OrderStatuses.Live, 2, 1, 1), events);
        tracker.Apply(MakeOrder(11, OrderStatuses.Cancelled, 2, 1, 2), events);
        tracker.Apply(MakeOrder(11, OrderStatuses.Live, 2, 1, 3), events); // after terminal: ignored
        tracker.Apply(MakeOrder(12, OrderStatuses.Live, 1, 0, 1), events);
        tracker.Apply(MakeOrder(12, OrderStatuses.Expired, 1, 0, 2), events);
        tracker.Apply(MakeOrder(13, OrderStatuses.Live, 1, 0, 1), events);
        tracker.Apply(MakeOrder(13, OrderStatuses.Removed, 1, 0, 2), events);
        tracker.Apply(MakeOrder(14, OrderStatuses.Live, 1, 0, 1, replaces: 13), events);

        var sink = new RecordingSink();
        var bridge = new OrderEventBridge(null, (long id, Order _, out OrderId o, out ClientOrderId c) =>
        {
            o = new OrderId(id == 14 ? 13 : id);
            c = new ClientOrderId(id == 14 ? 13 : id);
            return true;
        });
        foreach (var e in events)
        {
            bridge.Dispatch(e, sink);
        }

        var updates = sink.Updates.Select(u => (u.Order.Value, u.Status, u.FilledQuantity, u.Message)).ToList();
        Assert.That(updates, Is.EqualTo(new (long, BrokerOrderStatus, int, string?)[]
        {
            (10, BrokerOrderStatus.Working, 0, null),
            (10, BrokerOrderStatus.Rejected, 0, "Insufficient buying power"),
            (11, BrokerOrderStatus.PartiallyFilled, 1, null),
            (11, BrokerOrderStatus.Cancelled, 1, "Cancelled"),
            (12, BrokerOrderStatus.Working, 0, null),
            (12, BrokerOrderStatus.Cancelled, 0, "Expired"),
            (13, BrokerOrderStatus.Working, 0, null),
            (13, BrokerOrderStatus.Cancelled, 0, "Removed"),
            (13, BrokerOrderStatus.Replaced, 0, null),
        }));
        Assert.That(sink.Updates[0].LimitPrice, Is.EqualTo(-1.20m), "credit is negative");

        var fills = sink.Fills;
        Assert.That(fills, Has.Count.EqualTo(2));
        Assert.That(fills[0].Contract.Root.Symbol, Is.EqualTo("SPXW"));
        Assert.That(fills[0].Contract.Strike, Is.EqualTo(5000m));
        Assert.That(fills[0].Contract.Right, Is.EqualTo(TomKing.Greeks.OptionRight.Call));
        Assert.That(fills[0].Quantity, Is.EqualTo(-1));
        Assert.That(fills[0].Price, Is.EqualTo(2.10m));
        Assert.That(fills[0].ExecutionId, Is.EqualTo("f-0-0"));
        Assert.That(fills[0].Time, Is.EqualTo(new DateTime(2025, 7, 18, 10, 30, 0)), "Eastern time");
        Assert.That(fills[1].Quantity, Is.EqualTo(1));
    }

    private sealed class RecordingSink : IOrderEventSink
    {
        public List<OrderUpdate> Updates { get; } = [];

        public List<LegFill> Fills { get; } = [];

        public void OnOrderUpdate(in OrderUpdate update) => Updates.Add(update);

        public void OnFill(in LegFill fill) => Fills.Add(fill);
    }
}

using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Tests.Adapters;

/// <summary>The order port against the emulator over real HTTP and the account streamer: what the emulator
/// received (its own order list), what reached a recording sink (fills with signed quantities and prices, statuses),
/// replace, cancel, rejects, and the unknown-outcome paths.</summary>
[TestFixture]
[CancelAfter(30_000)]
public class OrderPortContractTests
{
    [Test]
    public async Task IronCondor_OpenForCreditThenCloseForDebit_LegsActionsEffectAndFillsMatchTheEmulator()
    {
        await using var h = await OrderPortHarness.StartAsync();
        var ic = OptionStructure.IronCondor(
            OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Put, 0.93)),
            OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Put, 0.96)),
            OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Call, 1.04)),
            OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Call, 1.07)));
        var open = h.Request(1, ic, +1, marketable: true);
        Assert.That(open.LimitPrice, Is.LessThan(0m), "a short iron condor opens for a credit: negative combo price");
        var id = h.Port.Submit(open);
        Assert.That(await h.UntilStatusAsync(id, BrokerOrderStatus.Filled), Is.True, string.Join(",", h.Sink.StatusesOf(id)));

        var placed = h.EmulatorOrders("tk-C1").Single();
        Assert.That((placed.PriceEffect, placed.Price, placed.OrderType, placed.TimeInForce), Is.EqualTo((PriceEffects.Credit, (decimal?)-open.LimitPrice, OrderTypes.Limit, TimeInForces.Day)));
        Assert.That(placed.Legs.Select(l => (l.Symbol, l.Action, l.Quantity)), Is.EqualTo(Enumerable.Range(0, 4).Select(i =>
            ((string?)h.SymbolOf(ic[i].Contract), (string?)(ic[i].Ratio > 0 ? OrderActions.BuyToOpen : OrderActions.SellToOpen), (decimal?)1m))));
        Assert.That(h.Acks.Single(a => a.Order == id).BrokerOrderId, Is.EqualTo(placed.Id));

        var fills = h.Sink.Fills.Where(f => f.Order == id).ToList();
        Assert.That(fills.Select(f => (f.Contract, f.Quantity)), Is.EquivalentTo(Enumerable.Range(0, 4).Select(i => (ic[i].Contract, ic[i].Ratio))));
        var emulatorFills = placed.Legs.SelectMany(l => l.Fills.Select(f => (f.FillId, f.FillPrice))).ToList();
        Assert.That(fills.Select(f => (f.ExecutionId, (decimal?)f.Price)), Is.EquivalentTo(emulatorFills.Select(f => (f.FillId!, f.FillPrice))));
        Assert.That(fills.All(f => f.ClientId == new ClientOrderId(1)), Is.True);

        var close = h.Request(2, ic, -1, marketable: true);
        Assert.That(close.LimitPrice, Is.LessThan(0m), "closing pays a debit: quantity −1, negative combo price");
        var closeId = h.Port.Submit(close);
        Assert.That(await h.UntilStatusAsync(closeId, BrokerOrderStatus.Filled), Is.True);
        var closed = h.EmulatorOrders("tk-C2").Single();
        Assert.That((closed.PriceEffect, closed.Price), Is.EqualTo((PriceEffects.Debit, (decimal?)-close.LimitPrice)));
        Assert.That(closed.Legs.Select(l => l.Action), Is.EqualTo(new[] { OrderActions.SellToClose, OrderActions.BuyToClose, OrderActions.BuyToClose, OrderActions.SellToClose }));
        Assert.That(h.Sink.Positions(), Is.Empty, "open + close leaves nothing, by the sink's fills");
        Assert.That(h.Host.Orders.Positions(OrderPortHarness.Account).Value, Is.Empty, "…and by the emulator's positions");
    }

    [Test]
    public async Task OneOneTwo_TwoUnits_FillsFourNakedPuts()
    {
        await using var h = await OrderPortHarness.StartAsync();
        var s = OptionStructure.OneOneTwo(
            OrderPortHarness.ContractOf(h.EquityOption("SPY", 45, OptionRight.Put, 0.97)),
            OrderPortHarness.ContractOf(h.EquityOption("SPY", 45, OptionRight.Put, 0.95)),
            OrderPortHarness.ContractOf(h.EquityOption("SPY", 45, OptionRight.Put, 0.90)));
        var id = h.Port.Submit(h.Request(3, s, +2, marketable: true));
        Assert.That(await h.UntilStatusAsync(id, BrokerOrderStatus.Filled), Is.True, string.Join(",", h.Sink.Updates.Select(u => u.Status + ":" + u.Message)));
        var placed = h.EmulatorOrders("tk-C3").Single();
        Assert.That(placed.Legs.Select(l => (l.Action, l.Quantity)), Is.EqualTo(new (string?, decimal?)[]
        {
            (OrderActions.BuyToOpen, 2m), (OrderActions.SellToOpen, 2m), (OrderActions.SellToOpen, 4m),
        }));
        Assert.That(h.Sink.Positions(), Is.EquivalentTo(new Dictionary<OptionContract, int> { [s[0].Contract] = 2, [s[1].Contract] = -2, [s[2].Contract] = -4 }));
    }

    [Test]
    public async Task FuturesOptionStrangle_SoldWithFuturesOptionSymbols_FillsMapBackToTheContracts()
    {
        await using var h = await OrderPortHarness.StartAsync();
        var put = h.FutureOption("ES", 40, OptionRight.Put, 0.92);
        var call = h.FutureOption("ES", 40, OptionRight.Call, 1.06);
        var s = OptionStructure.Strangle(OrderPortHarness.ContractOf(put), OrderPortHarness.ContractOf(call));
        var id = h.Port.Submit(h.Request(4, s, +1, marketable: true));
        Assert.That(await h.UntilStatusAsync(id, BrokerOrderStatus.Filled), Is.True, string.Join(",", h.Sink.Updates.Select(u => u.Status + ":" + u.Message)));
        var placed = h.EmulatorOrders("tk-C4").Single();
        Assert.That(placed.Legs.Select(l => (l.InstrumentType, l.Symbol, l.Action)), Is.EqualTo(new (string?, string?, string?)[]
        {
            (InstrumentTypes.FutureOption, put.Symbol, OrderActions.SellToOpen),
            (InstrumentTypes.FutureOption, call.Symbol, OrderActions.SellToOpen),
        }));
        Assert.That(placed.PriceEffect, Is.EqualTo(PriceEffects.Credit));
        Assert.That(h.Sink.Positions(), Is.EquivalentTo(new Dictionary<OptionContract, int> { [s[0].Contract] = -1, [s[1].Contract] = -1 }));
    }

    [Test]
    public async Task LeapPlusShortCall_ThenRoll_ClosesTheOldShortAndOpensTheNew()
    {
        await using var h = await OrderPortHarness.StartAsync();
        var leap = OrderPortHarness.ContractOf(h.EquityOption("SPY", 330, OptionRight.Call, 0.85));
        var weekly = OrderPortHarness.ContractOf(h.EquityOption("SPY", 7, OptionRight.Call, 1.02));
        var next = OrderPortHarness.ContractOf(h.EquityOption("SPY", 14, OptionRight.Call, 1.03));
        var open = h.Port.Submit(h.Request(5, OptionStructure.LeapPlusShortCall(leap, weekly), +1, marketable: true));
        Assert.That(await h.UntilStatusAsync(open, BrokerOrderStatus.Filled), Is.True);
        Assert.That(h.EmulatorOrders("tk-C5").Single().PriceEffect, Is.EqualTo(PriceEffects.Debit), "a deep LEAP costs more than the weekly brings");

        var roll = h.Port.Submit(h.Request(6, OptionStructure.Adjustment([Leg.Buy(weekly), Leg.Sell(next)]), +1, marketable: true));
        Assert.That(await h.UntilStatusAsync(roll, BrokerOrderStatus.Filled), Is.True, string.Join(",", h.Sink.Updates.Select(u => u.Status + ":" + u.Message)));
        Assert.That(h.EmulatorOrders("tk-C6").Single().Legs.Select(l => l.Action), Is.EqualTo(new[] { OrderActions.BuyToClose, OrderActions.SellToOpen }));
        Assert.That(h.Sink.Positions(), Is.EquivalentTo(new Dictionary<OptionContract, int> { [leap] = 1, [next] = -1 }));
    }

    [Test]
    public async Task Replace_KeepsTheOrderId_NewBrokerId_LimitInTheRequestsSign_ThenFills()
    {
        await using var h = await OrderPortHarness.StartAsync();
        var shortPut = OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Put, 0.96));
        var longPut = OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Put, 0.93));
        var spread = OptionStructure.PutCreditSpread(shortPut, longPut);
        var open = h.Port.Submit(h.Request(7, spread, +1, marketable: true));
        Assert.That(await h.UntilStatusAsync(open, BrokerOrderStatus.Filled), Is.True);

        // Close resting (quantity −1), then reprice to marketable: the limit is reported in the request's sign.
        var resting = h.Request(8, spread, -1, marketable: false);
        var id = h.Port.Submit(resting);
        Assert.That(await h.UntilStatusAsync(id, BrokerOrderStatus.Working), Is.True);
        await Task.Delay(150);
        h.Port.Pump(h.Sink);
        Assert.That(h.Sink.LastStatus(id), Is.EqualTo(BrokerOrderStatus.Working), "a limit beyond mid rests");
        Assert.That(h.Port.TryGetBrokerOrderId(id, out long first), Is.True);

        decimal marketable = h.Request(8, spread, -1, marketable: true).LimitPrice;
        h.Port.Replace(id, marketable);
        Assert.That(await h.PumpUntilAsync(() => h.Sink.StatusesOf(id).Contains(BrokerOrderStatus.Replaced)), Is.True);
        var replaced = h.Sink.Updates.First(u => u.Order == id && u.Status == BrokerOrderStatus.Replaced);
        Assert.That(replaced.LimitPrice, Is.EqualTo(marketable));
        Assert.That(await h.UntilStatusAsync(id, BrokerOrderStatus.Filled), Is.True);
        Assert.That(h.Port.TryGetBrokerOrderId(id, out long second), Is.True);
        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(h.Acks.Where(a => a.Order == id).Select(a => (a.BrokerOrderId, a.ReplacesBrokerOrderId)), Is.EqualTo(new (long, long?)[] { (first, null), (second, first) }));

        var orders = h.EmulatorOrders("tk-C8");
        Assert.That(orders.Select(o => (o.Id, o.Status, o.ReplacingOrderId)), Is.EqualTo(new (long?, string?, long?)[]
        {
            (first, OrderStatuses.Cancelled, second), (second, OrderStatuses.Filled, null),
        }));
        Assert.That(h.Sink.StatusesOf(id), Does.Not.Contain(BrokerOrderStatus.Cancelled), "the replaced original's Cancelled is not a cancel");
        Assert.That(h.Sink.Fills.Where(f => f.Order == id).Sum(f => Math.Abs(f.Quantity)), Is.EqualTo(2));
        Assert.That(h.Sink.Positions(), Is.Empty);
    }

    [Test]
    public async Task Cancel_OfAWorkingOrder_IsCancelled()
    {
        await using var h = await OrderPortHarness.StartAsync();
        var put = OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Put, 0.95));
        var id = h.Port.Submit(h.Request(9, OptionStructure.SinglePut(put), +1, marketable: false));
        Assert.That(await h.UntilStatusAsync(id, BrokerOrderStatus.Working), Is.True);
        h.Port.Cancel(id);
        Assert.That(await h.UntilStatusAsync(id, BrokerOrderStatus.Cancelled), Is.True);
        Assert.That(h.EmulatorOrders("tk-C9").Single().Status, Is.EqualTo(OrderStatuses.Cancelled));
        Assert.That(h.Sink.Fills, Is.Empty);
    }

    [Test]
    public async Task Rejects_BrokerReasonForA4xx_LocalReasonForACrossing_AndNothingSentForTheLatter()
    {
        await using var h = await OrderPortHarness.StartAsync();
        var put = OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Put, 0.95));
        // The host believes it is short one: a "Buy to Close" the broker refuses (strict position effect, 422).
        var lying = new ComboOrderRequest(new ClientOrderId(10), StrategyId.LPL, default, OptionStructure.SinglePut(put), -1, -0.50m, "x");
        await using (var port = new Tastytrade.Adapters.TastytradeOrderPort(h.Rest, OrderPortHarness.Account, _ => -1))
        {
            var id = port.Submit(lying);
            var sink = new RecordingOrderSink();
            Assert.That(await StreamingHelpers.Eventually(() => { port.Pump(sink); return sink.LastStatus(id) == BrokerOrderStatus.Rejected; }, TimeSpan.FromSeconds(8)), Is.True);
            Assert.That(sink.Updates.Single().Message, Does.Contain("holds 0"), sink.Updates.Single().Message);
            Assert.That(h.EmulatorOrders("tk-C10"), Is.Empty, "a 4xx created nothing");
        }

        var crossing = new ComboOrderRequest(new ClientOrderId(11), StrategyId.LPL, default, OptionStructure.Adjustment([Leg.Buy(put, 3)]), 1, 1.00m, "x");
        await using (var port = new Tastytrade.Adapters.TastytradeOrderPort(h.Rest, OrderPortHarness.Account, _ => -1))
        {
            var id = port.Submit(crossing);
            var sink = new RecordingOrderSink();
            Assert.That(port.Pump(sink), Is.EqualTo(1), "refused synchronously, reported through Pump");
            Assert.That((sink.Updates[0].Order, sink.Updates[0].Status), Is.EqualTo((id, BrokerOrderStatus.Rejected)));
            Assert.That(sink.Updates[0].Message, Does.Contain("crosses through zero"));
            Assert.That(port.Posts, Is.Zero);
        }
    }

    [Test]
    public async Task LostAnswer_AfterTheServerCreatedTheOrder_IsUnknownThenFound_NeverPostedTwice()
    {
        await using var h = await OrderPortHarness.StartAsync();
        h.Requests.LoseAnswerOf["tk-C12"] = 1;
        var put = OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Put, 0.95));
        var id = h.Port.Submit(h.Request(12, OptionStructure.SinglePut(put), +1, marketable: false));
        // The streamer may report the order working before or after the port reports it unknown; either way the
        // reconciliation ends with the broker id acknowledged and the order working again.
        Assert.That(await h.PumpUntilAsync(() => h.Acks.Any(a => a.Order == id) && h.Sink.LastStatus(id) == BrokerOrderStatus.Working), Is.True, string.Join(",", h.Sink.StatusesOf(id)));
        Assert.That(h.Sink.StatusesOf(id), Does.Contain(BrokerOrderStatus.Unknown));
        Assert.That(h.Sink.StatusesOf(id), Does.Not.Contain(BrokerOrderStatus.Rejected));
        Assert.That((h.Port.Posts, h.Port.Resubmits), Is.EqualTo((1L, 0L)));
        Assert.That(h.Requests.Posts.Count(p => p.ExternalId == "tk-C12"), Is.EqualTo(1));
        var order = h.EmulatorOrders("tk-C12").Single();
        Assert.That(h.Acks.Single(a => a.Order == id).BrokerOrderId, Is.EqualTo(order.Id), "reconciliation acknowledged the broker id");
        h.Port.Cancel(id);
        Assert.That(await h.UntilStatusAsync(id, BrokerOrderStatus.Cancelled), Is.True, "the found order is fully managed");
    }

    [Test]
    public async Task ServerError_BeforeProcessing_IsUnknown_ProvenAbsent_PostedAgainOnce()
    {
        await using var h = await OrderPortHarness.StartAsync();
        var put = OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Put, 0.95));
        h.Host.Faults.FailNextRequests(503);
        var id = h.Port.Submit(h.Request(13, OptionStructure.SinglePut(put), +1, marketable: true));
        Assert.That(await h.UntilStatusAsync(id, BrokerOrderStatus.Filled), Is.True, string.Join(",", h.Sink.StatusesOf(id)));
        Assert.That(h.Sink.StatusesOf(id)[0], Is.EqualTo(BrokerOrderStatus.Unknown));
        Assert.That((h.Port.Posts, h.Port.Resubmits), Is.EqualTo((2L, 1L)));
        Assert.That(h.Requests.Posts.Where(p => p.ExternalId == "tk-C13").Select(p => p.Status), Is.EqualTo(new[] { 503, 201 }));
        Assert.That(h.EmulatorOrders("tk-C13"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CancelWhileUnknown_AndProvenAbsent_IsCancelledWithoutResending()
    {
        await using var h = await OrderPortHarness.StartAsync(configure: (_, o) => o with { ReconcileDelay = TimeSpan.FromMilliseconds(300) });
        var put = OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Put, 0.95));
        h.Host.Faults.FailNextRequests(502);
        var id = h.Port.Submit(h.Request(14, OptionStructure.SinglePut(put), +1, marketable: false));
        Assert.That(await h.UntilStatusAsync(id, BrokerOrderStatus.Unknown), Is.True);
        h.Port.Cancel(id);
        Assert.That(await h.UntilStatusAsync(id, BrokerOrderStatus.Cancelled), Is.True);
        Assert.That(h.Port.Posts, Is.EqualTo(1));
        Assert.That(h.EmulatorOrders("tk-C14"), Is.Empty);
    }

    [Test]
    public async Task Snapshot_ListsOurOrdersWithClientIdsFillsAndPositions()
    {
        await using var h = await OrderPortHarness.StartAsync();
        var put = OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Put, 0.95));
        var id = h.Port.Submit(h.Request(15, OptionStructure.SinglePut(put), +2, marketable: true));
        Assert.That(await h.UntilStatusAsync(id, BrokerOrderStatus.Filled), Is.True);
        var snapshot = await h.Port.SnapshotAsync(h.Host.Market.Today);
        var order = snapshot.Orders.Single(o => o.ExternalIdentifier == "tk-C15");
        Assert.That((order.ClientId, order.Order, order.MappedStatus, order.FilledUnits, order.Size), Is.EqualTo(((ClientOrderId?)new ClientOrderId(15), (OrderId?)id, (BrokerOrderStatus?)BrokerOrderStatus.Filled, 2, 2)));
        Assert.That(order.Fills.Select(f => (f.FillId, f.Contract, f.Quantity, f.Price)),
            Is.EquivalentTo(h.Sink.Fills.Select(f => (f.ExecutionId, (OptionContract?)f.Contract, f.Quantity, f.Price))));
        Assert.That(snapshot.Positions.Select(p => (p.Contract, p.Quantity)), Is.EqualTo(new (OptionContract?, int)[] { (put, -2) }));
    }
}

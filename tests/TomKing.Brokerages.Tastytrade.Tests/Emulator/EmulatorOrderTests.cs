using System.Net;
using System.Threading.Channels;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Risk.Margin;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Events;
using TomKing.Brokerages.Tastytrade.Emulator.Market;
using TomKing.Engine.Synthetic;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Tests.EmulatorTests;

/// <summary>The order lifecycle over HTTP: fills (whole and partial), cancel, replace, rejects, duplicates, expiry,
/// complex orders, events, and the dry run's buying power against the strategy core's MarginModel.</summary>
[TestFixture]
public class EmulatorOrderTests
{
    private static string OrdersPath => $"/accounts/{EmulatorSession.Account}/orders";

    [Test]
    public async Task MarketOrder_RoutedThenLiveThenFilled_WithFillsPositionsBalanceAndTransactions()
    {
        await using var s = await EmulatorSession.StartAsync();
        using var events = s.Host.Events.Subscribe([EmulatorSession.Account]);
        var put = OtmPut(s.Host.Market, "SPY", 30, 0.95);
        var (status, placed, _) = await s.PlaceAsync(Order(OrderTypes.Market, null, null, Leg(put, 2, OrderActions.SellToOpen)));
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created));
        var order = placed!.Data!.Order!;
        Assert.That(order.Status, Is.EqualTo(OrderStatuses.Routed));
        Assert.That(placed.Data.BuyingPowerEffect!.ChangeInBuyingPower, Is.GreaterThan(0m));

        s.Host.Orders.Step();
        Assert.That((await s.GetOrderAsync(order.Id!.Value)).Status, Is.EqualTo(OrderStatuses.Live));
        s.Host.Orders.Step();
        var filled = await s.GetOrderAsync(order.Id!.Value);
        Assert.That(filled.Status, Is.EqualTo(OrderStatuses.Filled));
        Assert.That(filled.Legs[0].RemainingQuantity, Is.EqualTo(0m));
        Assert.That(filled.Legs[0].Fills.Sum(f => f.Quantity), Is.EqualTo(2m));
        Assert.That(s.Host.Market.TryQuote(put.Symbol, out var q), Is.True);
        Assert.That(filled.Legs[0].Fills[0].FillPrice, Is.EqualTo(Math.Round((decimal)q.Bid, 4)), "a market sell fills at the bid");

        var positions = await s.GetDataAsync<ItemList<Position>>($"/accounts/{EmulatorSession.Account}/positions");
        Assert.That(positions.Items.Single().Symbol, Is.EqualTo(put.Symbol));
        Assert.That((positions.Items[0].Quantity, positions.Items[0].QuantityDirection), Is.EqualTo((2m, "Short")));

        var tx = await s.GetDataAsync<ItemList<Transaction>>($"/accounts/{EmulatorSession.Account}/transactions");
        Assert.That(tx.Items.Single().OrderId, Is.EqualTo(order.Id));
        Assert.That(tx.Items[0].Commission, Is.EqualTo(2m), "SPY options: $1 per contract to open");

        var balance = await s.GetDataAsync<AccountBalance>($"/accounts/{EmulatorSession.Account}/balances");
        decimal credit = filled.Legs[0].Fills[0].FillPrice!.Value * 200m;
        Assert.That(balance.CashBalance, Is.EqualTo(100_000m + credit - 2m - 0.2m));

        var seen = Drain(events.Reader);
        Assert.That(seen.OfType<OrderChangedEvent>().Select(e => e.Order.Status), Is.EqualTo(new[] { OrderStatuses.Routed, OrderStatuses.Live, OrderStatuses.Filled }));
        Assert.That(seen.OfType<PositionChangedEvent>().Single().Position.Symbol, Is.EqualTo(put.Symbol));
        Assert.That(seen.OfType<BalanceChangedEvent>().Single().Balance.CashBalance, Is.EqualTo(balance.CashBalance));
        Assert.That(seen.Select(e => e.Sequence), Is.Ordered.Ascending);
    }

    [Test]
    public async Task PartialFills_StayLive_WithCumulativeFillsPerLeg()
    {
        await using var s = await EmulatorSession.StartAsync();
        s.Host.Orders.Settings = s.Host.Orders.Settings with { MaxUnitsPerFill = 1 };
        using var events = s.Host.Events.Subscribe();
        var (shortPut, longPut) = PutSpread(s.Host.Market, "SPY", 30, 0.97, 5m);
        var request = Order(OrderTypes.Market, null, null, Leg(shortPut, 3, OrderActions.SellToOpen), Leg(longPut, 3, OrderActions.BuyToOpen));
        var (_, placed, _) = await s.PlaceAsync(request);
        long id = placed!.Data!.Order!.Id!.Value;
        Assert.That(placed.Data.Order.Size, Is.EqualTo(3m));
        s.Host.Orders.Step();
        s.Host.Orders.Step();
        var one = await s.GetOrderAsync(id);
        Assert.That(one.Status, Is.EqualTo(OrderStatuses.Live));
        Assert.That(one.Legs.Select(l => l.RemainingQuantity), Is.EqualTo(new decimal?[] { 2m, 2m }));
        s.Host.Orders.Step();
        var two = await s.GetOrderAsync(id);
        Assert.That(two.Status, Is.EqualTo(OrderStatuses.Live));
        Assert.That(two.Legs[0].Fills, Has.Count.EqualTo(2), "every report repeats all fills so far");
        Assert.That(two.Legs[0].Fills[0].FillId, Is.EqualTo(one.Legs[0].Fills[0].FillId));
        s.Host.Orders.Step();
        var done = await s.GetOrderAsync(id);
        Assert.That(done.Status, Is.EqualTo(OrderStatuses.Filled));
        var fillIds = done.Legs.SelectMany(l => l.Fills).Select(f => f.FillId).ToArray();
        Assert.That(fillIds, Has.Length.EqualTo(6).And.Unique);
        var liveWithFills = Drain(events.Reader).OfType<OrderChangedEvent>().Where(e => e.Order.Status == OrderStatuses.Live && e.Order.Legs[0].Fills.Count > 0);
        Assert.That(liveWithFills.Count(), Is.EqualTo(2), "partial fills are announced while Live");
    }

    [Test]
    public async Task Limit_AtMid_Rests_ThroughNatural_Fills_HalfwayFillsAtLimit()
    {
        await using var s = await EmulatorSession.StartAsync();
        var put = OtmPut(s.Host.Market, "SPY", 30, 0.95);
        s.Host.Market.TryQuote(put.Symbol, out var q);
        decimal mid = Math.Round((decimal)q.Mid, 2);
        var (_, atMid, _) = await s.PlaceAsync(Order(OrderTypes.Limit, mid, PriceEffects.Debit, Leg(put, 1, OrderActions.BuyToOpen)));
        var (_, through, _) = await s.PlaceAsync(Order(OrderTypes.Limit, (decimal)q.Ask + 0.05m, PriceEffects.Debit, Leg(OtmPut(s.Host.Market, "SPY", 30, 0.9), 1, OrderActions.BuyToOpen)));
        s.Host.Orders.Step();
        s.Host.Orders.Step();
        Assert.That((await s.GetOrderAsync(atMid!.Data!.Order!.Id!.Value)).Status, Is.EqualTo(OrderStatuses.Live));
        var filled = await s.GetOrderAsync(through!.Data!.Order!.Id!.Value);
        Assert.That(filled.Status, Is.EqualTo(OrderStatuses.Filled));

        decimal threeQuarters = Math.Round((decimal)(q.Mid + (0.75 * (q.Ask - q.Mid))), 4);
        var (_, passive, _) = await s.PlaceAsync(Order(OrderTypes.Limit, threeQuarters, PriceEffects.Debit, Leg(put, 1, OrderActions.BuyToOpen)));
        s.Host.Orders.Step();
        s.Host.Orders.Step();
        var p = await s.GetOrderAsync(passive!.Data!.Order!.Id!.Value);
        Assert.That(p.Status, Is.EqualTo(OrderStatuses.Filled));
        Assert.That(p.Legs[0].Fills[0].FillPrice, Is.EqualTo(threeQuarters).Within(0.0001m));
    }

    [Test]
    public async Task Cancel_IsCancelRequested_ThenCancelled()
    {
        await using var s = await EmulatorSession.StartAsync();
        var put = OtmPut(s.Host.Market, "SPY", 30, 0.95);
        var (_, placed, _) = await s.PlaceAsync(Order(OrderTypes.Limit, 0.01m, PriceEffects.Debit, Leg(put, 1, OrderActions.BuyToOpen)));
        long id = placed!.Data!.Order!.Id!.Value;
        s.Host.Orders.Step();
        using var response = await s.SendAsync(HttpMethod.Delete, $"{OrdersPath}/{id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await EmulatorSession.ReadAsync<ApiEnvelope<Order>>(response)).Data!.Status, Is.EqualTo(OrderStatuses.CancelRequested));
        s.Host.Orders.Step();
        var cancelled = await s.GetOrderAsync(id);
        Assert.That((cancelled.Status, cancelled.CancelledSize), Is.EqualTo((OrderStatuses.Cancelled, (decimal?)1m)));
        using var again = await s.SendAsync(HttpMethod.Delete, $"{OrdersPath}/{id}");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
    }

    [Test]
    public async Task Replace_CancelsOriginal_AndReturnsANewLinkedOrder()
    {
        await using var s = await EmulatorSession.StartAsync();
        var put = OtmPut(s.Host.Market, "SPY", 30, 0.95);
        var (_, placed, _) = await s.PlaceAsync(Order(OrderTypes.Limit, 0.01m, PriceEffects.Debit, Leg(put, 1, OrderActions.BuyToOpen)) with { ExternalIdentifier = "ext-r1" });
        long id = placed!.Data!.Order!.Id!.Value;
        s.Host.Orders.Step();
        using var response = await s.SendAsync(HttpMethod.Put, $"{OrdersPath}/{id}",
            EmulatorSession.Json(new OrderRequest { OrderType = OrderTypes.Limit, TimeInForce = TimeInForces.Day, Price = 0.02m, PriceEffect = PriceEffects.Debit }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var replacement = (await EmulatorSession.ReadAsync<ApiEnvelope<Order>>(response)).Data!;
        Assert.That(replacement.Id, Is.Not.EqualTo(id));
        Assert.That((replacement.ReplacesOrderId, replacement.Price, replacement.Legs[0].Symbol, replacement.ExternalIdentifier), Is.EqualTo(((long?)id, (decimal?)0.02m, put.Symbol, "ext-r1")));
        var original = await s.GetOrderAsync(id);
        Assert.That((original.Status, original.ReplacingOrderId), Is.EqualTo((OrderStatuses.Cancelled, replacement.Id)));
    }

    [Test]
    public async Task InvalidSymbol_Is422PreflightFailure()
    {
        await using var s = await EmulatorSession.StartAsync();
        var request = new OrderRequest
        {
            OrderType = OrderTypes.Market,
            Legs = [new OrderLegRequest { InstrumentType = InstrumentTypes.EquityOption, Symbol = "ZZZZ  240621P00100000", Quantity = 1, Action = OrderActions.BuyToOpen }],
        };
        var (status, _, error) = await s.PlaceAsync(request);
        Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((error!.Error!.Code, error.Error.Errors![0].Code), Is.EqualTo(("preflight_check_failure", "invalid_symbol")));
    }

    [Test]
    public async Task NegativePrice_Is400ValidationError_DomainReason()
    {
        await using var s = await EmulatorSession.StartAsync();
        var put = OtmPut(s.Host.Market, "SPY", 30, 0.95);
        var (status, _, error) = await s.PlaceAsync(Order(OrderTypes.Limit, -1m, PriceEffects.Credit, Leg(put, 1, OrderActions.SellToOpen)));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((error!.Error!.Code, error.Error.Errors![0].Domain), Is.EqualTo(("validation_error", "price")));
    }

    [Test]
    public async Task GtcMarket_IsRejectedByPreflight()
    {
        await using var s = await EmulatorSession.StartAsync();
        var put = OtmPut(s.Host.Market, "SPY", 30, 0.95);
        var (status, _, error) = await s.PlaceAsync(Order(OrderTypes.Market, null, null, Leg(put, 1, OrderActions.BuyToOpen)) with { TimeInForce = TimeInForces.Gtc });
        Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(error!.Error!.Errors![0].Code, Is.EqualTo("gtc_market_orders_not_supported"));
    }

    [Test]
    public async Task InsufficientBuyingPower_IsRejected_WithReason()
    {
        await using var s = await EmulatorSession.StartAsync();
        var put = OtmPut(s.Host.Market, "SPX", 30, 0.97, root: "SPXW");
        var (status, placed, _) = await s.PlaceAsync(Order(OrderTypes.Market, null, null, Leg(put, 50, OrderActions.SellToOpen)));
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(placed!.Data!.Order!.Status, Is.EqualTo(OrderStatuses.Rejected));
        Assert.That(placed.Data.Order.RejectReason, Does.StartWith("Insufficient buying power"));

        var (_, dry, _) = await s.PlaceAsync(Order(OrderTypes.Market, null, null, Leg(put, 50, OrderActions.SellToOpen)), dryRun: true);
        Assert.That(dry!.Data!.Errors!.Select(e => e.Code), Does.Contain("insufficient_buying_power"));
        Assert.That(dry.Data.Order!.Id, Is.Null);
    }

    [Test]
    public async Task MarketClosed_IsRejected_WithReason()
    {
        await using var s = await EmulatorSession.StartAsync();
        s.Host.Clock.Set(new DateTime(2024, 6, 3, 17, 30, 0));
        var put = OtmPut(s.Host.Market, "SPY", 30, 0.95);
        var (_, placed, _) = await s.PlaceAsync(Order(OrderTypes.Limit, 1m, PriceEffects.Debit, Leg(put, 1, OrderActions.BuyToOpen)));
        Assert.That((placed!.Data!.Order!.Status, placed.Data.Order.RejectReason), Is.EqualTo((OrderStatuses.Rejected, "Market is closed")));
    }

    [Test]
    public async Task DuplicateExternalIdentifier_ReturnsTheExistingOrder()
    {
        await using var s = await EmulatorSession.StartAsync();
        var put = OtmPut(s.Host.Market, "SPY", 30, 0.95);
        var request = Order(OrderTypes.Limit, 0.01m, PriceEffects.Debit, Leg(put, 1, OrderActions.BuyToOpen)) with { ExternalIdentifier = "tk-42" };
        var (_, first, _) = await s.PlaceAsync(request);
        var (status, second, _) = await s.PlaceAsync(request);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(second!.Data!.Order!.Id, Is.EqualTo(first!.Data!.Order!.Id));
        var live = await s.GetDataAsync<ItemList<Order>>($"{OrdersPath}/live");
        Assert.That(live.Items.Count(o => o.ExternalIdentifier == "tk-42"), Is.EqualTo(1));
    }

    [Test]
    public async Task ConcurrentSubmits_WithOneExternalIdentifier_CreateOneOrder()
    {
        await using var s = await EmulatorSession.StartAsync();
        var put = OtmPut(s.Host.Market, "SPY", 30, 0.95);
        var request = Order(OrderTypes.Limit, 0.01m, PriceEffects.Debit, Leg(put, 1, OrderActions.BuyToOpen)) with { ExternalIdentifier = "tk-race" };
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => s.PlaceAsync(request)));
        Assert.That(results.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.Created));
        Assert.That(results.Select(r => r.Placed!.Data!.Order!.Id).Distinct().Count(), Is.EqualTo(1));
        var all = await s.GetDataAsync<ItemList<Order>>($"{OrdersPath}?per-page=50");
        Assert.That(all.Items, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task StrictPositionEffect_ClosingWhatIsNotHeld_IsRefused()
    {
        await using var s = await EmulatorSession.StartAsync();
        var put = OtmPut(s.Host.Market, "SPY", 30, 0.95);
        var request = Order(OrderTypes.Market, null, null, Leg(put, 1, OrderActions.BuyToClose)) with
        {
            AdvancedInstructions = new AdvancedInstructions { StrictPositionEffectValidation = true },
        };
        var (status, _, error) = await s.PlaceAsync(request);
        Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(error!.Error!.Errors![0].Code, Is.EqualTo("position_effect_mismatch"));
    }

    [Test]
    public async Task OutrightFuture_BuyThenSell_MovesNoPremium_PaysCommission_RealizesPnl()
    {
        await using var s = await EmulatorSession.StartAsync();
        var buy = Order(OrderTypes.Market, null, null, new OrderLegRequest { InstrumentType = InstrumentTypes.Future, Symbol = "/ESU4", Quantity = 1, Action = OrderActions.Buy });
        var (status, placed, _) = await s.PlaceAsync(buy);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), placed?.ToString());
        s.Host.Orders.Step();
        s.Host.Orders.Step();
        var filled = await s.GetOrderAsync(placed!.Data!.Order!.Id!.Value);
        Assert.That((filled.Status, filled.UnderlyingInstrumentType), Is.EqualTo((OrderStatuses.Filled, InstrumentTypes.Future)));
        var balance = await s.GetDataAsync<AccountBalance>($"/accounts/{EmulatorSession.Account}/balances");
        Assert.That(balance.CashBalance, Is.EqualTo(100_000m - 1.25m), "a future moves no premium; $1.25 commission");
        Assert.That(balance.MaintenanceRequirement, Is.GreaterThan(0m));

        s.Host.Clock.Advance(TimeSpan.FromMinutes(30));
        var sell = buy with { Legs = [buy.Legs![0] with { Action = OrderActions.Sell }] };
        var (_, closed, _) = await s.PlaceAsync(sell);
        s.Host.Orders.Step();
        s.Host.Orders.Step();
        var exit = await s.GetOrderAsync(closed!.Data!.Order!.Id!.Value);
        decimal pnl = (exit.Legs[0].Fills[0].FillPrice!.Value - filled.Legs[0].Fills[0].FillPrice!.Value) * 50m;
        var after = await s.GetDataAsync<AccountBalance>($"/accounts/{EmulatorSession.Account}/balances");
        Assert.That(after.CashBalance, Is.EqualTo(100_000m - 2.5m + pnl));
        Assert.That((await s.GetDataAsync<ItemList<Position>>($"/accounts/{EmulatorSession.Account}/positions")).Items, Is.Empty);
    }

    [Test]
    public async Task ZeroDte_AtTheClose_OptionsExpireOrSettle_CashForIndexAndSharesForEtf()
    {
        await using var s = await EmulatorSession.StartAsync();
        var market = s.Host.Market;
        var xspOtm = OtmPut(market, "XSP", 0, 0.98);
        var xspItm = OtmPut(market, "XSP", 0, 1.02);
        var spyItm = OtmPut(market, "SPY", 0, 1.02);
        Assert.That(xspOtm.Expiration, Is.EqualTo(new DateOnly(2024, 6, 3)));
        foreach (var put in new[] { xspOtm, xspItm, spyItm })
        {
            var (_, placed, _) = await s.PlaceAsync(Order(OrderTypes.Market, null, null, Leg(put, 1, OrderActions.SellToOpen)));
            Assert.That(placed!.Data!.Order!.Status, Is.EqualTo(OrderStatuses.Routed), placed.Data.Order.RejectReason);
        }

        s.Host.Orders.Step();
        s.Host.Orders.Step();
        decimal cashBefore = (await s.GetDataAsync<AccountBalance>($"/accounts/{EmulatorSession.Account}/balances")).CashBalance!.Value;

        s.Host.Clock.Set(new DateTime(2024, 6, 3, 16, 0, 0));
        s.Host.Orders.Step();
        double xspClose = market.Read(m => m.TryGetDailyClose("XSP", new DateOnly(2024, 6, 3), out double c) ? c : double.NaN);
        double spyClose = market.Read(m => m.TryGetDailyClose("SPY", new DateOnly(2024, 6, 3), out double c) ? c : double.NaN);
        decimal Intrinsic(decimal strike, double close) => Math.Max(strike - (decimal)close, 0m);

        var positions = (await s.GetDataAsync<ItemList<Position>>($"/accounts/{EmulatorSession.Account}/positions")).Items;
        Assert.That(positions.Where(p => p.InstrumentType == InstrumentTypes.EquityOption), Is.Empty, "every 0DTE option left the account");
        bool assigned = Intrinsic(spyItm.Strike!.Value, spyClose) > 0m;
        Assert.That(positions.Where(p => p.Symbol == "SPY").Sum(p => p.Quantity), Is.EqualTo(assigned ? 100m : 0m));

        var transactions = (await s.GetDataAsync<ItemList<Transaction>>($"/accounts/{EmulatorSession.Account}/transactions")).Items
            .Where(t => t.TransactionType == "Receive Deliver").ToArray();
        Assert.That(transactions, Has.Length.EqualTo(3));
        Assert.That(transactions.Single(t => t.Symbol == xspOtm.Symbol).TransactionSubType, Is.EqualTo(Intrinsic(xspOtm.Strike!.Value, xspClose) > 0m ? "Cash Settled Assignment" : "Expiration"));
        Assert.That(transactions.Single(t => t.Symbol == spyItm.Symbol).TransactionSubType, Is.EqualTo(assigned ? "Assignment" : "Expiration"));

        decimal expected = cashBefore
            - (Intrinsic(xspOtm.Strike!.Value, xspClose) * 100m)
            - (Intrinsic(xspItm.Strike!.Value, xspClose) * 100m)
            - (assigned ? spyItm.Strike!.Value * 100m : 0m);
        var balance = await s.GetDataAsync<AccountBalance>($"/accounts/{EmulatorSession.Account}/balances");
        Assert.That(balance.CashBalance, Is.EqualTo(Math.Round(expected, 2)));
    }

    [Test]
    public async Task DayOrder_ExpiresAtTheClose()
    {
        await using var s = await EmulatorSession.StartAsync();
        var put = OtmPut(s.Host.Market, "SPY", 30, 0.95);
        var (_, placed, _) = await s.PlaceAsync(Order(OrderTypes.Limit, 0.01m, PriceEffects.Debit, Leg(put, 1, OrderActions.BuyToOpen)));
        var (_, gtc, _) = await s.PlaceAsync(Order(OrderTypes.Limit, 0.01m, PriceEffects.Debit, Leg(put, 1, OrderActions.BuyToOpen)) with { TimeInForce = TimeInForces.Gtc });
        s.Host.Orders.Step();
        s.Host.Clock.Set(new DateTime(2024, 6, 3, 16, 0, 0));
        s.Host.Orders.Step();
        Assert.That((await s.GetOrderAsync(placed!.Data!.Order!.Id!.Value)).Status, Is.EqualTo(OrderStatuses.Expired));
        Assert.That((await s.GetOrderAsync(gtc!.Data!.Order!.Id!.Value)).Status, Is.EqualTo(OrderStatuses.Live));
    }

    [Test]
    public async Task Search_FiltersByStatus_AndPages()
    {
        await using var s = await EmulatorSession.StartAsync();
        var put = OtmPut(s.Host.Market, "SPY", 30, 0.95);
        for (int i = 0; i < 3; i++)
        {
            await s.PlaceAsync(Order(OrderTypes.Limit, 0.01m, PriceEffects.Debit, Leg(put, 1, OrderActions.BuyToOpen)));
        }

        var (_, market, _) = await s.PlaceAsync(Order(OrderTypes.Market, null, null, Leg(put, 1, OrderActions.BuyToOpen)));
        s.Host.Orders.Step();
        s.Host.Orders.Step();
        var filled = await s.GetDataAsync<ItemList<Order>>($"{OrdersPath}?start-date=2024-06-03&status[]=Filled");
        Assert.That(filled.Items.Select(o => o.Id), Is.EqualTo(new[] { market!.Data!.Order!.Id }));
        using var response = await s.SendAsync(HttpMethod.Get, $"{OrdersPath}?status[]=Live&per-page=2&page-offset=1");
        var page = await EmulatorSession.ReadAsync<ApiEnvelope<ItemList<Order>>>(response);
        Assert.That((page.Pagination!.TotalItems, page.Pagination.TotalPages, page.Pagination.CurrentItemCount, page.Data!.Items.Count), Is.EqualTo((3, 2, 1, 1)));
    }

    [Test]
    public async Task Oco_OneSideFills_TheOtherIsCancelled_AndCancelComplexWorks()
    {
        await using var s = await EmulatorSession.StartAsync();
        var put = OtmPut(s.Host.Market, "SPY", 30, 0.95);
        var request = new ComplexOrderRequest
        {
            Type = ComplexOrderTypes.Oco,
            Orders =
            [
                Order(OrderTypes.Market, null, null, Leg(put, 1, OrderActions.BuyToOpen)),
                Order(OrderTypes.Limit, 0.01m, PriceEffects.Debit, Leg(put, 1, OrderActions.BuyToOpen)),
            ],
        };
        using var response = await s.SendAsync(HttpMethod.Post, $"/accounts/{EmulatorSession.Account}/complex-orders", EmulatorSession.Json(request));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var complex = (await EmulatorSession.ReadAsync<ApiEnvelope<PlacedOrderResponse>>(response)).Data!.ComplexOrder!;
        Assert.That(complex.Orders.Select(o => o.ComplexOrderId), Is.All.EqualTo(complex.Id));
        s.Host.Orders.Step();
        s.Host.Orders.Step();
        var after = await s.GetDataAsync<ComplexOrder>($"/accounts/{EmulatorSession.Account}/complex-orders/{complex.Id}");
        Assert.That(after.Orders.Select(o => o.Status), Is.EqualTo(new[] { OrderStatuses.Filled, OrderStatuses.Cancelled }));

        var otoco = new ComplexOrderRequest
        {
            Type = ComplexOrderTypes.Otoco,
            TriggerOrder = Order(OrderTypes.Limit, 0.01m, PriceEffects.Debit, Leg(put, 1, OrderActions.BuyToOpen)),
            Orders =
            [
                Order(OrderTypes.Limit, 50m, PriceEffects.Credit, Leg(put, 1, OrderActions.SellToClose)) with { TimeInForce = TimeInForces.Gtc },
                Order(OrderTypes.Stop, null, null, Leg(put, 1, OrderActions.SellToClose)) with { StopTrigger = 0.01m },
            ],
        };
        using var placed = await s.SendAsync(HttpMethod.Post, $"/accounts/{EmulatorSession.Account}/complex-orders", EmulatorSession.Json(otoco));
        var second = (await EmulatorSession.ReadAsync<ApiEnvelope<PlacedOrderResponse>>(placed)).Data!.ComplexOrder!;
        Assert.That(second.TriggerOrder!.ComplexOrderTag, Is.EqualTo("OTOCO::trigger-order"));
        Assert.That(second.Orders.Select(o => o.Status), Is.All.EqualTo(OrderStatuses.Contingent));
        using var cancel = await s.SendAsync(HttpMethod.Delete, $"/accounts/{EmulatorSession.Account}/complex-orders/{second.Id}");
        var cancelled = (await EmulatorSession.ReadAsync<ApiEnvelope<ComplexOrder>>(cancel)).Data!;
        Assert.That(cancelled.RelatedOrders!.Select(r => r.Status), Is.All.EqualTo(OrderStatuses.Cancelled));
    }

    [Test]
    public async Task Otoco_TriggerFills_ChildrenWork_FirstChildFilledCancelsTheOther()
    {
        await using var s = await EmulatorSession.StartAsync();
        var put = OtmPut(s.Host.Market, "SPY", 30, 0.95);
        s.Host.Market.TryQuote(put.Symbol, out var q);
        var otoco = new ComplexOrderRequest
        {
            Type = ComplexOrderTypes.Otoco,
            TriggerOrder = Order(OrderTypes.Market, null, null, Leg(put, 1, OrderActions.BuyToOpen)),
            Orders =
            [
                Order(OrderTypes.Limit, Math.Max((decimal)q.Bid - 0.05m, 0.01m), PriceEffects.Credit, Leg(put, 1, OrderActions.SellToClose)) with { TimeInForce = TimeInForces.Gtc },
                Order(OrderTypes.Limit, 1000m, PriceEffects.Credit, Leg(put, 1, OrderActions.SellToClose)) with { TimeInForce = TimeInForces.Gtc },
            ],
        };
        using var placed = await s.SendAsync(HttpMethod.Post, $"/accounts/{EmulatorSession.Account}/complex-orders", EmulatorSession.Json(otoco));
        var complex = (await EmulatorSession.ReadAsync<ApiEnvelope<PlacedOrderResponse>>(placed)).Data!.ComplexOrder!;
        s.Host.Orders.Step();
        s.Host.Orders.Step();
        var triggered = await s.GetDataAsync<ComplexOrder>($"/accounts/{EmulatorSession.Account}/complex-orders/{complex.Id}");
        Assert.That(triggered.TriggerOrder!.Status, Is.EqualTo(OrderStatuses.Filled));
        Assert.That(triggered.Orders.Select(o => o.Status), Is.All.AnyOf(OrderStatuses.Routed, OrderStatuses.Live), "no longer Contingent");
        for (int i = 0; i < 2; i++)
        {
            s.Host.Orders.Step();
        }

        var done = await s.GetDataAsync<ComplexOrder>($"/accounts/{EmulatorSession.Account}/complex-orders/{complex.Id}");
        Assert.That(done.Orders.Select(o => o.Status), Is.EqualTo(new[] { OrderStatuses.Filled, OrderStatuses.Cancelled }));
        Assert.That(done.TerminalAt, Is.Not.Null);
        var positions = await s.GetDataAsync<ItemList<Position>>($"/accounts/{EmulatorSession.Account}/positions");
        Assert.That(positions.Items, Is.Empty, "bought by the trigger, sold by the take-profit");
    }

    [Test]
    public async Task ReplaceDryRun_PricesTheReplacement_WithoutPlacingIt()
    {
        await using var s = await EmulatorSession.StartAsync();
        var put = OtmPut(s.Host.Market, "SPY", 30, 0.95);
        var (_, placed, _) = await s.PlaceAsync(Order(OrderTypes.Limit, 0.01m, PriceEffects.Debit, Leg(put, 2, OrderActions.BuyToOpen)));
        long id = placed!.Data!.Order!.Id!.Value;
        using var response = await s.SendAsync(HttpMethod.Post, $"{OrdersPath}/{id}/dry-run",
            EmulatorSession.Json(new OrderRequest { OrderType = OrderTypes.Limit, Price = 0.5m, PriceEffect = PriceEffects.Debit }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var dry = (await EmulatorSession.ReadAsync<ApiEnvelope<PlacedOrderResponse>>(response)).Data!;
        Assert.That((dry.Order!.Id, dry.Order.Price, dry.Order.Size), Is.EqualTo(((long?)null, (decimal?)0.5m, (decimal?)2m)));
        Assert.That(dry.FeeCalculation!.Commission, Is.EqualTo(2m));
        Assert.That((await s.GetOrderAsync(id)).ReplacingOrderId, Is.Null);
    }

    [Test]
    public async Task Search_WithVersion20261012_RequiresAStart()
    {
        await using var s = await EmulatorSession.StartAsync();
        using var without = await s.SendAsync(HttpMethod.Get, OrdersPath, version: "20261012");
        Assert.That(without.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var with = await s.SendAsync(HttpMethod.Get, OrdersPath + "?start-date=2024-06-01", version: "20261012");
        Assert.That(with.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var older = await s.SendAsync(HttpMethod.Get, OrdersPath, version: "20251101");
        Assert.That(older.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task DryRun_BuyingPower_EqualsMarginModel_ForAPutCreditSpread()
    {
        await using var s = await EmulatorSession.StartAsync();
        var market = s.Host.Market;
        var (shortPut, longPut) = PutSpread(market, "SPX", 30, 0.96, 50m, root: "SPXW");
        var (status, dry, _) = await s.PlaceAsync(Order(OrderTypes.Limit, 5m, PriceEffects.Credit, Leg(shortPut, 2, OrderActions.SellToOpen), Leg(longPut, 2, OrderActions.BuyToOpen)), dryRun: true);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created));

        // Independently: a same-seed synthetic market, a view at the same minute, the strategy core's MarginModel.
        var now = s.Host.Clock.NowEastern;
        var start = DateOnly.FromDateTime(now);
        var synthetic = new SyntheticMarket(s.Host.Context.Options.Seed, start, start.AddDays(400));
        var view = new SyntheticMarketView(synthetic);
        view.SetTime(now);
        var root = InstrumentCatalogue.Get("SPXW");
        var structure = OptionStructure.PutCreditSpread(
            OptionContract.FromCatalogue(root, shortPut.Expiration!.Value, shortPut.Strike!.Value, OptionRight.Put),
            OptionContract.FromCatalogue(root, longPut.Expiration!.Value, longPut.Strike!.Value, OptionRight.Put));
        Assert.That(new MarginModel().TryPerUnit(structure, view, out decimal perUnit), Is.True);
        decimal expected = Math.Round(perUnit, 2) * 2;

        var effect = dry!.Data!.BuyingPowerEffect!;
        Assert.That(effect.IsolatedOrderMarginRequirement, Is.EqualTo(expected));
        Assert.That(effect.ChangeInBuyingPower, Is.EqualTo(expected));
        Assert.That((effect.ChangeInBuyingPowerEffect, effect.IsSpread), Is.EqualTo((PriceEffects.Debit, true)));
        Assert.That(effect.NewBuyingPower, Is.EqualTo(100_000m - expected));
        Assert.That(expected, Is.GreaterThan(0m).And.LessThan(2 * 50m * 100m), "a defined-risk spread needs less than its width");

        var fees = dry.Data.FeeCalculation!;
        Assert.That((fees.Commission, fees.ClearingFees, fees.ProprietaryIndexOptionFees, fees.TotalFees), Is.EqualTo((4m, 0.4m, 2.4m, 6.8m)), "SPXW: $1 to open, $0.10 clearing, $0.60 exchange per contract");
    }

    private static OrderRequest Order(string type, decimal? price, string? effect, params OrderLegRequest[] legs) => new()
    {
        OrderType = type,
        TimeInForce = TimeInForces.Day,
        Price = price,
        PriceEffect = effect,
        Legs = legs,
    };

    private static OrderLegRequest Leg(EmulatorInstrument instrument, int quantity, string action) =>
        new() { InstrumentType = instrument.InstrumentType, Symbol = instrument.Symbol, Quantity = quantity, Action = action };

    /// <summary>A listed put about <paramref name="moneyness"/> × spot, in the expiry nearest <paramref name="dte"/> days.</summary>
    private static EmulatorInstrument OtmPut(EmulatorMarket market, string underlying, int dte, double moneyness, string? root = null)
    {
        root ??= underlying;
        var today = market.Today;
        var expiry = market.ListExpiries(root).MinBy(e => Math.Abs(e.DayNumber - today.DayNumber - dte));
        Assert.That(market.TryGetPrice(underlying, out double spot), Is.True);
        decimal strike = market.ListStrikes(root, expiry).MinBy(k => Math.Abs((double)k - (moneyness * spot)));
        Assert.That(market.TryEquityOption(root, expiry, OptionRight.Put, strike, out var put), Is.True);
        return put;
    }

    private static (EmulatorInstrument Short, EmulatorInstrument Long) PutSpread(EmulatorMarket market, string underlying, int dte, double moneyness, decimal width, string? root = null)
    {
        var shortPut = OtmPut(market, underlying, dte, moneyness, root);
        Assert.That(market.ListStrikes(shortPut.Root, shortPut.Expiration!.Value), Does.Contain(shortPut.Strike!.Value - width));
        Assert.That(market.TryEquityOption(shortPut.Root, shortPut.Expiration!.Value, OptionRight.Put, shortPut.Strike!.Value - width, out var longPut), Is.True);
        return (shortPut, longPut);
    }

    private static List<EmulatorEvent> Drain(ChannelReader<EmulatorEvent> reader)
    {
        var list = new List<EmulatorEvent>();
        while (reader.TryRead(out var e))
        {
            list.Add(e);
        }

        return list;
    }
}

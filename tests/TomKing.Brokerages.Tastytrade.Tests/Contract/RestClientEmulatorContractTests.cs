using TomKing.Brokerages.Tastytrade.Adapters;
using TomKing.Brokerages.Tastytrade.Api;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Auth;
using TomKing.Brokerages.Tastytrade.Emulator;
using TomKing.Brokerages.Tastytrade.Emulator.Market;
using TomKing.Brokerages.Tastytrade.Emulator.Orders;
using TomKing.Brokerages.Tastytrade.Http;
using TomKing.Brokerages.Tastytrade.Symbology;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Tests.Contract;

/// <summary>
/// Contract tests: the REST client (<see cref="TastytradeRestClient"/> with the real <see cref="OAuthTokenSource"/>)
/// against the emulator over HTTP on 127.0.0.1, one call per endpoint. Each answer is compared with the emulator's
/// own state read through its in-process API (the order engine, the market, the token store), never with values the
/// test computed from the client's own answer. The market clock stands still and orders are worked only by Step.
/// </summary>
[TestFixture]
[CancelAfter(30_000)]
public class RestClientEmulatorContractTests
{
    private sealed class Session : IAsyncDisposable
    {
        private Session(EmulatorHost host, HttpClient http, OAuthTokenSource tokens, TastytradeRestClient client)
        {
            Host = host;
            Http = http;
            Tokens = tokens;
            Client = client;
        }

        public EmulatorHost Host { get; }

        public HttpClient Http { get; }

        public OAuthTokenSource Tokens { get; }

        public TastytradeRestClient Client { get; }

        public string Account => Host.Orders.AccountNumbers[0];

        public OrderEngine Orders => Host.Orders;

        public static async Task<Session> StartAsync()
        {
            var host = new EmulatorHost(new EmulatorOptions { ClockRuns = false, StepInterval = null });
            var url = await host.StartAsync();
            Assert.That(url.Host, Is.EqualTo("127.0.0.1"));
            var env = TastytradeEnvironment.Loopback(url.Port);
            var http = TastytradeHttp.CreateClient(env.RestBaseUri, TimeSpan.FromSeconds(10));
            var tokens = new OAuthTokenSource(http, new TastytradeCredentials(null, host.Context.Options.ClientSecret, host.Context.Options.RefreshToken), LiveMarketClock.Wall());
            var client = new TastytradeRestClient(new TastytradeClientOptions { Environment = env, RequestTimeout = TimeSpan.FromSeconds(10), RetryBaseDelay = TimeSpan.FromMilliseconds(10) }, tokens);
            return new Session(host, http, tokens, client);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            Http.Dispose();
            await Host.DisposeAsync();
        }
    }

    private static OrderRequest Limit(EmulatorInstrument instrument, string action, decimal price, string effect, string externalId, int quantity = 1) => new()
    {
        OrderType = OrderTypes.Limit,
        TimeInForce = TimeInForces.Day,
        Price = price,
        PriceEffect = effect,
        ExternalIdentifier = externalId,
        Legs = [new OrderLegRequest { InstrumentType = instrument.InstrumentType, Symbol = instrument.Symbol, Quantity = quantity, Action = action }],
    };

    private static OrderRequest Market(EmulatorInstrument instrument, string action, string externalId, int quantity = 1) => new()
    {
        OrderType = OrderTypes.Market,
        TimeInForce = TimeInForces.Day,
        ExternalIdentifier = externalId,
        Legs = [new OrderLegRequest { InstrumentType = instrument.InstrumentType, Symbol = instrument.Symbol, Quantity = quantity, Action = action }],
    };

    /// <summary>A listed SPY put near <paramref name="moneyness"/> × spot about 30 days out.</summary>
    private static EmulatorInstrument SpyPut(EmulatorMarket market, double moneyness)
    {
        var expiry = market.ListExpiries("SPY").MinBy(e => Math.Abs(e.DayNumber - market.Today.DayNumber - 30));
        Assert.That(market.TryGetPrice("SPY", out double spot), Is.True);
        decimal strike = market.ListStrikes("SPY", expiry).MinBy(k => Math.Abs((double)k - (moneyness * spot)));
        Assert.That(market.TryEquityOption("SPY", expiry, OptionRight.Put, strike, out var put), Is.True);
        return put;
    }

    private static void StepUntil(OrderEngine orders, Func<bool> done)
    {
        for (int i = 0; i < 20 && !done(); i++)
        {
            orders.Step();
        }

        Assert.That(done(), Is.True, "the emulator's order engine got there within 20 steps");
    }

    [Test]
    public async Task OAuthRefresh_CustomerMe_Accounts_TradingStatus()
    {
        await using var s = await Session.StartAsync();
        int issuedBefore = s.Host.Context.Tokens.IssuedCount;

        var customer = await s.Client.GetCustomerAsync();
        Assert.That((customer?.Id, customer?.ExternalId), Is.EqualTo(("me", "U0000000-emulator")));
        Assert.That((s.Tokens.RefreshCount, s.Host.Context.Tokens.IssuedCount - issuedBefore), Is.EqualTo((1, 1)), "one refresh-token grant, made by the client");

        var accounts = await s.Client.GetAccountsAsync();
        Assert.That(accounts.Select(a => a.Account?.AccountNumber), Is.EqualTo(s.Orders.AccountNumbers));
        Assert.That(accounts.Select(a => a.AuthorityLevel), Is.All.EqualTo("owner"));
        Assert.That((await s.Client.GetTradingStatusAsync(s.Account))?.AccountNumber, Is.EqualTo(s.Account));
        Assert.That(s.Tokens.RefreshCount, Is.EqualTo(1), "the cached token served every later call");
    }

    [Test]
    public async Task OAuth_TokenRevokedByTheServer_TheNextCallRefreshesOnceAndSucceeds()
    {
        await using var s = await Session.StartAsync();
        Assert.That(await s.Client.GetBalancesAsync(s.Account), Is.Not.Null);
        s.Host.Faults.ExpireAllTokens();
        var balance = await s.Client.GetBalancesAsync(s.Account);
        Assert.That(balance?.AccountNumber, Is.EqualTo(s.Account));
        Assert.That(s.Tokens.RefreshCount, Is.EqualTo(2), "the 401 invalidated the token; one refresh, one resend");
    }

    [Test]
    public async Task Balances_Positions_Transactions_AfterAFill_EqualTheEmulatorsOwnState()
    {
        await using var s = await Session.StartAsync();
        var put = SpyPut(s.Host.Market, 0.95);
        var placed = await s.Client.PlaceOrderAsync(s.Account, Market(put, OrderActions.SellToOpen, "K-1", quantity: 2));
        Assert.That(placed.Status, Is.EqualTo(OrderSubmitStatus.Accepted), placed.Error?.Message);
        long id = placed.Response!.Order!.Id!.Value;
        StepUntil(s.Orders, () => s.Orders.Get(s.Account, id).Value?.Status == OrderStatuses.Filled);

        var balance = await s.Client.GetBalancesAsync(s.Account);
        var expected = s.Orders.Balance(s.Account).Value!;
        Assert.That((balance?.CashBalance, balance?.NetLiquidatingValue), Is.EqualTo((expected.CashBalance, expected.NetLiquidatingValue)));
        Assert.That(balance!.CashBalance, Is.GreaterThan(100_000m), "selling premium raised cash above the starting 100,000");

        var positions = await s.Client.GetPositionsAsync(s.Account);
        Assert.That(positions.Select(p => (p.Symbol, p.Quantity, p.QuantityDirection)),
            Is.EqualTo(s.Orders.Positions(s.Account).Value!.Select(p => (p.Symbol, p.Quantity, p.QuantityDirection))));
        Assert.That(positions.Select(p => (p.Symbol, p.Quantity, p.QuantityDirection)), Is.EqualTo(new[] { (put.Symbol, 2m, "Short") }));

        var transactions = await s.Client.GetTransactionsAsync(s.Account, new TransactionSearch { StartDate = s.Host.Market.Today });
        Assert.That(transactions.Data!.Items.Select(t => t.Id), Is.EquivalentTo(s.Orders.Transactions(s.Account).Value!.Select(t => t.Id)));
        Assert.That(transactions.Data.Items, Is.Not.Empty);
    }

    [Test]
    public async Task Orders_Place_ById_Live_Search_Replace_Cancel_Reconcile()
    {
        await using var s = await Session.StartAsync();
        var put = SpyPut(s.Host.Market, 0.95);
        var placed = await s.Client.PlaceOrderAsync(s.Account, Limit(put, OrderActions.BuyToOpen, 0.01m, PriceEffects.Debit, "K-2"));
        Assert.That(placed.Status, Is.EqualTo(OrderSubmitStatus.Accepted), placed.Error?.Message);
        long id = placed.Response!.Order!.Id!.Value;
        Assert.That(s.Orders.Get(s.Account, id).Value?.ExternalIdentifier, Is.EqualTo("K-2"), "the emulator holds the order under the client's external identifier");

        s.Orders.Step();
        var byId = await s.Client.GetOrderAsync(s.Account, id);
        Assert.That((byId?.Status, byId?.Price, byId?.PriceEffect), Is.EqualTo((OrderStatuses.Live, (decimal?)0.01m, PriceEffects.Debit)), "a 0.01 bid rests");
        Assert.That((await s.Client.GetLiveOrdersAsync(s.Account)).Select(o => o.Id), Is.EqualTo(s.Orders.Live(s.Account).Select(o => o.Id)));
        var search = await s.Client.SearchOrdersAsync(s.Account, new OrderSearch { StartDate = s.Host.Market.Today, Statuses = [OrderStatuses.Live] });
        Assert.That(search.Data!.Items.Select(o => o.Id), Is.EqualTo(new long?[] { id }));

        var replacement = await s.Client.ReplaceOrderAsync(s.Account, id, Limit(put, OrderActions.BuyToOpen, 0.02m, PriceEffects.Debit, "K-2"));
        long newId = replacement!.Id!.Value;
        Assert.That(newId, Is.Not.EqualTo(id), "a replacement is a new order");
        Assert.That((replacement.ReplacesOrderId, replacement.Price), Is.EqualTo(((long?)id, (decimal?)0.02m)));
        Assert.That(s.Orders.Get(s.Account, id).Value?.ReplacingOrderId, Is.EqualTo(newId), "the emulator links the original to its replacement");
        Assert.That(s.Orders.Get(s.Account, newId).Value?.Legs.Single().Symbol, Is.EqualTo(put.Symbol), "PUT without legs kept the legs");

        s.Orders.Step();
        var cancel = await s.Client.CancelOrderAsync(s.Account, newId);
        Assert.That(cancel?.Status, Is.EqualTo(OrderStatuses.CancelRequested));
        s.Orders.Step();
        Assert.That((await s.Client.GetOrderAsync(s.Account, newId))?.Status, Is.EqualTo(OrderStatuses.Cancelled));
        Assert.That(s.Orders.Get(s.Account, newId).Value?.Status, Is.EqualTo(OrderStatuses.Cancelled));

        var found = await s.Client.ReconcileOrderAsync(s.Account, "K-2", s.Host.Market.Today);
        Assert.That(found.Found, Is.True);
        var absent = await s.Client.ReconcileOrderAsync(s.Account, "K-never-sent", s.Host.Market.Today);
        Assert.That(absent.Found, Is.False);
    }

    [Test]
    public async Task DryRun_CarriesBuyingPowerEffectAndFees_AndCreatesNoOrder()
    {
        await using var s = await Session.StartAsync();
        var put = SpyPut(s.Host.Market, 0.95);
        var dry = await s.Client.DryRunOrderAsync(s.Account, Market(put, OrderActions.SellToOpen, "K-3"));
        Assert.That(dry?.Order, Is.Not.Null);
        Assert.That((dry!.Order!.Id, dry.Order.Status), Is.EqualTo(((long?)null, OrderStatuses.Received)), "a dry run has no id");
        Assert.That(dry.BuyingPowerEffect?.ChangeInBuyingPower, Is.GreaterThan(0m), "a naked put uses buying power");
        Assert.That(dry.FeeCalculation?.TotalFees, Is.GreaterThan(0m));
        Assert.That(s.Orders.Search(s.Account, new OrderQuery([], Ascending: true)), Is.Empty, "nothing was placed");
    }

    [Test]
    public async Task ComplexOrders_Oco_PlaceGetLiveDryRunCancel_Otoco_ChildrenContingent()
    {
        await using var s = await Session.StartAsync();
        var put = SpyPut(s.Host.Market, 0.95);
        var oco = new ComplexOrderRequest
        {
            Type = ComplexOrderTypes.Oco,
            ExternalIdentifier = "G-1",
            Orders = [Limit(put, OrderActions.BuyToOpen, 0.01m, PriceEffects.Debit, "G-1a"), Limit(put, OrderActions.BuyToOpen, 0.02m, PriceEffects.Debit, "G-1b")],
        };
        var dry = await s.Client.DryRunComplexOrderAsync(s.Account, oco);
        Assert.That(dry?.ComplexOrder?.Id, Is.Null, "a dry run creates no complex order");
        Assert.That(s.Orders.ListComplex(s.Account, liveOnly: false), Is.Empty);

        var placed = await s.Client.PlaceComplexOrderAsync(s.Account, oco);
        Assert.That(placed.Status, Is.EqualTo(OrderSubmitStatus.Accepted), placed.Error?.Message);
        long complexId = placed.Response!.ComplexOrder!.Id!.Value;
        s.Orders.Step();
        var read = await s.Client.GetComplexOrderAsync(s.Account, complexId);
        Assert.That(read?.Orders.Select(o => o.Status), Is.EqualTo(s.Orders.GetComplex(s.Account, complexId).Value!.Orders.Select(o => o.Status)));
        Assert.That((await s.Client.GetLiveComplexOrdersAsync(s.Account)).Select(c => c.Id), Is.EqualTo(new long?[] { complexId }));

        var cancelled = await s.Client.CancelComplexOrderAsync(s.Account, complexId);
        Assert.That(cancelled?.Id, Is.EqualTo(complexId));
        s.Orders.Step();
        Assert.That(s.Orders.GetComplex(s.Account, complexId).Value!.Orders.Select(o => o.Status), Is.All.EqualTo(OrderStatuses.Cancelled));

        var otoco = new ComplexOrderRequest
        {
            Type = ComplexOrderTypes.Otoco,
            TriggerOrder = Limit(put, OrderActions.BuyToOpen, 0.01m, PriceEffects.Debit, "G-2t"),
            Orders =
            [
                Limit(put, OrderActions.SellToClose, 50m, PriceEffects.Credit, "G-2a") with { TimeInForce = TimeInForces.Gtc },
                Market(put, OrderActions.SellToClose, "G-2b") with { OrderType = OrderTypes.Stop, StopTrigger = 0.01m },
            ],
        };
        var second = await s.Client.PlaceComplexOrderAsync(s.Account, otoco);
        Assert.That(second.Status, Is.EqualTo(OrderSubmitStatus.Accepted), second.Error?.Message);
        Assert.That(second.ExternalIdentifier, Is.EqualTo("G-2t"), "the trigger's external identifier names the group");
        var otocoRead = await s.Client.GetComplexOrderAsync(s.Account, second.Response!.ComplexOrder!.Id!.Value);
        Assert.That(otocoRead?.TriggerOrder?.ComplexOrderTag, Is.EqualTo("OTOCO::trigger-order"));
        Assert.That(otocoRead!.Orders.Select(o => o.Status), Is.All.EqualTo(OrderStatuses.Contingent));
    }

    [Test]
    public async Task Instruments_Equities_Chains_Futures_FuturesOptionChains()
    {
        await using var s = await Session.StartAsync();
        var market = s.Host.Market;
        Assert.That((await s.Client.GetEquityAsync("SPX"))?.IsIndex, Is.True);
        Assert.That((await s.Client.GetEquitiesAsync(["SPY", "QQQ"])).Select(e => e.Symbol), Is.EquivalentTo(new[] { "SPY", "QQQ" }));

        // Flat and nested SPY chains describe the same contracts, and both match the emulator's listing.
        var flat = await s.Client.GetOptionChainAsync("SPY");
        var nested = (await s.Client.GetNestedOptionChainAsync("SPY")).Single();
        var nestedSymbols = nested.Expirations.SelectMany(e => e.Strikes.SelectMany(k => new[] { k.Call, k.Put })).ToList();
        Assert.That(flat.Select(o => o.Symbol), Is.EquivalentTo(nestedSymbols));
        int listed = market.ListExpiries("SPY").Sum(e => market.ListStrikes("SPY", e).Count) * 2;
        Assert.That(flat, Has.Count.EqualTo(listed));
        Assert.That(flat.All(o => OccOptionSymbol.TryParseOcc(o.Symbol, out var occ) && occ.Root == "SPY"), Is.True);

        Assert.That((await s.Client.GetNestedOptionChainAsync("SPX")).Select(c => c.RootSymbol), Is.EquivalentTo(new[] { "SPX", "SPXW" }));

        var futures = await s.Client.GetFuturesAsync(["ES"]);
        Assert.That(futures, Has.Count.EqualTo(4), "four quarterlies");
        var first = futures[0];
        var one = await s.Client.GetFutureAsync(first.Symbol!);
        Assert.That((one?.Symbol, one?.StreamerSymbol), Is.EqualTo((first.Symbol, first.StreamerSymbol)));
        Assert.That(FutureSymbol.TryParseOrderSymbol(first.Symbol, market.Today.Year, out _), Is.True, first.Symbol);

        var fop = await s.Client.GetFutureOptionChainAsync("ES");
        var fopNested = await s.Client.GetNestedFutureOptionChainAsync("ES");
        var nestedFop = fopNested!.OptionChains.SelectMany(c => c.Expirations.SelectMany(e => e.Strikes.SelectMany(k => new[] { k.Call, k.Put }))).ToList();
        Assert.That(fop.Select(o => o.Symbol), Is.EquivalentTo(nestedFop));
        Assert.That(fop.Select(o => o.UnderlyingSymbol), Is.SupersetOf(fopNested.Futures.Select(f => f.Symbol)), "options on every listed future");
        foreach (var nestedFuture in fopNested.Futures)
        {
            Assert.That((await s.Client.GetFutureAsync(nestedFuture.Symbol!))?.StreamerSymbol, Is.EqualTo(nestedFuture.StreamerSymbol));
        }

        Assert.That(fop.All(o => FutureOptionSymbol.TryParseOrderSymbol(o.Symbol, out _)), Is.True);
    }

    [Test]
    public async Task QuoteToken_IsValidOnTheEmulatorsDxLink_MarketMetrics_IvRankIsAFraction()
    {
        await using var s = await Session.StartAsync();
        var token = await s.Client.GetQuoteTokenAsync();
        Assert.That(new Uri(token!.DxlinkUrl!), Is.EqualTo(s.Host.DxLinkUrl));
        Assert.That(s.Host.Context.Tokens.IsValidQuoteToken(token.Token), Is.True, "the token store issued it");

        var metrics = await s.Client.GetMarketMetricsAsync(["SPY", "QQQ"]);
        Assert.That(metrics.Select(m => m.Symbol), Is.EquivalentTo(new[] { "SPY", "QQQ" }));
        Assert.That(metrics.Select(m => m.IvRank), Is.All.InRange(0m, 1m));
    }
}

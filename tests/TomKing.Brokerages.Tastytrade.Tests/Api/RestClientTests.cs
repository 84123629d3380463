using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using TomKing.Algorithm.Testing;
using TomKing.Brokerages.Tastytrade.Api;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Auth;
using TomKing.Brokerages.Tastytrade.Http;
using static TomKing.Brokerages.Tastytrade.Tests.Api.LoopbackTestServer;

namespace TomKing.Brokerages.Tastytrade.Tests.Api;

[TestFixture]
[CancelAfter(60_000)]
public class RestClientTests
{
    private const string Account = "5WT00001";

    private static TastytradeClientOptions Options(LoopbackTestServer server) => new()
    {
        Environment = TastytradeEnvironment.Loopback(server.Port),
        RequestTimeout = TimeSpan.FromMilliseconds(500),
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        MaxRetries = 3,
        RateLimitBurst = 1000,
        RateLimitTokensPerPeriod = 1000,
    };

    private static OrderRequest Order(string externalId) => new()
    {
        OrderType = OrderTypes.Limit,
        TimeInForce = TimeInForces.Day,
        Price = 1.20m,
        PriceEffect = PriceEffects.Credit,
        ExternalIdentifier = externalId,
        Legs = [new OrderLegRequest { InstrumentType = InstrumentTypes.EquityOption, Symbol = "SPXW  240315P04900000", Quantity = 1, Action = OrderActions.SellToOpen }],
    };

    [Test]
    public async Task Get_SendsAuthUserAgentAndPinnedVersion()
    {
        using var server = new LoopbackTestServer(_ => Answer.Json(Fixtures.Read("accounts.json")));
        using var client = new TastytradeRestClient(Options(server), new FixedTokenSource("tok-abc"));
        var accounts = await client.GetAccountsAsync();
        var r = server.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(accounts.Single().Account!.AccountNumber, Is.EqualTo("5WT00001"));
            Assert.That(r.Path, Is.EqualTo("/customers/me/accounts"));
            Assert.That(r.Headers["Authorization"], Is.EqualTo("Bearer tok-abc"));
            Assert.That(r.Headers["User-Agent"], Does.StartWith("tomking/"));
            Assert.That(r.Headers["Accept-Version"], Is.EqualTo(TastytradeAssembly.ApiVersion));
        });
    }

    [Test]
    public async Task Symbols_AreEncodedInPaths_LeadingFuturesSlashStripped()
    {
        using var server = new LoopbackTestServer(r => r.Path.StartsWith("/instruments/futures", StringComparison.Ordinal)
            ? Answer.Json(Fixtures.Read("future.json"))
            : Answer.Json("{\"data\":{\"symbol\":\"BRK/B\"},\"context\":\"x\"}"));
        using var client = new TastytradeRestClient(Options(server), new FixedTokenSource("t"));
        await client.GetFutureAsync("/RBM5");
        await client.GetEquityAsync("BRK/B");
        var raw = server.Requests.Select(r => r.RawUrl).ToArray();
        Assert.That(raw, Has.Some.EqualTo("/instruments/futures/RBM5"));
        Assert.That(raw, Has.Some.EqualTo("/instruments/equities/BRK%2FB"));
    }

    [Test]
    public void ErrorEnvelope_BecomesTypedException()
    {
        using var server = new LoopbackTestServer(_ => new Answer(422, Fixtures.Read("error-preflight.json")));
        using var client = new TastytradeRestClient(Options(server), new FixedTokenSource("t"));
        var ex = Assert.ThrowsAsync<TastytradeApiException>(() => client.DryRunOrderAsync(Account, Order("C1")));
        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo((HttpStatusCode)422));
            Assert.That(ex.Code, Is.EqualTo("preflight_check_failure"));
            Assert.That(ex.FieldErrors.Single().Code, Is.EqualTo("gtc_market_orders_not_supported"));
            Assert.That(ex.Message, Does.Contain("GTC/GTD Market orders are not supported"));
            Assert.That(server.Requests, Has.Count.EqualTo(1), "4xx is not retried");
        });
    }

    [Test]
    public void VersionNotSupported_406_ExplainsAcceptVersion()
    {
        using var server = new LoopbackTestServer(_ => new Answer(406, Fixtures.Read("error-version.json")));
        using var client = new TastytradeRestClient(Options(server), new FixedTokenSource("t"));
        var ex = Assert.ThrowsAsync<TastytradeApiException>(() => client.GetPositionsAsync(Account));
        Assert.That(ex!.IsVersionUnsupported, Is.True);
        Assert.That(ex.Message, Does.Contain("Accept-Version " + TastytradeAssembly.ApiVersion).And.Contain("not supported"));
    }

    [Test]
    public async Task Get_On5xxAnd429_IsRetriedUntilSuccess()
    {
        int n = 0;
        using var server = new LoopbackTestServer(_ => Interlocked.Increment(ref n) switch
        {
            1 => new Answer(503, "{}"),
            2 => new Answer(429, "{}"),
            _ => Answer.Json(Fixtures.Read("positions.json")),
        });
        using var client = new TastytradeRestClient(Options(server), new FixedTokenSource("t"));
        var positions = await client.GetPositionsAsync(Account);
        Assert.That(positions, Has.Count.EqualTo(2));
        Assert.That(server.Count("GET", "/accounts/"), Is.EqualTo(3));
    }

    [Test]
    public async Task Get_429WithRetryAfter_WaitsThatLong()
    {
        int n = 0;
        using var server = new LoopbackTestServer(_ => Interlocked.Increment(ref n) == 1
            ? new Answer(429, "{}", Headers: [("Retry-After", "1")])
            : Answer.Json(Fixtures.Read("balances.json")));
        using var client = new TastytradeRestClient(Options(server), new FixedTokenSource("t"));
        var sw = Stopwatch.StartNew();
        await client.GetBalancesAsync(Account);
        Assert.That(sw.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)));
    }

    [Test]
    public async Task Cancel_OnTimeout_IsRetried()
    {
        int n = 0;
        using var server = new LoopbackTestServer(_ => Interlocked.Increment(ref n) == 1
            ? new Answer(200, "{}", Delay: TimeSpan.FromSeconds(3))
            : Answer.Json(Fixtures.Read("order-filled.json")));
        using var client = new TastytradeRestClient(Options(server), new FixedTokenSource("t"));
        var order = await client.CancelOrderAsync(Account, 270602);
        Assert.That(order!.Id, Is.EqualTo(270602));
        Assert.That(server.Count("DELETE", "/accounts/"), Is.EqualTo(2));
    }

    [TestCase(500, OrderSubmitStatus.Unknown)]
    [TestCase(502, OrderSubmitStatus.Unknown)]
    [TestCase(429, OrderSubmitStatus.NotSent)]
    [TestCase(422, OrderSubmitStatus.Rejected)]
    [TestCase(400, OrderSubmitStatus.Rejected)]
    public async Task PlaceOrder_ErrorStatus_IsNeverRetried_AndClassified(int status, OrderSubmitStatus expected)
    {
        using var server = new LoopbackTestServer(_ => new Answer(status, Fixtures.Read("error-validation.json")));
        using var client = new TastytradeRestClient(Options(server), new FixedTokenSource("t"));
        var result = await client.PlaceOrderAsync(Account, Order("C7"));
        Assert.That(result.Status, Is.EqualTo(expected));
        Assert.That(server.Count("POST", "/accounts/"), Is.EqualTo(1));
    }

    [Test]
    public async Task PlaceOrder_Timeout_IsUnknown_ThenReconciledByExternalIdentifier()
    {
        string live = JsonSerializer.Serialize(new ApiEnvelope<ItemList<Order>>
        {
            Data = new ItemList<Order> { Items = [new Order { Id = 99, Status = OrderStatuses.Live, ExternalIdentifier = "C8" }] },
        }, TastytradeJsonContext.Default.ApiEnvelopeItemListOrder);
        using var server = new LoopbackTestServer(r => r.Method == "POST"
            ? new Answer(201, Fixtures.Read("order-placed.json"), Delay: TimeSpan.FromSeconds(3))
            : Answer.Json(live));
        using var client = new TastytradeRestClient(Options(server), new FixedTokenSource("t"));
        var result = await client.PlaceOrderAsync(Account, Order("C8"));
        Assert.That(result.Status, Is.EqualTo(OrderSubmitStatus.Unknown));
        Assert.That(server.Count("POST", "/accounts/"), Is.EqualTo(1));

        var found = await client.ReconcileOrderAsync(Account, "C8");
        var missing = await client.ReconcileOrderAsync(Account, "C9");
        Assert.Multiple(() =>
        {
            Assert.That(found.Found, Is.True);
            Assert.That(found.Order!.Id, Is.EqualTo(99));
            Assert.That(missing.Found, Is.False);
        });
    }

    [Test]
    public async Task Reconcile_NotLive_SearchesHistoryFromStartDate()
    {
        string empty = "{\"data\":{\"items\":[]},\"context\":\"/x\"}";
        string history = JsonSerializer.Serialize(new ApiEnvelope<ItemList<Order>>
        {
            Data = new ItemList<Order> { Items = [new Order { Id = 7, Status = OrderStatuses.Filled, ExternalIdentifier = "C10" }] },
            Pagination = new Pagination { PerPage = 200, TotalPages = 1, TotalItems = 1, CurrentItemCount = 1 },
        }, TastytradeJsonContext.Default.ApiEnvelopeItemListOrder);
        using var server = new LoopbackTestServer(r => r.Path.EndsWith("/live", StringComparison.Ordinal) ? Answer.Json(empty) : Answer.Json(history));
        using var client = new TastytradeRestClient(Options(server), new FixedTokenSource("t"));
        var result = await client.ReconcileOrderAsync(Account, "C10", new DateOnly(2026, 1, 23));
        Assert.That(result.Order!.Status, Is.EqualTo(OrderStatuses.Filled));
        Assert.That(server.Requests.Select(r => r.RawUrl), Has.Some.Contains("start-date=2026-01-23"));
    }

    [Test]
    public void PlaceOrder_WithoutExternalIdentifier_IsRefused()
    {
        using var client = new TastytradeRestClient(new TastytradeClientOptions { Environment = TastytradeEnvironment.Loopback(1) }, new FixedTokenSource("t"));
        Assert.ThrowsAsync<ArgumentException>(() => client.PlaceOrderAsync(Account, Order("C1") with { ExternalIdentifier = null }));
    }

    [Test]
    public async Task PlaceOrder_Accepted_SendsReferenceBody()
    {
        using var server = new LoopbackTestServer(_ => new Answer(201, Fixtures.Read("order-placed.json")));
        using var client = new TastytradeRestClient(Options(server), new FixedTokenSource("t"));
        var result = await client.PlaceOrderAsync(Account, Order("C42"));
        var body = JsonDocument.Parse(server.Requests.Single().Body).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(OrderSubmitStatus.Accepted));
            Assert.That(result.OrderId, Is.EqualTo(270561));
            Assert.That(body.GetProperty("price").GetString(), Is.EqualTo("1.20"));
            Assert.That(body.GetProperty("price-effect").GetString(), Is.EqualTo("Credit"));
            Assert.That(body.GetProperty("external-identifier").GetString(), Is.EqualTo("C42"));
            Assert.That(body.GetProperty("legs")[0].GetProperty("action").GetString(), Is.EqualTo("Sell to Open"));
        });
    }

    [Test]
    public async Task Replace_IsPutWithoutLegs_NeverRetried()
    {
        using var server = new LoopbackTestServer(_ => new Answer(503, "{}"));
        using var client = new TastytradeRestClient(Options(server), new FixedTokenSource("t"));
        Assert.ThrowsAsync<TastytradeApiException>(() => client.ReplaceOrderAsync(Account, 5, Order("C1")));
        var r = server.Requests.Single();
        Assert.That(r.Method, Is.EqualTo("PUT"));
        Assert.That(r.Body, Does.Not.Contain("legs"));
        await Task.CompletedTask;
    }

    [Test]
    public async Task Unauthorized_InvalidatesTokenAndResendsOnce()
    {
        var tokens = new FixedTokenSource("old") { NextToken = "new" };
        using var server = new LoopbackTestServer(r => r.Headers["Authorization"] == "Bearer old"
            ? new Answer(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"expired\"}}")
            : Answer.Json(Fixtures.Read("quote-token.json")));
        using var client = new TastytradeRestClient(Options(server), tokens);
        var token = await client.GetQuoteTokenAsync();
        Assert.That(token!.DxlinkUrl, Does.StartWith("wss://"));
        Assert.That(tokens.Invalidations, Is.EqualTo(1));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task RateLimiter_TokenBucket_SpacesCalls()
    {
        using var server = new LoopbackTestServer(_ => Answer.Json(Fixtures.Read("balances.json")));
        var options = Options(server) with { RateLimitBurst = 2, RateLimitTokensPerPeriod = 1, RateLimitPeriod = TimeSpan.FromMilliseconds(200) };
        using var client = new TastytradeRestClient(options, new FixedTokenSource("t"));
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetBalancesAsync(Account)));
        // 2 at once, then 3 more at 200 ms intervals.
        Assert.That(sw.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(550)));
    }

    [Test]
    public void RateLimiter_QueueFull_GetIsTransientError_PlaceIsNotSent()
    {
        using var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromHours(1), QueueLimit = 0, AutoReplenishment = true,
        });
        using var server = new LoopbackTestServer(_ => new Answer(201, Fixtures.Read("order-placed.json")));
        using var client = new TastytradeRestClient(Options(server) with { MaxRetries = 0 }, new FixedTokenSource("t"), limiter: limiter);
        Assert.That(client.PlaceOrderAsync(Account, Order("C1")).Result.Status, Is.EqualTo(OrderSubmitStatus.Accepted));
        Assert.That(client.PlaceOrderAsync(Account, Order("C2")).Result.Status, Is.EqualTo(OrderSubmitStatus.NotSent));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task PlaceOrder_TokenRefreshFails_IsNotSent()
    {
        using var server = new LoopbackTestServer(r => r.Path == "/oauth/token"
            ? new Answer(500, "{}")
            : new Answer(201, Fixtures.Read("order-placed.json")));
        var http = TastytradeHttp.CreateClient(TastytradeEnvironment.Loopback(server.Port).RestBaseUri, TimeSpan.FromSeconds(2));
        var tokens = new OAuthTokenSource(http, new TastytradeCredentials(null, "secret-1234", "refresh-1234"), new FakeClock(new DateTime(2026, 1, 23, 10, 0, 0)));
        using var client = new TastytradeRestClient(Options(server), tokens);
        var result = await client.PlaceOrderAsync(Account, Order("C3"));
        Assert.That(result.Status, Is.EqualTo(OrderSubmitStatus.NotSent));
        Assert.That(result.Cause, Is.TypeOf<TastytradeDisconnectedException>());
        Assert.That(server.Count("POST", "/accounts/"), Is.Zero);
        http.Dispose();
    }

    [Test]
    public async Task EveryEndpoint_HitsItsDocumentedPath()
    {
        using var server = new LoopbackTestServer(r => r.Path switch
        {
            var p when p.Contains("/nested", StringComparison.Ordinal) && p.StartsWith("/futures", StringComparison.Ordinal) => Answer.Json(Fixtures.Read("nested-future-option-chain-es.json")),
            var p when p.Contains("/nested", StringComparison.Ordinal) => Answer.Json(Fixtures.Read("nested-option-chain-spx.json")),
            var p when p.StartsWith("/futures-option-chains", StringComparison.Ordinal) => Answer.Json(Fixtures.Read("future-option-chain.json")),
            "/market-metrics" => Answer.Json(Fixtures.Read("market-metrics.json")),
            var p when p.EndsWith("/transactions", StringComparison.Ordinal) => Answer.Json(Fixtures.Read("transactions.json")),
            var p when p.Contains("/complex-orders", StringComparison.Ordinal) && r.Method == "POST" => new Answer(201, "{\"data\":{\"complex-order\":{\"id\":5,\"type\":\"OTOCO\"}},\"context\":\"x\"}"),
            var p when p.EndsWith("/dry-run", StringComparison.Ordinal) => new Answer(201, Fixtures.Read("dry-run.json")),
            _ => Answer.Json("{\"data\":{\"items\":[]},\"context\":\"x\"}"),
        });
        using var client = new TastytradeRestClient(Options(server), new FixedTokenSource("t"));
        Assert.That((await client.GetNestedOptionChainAsync("SPX")).Select(c => c.RootSymbol), Is.EqualTo(new[] { "SPX", "SPXW" }));
        Assert.That((await client.GetNestedFutureOptionChainAsync("/ES"))!.Futures[0].Symbol, Is.EqualTo("/ESU4"));
        Assert.That((await client.GetFutureOptionChainAsync("GC")).Single().OptionRootSymbol, Is.EqualTo("OG"));
        Assert.That((await client.GetMarketMetricsAsync(["AAPL", "SPY"]))[0].IvRank, Is.EqualTo(0.312m));
        Assert.That((await client.GetTransactionsAsync(Account, new TransactionSearch { StartDate = new DateOnly(2024, 3, 1) })).Data!.Items, Has.Count.EqualTo(1));
        Assert.That((await client.DryRunOrderAsync(Account, Order("D1")))!.FeeCalculation!.TotalFees, Is.EqualTo(2.28m));
        var complex = new ComplexOrderRequest { Type = ComplexOrderTypes.Otoco, ExternalIdentifier = "G1", TriggerOrder = Order("G1-t"), Orders = [Order("G1-a"), Order("G1-b")] };
        Assert.That((await client.PlaceComplexOrderAsync(Account, complex)).Response!.ComplexOrder!.Id, Is.EqualTo(5));
        await client.GetLiveOrdersAsync(Account);
        await client.GetOptionChainAsync("SPY");
        await client.GetFuturesAsync(["ES"]);
        await client.GetEquitiesAsync(["SPY", "BRK/B"]);
        await client.SearchOrdersAsync(Account, new OrderSearch { StartDate = new DateOnly(2026, 1, 1), Statuses = [OrderStatuses.Live, OrderStatuses.Filled] });
        await client.GetLiveComplexOrdersAsync(Account);

        string[] paths = server.Requests.Select(r => r.Method + " " + r.RawUrl).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(paths, Has.Some.EqualTo("GET /option-chains/SPX/nested"));
            Assert.That(paths, Has.Some.EqualTo("GET /futures-option-chains/ES/nested"));
            Assert.That(paths, Has.Some.EqualTo("GET /market-metrics?symbols=AAPL%2CSPY").IgnoreCase);
            Assert.That(paths, Has.Some.EqualTo("POST /accounts/5WT00001/orders/dry-run"));
            Assert.That(paths, Has.Some.EqualTo("POST /accounts/5WT00001/complex-orders"));
            Assert.That(paths, Has.Some.EqualTo("GET /accounts/5WT00001/orders/live"));
            Assert.That(paths, Has.Some.StartsWith("GET /accounts/5WT00001/orders?start-date=2026-01-01"));
            Assert.That(paths, Has.Some.Contains("status%5b%5d=Live").IgnoreCase);
            Assert.That(paths, Has.Some.EqualTo("GET /accounts/5WT00001/complex-orders/live"));
        });
    }
}

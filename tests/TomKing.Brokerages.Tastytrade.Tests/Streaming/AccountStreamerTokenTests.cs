using TomKing.Brokerages.Tastytrade.Adapters;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Auth;
using TomKing.Brokerages.Tastytrade.Emulator;
using TomKing.Brokerages.Tastytrade.Emulator.Streaming;
using TomKing.Brokerages.Tastytrade.Http;
using TomKing.Brokerages.Tastytrade.Streaming.Account;
using static TomKing.Brokerages.Tastytrade.Tests.Streaming.StreamingTestHost;

namespace TomKing.Brokerages.Tastytrade.Tests.Streaming;

/// <summary>
/// The account streamer and the emulator's token-expiry fault: every access token is revoked on the server while
/// the client's <see cref="OAuthTokenSource"/> still believes its cached token has minutes to live. A refused
/// <c>connect</c> or <c>heartbeat</c> must invalidate that token, so the next connection carries a freshly
/// refreshed one instead of re-sending the refused token forever.
/// </summary>
[TestFixture]
[CancelAfter(30_000)]
public class AccountStreamerTokenTests
{
    private sealed class Session : IAsyncDisposable
    {
        public required EmulatorHost Host { get; init; }

        public required HttpClient Http { get; init; }

        public required OAuthTokenSource Tokens { get; init; }

        public string Account => Host.Orders.AccountNumbers[0];

        public static async Task<Session> StartAsync()
        {
            var module = new TastytradeStreamingModule(o => o with { QuoteInterval = TimeSpan.FromSeconds(1) });
            var host = new EmulatorHost(new EmulatorOptions { ClockRuns = false, StepInterval = TimeSpan.FromMilliseconds(20), Modules = [module] });
            var url = await host.StartAsync();
            var http = TastytradeHttp.CreateClient(TastytradeEnvironment.Loopback(url.Port).RestBaseUri, TimeSpan.FromSeconds(5));
            var tokens = new OAuthTokenSource(http, new TastytradeCredentials(null, host.Context.Options.ClientSecret, host.Context.Options.RefreshToken), LiveMarketClock.Wall());
            return new Session { Host = host, Http = http, Tokens = tokens };
        }

        public AccountStreamerOptions Options(TimeSpan heartbeat) => new()
        {
            Url = new Uri(Host.WebSocketBaseUrl, "/account-streamer"),
            AccountNumbers = [Account],
            HeartbeatInterval = heartbeat,
            SilenceTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            InitialReconnectDelay = TimeSpan.FromMilliseconds(50),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
        };

        public void PlaceMarketBuy() =>
            Assert.That(Host.Orders.Place(Account, new OrderRequest
            {
                OrderType = OrderTypes.Market,
                TimeInForce = TimeInForces.Day,
                Legs = [new OrderLegRequest { InstrumentType = InstrumentTypes.Equity, Symbol = "SPY", Quantity = 1, Action = OrderActions.BuyToOpen }],
            }, dryRun: false).Value?.Order?.Id, Is.Not.Null);

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Host.DisposeAsync();
        }
    }

    private static async Task<bool> FilledEventually(AccountStreamerClient client)
    {
        var seen = new List<AccountStreamEvent>();
        return await Eventually(() =>
        {
            while (client.TryRead(out var e))
            {
                seen.Add(e!);
            }

            return seen.OfType<OrderStatusEvent>().Any(s => s.Status == OrderStatuses.Filled);
        }, TimeSpan.FromSeconds(8));
    }

    [Test]
    public async Task ConnectRefused_AfterServerSideTokenExpiry_RefreshesAndReconnects_InsteadOfResendingTheStaleToken()
    {
        await using var s = await Session.StartAsync();
        await using var client = new AccountStreamerClient(s.Options(TimeSpan.FromSeconds(30)), s.Tokens, null);
        client.Start();
        Assert.That(await Eventually(() => client.Connections == 1), Is.True, "first connect");
        Assert.That(s.Tokens.RefreshCount, Is.EqualTo(1));

        s.Host.Faults.ExpireAllTokens();
        client.AbortConnection();   // the next connect carries the token the server just revoked

        Assert.That(await Eventually(() => client.Connections == 2, TimeSpan.FromSeconds(8)), Is.True,
            $"reconnected with a fresh token (refreshes so far: {s.Tokens.RefreshCount})");
        Assert.That(s.Tokens.RefreshCount, Is.EqualTo(2), "exactly one refresh after the refusal");
        s.PlaceMarketBuy();
        Assert.That(await FilledEventually(client), Is.True, "notifications flow on the new connection");
    }

    [Test]
    public async Task HeartbeatRefused_AfterServerSideTokenExpiry_ReconnectsWithAFreshToken()
    {
        await using var s = await Session.StartAsync();
        await using var client = new AccountStreamerClient(s.Options(TimeSpan.FromMilliseconds(100)), s.Tokens, null);
        client.Start();
        Assert.That(await Eventually(() => client.Connections == 1 && client.HeartbeatsSent >= 2), Is.True, "connected and heartbeating");

        s.Host.Faults.ExpireAllTokens();   // the socket stays open; the next heartbeat carries a revoked token

        Assert.That(await Eventually(() => client.Connections == 2, TimeSpan.FromSeconds(8)), Is.True, "the refused heartbeat led to a fresh connection");
        Assert.That(s.Tokens.RefreshCount, Is.EqualTo(2));
        s.PlaceMarketBuy();
        Assert.That(await FilledEventually(client), Is.True);
    }

    [Test]
    public async Task DelegateTokenProvider_WithInvalidateCallback_AlsoRecovers()
    {
        await using var s = await Session.StartAsync();
        await using var client = new AccountStreamerClient(s.Options(TimeSpan.FromSeconds(30)), ct => s.Tokens.GetAccessTokenAsync(ct), null,
            invalidateToken: s.Tokens.Invalidate);
        client.Start();
        Assert.That(await Eventually(() => client.Connections == 1), Is.True);
        s.Host.Faults.ExpireAllTokens();
        client.AbortConnection();
        Assert.That(await Eventually(() => client.Connections == 2, TimeSpan.FromSeconds(8)), Is.True);
        Assert.That(s.Tokens.RefreshCount, Is.EqualTo(2));
    }

    [Test]
    public async Task TokenRefreshFailing_IsADisconnectThatRetries_NotTheEndOfTheClient()
    {
        await using var s = await Session.StartAsync();
        int calls = 0;
        async ValueTask<string> Flaky(CancellationToken ct)
        {
            if (Interlocked.Increment(ref calls) <= 3)
            {
                throw new TastytradeDisconnectedException(DisconnectKind.TokenRefreshFailed, "refresh refused (test)");
            }

            return await s.Tokens.GetAccessTokenAsync(ct);
        }

        await using var client = new AccountStreamerClient(s.Options(TimeSpan.FromSeconds(30)), Flaky, null);
        client.Start();
        Assert.That(await Eventually(() => client.Connections == 1, TimeSpan.FromSeconds(8)), Is.True, $"connected after {calls} token calls");
        Assert.That(calls, Is.EqualTo(4), "three failed refreshes, each followed by a backoff and a retry");
    }

    [Test]
    public async Task AccountBalanceAndCurrentPosition_Notifications_EndAtTheEmulatorsState()
    {
        await using var s = await Session.StartAsync();
        await using var client = new AccountStreamerClient(s.Options(TimeSpan.FromSeconds(1)), s.Tokens, null);
        client.Start();
        Assert.That(await Eventually(() => client.Connections == 1), Is.True);
        s.PlaceMarketBuy();

        var seen = new List<AccountStreamEvent>();
        var expectedPosition = new Func<Position?>(() => s.Host.Orders.Positions(s.Account).Value?.SingleOrDefault());
        bool done = await Eventually(() =>
        {
            while (client.TryRead(out var e))
            {
                seen.Add(e!);
            }

            var balance = seen.OfType<BalanceEvent>().LastOrDefault()?.Balance;
            var position = seen.OfType<PositionEvent>().LastOrDefault()?.Position;
            var expectedBalance = s.Host.Orders.Balance(s.Account).Value;
            return balance is not null && position is not null && expectedPosition() is { } p
                && balance.CashBalance == expectedBalance?.CashBalance && position.Quantity == p.Quantity;
        }, TimeSpan.FromSeconds(8));
        Assert.That(done, Is.True, $"{seen.OfType<BalanceEvent>().Count()} balance and {seen.OfType<PositionEvent>().Count()} position notifications");
        var last = seen.OfType<PositionEvent>().Last().Position;
        Assert.That((last.Symbol, last.Quantity, last.QuantityDirection), Is.EqualTo(("SPY", 1m, "Long")));
        Assert.That(seen.OfType<BalanceEvent>().Last().Balance.CashBalance, Is.LessThan(100_000m), "buying SPY spent cash");
    }
}

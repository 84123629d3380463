using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using TomKing.Brokerages.Tastytrade.Adapters;
using TomKing.Brokerages.Tastytrade.Api;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Auth;
using TomKing.Brokerages.Tastytrade.Emulator;
using TomKing.Brokerages.Tastytrade.Emulator.Streaming;
using TomKing.Brokerages.Tastytrade.Http;
using TomKing.Brokerages.Tastytrade.Streaming.Account;
using TomKing.Brokerages.Tastytrade.Streaming.DxLink;
using TomKing.Brokerages.Tastytrade.Tests.Api;
using static TomKing.Brokerages.Tastytrade.Tests.Streaming.StreamingTestHost;

namespace TomKing.Brokerages.Tastytrade.Tests.Streaming;

/// <summary>
/// A whole session against the emulator with every client logging at Trace into one capture: OAuth refreshes, REST
/// reads and errors, a refused order, the account streamer and DXLink, forced token expiry (401s, refused streamer
/// actions, DXLink re-auth) and dropped sockets. No access token, quote token, refresh token, client secret or full
/// account number may appear in any log entry or in the message of any exception the session produced.
/// </summary>
[TestFixture]
[CancelAfter(40_000)]
public class StreamingSecretsNeverLoggedTests
{
    /// <summary>Records every access token handed out, so the test knows each one the session used.</summary>
    private sealed class RecordingTokens(IAccessTokenSource inner) : IAccessTokenSource
    {
        public ConcurrentDictionary<string, bool> Seen { get; } = new(StringComparer.Ordinal);

        public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
        {
            string token = await inner.GetAccessTokenAsync(cancellationToken);
            Seen[token] = true;
            return token;
        }

        public void Invalidate(string token) => inner.Invalidate(token);
    }

    [Test]
    public async Task FullSession_WithTokenExpiryAndDrops_NoSecretInAnyLogOrExceptionMessage()
    {
        var module = new TastytradeStreamingModule(o => o with { QuoteInterval = TimeSpan.FromMilliseconds(50) });
        await using var host = new EmulatorHost(new EmulatorOptions { ClockRuns = false, StepInterval = TimeSpan.FromMilliseconds(20), Modules = [module] });
        var url = await host.StartAsync();
        string account = host.Orders.AccountNumbers[0];
        string refreshToken = host.Context.Options.RefreshToken;
        string clientSecret = host.Context.Options.ClientSecret;

        using var logs = new CapturingLoggerProvider();
        ILogger logger = logs.CreateLogger("session");
        var errors = new ConcurrentQueue<string>();
        var env = TastytradeEnvironment.Loopback(url.Port);
        using var http = TastytradeHttp.CreateClient(env.RestBaseUri, TimeSpan.FromSeconds(5));
        var tokens = new RecordingTokens(new OAuthTokenSource(http, new TastytradeCredentials("client-1", clientSecret, refreshToken), LiveMarketClock.Wall(), logger));
        using var rest = new TastytradeRestClient(new TastytradeClientOptions { Environment = env, RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(50) }, tokens, logger);
        var quoteTokens = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        await using var streamer = new AccountStreamerClient(new AccountStreamerOptions
        {
            Url = new Uri(host.WebSocketBaseUrl, "/account-streamer"),
            AccountNumbers = [account],
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            InitialReconnectDelay = TimeSpan.FromMilliseconds(50),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
        }, tokens, TastytradeOrderPort.Reconciler(rest, account), logger);
        await using var dx = new DxLinkClient(new DxLinkOptions { ConnectTimeout = TimeSpan.FromSeconds(3) }, async ct =>
        {
            var q = await rest.GetQuoteTokenAsync(ct);
            quoteTokens[q!.Token!] = true;
            return new DxLinkQuoteToken(q.Token!, new Uri(q.DxlinkUrl!), DateTimeOffset.UtcNow.AddHours(20));
        }, logger);
        int spy = dx.Subscribe(DxEventType.Quote, "SPY");
        streamer.Start();
        dx.Start();
        Assert.That(await Eventually(() => streamer.Connections >= 1 && dx.Quotes.TryGetLatest(spy, out _)), Is.True, "both streams up");

        async Task Try(Func<Task> call)
        {
            try
            {
                await call();
            }
            catch (Exception ex)
            {
                errors.Enqueue(ex.ToString());
            }
        }

        await Try(() => rest.GetBalancesAsync(account));
        host.Faults.FailNextRequests(503);
        await Try(() => rest.GetPositionsAsync(account));                       // 503 then retried
        await Try(() => rest.GetFutureAsync("/XXZ9"));                          // 404 with the error envelope
        await Try(() => rest.GetBalancesAsync("5WT99999"));                     // 403 for someone else's account
        var refused = await rest.PlaceOrderAsync(account, new OrderRequest
        {
            OrderType = OrderTypes.Market,
            TimeInForce = TimeInForces.Gtc,                                     // GTC market: refused by preflight
            ExternalIdentifier = "S-1",
            Legs = [new OrderLegRequest { InstrumentType = InstrumentTypes.Equity, Symbol = "SPY", Quantity = 1, Action = OrderActions.BuyToOpen }],
        });
        Assert.That(refused.Status, Is.EqualTo(OrderSubmitStatus.Rejected));
        errors.Enqueue(refused.Error!.Message);

        host.Faults.ExpireAllTokens();                                          // REST 401s, streamer refusals, DXLink re-auth
        await Try(() => rest.GetLiveOrdersAsync(account));
        // Whichever sees the revocation first (a REST 401 or a refused heartbeat) invalidates the shared token.
        Assert.That(await Eventually(() => tokens.Seen.Count >= 2, TimeSpan.FromSeconds(8)), Is.True, "a fresh token after the expiry");
        await Task.Delay(300);   // heartbeats with the fresh token (or a reconnect) before the drop
        long streamerBefore = streamer.Connections, dxBefore = dx.Connections;
        host.Faults.DropAllStreams();
        Assert.That(await Eventually(() => streamer.Connections > streamerBefore && dx.Connections > dxBefore, TimeSpan.FromSeconds(8)), Is.True,
            $"both reconnected after the drop (streamer {streamerBefore}->{streamer.Connections}, dxlink {dxBefore}->{dx.Connections})");

        string all = logs.AllText + "\n" + string.Join("\n", errors);
        Assert.Multiple(() =>
        {
            Assert.That(tokens.Seen.Count, Is.GreaterThanOrEqualTo(2), "a refresh happened after the expiry");
            Assert.That(quoteTokens, Is.Not.Empty);
            Assert.That(logs.Entries, Has.Count.GreaterThan(5), "the session did log");
            Assert.That(errors, Has.Count.GreaterThanOrEqualTo(3), "the session produced errors to inspect");
            foreach (string secret in tokens.Seen.Keys.Concat(quoteTokens.Keys).Append(refreshToken).Append(clientSecret).Append(account))
            {
                Assert.That(all, Does.Not.Contain(secret), "a secret reached a log or an exception message");
            }

            Assert.That(all, Does.Contain("****0001"), "the account shows as its last 4 characters");
        });
    }
}

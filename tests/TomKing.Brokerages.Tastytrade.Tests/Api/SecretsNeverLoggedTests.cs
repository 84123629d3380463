using TomKing.Algorithm.Testing;
using TomKing.Brokerages.Tastytrade.Api;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Auth;
using TomKing.Brokerages.Tastytrade.Http;
using static TomKing.Brokerages.Tastytrade.Tests.Api.LoopbackTestServer;

namespace TomKing.Brokerages.Tastytrade.Tests.Api;

[TestFixture]
[CancelAfter(60_000)]
public class SecretsNeverLoggedTests
{
    [Test]
    public async Task Session_WithKnownSecrets_NoSecretReachesAnyLog()
    {
        const string accessToken = "KNOWN-ACCESS-TOKEN-7f3a9c2e";
        const string secondToken = "KNOWN-ACCESS-TOKEN-SECOND-b81d";
        const string refreshToken = "KNOWN-REFRESH-TOKEN-55aa";
        const string clientSecret = "KNOWN-CLIENT-SECRET-99cc";
        const string account = "5WT98765";
        int oauthCalls = 0;
        int errorsServed = 0;

        using var server = new LoopbackTestServer(r =>
        {
            if (r.Path == "/oauth/token")
            {
                return Answer.Json(Fixtures.Oauth(Interlocked.Increment(ref oauthCalls) == 1 ? accessToken : secondToken));
            }

            if (r.Path.EndsWith("/balances", StringComparison.Ordinal) && Interlocked.Increment(ref errorsServed) == 1)
            {
                // A hostile server echoing the bearer token and account in its error message.
                return new Answer(503, $"{{\"error\":{{\"code\":\"unavailable\",\"message\":\"token {r.Headers["Authorization"]} account {account} refused\"}}}}");
            }

            if (r.Path.EndsWith("/positions", StringComparison.Ordinal) && r.Headers["Authorization"] == "Bearer " + accessToken)
            {
                return new Answer(401, "{\"error\":{\"code\":\"token_invalid\",\"message\":\"expired\"}}");
            }

            return r.Path switch
            {
                var p when p.EndsWith("/balances", StringComparison.Ordinal) => Answer.Json(Fixtures.Read("balances.json")),
                var p when p.EndsWith("/positions", StringComparison.Ordinal) => Answer.Json(Fixtures.Read("positions.json")),
                var p when p.EndsWith("/orders", StringComparison.Ordinal) => new Answer(422, Fixtures.Read("error-preflight.json")),
                "/api-quote-tokens" => Answer.Json(Fixtures.Read("quote-token.json")),
                _ => Answer.Json(Fixtures.Read("accounts.json")),
            };
        });

        using var logs = new CapturingLoggerProvider();
        var logger = logs.CreateLogger("tastytrade");
        var env = TastytradeEnvironment.Loopback(server.Port);
        using var http = TastytradeHttp.CreateClient(env.RestBaseUri, TimeSpan.FromSeconds(5));
        var tokens = new OAuthTokenSource(http, new TastytradeCredentials("client-1", clientSecret, refreshToken), new FakeClock(new DateTime(2026, 1, 23, 10, 0, 0)), logger);
        using var client = new TastytradeRestClient(new TastytradeClientOptions { Environment = env, RetryBaseDelay = TimeSpan.FromMilliseconds(5) }, tokens, logger);

        await client.GetAccountsAsync();
        await client.GetBalancesAsync(account);      // 503 echoing secrets, then retried
        await client.GetPositionsAsync(account);     // 401, refresh, resend
        await client.GetQuoteTokenAsync();
        var placed = await client.PlaceOrderAsync(account, new OrderRequest
        {
            OrderType = OrderTypes.Market,
            TimeInForce = TimeInForces.Gtc,
            ExternalIdentifier = "C1",
            Legs = [new OrderLegRequest { InstrumentType = InstrumentTypes.Equity, Symbol = "SPY", Quantity = 1, Action = OrderActions.BuyToOpen }],
        });
        await client.ReconcileOrderAsync(account, "C1");
        try
        {
            await client.GetFutureAsync("/ESZ5");
        }
        catch (TastytradeApiException)
        {
        }

        string all = logs.AllText;
        Assert.Multiple(() =>
        {
            Assert.That(placed.Status, Is.EqualTo(OrderSubmitStatus.Rejected));
            Assert.That(oauthCalls, Is.EqualTo(2), "the 401 forced a second refresh");
            Assert.That(logs.Entries, Has.Count.GreaterThan(5), "the session did log");
            Assert.That(all, Does.Not.Contain(accessToken));
            Assert.That(all, Does.Not.Contain(secondToken));
            Assert.That(all, Does.Not.Contain(refreshToken));
            Assert.That(all, Does.Not.Contain(clientSecret));
            Assert.That(all, Does.Not.Contain(account));
            Assert.That(all, Does.Contain("****8765"));
        });
    }
}

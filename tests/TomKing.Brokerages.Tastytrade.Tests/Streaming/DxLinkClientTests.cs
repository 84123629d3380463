using System.Net.WebSockets;
using TomKing.Brokerages.Tastytrade.Emulator.Faults;
using TomKing.Brokerages.Tastytrade.Streaming.DxLink;
using static TomKing.Brokerages.Tastytrade.Tests.Streaming.StreamingTestHost;

namespace TomKing.Brokerages.Tastytrade.Tests.Streaming;

[TestFixture]
[CancelAfter(20_000)]
public class DxLinkClientTests
{
    private static DxLinkOptions Fast(int chunk = 500, TimeSpan? silence = null) => new()
    {
        SubscriptionChunkSize = chunk,
        KeepaliveInterval = TimeSpan.FromMilliseconds(100),
        SilenceTimeout = silence ?? TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(3),
        InitialReconnectDelay = TimeSpan.FromMilliseconds(50),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>Issues token-1, token-2, … each valid on the host until expired.</summary>
    private static DxLinkQuoteTokenProvider Tokens(StreamingTestHost host, List<string> issued) => _ =>
    {
        string t;
        lock (issued)
        {
            t = "token-" + (issued.Count + 1);
            issued.Add(t);
        }

        host.QuoteTokens[t] = true;
        return ValueTask.FromResult(new DxLinkQuoteToken(t, host.DxLinkUri, DateTimeOffset.UtcNow.AddHours(24)));
    };

    [Test]
    public async Task Handshake_ChunkedSubscriptions_QuotesConflatedPerSymbol()
    {
        await using var host = await StreamingTestHost.StartAsync();
        await using var client = new DxLinkClient(Fast(chunk: 500), Tokens(host, []));
        for (int i = 0; i < 1200; i++)
        {
            client.Subscribe(DxEventType.Quote, FormattableString.Invariant($".SPXW250718C{3000 + i}"));
        }

        int spx = client.Subscribe(DxEventType.Quote, "SPX");
        client.Start();
        Assert.That(await Eventually(() => client.Quotes.TryGetLatest(spx, out _)), Is.True, "quotes arrive");
        Assert.That(client.State, Is.EqualTo(DxLinkState.Streaming));
        Assert.That(host.Server.DxSubscriptionMessages, Is.EqualTo(3), "1201 subscriptions in chunks of 500");
        Assert.That(host.Server.LastDxSubscriptionCount, Is.EqualTo(1201));
        client.Quotes.TryGetLatest(spx, out var q);
        Assert.That(q.BidPrice, Is.EqualTo(103));
        Assert.That(q.AskPrice, Is.EqualTo(103.1).Within(1e-9));
        Assert.That(q.BidSize, Is.EqualTo(10));

        // Latest wins: the store never holds more than one entry per symbol, however many updates arrived.
        Assert.That(await Eventually(() => client.Quotes.Writes > 3 * 1201), Is.True);
        Assert.That(client.Quotes.PendingCount, Is.LessThanOrEqualTo(1201));
        var drained = new DxQuote[2000];
        Assert.That(client.Quotes.Drain(drained), Is.LessThanOrEqualTo(1201));

        // A subscription added while streaming goes out at once.
        int qqq = client.Subscribe(DxEventType.Quote, "QQQ");
        Assert.That(await Eventually(() => client.Quotes.TryGetLatest(qqq, out _)), Is.True);
    }

    [Test]
    public async Task Keepalives_AreSent()
    {
        await using var host = await StreamingTestHost.StartAsync();
        await using var client = new DxLinkClient(Fast(), Tokens(host, []));
        client.Start();
        Assert.That(await Eventually(() => host.Server.DxKeepalivesReceived >= 3), Is.True);
        Assert.That(client.KeepalivesSent, Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public async Task FrozenSocket_WatchdogReconnects_AndResubscribes()
    {
        await using var host = await StreamingTestHost.StartAsync();
        await using var client = new DxLinkClient(Fast(silence: TimeSpan.FromMilliseconds(600)), Tokens(host, []));
        int spy = client.Subscribe(DxEventType.Quote, "SPY");
        client.Subscribe(DxEventType.Trade, "SPY");
        client.Start();
        Assert.That(await Eventually(() => client.Connections == 1 && client.Quotes.TryGetLatest(spy, out _)), Is.True);

        host.Faults.FreezeAllStreams();
        Assert.That(await Eventually(() => client.WatchdogTrips >= 1 && client.Connections >= 2), Is.True, "silence detected, reconnected");
        Assert.That(host.Server.DxSessions, Is.GreaterThanOrEqualTo(2));
        Assert.That(host.Server.LastDxSubscriptionCount, Is.EqualTo(2), "full resubscribe on the new connection");
        var drained = new DxQuote[4];
        client.Quotes.Drain(drained);
        Assert.That(await Eventually(() => client.Quotes.PendingCount > 0), Is.True, "data flows again");
    }

    [Test]
    public async Task Close1012_Reconnects_AndResubscribes()
    {
        await using var host = await StreamingTestHost.StartAsync();
        await using var client = new DxLinkClient(Fast(), Tokens(host, []));
        client.Subscribe(DxEventType.Quote, "SPY");
        client.Start();
        Assert.That(await Eventually(() => client.Connections == 1), Is.True);

        host.Faults.CloseAllStreams1012();
        Assert.That(await Eventually(() => client.Connections >= 2), Is.True);
        Assert.That(client.LastCloseStatus, Is.EqualTo((WebSocketCloseStatus)1012));
        Assert.That(client.WatchdogTrips, Is.Zero);
        Assert.That(host.Server.LastDxSubscriptionCount, Is.EqualTo(1));
    }

    [Test]
    public async Task TokenExpiry_Unauthorized_FetchesANewToken_AndDataResumes()
    {
        await using var host = await StreamingTestHost.StartAsync();
        var issued = new List<string>();
        await using var client = new DxLinkClient(Fast(), Tokens(host, issued));
        int spy = client.Subscribe(DxEventType.Quote, "SPY");
        client.Start();
        Assert.That(await Eventually(() => client.Quotes.TryGetLatest(spy, out _)), Is.True);
        Assert.That(client.TokenFetches, Is.EqualTo(1));

        host.QuoteTokens["token-1"] = false; // expired on the server
        host.Faults.ExpireAllTokens();
        Assert.That(await Eventually(() => client.TokenFetches == 2 && client.State == DxLinkState.Streaming && host.Server.DxAuthAttempts >= 2), Is.True);
        Assert.That(client.UnauthorizedCount, Is.EqualTo(1));
        var drained = new DxQuote[4];
        client.Quotes.Drain(drained);
        Assert.That(await Eventually(() => client.Quotes.PendingCount > 0), Is.True, "data resumes on the same connection");
        Assert.That(client.Connections, Is.EqualTo(1));
    }

    [Test]
    public async Task DroppedSocket_Reconnects()
    {
        await using var host = await StreamingTestHost.StartAsync();
        await using var client = new DxLinkClient(Fast(), Tokens(host, []));
        client.Subscribe(DxEventType.Quote, "SPY");
        client.Start();
        Assert.That(await Eventually(() => client.Connections == 1), Is.True);
        host.Faults.QueueStreamFault(StreamFault.Drop);
        Assert.That(await Eventually(() => client.Connections >= 2), Is.True);
        Assert.That(host.Server.LastDxSubscriptionCount, Is.EqualTo(1));
    }

    [Test]
    public async Task QuoteTokenRequestFailing_IsADisconnect_TheClientRetriesAndStreams()
    {
        // the REST client throws TastytradeApiException for a 503 / 429 on /api-quote-tokens (the disconnect trials
        // met it during a reconnect): the client must back off and try again, not end its loop
        await using var host = await StreamingTestHost.StartAsync();
        var issued = new List<string>();
        var good = Tokens(host, issued);
        int calls = 0;
        await using var client = new DxLinkClient(Fast(), ct =>
        {
            int call = Interlocked.Increment(ref calls);
            if (call == 1)
            {
                throw new TomKing.Brokerages.Tastytrade.Api.TastytradeApiException(System.Net.HttpStatusCode.ServiceUnavailable, null, "Get api-quote-tokens: 503 (injected)");
            }

            if (call == 2)
            {
                throw new TomKing.Brokerages.Tastytrade.Http.TastytradeDisconnectedException("the token refresh failed (injected)");
            }

            return good(ct);
        });
        client.Subscribe(DxEventType.Quote, "SPY");
        client.Start();
        Assert.That(await Eventually(() => client.Connections == 1), Is.True, "never connected after two failed token requests");
        Assert.That(calls, Is.GreaterThanOrEqualTo(3));
    }
}

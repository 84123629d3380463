using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator;
using TomKing.Brokerages.Tastytrade.Emulator.Streaming;
using TomKing.Brokerages.Tastytrade.Streaming.Account;
using TomKing.Brokerages.Tastytrade.Streaming.DxLink;
using static TomKing.Brokerages.Tastytrade.Tests.Streaming.StreamingTestHost;

namespace TomKing.Brokerages.Tastytrade.Tests.Streaming;

/// <summary>Both clients against the emulator host (its order engine, synthetic market and token store) with the
/// streaming module mapped by the host.</summary>
[TestFixture]
[CancelAfter(20_000)]
public class EmulatorStreamingTests
{
    [Test]
    public async Task OrderFillsAndQuotes_FlowFromTheEmulatorHost()
    {
        var module = new TastytradeStreamingModule(o => o with { QuoteInterval = TimeSpan.FromMilliseconds(20) });
        await using var host = new EmulatorHost(new EmulatorOptions { Modules = [module] });
        await host.StartAsync();
        string account = host.Orders.AccountNumbers[0];
        var (token, _, _) = host.Context.Tokens.Exchange(new OAuthTokenRequest { RefreshToken = "emulator-refresh-token", ClientSecret = "emulator-client-secret" });
        Assert.That(token?.AccessToken, Is.Not.Null);

        await using var account1 = new AccountStreamerClient(
            new AccountStreamerOptions { Url = new Uri(host.WebSocketBaseUrl, "/account-streamer"), AccountNumbers = [account], ConnectTimeout = TimeSpan.FromSeconds(3) },
            _ => ValueTask.FromResult(token!.AccessToken!),
            _ => Task.FromResult(new AccountSnapshot(host.Orders.Live(account), host.Orders.Positions(account).Value ?? [])));
        account1.Start();
        Assert.That(await Eventually(() => account1.Reconciles == 1), Is.True);

        var placed = host.Orders.Place(account, new OrderRequest
        {
            OrderType = OrderTypes.Market,
            TimeInForce = TimeInForces.Day,
            Legs = [new OrderLegRequest { InstrumentType = InstrumentTypes.Equity, Symbol = "SPY", Quantity = 2, Action = OrderActions.BuyToOpen }],
        }, dryRun: false);
        Assert.That(placed.Value?.Order?.Id, Is.Not.Null, placed.Error?.ToString());

        var events = new List<AccountStreamEvent>();
        bool filled = await Eventually(() =>
        {
            while (account1.TryRead(out var e))
            {
                events.Add(e!);
            }

            return events.OfType<OrderStatusEvent>().Any(s => s.Status == OrderStatuses.Filled);
        });
        Assert.That(filled, Is.True, string.Join(", ", events.OfType<OrderStatusEvent>().Select(s => s.Status)));
        Assert.That(events.OfType<OrderFillEvent>().Sum(f => f.Quantity), Is.EqualTo(2m));

        var quoteToken = host.Context.Tokens.IssueQuoteToken();
        await using var dx = new DxLinkClient(new DxLinkOptions { ConnectTimeout = TimeSpan.FromSeconds(3) }, _ => ValueTask.FromResult(new DxLinkQuoteToken(quoteToken.Token, host.DxLinkUrl, quoteToken.ExpiresAt)));
        int spy = dx.Subscribe(DxEventType.Quote, "SPY");
        dx.Start();
        Assert.That(await Eventually(() => dx.Quotes.TryGetLatest(spy, out _)), Is.True);
        dx.Quotes.TryGetLatest(spy, out var q);
        Assert.That(q.BidPrice, Is.GreaterThan(0));
        Assert.That(q.AskPrice, Is.GreaterThan(q.BidPrice));
        Assert.That(module.Server!.DxSessions, Is.EqualTo(1));
    }
}

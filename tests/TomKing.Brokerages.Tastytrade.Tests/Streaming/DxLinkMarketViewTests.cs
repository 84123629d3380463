using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Brokerages.Tastytrade.Adapters;
using TomKing.Brokerages.Tastytrade.Streaming.DxLink;
using TomKing.Greeks;
using static TomKing.Brokerages.Tastytrade.Tests.Streaming.StreamingTestHost;

namespace TomKing.Brokerages.Tastytrade.Tests.Streaming;

[TestFixture]
[CancelAfter(20_000)]
public class DxLinkMarketViewTests
{
    [Test]
    public async Task ConflatedQuotes_AreAppliedToTheChain()
    {
        await using var host = await StreamingTestHost.StartAsync();
        host.QuoteTokens["t"] = true;
        var expiry = new DateOnly(2025, 7, 18);
        var asOf = new DateTime(2025, 7, 18, 10, 0, 0);
        var chain = new OptionChainBuilder(new Ticker("SPX"), new Ticker("SPXW"), ExerciseStyle.European, OptionSettlement.PmCash, 100m)
            .AsOf(asOf).UnderlyingPrice(5000)
            .AddQuote(expiry, 4950, OptionRight.Put, 0, 0).AddQuote(expiry, 4950, OptionRight.Call, 0, 0)
            .AddQuote(expiry, 5050, OptionRight.Put, 0, 0).AddQuote(expiry, 5050, OptionRight.Call, 0, 0)
            .Build();
        await using var client = new DxLinkClient(new DxLinkOptions { ConnectTimeout = TimeSpan.FromSeconds(3) }, _ => ValueTask.FromResult(new DxLinkQuoteToken("t", host.DxLinkUri, DateTimeOffset.UtcNow.AddHours(24))));
        var view = new DxLinkMarketView(client, () => asOf, c => FormattableString.Invariant($".{c.Root.Symbol}{c.Expiry:yyMMdd}{(c.Right == OptionRight.Call ? 'C' : 'P')}{c.Strike:0.##}"));
        view.Track(chain, "SPX");
        Assert.That(client.SubscriptionCount, Is.EqualTo(4 + 2), "4 contracts + underlying quote and trade");
        client.Start();

        Assert.That(await Eventually(() =>
        {
            view.Apply();
            return chain.TryGetExpiry(expiry, out var e) && e.QuoteAt(1, OptionRight.Call).Bid > 0 && e.QuoteAt(0, OptionRight.Put).Bid > 0;
        }), Is.True);
        chain.TryGetExpiry(expiry, out var exp);
        var q = exp.QuoteAt(1, OptionRight.Call);
        Assert.That(q.Bid, Is.EqualTo(100 + ".SPXW250718C5050".Length));
        Assert.That(q.AskSize, Is.EqualTo(12));
        Assert.That(view.TryGetPrice(new Ticker("SPX"), out double spx), Is.True);
        Assert.That(spx, Is.EqualTo(103.05).Within(1e-9));
        Assert.That(chain.UnderlyingPrice, Is.EqualTo(spx));
        Assert.That(view.TryGetChain(new Ticker("SPXW"), out var same) && ReferenceEquals(same, chain), Is.True);
        Assert.That(view.TryGetIvRank(new Ticker("SPX"), out _), Is.False);
    }
}

using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Auth;
using TomKing.Brokerages.Tastytrade.Emulator;
using TomKing.Engine.Live.Tastytrade;
using TomKing.Greeks;

namespace TomKing.Engine.Tests.Live;

/// <summary>
/// The venue snapshot reconciliation reads after a restart, against the emulator. The case the disconnect trials
/// found: an order from an earlier session whose fills the runner never saw (it was down), on a futures option whose
/// expiry the feed no longer carries. Its fills must map to the very contract the book booked the order's legs to
/// (the chain's: root <c>ES</c>, not the exchange's weekly code), or reconciliation cannot book them.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Live")]
public sealed class VenueSnapshotTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task FillsOfAFuturesOptionWhoseExpiryLeftTheFeedMapToTheChainsContract()
    {
        var friday = new DateTime(2026, 11, 20, 10, 31, 0);
        await using var host = new EmulatorHost(new EmulatorOptions { Seed = 20240805, MarketStart = friday, ClockRuns = false, StepInterval = null });
        var url = await host.StartAsync();
        var defaults = new EmulatorOptions();
        var credentials = new TastytradeCredentials(defaults.ClientId, defaults.ClientSecret, defaults.RefreshToken);
        string account = host.Orders.AccountNumbers[0];

        OptionContract booked;
        string symbol;
        await using (var first = new TastytradeLiveVenue(TastytradeVenueSettings.Emulator(url, credentials)))
        {
            await first.ConnectAsync([StrategyId.F0, StrategyId.FS], CancellationToken.None);
            Assert.That(first.Market.TryGetChain(new Ticker("ES"), out var chain), Is.True, "the feed carries no ES chain");
            var today = Enumerable.Range(0, chain.ExpiryCount).Select(chain.ExpiryAt).FirstOrDefault(e => e.Expiry == DateOnly.FromDateTime(friday));
            Assert.That(today, Is.Not.Null, "no 0DTE ES expiry in the feed");
            booked = today!.ContractAt(today.Count / 2, OptionRight.Put);
            Assert.That(first.Feed.TryGetOrderSymbol(booked, out symbol), Is.True);
            Assert.That(symbol, Does.StartWith("./ES"), "a futures-option order symbol");
        }

        var placed = host.Orders.Place(account, new OrderRequest
        {
            OrderType = OrderTypes.Market,
            TimeInForce = TimeInForces.Day,
            ExternalIdentifier = "tk-C7",
            Legs = [new OrderLegRequest { InstrumentType = InstrumentTypes.FutureOption, Symbol = symbol, Quantity = 1, Action = OrderActions.SellToOpen }],
        }, dryRun: false);
        Assert.That(placed.Value?.Order?.Id, Is.Not.Null, placed.Error?.ToString());
        for (int i = 0; i < 5; i++)
        {
            host.Orders.Step();
        }

        // a week later: that expiry has settled and left the chains
        host.Clock.Set(new DateTime(2026, 12, 4, 10, 31, 0));
        host.Orders.Step();
        await using var second = new TastytradeLiveVenue(TastytradeVenueSettings.Emulator(url, credentials));
        await second.ConnectAsync([StrategyId.F0, StrategyId.FS], CancellationToken.None);
        Assert.That(second.Feed.TryGetContract(symbol, out _), Is.False, "the expired contract is still in the feed: this test no longer tests the fallback");
        var snapshot = await second.SnapshotAsync(new DateOnly(2026, 11, 19), CancellationToken.None);

        var order = snapshot.Orders.Single(o => o.Client == new ClientOrderId(7));
        Assert.Multiple(() =>
        {
            Assert.That(order.FilledUnits, Is.EqualTo(1));
            Assert.That(order.UnmappedFills, Is.Zero);
            Assert.That(order.Fills, Has.Count.EqualTo(1));
            Assert.That(order.Fills[0].Contract, Is.EqualTo(booked), "the fill maps to another contract than the one the book booked");
            Assert.That(order.Fills[0].Quantity, Is.EqualTo(-1));
        });
    }
}

using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Portfolio;
using TomKing.Algorithm.Risk.Margin;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies;
using TomKing.Algorithm.Strategies.Friday0Dte;
using TomKing.Algorithm.Testing;
using TomKing.Brokerages.Tastytrade.Adapters;
using TomKing.Brokerages.Tastytrade.Emulator;
using TomKing.Brokerages.Tastytrade.Emulator.Market;
using TomKing.Greeks;
using static TomKing.Brokerages.Tastytrade.Tests.Streaming.StreamingTestHost;

namespace TomKing.Brokerages.Tastytrade.Tests.LiveMarket;

/// <summary>The live market view built by <see cref="LiveMarketFeed"/> against the emulator on loopback: chains from
/// REST, quotes over DXLink, compared with the emulator's own market; the real F0 strategy deciding on it.</summary>
[TestFixture]
[CancelAfter(60_000)]
public class LiveMarketFeedTests
{
    private static readonly DateTime Friday1025 = new(2026, 11, 20, 10, 25, 0);
    private static readonly DateTime Friday1030 = new(2026, 11, 20, 10, 30, 0);

    [Test]
    public async Task LoadAsync_Friday1025_F0ChainQuotedFromDxLink_MatchesTheEmulator_AndF0Decides()
    {
        await using var s = await LiveMarketSession.StartAsync(new EmulatorOptions { MarketStart = Friday1025, ClockRuns = false });
        await s.Feed.LoadAsync([StrategyId.F0], Friday1025, CancellationToken.None);
        s.Dx.Start();
        var today = DateOnly.FromDateTime(Friday1025);
        var rules = RulebookSettings.Default;
        var phase = rules.Phases.RulesFor(rules.Phases.Classify(50_000m));
        Assert.That(s.Feed.Warnings, Is.Empty, string.Join("; ", s.Feed.Warnings));
        Assert.That(s.Feed.TrackedRoots, Is.SupersetOf(new[] { "SPXW" }));

        // Wait until the chain F0 would choose has its contracts quoted, the underlying priced and the session open known.
        OptionChain chain = null!;
        ChainExpiry expiry = null!;
        Assert.That(await Eventually(() =>
        {
            s.Feed.Apply();
            return F0Instrument.TryChoose(phase, s.View, today, out chain, out expiry)
                && QuotedStrikes(expiry) == expiry.Count
                && s.View.TryGetPrice(chain.Underlying, out _)
                && s.View.TryGetSessionOpen(chain.Underlying, out _)
                && s.View.TryGetVix(out _);
        }, TimeSpan.FromSeconds(20)), Is.True, $"roots {string.Join(",", s.Feed.TrackedRoots)}, applied {s.Feed.QuotesApplied}");
        TestContext.Out.WriteLine($"F0 chooses {chain.Root} {expiry.Expiry:yyyy-MM-dd}: {expiry.Count} strikes; tracked {s.Feed.TrackedSymbols} symbols over {string.Join(",", s.Feed.TrackedRoots)} ({s.Feed.TrackedContracts} contracts)");

        // The 0DTE expiry lists exactly the emulator's strikes, and every quote equals the emulator's (its clock stands still).
        Assert.That(expiry.Expiry, Is.EqualTo(today));
        var listed = s.Host.Market.ListStrikes(chain.Root.Symbol, today).Select(k => (double)k).ToArray();
        Assert.That(expiry.Strikes.ToArray(), Is.EqualTo(listed));
        for (int i = 0; i < expiry.Count; i += Math.Max(1, expiry.Count / 25))
        {
            foreach (var right in new[] { OptionRight.Call, OptionRight.Put })
            {
                var contract = expiry.ContractAt(i, right);
                Assert.That(TryEmulatorInstrument(s.Host, contract, out var instrument), Is.True, contract.ToString());
                Assert.That(s.Host.Market.TryQuote(instrument, out var expected), Is.True, contract.ToString());
                var got = expiry.QuoteAt(i, right);
                Assert.That((got.Bid, got.Ask), Is.EqualTo((expected.Bid, expected.Ask)), contract.ToString());
                Assert.That(got.Time, Is.EqualTo(Friday1025), "quote time is the emulator's market time");
            }
        }

        // The underlying equals the emulator's price (mid of its ± one-tick quote).
        Assert.That(s.View.TryGetPrice(chain.Underlying, out double spot), Is.True);
        string product = InstrumentCatalogue.Get(chain.Root).AssetClass == AssetClass.Future ? chain.Root.Symbol : chain.Underlying.Symbol;
        Assert.That(s.Host.Market.TryGetPrice(product, out double emulatorPrice), Is.True);
        Assert.That(spot, Is.EqualTo(emulatorPrice).Within(0.5 * (double)InstrumentCatalogue.Get(chain.Underlying).TickSize + 0.25));
        Assert.That(expiry.UnderlyingPrice, Is.EqualTo(spot).Within(0.26));
        s.View.TryGetSessionOpen(chain.Underlying, out double open);
        double emulatorOpen = s.Host.Market.Read(m => m.TryGetSessionOpen(product, today, out double o) ? o : double.NaN);
        Assert.That(open, Is.EqualTo(emulatorOpen).Within(1e-9), "session open from DXLink Summary");
        s.View.TryGetVix(out var vix);
        double emulatorVix = s.Host.Market.Read(m => Math.Round(m.Vix(Friday1025), 2));
        Assert.That(vix.Value, Is.EqualTo(emulatorVix).Within(1e-9));

        // Greeks are computable: the ATM put has an implied vol and a delta near -0.5.
        int atm = expiry.NearestStrikeIndex(spot);
        var g = expiry.GreeksAt(atm, OptionRight.Put);
        Assert.That(g.Status, Is.EqualTo(GreeksStatus.Available), g.Status.ToString());
        Assert.That(g.ImpliedVolatility, Is.InRange(0.02, 2.0));
        Assert.That(g.Delta, Is.InRange(-0.8, -0.2));

        // 10:30: the emulator's clock moves, DXLink streams 10:30 quotes, F0 decides on the live view.
        s.Host.Clock.Set(Friday1030);
        Assert.That(await Eventually(() =>
        {
            s.Feed.Apply();
            return expiry.QuoteAt(atm, OptionRight.Put).Time == Friday1030 && s.View.LastQuoteTime == Friday1030;
        }, TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(s.Feed.StaleSymbols(Friday1030, TimeSpan.FromSeconds(1)), Is.Zero, "every tracked symbol quoted at 10:30");

        var ledger = new PortfolioLedger(50_000m, s.View, new MarginModel());
        var context = new DecisionContext(new FakeClock(Friday1030), s.View, ledger, rules) { BuyingPower = new MarginModel() };
        context.Refresh();
        var output = new DecisionOutput();
        new F0Strategy().Evaluate(context, output);
        Assert.That(output.DecisionCount, Is.EqualTo(1));
        var decision = output.Decisions[0];
        TestContext.Out.WriteLine($"F0 at 10:30: {decision.Kind} [{decision.RuleIds}] {decision.Reason}; spot {decision.Spot}, VIX {decision.Vix}, regime {decision.Regime}, phase {decision.Phase}");
        if (decision.Kind == DecisionKind.Enter)
        {
            Assert.That(output.IntentCount, Is.EqualTo(1));
            var structure = output.Intents[0].Structure;
            Assert.That(structure.Count, Is.InRange(2, 4));
            for (int i = 0; i < structure.Count; i++)
            {
                var c = structure[i].Contract;
                Assert.That(c.Expiry, Is.EqualTo(today));
                Assert.That(s.Host.Market.ListStrikes(c.Root.Symbol, c.Expiry), Does.Contain(c.Strike), $"leg {i} strike {c.Strike} is listed by the emulator");
                Assert.That(TryEmulatorInstrument(s.Host, c, out _), Is.True, "the leg is an emulator instrument");
            }

            Assert.That(output.Intents[0].MidPrice, Is.LessThan(0), "a credit");
        }
        else
        {
            Assert.That(decision.Kind, Is.EqualTo(DecisionKind.Skip));
            Assert.That(decision.RuleIds, Is.AnyOf("F0-1", "F0-2", "F0-3", "F0-4 P-2"), decision.Reason);
        }
    }

    [Test]
    public async Task Speed60_ViewQuotesAdvanceWithMarketTime()
    {
        var start = new DateTime(2026, 11, 20, 10, 0, 0);
        LiveMarketClock? clock = null;
        await using var s = await LiveMarketSession.StartAsync(
            new EmulatorOptions { MarketStart = start, Speed = 60 },
            _ => new FixedScope(new LiveDteWindow(0, 0), "SPXW"),
            () => clock!.Now);
        using var http = new HttpClient { BaseAddress = s.Host.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        clock = await LiveMarketClock.FollowEmulatorAsync(http, s.Host.BaseUrl);
        await s.Feed.LoadAsync([StrategyId.F0], clock.Now, CancellationToken.None);
        s.Dx.Start();
        Assert.That(s.View.TryGetChain(new Ticker("SPXW"), out var chain), Is.True);
        var expiry = chain.ExpiryAt(0);
        Assert.That(await Eventually(() => { s.Feed.Apply(); return s.View.LastQuoteTime > start; }, TimeSpan.FromSeconds(10)), Is.True);
        var t1 = s.View.LastQuoteTime;
        double spot1 = chain.UnderlyingPrice;
        await Task.Delay(1500);
        s.Feed.Apply();
        var t2 = s.View.LastQuoteTime;
        double advanced = (t2 - t1).TotalSeconds;
        TestContext.Out.WriteLine($"1.5 real s at 60x: quotes advanced {advanced:F1} market s; SPX {spot1:F2} -> {chain.UnderlyingPrice:F2}; chain as of {chain.AsOf:HH:mm:ss}, emulator {s.Host.Clock.NowEastern:HH:mm:ss}");
        Assert.That(advanced, Is.InRange(45.0, 400.0), "about 90 market seconds");
        Assert.That(Math.Abs((chain.AsOf - s.Host.Clock.NowEastern).TotalSeconds), Is.LessThan(60), "the view's clock follows the emulator's");
        int k = expiry.NearestStrikeIndex(chain.UnderlyingPrice);
        Assert.That(expiry.QuoteAt(k, OptionRight.Call).Time, Is.GreaterThan(t1), "option quotes carry the advancing market time");
    }

    [Test]
    public async Task RefreshAsync_NextDay_AddsTheNewDailyExpiry_DropsTheExpiredOne()
    {
        var thursday = new DateTime(2026, 11, 19, 15, 0, 0);
        await using var s = await LiveMarketSession.StartAsync(
            new EmulatorOptions { MarketStart = thursday, ClockRuns = false },
            _ => new FixedScope(new LiveDteWindow(0, 0), "SPXW"));
        await s.Feed.LoadAsync([StrategyId.F0], thursday, CancellationToken.None);
        s.Dx.Start();
        Assert.That(s.View.TryGetChain(new Ticker("SPXW"), out var before), Is.True);
        Assert.That(before.Expiries.ToArray(), Is.EqualTo(new[] { new DateOnly(2026, 11, 19) }));
        int subscriptionsBefore = s.Dx.SubscriptionCount;
        int symbolsBefore = s.Feed.TrackedSymbols;

        var friday = new DateTime(2026, 11, 20, 9, 35, 0);
        s.Host.Clock.Set(friday);
        await s.Feed.RefreshAsync(friday, CancellationToken.None);
        Assert.That(s.View.TryGetChain(new Ticker("SPXW"), out var after), Is.True);
        Assert.That(ReferenceEquals(before, after), Is.False);
        Assert.That(after.Expiries.ToArray(), Is.EqualTo(new[] { new DateOnly(2026, 11, 20) }), "Thursday's expiry dropped, Friday's daily added");
        var fridayExpiry = after.ExpiryAt(0);
        Assert.That(fridayExpiry.Strikes.ToArray(), Is.EqualTo(s.Host.Market.ListStrikes("SPXW", new DateOnly(2026, 11, 20)).Select(x => (double)x).ToArray()));
        Assert.That(s.Feed.Day, Is.EqualTo(new DateOnly(2026, 11, 20)));
        int expectedSymbols = symbolsBefore - (2 * before.ExpiryAt(0).Count) + (2 * fridayExpiry.Count);
        Assert.That(s.Feed.TrackedSymbols, Is.EqualTo(expectedSymbols), "expired contracts unsubscribed, new ones subscribed");
        Assert.That(s.Dx.SubscriptionCount, Is.EqualTo(subscriptionsBefore - (2 * before.ExpiryAt(0).Count) + (2 * fridayExpiry.Count)));
        Assert.That(await Eventually(() => { s.Feed.Apply(); return QuotedStrikes(fridayExpiry) == fridayExpiry.Count; }, TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(s.View.TryGetSessionOpen(new Ticker("SPX"), out _), Is.True, "Friday's open arrives after the refresh");

        // A second refresh the same day keeps the chain (same listing).
        await s.Feed.RefreshAsync(friday.AddMinutes(1), CancellationToken.None);
        s.View.TryGetChain(new Ticker("SPXW"), out var same);
        Assert.That(ReferenceEquals(same, after), Is.True);
    }

    /// <summary>The emulator's own instrument for a contract (futures options by product, others by OCC root).</summary>
    private static bool TryEmulatorInstrument(EmulatorHost host, OptionContract c, out EmulatorInstrument instrument) =>
        InstrumentCatalogue.Get(c.Root).AssetClass == AssetClass.Future
            ? host.Market.TryFutureOption(c.Root.Symbol, c.Expiry, c.Right, c.Strike, out instrument)
            : host.Market.TryEquityOption(c.Root.Symbol, c.Expiry, c.Right, c.Strike, out instrument);

    private static int QuotedStrikes(ChainExpiry expiry)
    {
        int n = 0;
        for (int i = 0; i < expiry.Count; i++)
        {
            if (expiry.QuoteAt(i, OptionRight.Call).Ask > 0 && expiry.QuoteAt(i, OptionRight.Put).Ask > 0)
            {
                n++;
            }
        }

        return n;
    }
}

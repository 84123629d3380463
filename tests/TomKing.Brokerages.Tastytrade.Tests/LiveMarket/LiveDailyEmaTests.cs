using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Strategies;
using TomKing.Algorithm.Portfolio;
using TomKing.Algorithm.Risk.Margin;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies.Ipmcc;
using TomKing.Algorithm.Testing;
using TomKing.Brokerages.Tastytrade.Adapters;
using TomKing.Brokerages.Tastytrade.Emulator;
using TomKing.Engine.Synthetic;
using TomKing.Greeks;
using static TomKing.Brokerages.Tastytrade.Tests.Streaming.StreamingTestHost;

namespace TomKing.Brokerages.Tastytrade.Tests.LiveMarket;

/// <summary>Daily EMAs in the live view from DXLink daily candles against the emulator on loopback: equal to a hand
/// computation over the emulator's own daily closes and to the backtest's synthetic-market EMA; IPMCC decides on them.</summary>
[TestFixture]
[CancelAfter(90_000)]
public class LiveDailyEmaTests
{
    private static readonly DateTime Friday0945 = new(2026, 11, 20, 9, 45, 0);

    [Test]
    [Category("IPMCC-2")]
    [Category("IPMCC-3")]
    public async Task LoadAsync_Ipmcc_DailyEmasFromCandles_EqualTheHandComputation_AndIpmccDoesNotSkipForNoEma()
    {
        await using var s = await LiveMarketSession.StartAsync(new EmulatorOptions { MarketStart = Friday0945, ClockRuns = false });
        await s.Feed.LoadAsync([StrategyId.IPMCC], Friday0945, CancellationToken.None);
        s.Dx.Start();
        var rules = RulebookSettings.Default;
        var today = DateOnly.FromDateTime(Friday0945);
        string[] underlyings = [.. rules.IPMCC.Underlyings];
        int[] periods = [rules.IPMCC.FastEmaDays, rules.IPMCC.SlowEmaDays];
        Assert.That(s.Feed.Warnings, Is.Empty, string.Join("; ", s.Feed.Warnings));
        Assert.That(s.View.PendingDailySeries, Is.EqualTo(underlyings.Length), "one {=d} series per IPMCC underlying, none applied yet");

        Assert.That(await Eventually(() =>
        {
            s.Feed.Apply();
            return underlyings.All(u => periods.All(p => s.View.TryGetDailyEma(new Ticker(u), p, out _)) && s.View.TryGetPrice(new Ticker(u), out _));
        }, TimeSpan.FromSeconds(30)), Is.True, "EMAs arrive from the candle snapshots");
        Assert.That(s.View.PendingDailySeries, Is.Zero);

        foreach (string u in underlyings)
        {
            foreach (int period in periods)
            {
                Assert.That(s.View.TryGetDailyEma(new Ticker(u), period, out double live), Is.True);

                // By hand, over the emulator's daily closes of the 5 × period sessions before today (NYSE calendar).
                var sessions = new List<DateOnly>();
                for (var d = NyseCalendar.PreviousTradingDay(today); sessions.Count < 5 * period; d = NyseCalendar.PreviousTradingDay(d))
                {
                    sessions.Insert(0, d);
                }

                double[] closes = [.. sessions.Select(d => s.Host.Market.Read(m => m.TryGetDailyClose(u, d, out double c) ? c : double.NaN))];
                double ema = closes.Take(period).Sum() / period;
                foreach (double c in closes.Skip(period))
                {
                    ema += 2.0 / (period + 1) * (c - ema);
                }

                double backtest = s.Host.Market.Read(m => m.TryGetDailyEma(u, period, today, out double e) ? e : double.NaN);
                TestContext.Out.WriteLine($"{u} EMA{period}: live {live:R}, hand {ema:R}, synthetic market {backtest:R}; {s.View.DailyBarCount(new Ticker(u))} daily bars");
                Assert.That(live, Is.EqualTo(ema).Within(1e-9 * ema), $"{u} EMA{period} against the hand computation");
                Assert.That(live, Is.EqualTo(backtest), $"{u} EMA{period}: bit for bit the backtest's EMA");
            }
        }

        // IPMCC at Friday 09:45 on the live view: no "no EMA" skip. The same view without EMAs does skip for it.
        Assert.That(await Eventually(() =>
        {
            s.Feed.Apply();
            return s.View.TryGetChain(new Ticker(underlyings[0]), out var chain) && FullyQuoted(chain);
        }, TimeSpan.FromSeconds(30)), Is.True, "the first IPMCC underlying's chain is quoted");

        var withEmas = Decide(s.View, rules);
        var withoutEmas = Decide(new NoEmaView(s.View), rules);
        foreach (var d in withEmas)
        {
            TestContext.Out.WriteLine($"IPMCC: {d.Kind} [{d.RuleIds}] {d.Reason}");
        }

        Assert.That(withEmas, Is.Not.Empty);
        Assert.That(withEmas.Select(d => d.Reason), Has.None.Contains("no EMA"), "IPMCC had its EMAs");
        Assert.That(withoutEmas.Select(d => d.Reason), Has.Some.Contains("no EMA"), "control: without EMAs IPMCC skips for them");
    }

    [Test]
    public async Task TryGetDailyEma_TrackedUnderlyingNotYetSubscribed_SubscribesOnFirstAsk_ThenEqualsTheBacktest()
    {
        var thursday = new DateTime(2026, 11, 19, 14, 0, 0);
        await using var s = await LiveMarketSession.StartAsync(
            new EmulatorOptions { MarketStart = thursday, ClockRuns = false },
            _ => new FixedScope(new LiveDteWindow(0, 0), "SPXW"));
        await s.Feed.LoadAsync([StrategyId.F0], thursday, CancellationToken.None);
        s.Dx.Start();
        var spx = new Ticker("SPX");
        int before = s.Dx.SubscriptionCount;
        Assert.That(s.View.TryGetDailyEma(spx, 10, out _), Is.False, "F0 alone subscribes no candles");
        Assert.That(s.Dx.SubscriptionCount, Is.EqualTo(before + 1), "the first ask subscribed SPX{=d}");
        Assert.That(await Eventually(() => { s.Feed.Apply(); return s.View.TryGetDailyEma(spx, 10, out _); }, TimeSpan.FromSeconds(20)), Is.True);
        s.View.TryGetDailyEma(spx, 10, out double live);
        double backtest = s.Host.Market.Read(m => m.TryGetDailyEma("SPX", 10, DateOnly.FromDateTime(thursday), out double e) ? e : double.NaN);
        Assert.That(live, Is.EqualTo(backtest));

        // A longer period asks again from earlier (a new snapshot); then it too equals the backtest's.
        Assert.That(s.View.TryGetDailyEma(spx, 60, out _), Is.False, "not enough history yet for 5 × 60 sessions");
        Assert.That(await Eventually(() => { s.Feed.Apply(); return s.View.TryGetDailyEma(spx, 60, out _); }, TimeSpan.FromSeconds(20)), Is.True);
        s.View.TryGetDailyEma(spx, 60, out double live60);
        Assert.That(live60, Is.EqualTo(s.Host.Market.Read(m => m.TryGetDailyEma("SPX", 60, DateOnly.FromDateTime(thursday), out double e) ? e : double.NaN)));
        Assert.That(s.View.DailyBarCount(spx), Is.GreaterThanOrEqualTo(300));
    }

    [Test]
    public async Task DailyEma_AfterTheDayRollsOver_IncludesYesterdaysFinalClose()
    {
        var thursday = new DateTime(2026, 11, 19, 14, 0, 0);
        await using var s = await LiveMarketSession.StartAsync(
            new EmulatorOptions { MarketStart = thursday, ClockRuns = false },
            _ => new FixedScope(new LiveDteWindow(0, 0), "SPXW"));
        await s.Feed.LoadAsync([StrategyId.F0], thursday, CancellationToken.None);
        s.View.TrackDailyEma(new Ticker("SPX"), "SPX", 8);
        s.Dx.Start();
        var spx = new Ticker("SPX");
        Assert.That(await Eventually(() => { s.Feed.Apply(); return s.View.TryGetDailyEma(spx, 8, out _); }, TimeSpan.FromSeconds(20)), Is.True);

        // Friday 09:40: Thursday's bar is final (sent again as an update at its close), Friday's is new.
        var friday = new DateTime(2026, 11, 20, 9, 40, 0);
        s.Host.Clock.Set(friday);
        double expected = s.Host.Market.Read(m => m.TryGetDailyEma("SPX", 8, DateOnly.FromDateTime(friday), out double e) ? e : double.NaN);
        Assert.That(await Eventually(() => { s.Feed.Apply(); return s.View.TryGetDailyEma(spx, 8, out double e) && e == expected; }, TimeSpan.FromSeconds(10)), Is.True);
    }

    private static List<DecisionRecord> Decide(IMarketView view, RulebookSettings rules)
    {
        var ledger = new PortfolioLedger(50_000m, view, new MarginModel());
        var context = new DecisionContext(new FakeClock(Friday0945), view, ledger, rules) { BuyingPower = new MarginModel() };
        context.Refresh();
        var output = new DecisionOutput();
        new IpmccStrategy().Evaluate(context, output);
        var list = new List<DecisionRecord>();
        for (int i = 0; i < output.DecisionCount; i++)
        {
            list.Add(output.Decisions[i]);
        }

        return list;
    }

    private static bool FullyQuoted(OptionChain chain)
    {
        for (int e = 0; e < chain.ExpiryCount; e++)
        {
            var expiry = chain.ExpiryAt(e);
            for (int i = 0; i < expiry.Count; i++)
            {
                if (!(expiry.QuoteAt(i, OptionRight.Call).Ask > 0) || !(expiry.QuoteAt(i, OptionRight.Put).Ask > 0))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The live view with its daily EMAs hidden (the control).</summary>
    private sealed class NoEmaView(IMarketView inner) : IMarketView
    {
        public bool TryGetPrice(Ticker underlying, out double price) => inner.TryGetPrice(underlying, out price);

        public bool TryGetChain(Ticker root, out OptionChain chain) => inner.TryGetChain(root, out chain);

        public bool TryGetVix(out VixReading vix) => inner.TryGetVix(out vix);

        public bool TryGetIvRank(Ticker underlying, out double ivRank) => inner.TryGetIvRank(underlying, out ivRank);

        public bool TryGetDailyEma(Ticker underlying, int period, out double ema)
        {
            ema = double.NaN;
            return false;
        }

        public bool TryGetSessionOpen(Ticker underlying, out double open) => inner.TryGetSessionOpen(underlying, out open);
    }
}

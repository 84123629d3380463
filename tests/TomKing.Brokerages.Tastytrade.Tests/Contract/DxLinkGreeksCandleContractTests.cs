using TomKing.Algorithm.Domain;
using TomKing.Brokerages.Tastytrade.Emulator;
using TomKing.Brokerages.Tastytrade.Emulator.Market;
using TomKing.Brokerages.Tastytrade.Emulator.Streaming;
using TomKing.Brokerages.Tastytrade.Streaming.DxLink;
using TomKing.Greeks;
using static TomKing.Brokerages.Tastytrade.Tests.Streaming.StreamingTestHost;

namespace TomKing.Brokerages.Tastytrade.Tests.Contract;

/// <summary>
/// Contract tests: <see cref="DxLinkClient"/> against the emulator's DXLink endpoint over WebSockets on 127.0.0.1 for the
/// Greeks and Candle events. Greeks are checked against the emulator's own inputs read through its in-process API
/// (the underlying price, the strike's model volatility, the rate and dividend yield), by finite differences of the
/// option price at those inputs, by put–call identities, and against the streamed quotes; daily candles against a
/// hand count of sessions, OHLC consistency and the emulator's own daily opens and closes. The market clock stands still.
/// </summary>
[TestFixture]
[CancelAfter(60_000)]
public class DxLinkGreeksCandleContractTests
{
    private static readonly DateTime Wednesday1100 = new(2026, 11, 18, 11, 0, 0);

    [Test]
    public async Task Greeks_SpyAndEsOptions_MatchFiniteDifferencesOfTheEmulatorsOwnPrice_AndPutCallIdentities()
    {
        await using var s = await Session.StartAsync(Wednesday1100);
        var now = Wednesday1100;
        var today = DateOnly.FromDateTime(now);
        var market = s.Host.Market;

        // SPY (Black-Scholes-Merton on spot with a dividend yield) ~30 days out, ES options (Black-76 on the future).
        var spyExpiry = market.ListExpiries("SPY").First(e => e.DayNumber - today.DayNumber >= 25);
        Assert.That(market.TryGetPrice("SPY", out double spySpot), Is.True);
        var esExpiry = market.ListExpiries("ES").First(e => e.DayNumber - today.DayNumber >= 25);
        double esForward = market.Read(m => m.TryGetOptionUnderlyingPrice("ES", esExpiry, now, out double f) ? f : double.NaN);
        var pairs = new List<(EmulatorInstrument Call, EmulatorInstrument Put, bool OnFuture, double Underlying)>();
        foreach (var (root, expiry, underlying, onFuture) in new[] { ("SPY", spyExpiry, spySpot, false), ("ES", esExpiry, esForward, true) })
        {
            foreach (decimal k in market.ListStrikes(root, expiry).OrderBy(k => Math.Abs((double)k - underlying)).Take(5))
            {
                EmulatorInstrument call, put;
                bool listed = onFuture
                    ? market.TryFutureOption(root, expiry, OptionRight.Call, k, out call) & market.TryFutureOption(root, expiry, OptionRight.Put, k, out put)
                    : market.TryEquityOption(root, expiry, OptionRight.Call, k, out call) & market.TryEquityOption(root, expiry, OptionRight.Put, k, out put);
                Assert.That(listed, Is.True, $"{root} {k}");
                pairs.Add((call, put, onFuture, underlying));
            }
        }

        await using var dx = s.Client();
        var ids = new Dictionary<string, (int Greeks, int Quote)>(StringComparer.Ordinal);
        foreach (var i in pairs.SelectMany(p => new[] { p.Call, p.Put }))
        {
            ids[i.StreamerSymbol] = (dx.Subscribe(DxEventType.Greeks, i.StreamerSymbol), dx.Subscribe(DxEventType.Quote, i.StreamerSymbol));
        }

        dx.Start();
        Assert.That(await Eventually(() => ids.Values.All(v => dx.Greeks.TryGetLatest(v.Greeks, out _) && dx.Quotes.TryGetLatest(v.Quote, out _)), TimeSpan.FromSeconds(15)), Is.True);

        double rate = market.Read(m => m.Settings.RiskFreeRate);
        double spyDividend = market.Read(m => m.Settings.Products.Single(p => p.Ticker == "SPY").DividendYield);
        long nowMs = new DateTimeOffset(UsEastern.ToUtc(now), TimeSpan.Zero).ToUnixTimeMilliseconds();
        foreach (var (call, put, onFuture, underlying) in pairs)
        {
            var expiry = call.Expiration!.Value;
            double k = (double)call.Strike!.Value;
            double years = ExpiryTime.YearsToExpiry(now, expiry, InstrumentCatalogue.Get(call.Root).OptionSettlement.Style);
            double q = onFuture ? 0.0 : spyDividend;
            double sigma = market.Read(m => m.TryGetModelVolatility(call.Root, expiry, k, now, out double v) ? v : double.NaN);
            dx.Greeks.TryGetLatest(ids[call.StreamerSymbol].Greeks, out var gc);
            dx.Greeks.TryGetLatest(ids[put.StreamerSymbol].Greeks, out var gp);
            string what = $"{call.Root} {expiry:yyyy-MM-dd} {k}";

            foreach (var (g, right, instrument) in new[] { (gc, OptionRight.Call, call), (gp, OptionRight.Put, put) })
            {
                // The price one Greeks event carries, at the emulator's inputs, and its finite differences.
                double Price(double u, double t, double r, double v) => onFuture ? Black76.Price(right, u, k, t, r, v) : BlackScholesMerton.Price(right, u, k, t, r, q, v);
                double p0 = Price(underlying, years, rate, sigma);
                Assert.That(g.Volatility, Is.EqualTo(sigma).Within(1e-14), $"{what} {right}: volatility is the strike's model volatility");
                Assert.That(g.Price, Is.EqualTo(p0).Within(1e-10 * Math.Max(1.0, p0)), $"{what} {right}: model price");
                Assert.That(g.Time, Is.EqualTo(nowMs), "event time is the market time");
                dx.Quotes.TryGetLatest(ids[instrument.StreamerSymbol].Quote, out var quote);
                Assert.That(g.Price, Is.InRange(quote.BidPrice, quote.AskPrice), $"{what} {right}: the model price is inside the emulator's own quote");

                double hs = underlying * 1e-4;
                double delta = (Price(underlying + hs, years, rate, sigma) - Price(underlying - hs, years, rate, sigma)) / (2 * hs);
                double hg = underlying * 1e-3;
                double gamma = (Price(underlying + hg, years, rate, sigma) - (2 * p0) + Price(underlying - hg, years, rate, sigma)) / (hg * hg);
                const double ht = 1e-4;
                double thetaPerDay = -(Price(underlying, years + ht, rate, sigma) - Price(underlying, years - ht, rate, sigma)) / (2 * ht) / 365.0;
                const double hr = 1e-4;
                double rhoPerPoint = (Price(underlying, years, rate + hr, sigma) - Price(underlying, years, rate - hr, sigma)) / (2 * hr) * 0.01;
                const double hv = 1e-4;
                double vegaPerPoint = (Price(underlying, years, rate, sigma + hv) - Price(underlying, years, rate, sigma - hv)) / (2 * hv) * 0.01;
                Assert.That(g.Delta, Is.EqualTo(delta).Within(1e-6), $"{what} {right}: delta");
                Assert.That(g.Gamma, Is.EqualTo(gamma).Within(1e-4 * Math.Abs(gamma) + 1e-9), $"{what} {right}: gamma");
                Assert.That(g.Theta, Is.EqualTo(thetaPerDay).Within(1e-5 * Math.Abs(thetaPerDay) + 1e-8), $"{what} {right}: theta per calendar day");
                Assert.That(g.Rho, Is.EqualTo(rhoPerPoint).Within(1e-5 * Math.Abs(rhoPerPoint) + 1e-8), $"{what} {right}: rho per 1 % of rate");
                Assert.That(g.Vega, Is.EqualTo(vegaPerPoint).Within(1e-5 * Math.Abs(vegaPerPoint) + 1e-8), $"{what} {right}: vega per vol point");
            }

            // Put–call identities (European): same vol, gamma and vega; Δc − Δp = e^(−qT) (Black-76: e^(−rT));
            // C − P = e^(−qT)·S − e^(−rT)·K (Black-76: e^(−rT)(F − K)); ρc − ρp = K·T·e^(−rT) per unit of rate.
            double dq = Math.Exp(-(onFuture ? rate : q) * years);
            double dr = Math.Exp(-rate * years);
            Assert.That(gp.Volatility, Is.EqualTo(gc.Volatility), what);
            Assert.That(gp.Gamma, Is.EqualTo(gc.Gamma).Within(1e-12 * gc.Gamma), what);
            Assert.That(gp.Vega, Is.EqualTo(gc.Vega).Within(1e-12 * gc.Vega), what);
            Assert.That(gc.Delta - gp.Delta, Is.EqualTo(dq).Within(1e-12), what);
            Assert.That(gc.Price - gp.Price, Is.EqualTo((dq * underlying) - (dr * k)).Within(1e-9 * underlying), what);
            Assert.That((gc.Rho - gp.Rho) * 100.0, Is.EqualTo(onFuture ? -years * (gc.Price - gp.Price) : k * years * dr).Within(1e-9 * k), what);
            Assert.That(gc.Delta, Is.InRange(0.0, 1.0));
            Assert.That(gp.Delta, Is.InRange(-1.0, 0.0));
        }

        TestContext.Out.WriteLine($"{pairs.Count} strike pairs checked (SPY {spyExpiry:yyyy-MM-dd} spot {spySpot:F2}, ES {esExpiry:yyyy-MM-dd} future {esForward:F2})");
    }

    [Test]
    public async Task Greeks_NonOptionAndUnknownSymbols_GetNoEvents()
    {
        await using var s = await Session.StartAsync(Wednesday1100);
        await using var dx = s.Client();
        int spy = dx.Subscribe(DxEventType.Greeks, "SPY");
        int unknown = dx.Subscribe(DxEventType.Greeks, ".NOPE261218C100");
        int quote = dx.Subscribe(DxEventType.Quote, "SPY");
        dx.Start();
        Assert.That(await Eventually(() => dx.Quotes.TryGetLatest(quote, out _), TimeSpan.FromSeconds(10)), Is.True);
        long feeds = s.Module.Server!.DxFeedDataSent;
        Assert.That(await Eventually(() => s.Module.Server!.DxFeedDataSent >= feeds + 5, TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(dx.Greeks.TryGetLatest(spy, out _), Is.False);
        Assert.That(dx.Greeks.TryGetLatest(unknown, out _), Is.False);
    }

    [Test]
    public async Task DailyCandles_FromTime_SnapshotOfEverySessionNewestFirst_OhlcConsistent_ThenTodaysBarUpdates()
    {
        await using var s = await Session.StartAsync(Wednesday1100);
        var market = s.Host.Market;
        var from = new DateOnly(2026, 8, 3);
        long fromMs = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        await using var dx = s.Client();
        dx.Subscribe(DxEventType.Candle, "SPY{=d}", fromMs);
        dx.Start();

        var received = new List<DxCandle>();
        var buffer = new DxCandle[256];
        Assert.That(await Eventually(() => Drain(dx, buffer, received) && received.Any(c => (c.EventFlags & DxCandle.SnapshotEnd) != 0), TimeSpan.FromSeconds(15)), Is.True);
        var snapshot = received.TakeWhile(c => (c.EventFlags & DxCandle.SnapshotEnd) == 0).Append(received.First(c => (c.EventFlags & DxCandle.SnapshotEnd) != 0)).ToList();

        // Hand count: weekdays from Monday 3 August to Wednesday 18 November 2026 (today, open since 09:30) minus
        // Labor Day (7 September), the only NYSE holiday in between.
        var holidays = new HashSet<DateOnly> { new(2026, 9, 7) };
        var sessions = new List<DateOnly>();
        for (var d = from; d <= new DateOnly(2026, 11, 18); d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(d))
            {
                sessions.Add(d);
            }
        }

        Assert.That(sessions, Has.Count.EqualTo(77));
        Assert.That(snapshot, Has.Count.EqualTo(sessions.Count));
        Assert.That(snapshot[0].EventFlags & DxCandle.SnapshotBegin, Is.Not.Zero, "first event opens the snapshot");
        Assert.That(snapshot.Skip(1).All(c => (c.EventFlags & DxCandle.SnapshotBegin) == 0), Is.True);
        var dates = snapshot.Select(c => DateOnly.FromDateTime(DateTime.UnixEpoch.AddMilliseconds(c.Time))).ToList();
        Assert.That(snapshot.All(c => c.Time % 86_400_000 == 0), Is.True, "daily candle times are 00:00 UTC");
        Assert.That(dates, Is.EqualTo(Enumerable.Reverse(sessions).ToList()), "one bar per session, newest first");
        foreach (var c in snapshot)
        {
            var date = DateOnly.FromDateTime(DateTime.UnixEpoch.AddMilliseconds(c.Time));
            Assert.That(c.Low, Is.GreaterThan(0), $"{date}");
            Assert.That(c.Low, Is.LessThanOrEqualTo(Math.Min(c.Open, c.Close)), $"{date}: low ≤ open, close");
            Assert.That(c.High, Is.GreaterThanOrEqualTo(Math.Max(c.Open, c.Close)), $"{date}: high ≥ open, close");
            Assert.That(c.Open, Is.EqualTo(market.Read(m => m.TryGetSessionOpen("SPY", date, out double o) ? o : double.NaN)), $"{date}: the emulator's 09:30 open");
            double close = date < DateOnly.FromDateTime(Wednesday1100)
                ? market.Read(m => m.TryGetDailyClose("SPY", date, out double c0) ? c0 : double.NaN)
                : market.Read(m => m.Price("SPY", Wednesday1100));
            Assert.That(c.Close, Is.EqualTo(close), $"{date}: the emulator's close (today: its price now)");
            Assert.That(double.IsNaN(c.Volume), Is.True, "no volume in the synthetic market");
        }

        // The market moves to 12:30: today's bar (only) is updated, flags 0, with the new price as its close.
        var todayMs = snapshot[0].Time;
        var first = snapshot[0];
        var later = Wednesday1100.AddMinutes(90);
        s.Host.Clock.Set(later);
        double price = market.Read(m => m.Price("SPY", later));
        int seen = received.Count;
        Assert.That(await Eventually(() => Drain(dx, buffer, received) && received.Skip(seen).Any(c => c.Time == todayMs && c.Close == price), TimeSpan.FromSeconds(10)), Is.True);
        var update = received.Skip(seen).Last(c => c.Time == todayMs);
        Assert.That(update.EventFlags, Is.Zero);
        Assert.That(update.Open, Is.EqualTo(first.Open));
        Assert.That(update.High, Is.GreaterThanOrEqualTo(Math.Max(first.High, price)));
        Assert.That(update.Low, Is.LessThanOrEqualTo(Math.Min(first.Low, price)));
        Assert.That(received.Skip(seen).All(c => c.Time == todayMs), Is.True, "past bars are not re-sent");
    }

    [Test]
    public async Task Candles_UnsupportedPeriodOrSymbol_EmptySnapshot()
    {
        await using var s = await Session.StartAsync(Wednesday1100);
        await using var dx = s.Client();
        int minute = dx.Subscribe(DxEventType.Candle, "SPY{=5m}", 0);
        int unknown = dx.Subscribe(DxEventType.Candle, "NOPE{=d}", 0);
        dx.Start();
        var received = new List<DxCandle>();
        var buffer = new DxCandle[64];
        Assert.That(await Eventually(() => Drain(dx, buffer, received) && received.Count >= 2, TimeSpan.FromSeconds(10)), Is.True);
        foreach (int id in new[] { minute, unknown })
        {
            var c = received.Single(x => x.SymbolId == id);
            Assert.That(c.EventFlags, Is.EqualTo(DxCandle.SnapshotBegin | DxCandle.SnapshotEnd | DxCandle.RemoveEvent), "empty snapshot: BEGIN|END|REMOVE");
            Assert.That(double.IsNaN(c.Close), Is.True);
        }
    }

    [Test]
    public async Task Candles_SameSeed_SameBars()
    {
        var from = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var runs = new List<List<DxCandle>>();
        for (int run = 0; run < 2; run++)
        {
            await using var s = await Session.StartAsync(Wednesday1100);
            await using var dx = s.Client();
            dx.Subscribe(DxEventType.Candle, "QQQ{=d}", from);
            dx.Start();
            var received = new List<DxCandle>();
            var buffer = new DxCandle[256];
            Assert.That(await Eventually(() => Drain(dx, buffer, received) && received.Any(c => (c.EventFlags & DxCandle.SnapshotEnd) != 0), TimeSpan.FromSeconds(15)), Is.True);
            runs.Add([.. received.TakeWhile(c => (c.EventFlags & DxCandle.SnapshotEnd) == 0)]);
        }

        Assert.That(runs[0], Has.Count.GreaterThan(30));
        Assert.That(runs[1].Select(c => (c.Time, c.Open, c.High, c.Low, c.Close)), Is.EqualTo(runs[0].Select(c => (c.Time, c.Open, c.High, c.Low, c.Close))));
    }

    private static bool Drain(DxLinkClient dx, DxCandle[] buffer, List<DxCandle> into)
    {
        int n;
        while ((n = dx.Candles.Drain(buffer)) > 0)
        {
            into.AddRange(buffer.AsSpan(0, n));
        }

        return true;
    }

    private sealed class Session : IAsyncDisposable
    {
        private Session(EmulatorHost host, TastytradeStreamingModule module)
        {
            Host = host;
            Module = module;
        }

        public EmulatorHost Host { get; }

        public TastytradeStreamingModule Module { get; }

        public static async Task<Session> StartAsync(DateTime marketStart)
        {
            var module = new TastytradeStreamingModule(o => o with { QuoteInterval = TimeSpan.FromMilliseconds(20) });
            var host = new EmulatorHost(new EmulatorOptions { MarketStart = marketStart, ClockRuns = false, StepInterval = null, Modules = [module] });
            var url = await host.StartAsync();
            Assert.That(url.Host, Is.EqualTo("127.0.0.1"));
            return new Session(host, module);
        }

        public DxLinkClient Client()
        {
            var token = Host.Context.Tokens.IssueQuoteToken();
            return new DxLinkClient(new DxLinkOptions { ConnectTimeout = TimeSpan.FromSeconds(3) }, _ => ValueTask.FromResult(new DxLinkQuoteToken(token.Token, Host.DxLinkUrl, token.ExpiresAt)));
        }

        public async ValueTask DisposeAsync() => await Host.DisposeAsync();
    }
}

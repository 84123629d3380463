using TomKing.Algorithm.Domain;
using TomKing.Engine.Synthetic;

namespace TomKing.Engine.Tests.Synthetic;

public sealed class SyntheticMarketPathTests
{
    private static readonly DateOnly Jan2 = new(2024, 1, 2);
    private static readonly DateOnly Dec31 = new(2024, 12, 31);

    private static SyntheticMarket Year2024(ulong seed = 42) => new(seed, Jan2, Dec31);

    private static DateTime At(DateOnly d, int hour, int minute) => d.ToDateTime(new TimeOnly(hour, minute));

    [Test]
    public void Price_SameSeed_BitIdentical()
    {
        var a = Year2024();
        var b = Year2024();
        foreach (var t in new[] { At(new DateOnly(2024, 3, 15), 10, 30), At(new DateOnly(2024, 8, 5), 9, 41), At(new DateOnly(2024, 11, 29), 12, 59) })
        {
            foreach (string ticker in new[] { "SPX", "ES", "MES", "SPY", "QQQ", "IWM", "MCL", "MGC", "ZB", "6J", "M6A" })
            {
                Assert.That(BitConverter.DoubleToInt64Bits(a.Price(ticker, t)), Is.EqualTo(BitConverter.DoubleToInt64Bits(b.Price(ticker, t))), $"{ticker} {t}");
            }

            Assert.That(BitConverter.DoubleToInt64Bits(a.Vix(t)), Is.EqualTo(BitConverter.DoubleToInt64Bits(b.Vix(t))));
        }
    }

    [Test]
    public void Price_DifferentSeed_Differs()
    {
        var t = At(new DateOnly(2024, 6, 14), 11, 0);
        Assert.That(Year2024(1).Price("SPX", t), Is.Not.EqualTo(Year2024(2).Price("SPX", t)));
        Assert.That(Year2024(1).Vix(t), Is.Not.EqualTo(Year2024(2).Vix(t)));
    }

    [Test]
    public void Price_MinuteOnDemand_EqualsSameMinuteAfterSequentialWalk()
    {
        var target = At(new DateOnly(2024, 5, 15), 13, 17);
        double direct = Year2024().Price("QQQ", target);
        double directVix = Year2024().Vix(target);

        var walked = Year2024();
        for (var t = At(new DateOnly(2024, 5, 14), 9, 30); t <= At(new DateOnly(2024, 5, 15), 16, 0); t = t.AddMinutes(1))
        {
            _ = walked.Price("QQQ", t);
            _ = walked.Vix(t);
        }

        _ = walked.Price("SPX", At(new DateOnly(2024, 9, 3), 10, 0)); // another day evicts the cache
        Assert.That(walked.Price("QQQ", target), Is.EqualTo(direct));
        Assert.That(walked.Vix(target), Is.EqualTo(directVix));
    }

    [Test]
    public void Price_BeforeOpenAndOnHoliday_IsPreviousClose()
    {
        var m = Year2024();
        Assert.That(m.TryGetDailyClose("SPX", new DateOnly(2024, 7, 3), out double close), Is.True);
        Assert.That(m.Price("SPX", At(new DateOnly(2024, 7, 4), 11, 0)), Is.EqualTo(close));
        Assert.That(m.Price("SPX", At(new DateOnly(2024, 7, 5), 9, 0)), Is.EqualTo(close));
        Assert.That(m.Price("SPX", At(new DateOnly(2024, 11, 29), 15, 0)), Is.EqualTo(m.Price("SPX", At(new DateOnly(2024, 11, 29), 13, 0))), "early close");
    }

    [Test]
    public void TradingDays_Year2024_ExcludeHolidays()
    {
        var m = Year2024();
        Assert.That(m.TradingDays.Length, Is.EqualTo(252));
        Assert.That(m.TradingDays.ToArray(), Does.Not.Contain(new DateOnly(2024, 7, 4)));
    }

    [Test]
    public void DailyReturns_OneYear_SpxVolatilityTracksVix()
    {
        var m = Year2024(7);
        var spx = Closes(m, "SPX");
        var returns = LogReturns(spx);
        double sd = StdDev(returns);
        double meanVix = m.TradingDays.ToArray().Average(d => m.VixClose(d));
        double implied = meanVix / 100.0 / Math.Sqrt(252.0);
        Assert.That(sd / implied, Is.InRange(0.55, 1.35), $"daily sd {sd:F5} vs VIX-implied {implied:F5}");
    }

    [Test]
    public void DailyReturns_OneYear_SpxAndQqqCorrelatedAbove07()
    {
        var m = Year2024(11);
        double rho = Correlation(LogReturns(Closes(m, "SPX")), LogReturns(Closes(m, "QQQ")));
        Assert.That(rho, Is.GreaterThan(0.7));
        double rhoEs = Correlation(LogReturns(Closes(m, "SPX")), LogReturns(Closes(m, "ES")));
        Assert.That(rhoEs, Is.GreaterThan(0.99));
        double rhoGold = Correlation(LogReturns(Closes(m, "SPX")), LogReturns(Closes(m, "MGC")));
        Assert.That(Math.Abs(rhoGold), Is.LessThan(0.35));
    }

    [Test]
    public void DailyReturns_OneYear_VixPositiveAndNegativelyCorrelatedWithSpx()
    {
        var m = Year2024(3);
        var vix = m.TradingDays.ToArray().Select(d => m.VixClose(d)).ToArray();
        double rho = Correlation(LogReturns(Closes(m, "SPX")), LogReturns(vix));
        Assert.Multiple(() =>
        {
            Assert.That(vix.Min(), Is.GreaterThan(0.0));
            Assert.That(rho, Is.LessThan(-0.4));
        });
    }

    [Test]
    public void Vix_FiveYears_MeanRevertsToLongRunLevel()
    {
        var m = new SyntheticMarket(5, new DateOnly(2019, 1, 2), new DateOnly(2023, 12, 29), SyntheticMarketSettings.Default with { Shocks = [] });
        var lnVix = m.TradingDays.ToArray().Select(d => Math.Log(m.VixClose(d))).ToArray();
        // Regress the daily change on the level: a negative slope is mean reversion.
        var x = lnVix[..^1];
        var dy = lnVix.Skip(1).Zip(x, (b, a) => b - a).ToArray();
        double mx = x.Average();
        double my = dy.Average();
        double slope = x.Zip(dy, (a, b) => (a - mx) * (b - my)).Sum() / x.Sum(a => (a - mx) * (a - mx));
        double mean = lnVix.Select(Math.Exp).Average();
        Assert.Multiple(() =>
        {
            Assert.That(slope, Is.LessThan(-0.005));
            Assert.That(mean, Is.InRange(12.0, 28.0));
            Assert.That(lnVix.Select(Math.Exp).Count(v => v is >= 11.0 and <= 40.0) / (double)lnVix.Length, Is.GreaterThan(0.85));
        });
    }

    [Test]
    public void Vix_August2024Shock_SpikesAbove40IntradayAndDecays()
    {
        var m = Year2024(42);
        var shock = new DateOnly(2024, 8, 5);
        double peak = Enumerable.Range(0, 391).Max(i => m.Vix(shock.ToDateTime(new TimeOnly(9, 30)).AddMinutes(i)));
        double before = m.VixClose(new DateOnly(2024, 7, 24));
        double prevClose = m.VixClose(new DateOnly(2024, 8, 2));
        m.TryGetDailyClose("SPX", new DateOnly(2024, 8, 2), out double spxPrev);
        m.TryGetDailyClose("SPX", shock, out double spxShock);
        double week = m.VixClose(new DateOnly(2024, 8, 12));
        double later = m.VixClose(new DateOnly(2024, 8, 26));
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.InRange(13.0, 20.0), "calm before");
            Assert.That(prevClose, Is.InRange(20.0, 27.0), "ramp");
            Assert.That(peak, Is.GreaterThan(40.0), "intraday spike");
            Assert.That(m.VixClose(shock), Is.InRange(30.0, 45.0));
            Assert.That((spxShock / spxPrev) - 1.0, Is.InRange(-0.06, -0.025));
            Assert.That(week, Is.LessThan(m.VixClose(shock)), "decays");
            Assert.That(later, Is.LessThan(24.0), "back toward calm");
        });
    }

    [Test]
    public void Vix_RangeWithoutShockDate_HasNoForcedSpike()
    {
        var a = new SyntheticMarket(42, new DateOnly(2023, 1, 3), new DateOnly(2023, 12, 29));
        var b = new SyntheticMarket(42, new DateOnly(2023, 1, 3), new DateOnly(2023, 12, 29), SyntheticMarketSettings.Default with { Shocks = [] });
        var t = new DateTime(2023, 8, 7, 10, 0, 0);
        Assert.That(a.Vix(t), Is.EqualTo(b.Vix(t)));
    }

    [Test]
    public void Products_Derived_KeepTheirRelations()
    {
        var m = Year2024();
        var t = At(new DateOnly(2024, 4, 10), 11, 0);
        double spx = m.Price("SPX", t);
        Assert.Multiple(() =>
        {
            Assert.That(m.Price("SPY", t) / spx, Is.InRange(0.0995, 0.1005));
            Assert.That(m.Price("XSP", t), Is.EqualTo(spx * 0.1).Within(1e-9));
            Assert.That(m.Price("ES", t) / spx, Is.InRange(1.0, 1.02), "ES carries at r − q");
            Assert.That(m.Price("MES", t), Is.EqualTo(m.Price("ES", t)));
            Assert.That(m.Price("MCL", t), Is.EqualTo(m.Price("CL", t)));
            Assert.That(m.Price("MGC", t), Is.EqualTo(m.Price("GC", t)));
        });
    }

    [Test]
    public void DailyEmaAndIvRank_FirstDay_AvailableFromWarmup()
    {
        var m = Year2024();
        var first = m.TradingDays[0];
        Assert.Multiple(() =>
        {
            Assert.That(m.TryGetDailyEma("QQQ", 21, first, out double ema21), Is.True);
            Assert.That(ema21, Is.GreaterThan(0.0));
            Assert.That(m.TryGetIvRank("MCL", first.ToDateTime(new TimeOnly(10, 15)), out double rank), Is.True);
            Assert.That(rank, Is.InRange(0.0, 100.0));
        });
    }

    internal static double[] Closes(SyntheticMarket m, string ticker) =>
        m.TradingDays.ToArray().Select(d => m.TryGetDailyClose(ticker, d, out double c) ? c : double.NaN).ToArray();

    private static double[] LogReturns(double[] x) => x.Skip(1).Zip(x, (b, a) => Math.Log(b / a)).ToArray();

    private static double StdDev(double[] x)
    {
        double mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average();
        double mb = b.Average();
        double cov = a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum();
        return cov / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(y => (y - mb) * (y - mb)));
    }
}

using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Engine.Synthetic;
using TomKing.Greeks;

namespace TomKing.Engine.Tests.Synthetic;

public sealed class SyntheticChainTests
{
    private static readonly SyntheticMarket Market = new(42, new DateOnly(2024, 1, 2), new DateOnly(2024, 12, 31));
    private static readonly DateTime Friday1030 = new(2024, 3, 15, 10, 30, 0);

    private static OptionChain Chain(string root, DateTime t, ChainScope? scope = null) => Market.CreateChainFeed(root, scope).Refresh(t);

    private static IEnumerable<(ChainExpiry Expiry, int Index)> Contracts(OptionChain chain)
    {
        for (int e = 0; e < chain.ExpiryCount; e++)
        {
            var expiry = chain.ExpiryAt(e);
            for (int i = 0; i < expiry.Count; i++)
            {
                yield return (expiry, i);
            }
        }
    }

    private static bool OnTick(double price, double tick) => Math.Abs((price / tick) - Math.Round(price / tick)) < 1e-6;

    [TestCase("SPXW")]
    [TestCase("SPX")]
    [TestCase("SPY")]
    [TestCase("QQQ")]
    [TestCase("ES")]
    [TestCase("MES")]
    [TestCase("MCL")]
    [TestCase("MGC")]
    [TestCase("ZB")]
    [TestCase("6J")]
    public void Refresh_AnyRoot_NoCrossedQuotesAndTicksRespected(string root)
    {
        Assert.That(Market.TryGetOptionRoot(root, out var spec), Is.True);
        var chain = Chain(root, Friday1030, ChainScope.UpTo(130));
        Assert.That(chain.ExpiryCount, Is.GreaterThan(0));
        foreach (var (expiry, i) in Contracts(chain))
        {
            foreach (var right in new[] { OptionRight.Call, OptionRight.Put })
            {
                var q = expiry.QuoteAt(i, right);
                Assert.That(q.Ask, Is.GreaterThan(q.Bid), $"{expiry.Expiry} {expiry.Strikes[i]} {right}");
                Assert.That(q.Bid, Is.GreaterThanOrEqualTo(0.0));
                Assert.That(OnTick(q.Bid, SyntheticMarket.TickFor(spec, q.Bid)), Is.True, $"bid {q.Bid}");
                Assert.That(OnTick(q.Ask, SyntheticMarket.TickFor(spec, q.Ask)), Is.True, $"ask {q.Ask}");
            }
        }
    }

    [Test]
    public void Refresh_Spxw_ListsDailiesAndTheL112Window()
    {
        var chain = Chain("SPXW", Friday1030);
        var today = DateOnly.FromDateTime(Friday1030);
        var expiries = chain.Expiries.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(expiries[0], Is.EqualTo(today), "0DTE");
            Assert.That(expiries[1..5], Is.EqualTo(new[] { new DateOnly(2024, 3, 18), new DateOnly(2024, 3, 19), new DateOnly(2024, 3, 20), new DateOnly(2024, 3, 21) }));
            Assert.That(expiries.Any(e => e.DayNumber - today.DayNumber is >= 112 and <= 130), Is.True, "L112-2");
            Assert.That(expiries, Does.Not.Contain(new DateOnly(2024, 3, 29)), "Good Friday is a holiday");
            Assert.That(expiries, Does.Contain(new DateOnly(2024, 3, 28)), "weekly moved to Thursday");
        });
    }

    [Test]
    public void ListExpiries_SpxAm_ThirdFridaysAndDecemberLeaps()
    {
        var list = new List<DateOnly>();
        Market.ListExpiries("SPX", new DateOnly(2024, 3, 15), list);
        Assert.Multiple(() =>
        {
            Assert.That(list, Does.Not.Contain(new DateOnly(2024, 3, 15)), "AM expiry day settles at the open");
            Assert.That(list[0], Is.EqualTo(new DateOnly(2024, 4, 19)));
            Assert.That(list, Does.Contain(new DateOnly(2026, 12, 18)));
            Assert.That(list.All(d => d.DayOfWeek == DayOfWeek.Friday || !NyseCalendar.IsTradingDay(d.AddDays(1))), Is.True);
            Assert.That(list, Does.Contain(new DateOnly(2025, 4, 17)), "third Friday on Good Friday moves to Thursday");
        });
    }

    [Test]
    public void ListExpiries_EtfAndFutures_CoverStrategyWindows()
    {
        var today = new DateOnly(2024, 3, 12);
        var qqq = new List<DateOnly>();
        var mcl = new List<DateOnly>();
        var es = new List<DateOnly>();
        Market.ListExpiries("QQQ", today, qqq);
        Market.ListExpiries("MCL", today, mcl);
        Market.ListExpiries("ES", today, es);
        Assert.Multiple(() =>
        {
            Assert.That(qqq.Any(e => e.DayNumber - today.DayNumber is >= 300 and <= 400), Is.True, "LEAP ~365 DTE");
            Assert.That(qqq, Does.Contain(new DateOnly(2026, 1, 16)), "January LEAP");
            Assert.That(qqq, Does.Contain(new DateOnly(2024, 3, 22)), "next Friday weekly");
            Assert.That(mcl.Any(e => e.DayNumber - today.DayNumber is >= 75 and <= 105), Is.True, "FS-2 window");
            Assert.That(es.Any(e => e.DayNumber - today.DayNumber is >= 112 and <= 130), Is.True, "L112 on ES");
        });
    }

    [Test]
    public void ListStrikes_Spxw_FivePointsNearTheMoneyTwentyFiveFarOut()
    {
        var strikes = new List<double>();
        var today = DateOnly.FromDateTime(Friday1030);
        Market.ListStrikes("SPXW", today, new DateOnly(2024, 7, 19), strikes);
        Market.TryGetDailyClose("SPX", new DateOnly(2024, 3, 14), out double spot);
        var near = strikes.Where(k => Math.Abs(k - spot) < 0.03 * spot).ToArray();
        var far = strikes.Where(k => k < 0.8 * spot).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(near.Zip(near.Skip(1), (a, b) => b - a).All(d => Math.Abs(d - 5.0) < 1e-9), Is.True);
            Assert.That(far.Zip(far.Skip(1), (a, b) => b - a).All(d => Math.Abs(d - 25.0) < 1e-9), Is.True);
            Assert.That(strikes.Min(), Is.LessThan(0.88 * spot), "L112 naked puts at 0.88 × spot are listed");
        });
    }

    [Test]
    public void Refresh_Spxw_PutCallParityHoldsOnMids()
    {
        var chain = Chain("SPXW", Friday1030, ChainScope.UpTo(60));
        double spot = Market.Price("SPX", Friday1030);
        for (int e = 0; e < chain.ExpiryCount; e++)
        {
            var expiry = chain.ExpiryAt(e);
            double years = ExpiryTime.YearsToExpiry(Friday1030, expiry.Expiry, SettlementStyle.PmClose);
            double forward = spot * Math.Exp((0.045 - 0.014) * years);
            double df = Math.Exp(-0.045 * years);
            for (int i = 0; i < expiry.Count; i++)
            {
                var c = expiry.QuoteAt(i, OptionRight.Call);
                var p = expiry.QuoteAt(i, OptionRight.Put);
                if (!c.IsUsable || !p.IsUsable)
                {
                    continue;
                }

                double gap = Math.Abs((c.Mid - p.Mid) - (df * (forward - expiry.Strikes[i])));
                Assert.That(gap, Is.LessThanOrEqualTo((0.5 * (c.Spread + p.Spread)) + 0.1), $"{expiry.Expiry} {expiry.Strikes[i]}");
            }
        }
    }

    [Test]
    public void Refresh_Spxw_OtmPutIvAboveOtmCallIv()
    {
        var chain = Chain("SPXW", Friday1030, ChainScope.Within(new DteWindow(25, 35)));
        var expiry = chain.ExpiryAt(0);
        double f = expiry.Forward;
        var put = expiry.GreeksAt(expiry.NearestStrikeIndex(0.95 * f), OptionRight.Put);
        var call = expiry.GreeksAt(expiry.NearestStrikeIndex(1.05 * f), OptionRight.Call);
        Assert.That(put.IsAvailable && call.IsAvailable, Is.True);
        Assert.That(put.ImpliedVolatility, Is.GreaterThan(call.ImpliedVolatility + 0.02));
    }

    [Test]
    public void Refresh_ShortVersusLongExpiry_SkewSteeperShortDated()
    {
        double Slope(int minDays, int maxDays)
        {
            var e = Chain("SPXW", Friday1030, ChainScope.Within(new DteWindow(minDays, maxDays))).ExpiryAt(0);
            double f = e.Forward;
            double lo = e.GreeksAt(e.NearestStrikeIndex(0.97 * f), OptionRight.Put).ImpliedVolatility;
            double hi = e.GreeksAt(e.NearestStrikeIndex(1.0 * f), OptionRight.Put).ImpliedVolatility;
            return (lo - hi) / 0.03;
        }

        Assert.That(Slope(5, 9), Is.GreaterThan(Slope(110, 130)));
    }

    [Test]
    public void Refresh_ChainImpliedVolatility_MatchesModelSurface()
    {
        var chain = Chain("SPXW", Friday1030, ChainScope.Within(new DteWindow(40, 50)));
        var expiry = chain.ExpiryAt(0);
        int atm = expiry.NearestStrikeIndex(expiry.Forward);
        double iv = expiry.GreeksAt(atm, OptionRight.Call).ImpliedVolatility;
        Assert.That(Market.TryGetModelVolatility("SPXW", expiry.Expiry, expiry.Strikes[atm], Friday1030, out double model), Is.True);
        Assert.That(iv, Is.EqualTo(model).Within(0.005));
    }

    [Test]
    public void Refresh_HigherVix_WiderRelativeSpreads()
    {
        var calm = new DateTime(2024, 7, 22, 10, 0, 0);
        var shock = new DateTime(2024, 8, 5, 10, 0, 0);
        Assert.That(Market.Vix(shock), Is.GreaterThan(Market.Vix(calm) + 10.0));
        Assert.That(AtmRelativeSpread(shock), Is.GreaterThan(AtmRelativeSpread(calm)));

        static double AtmRelativeSpread(DateTime t)
        {
            var e = Chain("SPXW", t, ChainScope.Within(new DteWindow(25, 35))).ExpiryAt(0);
            var q = e.QuoteAt(e.NearestStrikeIndex(e.Forward), OptionRight.Put);
            return q.Spread / q.Mid;
        }
    }

    [Test]
    public void Refresh_FarOutOfTheMoney_ZeroBid()
    {
        var e = Chain("SPXW", Friday1030, ChainScope.UpTo(0)).ExpiryAt(0);
        Assert.That(e.QuoteAt(0, OptionRight.Put).Bid, Is.Zero);
        Assert.That(e.QuoteAt(e.Count - 1, OptionRight.Call).Bid, Is.Zero);
        Assert.That(e.QuoteAt(0, OptionRight.Put).Ask, Is.GreaterThan(0.0));
    }

    [TestCase("SPXW")]
    [TestCase("QQQ")]
    [TestCase("MCL")]
    [TestCase("GC")]
    [TestCase("ES")]
    [TestCase("ZC")]
    [TestCase("6J")]
    public void Refresh_Mids_NoVerticalArbitrage(string root)
    {
        var chain = Chain(root, Friday1030, ChainScope.UpTo(130));
        for (int e = 0; e < chain.ExpiryCount; e++)
        {
            var x = chain.ExpiryAt(e);
            for (int i = 1; i < x.Count; i++)
            {
                Assert.That(x.QuoteAt(i, OptionRight.Call).Ask, Is.LessThanOrEqualTo(x.QuoteAt(i - 1, OptionRight.Call).Ask));
                Assert.That(x.QuoteAt(i, OptionRight.Put).Ask, Is.GreaterThanOrEqualTo(x.QuoteAt(i - 1, OptionRight.Put).Ask));
            }
        }
    }

    [Test]
    public void Refresh_EsOptions_EachExpiryOnItsQuarterlyFuture()
    {
        var chain = Chain("ES", Friday1030, ChainScope.UpTo(200));
        var first = chain.ExpiryAt(0);
        var last = chain.ExpiryAt(chain.ExpiryCount - 1);
        Assert.That(first.UnderlyingPrice, Is.Not.EqualTo(last.UnderlyingPrice));
        Assert.That(last.UnderlyingPrice, Is.GreaterThan(first.UnderlyingPrice), "contango at r > q");
    }

    [Test]
    public void Refresh_SameSeed_BitIdenticalQuotes()
    {
        var other = new SyntheticMarket(42, new DateOnly(2024, 1, 2), new DateOnly(2024, 12, 31));
        var a = Chain("SPXW", Friday1030, ChainScope.UpTo(10));
        var b = other.CreateChainFeed("SPXW", ChainScope.UpTo(10)).Refresh(Friday1030);
        Assert.That(b.ExpiryCount, Is.EqualTo(a.ExpiryCount));
        for (int e = 0; e < a.ExpiryCount; e++)
        {
            Assert.That(b.ExpiryAt(e).Strikes.ToArray(), Is.EqualTo(a.ExpiryAt(e).Strikes.ToArray()));
            Assert.That(b.ExpiryAt(e).CallBids.ToArray(), Is.EqualTo(a.ExpiryAt(e).CallBids.ToArray()));
            Assert.That(b.ExpiryAt(e).PutAsks.ToArray(), Is.EqualTo(a.ExpiryAt(e).PutAsks.ToArray()));
        }

        var c = new SyntheticMarket(43, new DateOnly(2024, 1, 2), new DateOnly(2024, 12, 31)).CreateChainFeed("SPXW", ChainScope.UpTo(10)).Refresh(Friday1030);
        Assert.That(c.ExpiryAt(0).CallBids.ToArray(), Is.Not.EqualTo(a.ExpiryAt(0).CallBids.ToArray()));
    }

    [Test]
    public void TryQuoteOption_ListedStrike_EqualsChainQuote()
    {
        var e = Chain("SPXW", Friday1030, ChainScope.UpTo(0)).ExpiryAt(0);
        int i = e.NearestStrikeIndex(e.Forward * 0.99);
        Assert.That(Market.TryQuoteOption("SPXW", e.Expiry, e.Strikes[i], OptionRight.Put, Friday1030, out var q), Is.True);
        Assert.That(q, Is.EqualTo(e.QuoteAt(i, OptionRight.Put)));
        var contract = e.ContractAt(i, OptionRight.Put);
        Assert.That(Market.TryQuoteOption(contract, Friday1030.AddMinutes(5), out var later), Is.True);
        Assert.That(later.Time, Is.EqualTo(Friday1030.AddMinutes(5)));
    }

    [Test]
    public void Refresh_NextMinuteSameDay_AllocatesNothing()
    {
        var feed = Market.CreateChainFeed("SPXW", ChainScope.UpTo(7));
        feed.Refresh(Friday1030);
        feed.Refresh(Friday1030.AddMinutes(1));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 2; i < 30; i++)
        {
            feed.Refresh(Friday1030.AddMinutes(i));
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void MarketView_AtFridayDecision_AnswersEveryMember()
    {
        var view = new SyntheticMarketView(Market, _ => ChainScope.UpTo(7));
        view.SetTime(Friday1030);
        Assert.Multiple(() =>
        {
            Assert.That(view.TryGetPrice("SPX", out double spx) && spx > 0, Is.True);
            Assert.That(view.TryGetChain("SPXW", out var chain) && chain.ExpiryCount > 0, Is.True);
            Assert.That(view.TryGetVix(out var vix) && vix.Value > 5, Is.True);
            Assert.That(view.TryGetIvRank("MCL", out double rank) && rank is >= 0 and <= 100, Is.True);
            Assert.That(view.TryGetDailyEma("QQQ", 8, out double ema) && ema > 0, Is.True);
            Assert.That(view.TryGetSessionOpen("SPX", out double open) && open > 0, Is.True);
            Assert.That(view.TryGetChain("NOPE", out _), Is.False);
        });
    }
}

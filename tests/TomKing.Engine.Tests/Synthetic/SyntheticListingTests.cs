using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Rulebook;
using TomKing.Engine.Replay;
using TomKing.Engine.Synthetic;
using TomKing.Greeks;

namespace TomKing.Engine.Tests.Synthetic;

/// <summary>Expiry listings of equity-index futures options and strikes kept listed while held.</summary>
public sealed class SyntheticListingTests
{
    private static readonly SyntheticMarket Market = new(42, new DateOnly(2024, 1, 2), new DateOnly(2024, 12, 31));

    private static IEnumerable<DateOnly> FirstWednesdays(int fromYear, int toYear)
    {
        for (int y = fromYear; y <= toYear; y++)
        {
            for (int m = 1; m <= 12; m++)
            {
                var d = new DateOnly(y, m, 1);
                while (d.DayOfWeek != DayOfWeek.Wednesday)
                {
                    d = d.AddDays(1);
                }

                yield return d;
            }
        }
    }

    [TestCase("MES")]
    [TestCase("ES")]
    public void ListExpiries_EquityIndexFutureOptions_L112WindowListedEveryFirstWednesday(string root)
    {
        var list = new List<DateOnly>();
        var missing = new List<DateOnly>();
        foreach (var wednesday in FirstWednesdays(2023, 2027))
        {
            Market.ListExpiries(root, wednesday, list);
            if (!list.Any(e => e.DayNumber - wednesday.DayNumber is >= 112 and <= 130))
            {
                missing.Add(wednesday);
            }
        }

        Assert.That(missing, Is.Empty, "L112-2: an expiry within 112-130 DTE");
    }

    [Test]
    public void ListExpiries_Mes_SerialMonthliesAndMonthEndsToNineMonthsQuarterliesBeyond()
    {
        var today = new DateOnly(2024, 3, 6);
        var list = new List<DateOnly>();
        Market.ListExpiries("MES", today, list);
        Assert.Multiple(() =>
        {
            Assert.That(list, Does.Contain(new DateOnly(2024, 8, 16)), "serial third Friday (August)");
            Assert.That(list, Does.Contain(new DateOnly(2024, 11, 15)), "serial third Friday (November, ~8 months)");
            Assert.That(list, Does.Contain(new DateOnly(2024, 7, 31)), "end of month (July)");
            Assert.That(list, Does.Contain(new DateOnly(2024, 11, 29)), "end of month (November)");
            Assert.That(list, Does.Contain(new DateOnly(2025, 3, 21)), "quarterly beyond nine months");
            Assert.That(list, Does.Contain(new DateOnly(2025, 12, 19)), "quarterly out to two years");
            Assert.That(list, Does.Not.Contain(new DateOnly(2025, 2, 21)), "no serial monthly beyond nine months");
            Assert.That(list, Is.Ordered.And.Unique);
        });
    }

    [Test]
    public void KeepListed_FarHeldStrike_StaysInTheChainAcrossDaysUntilReleased()
    {
        var feed = Market.CreateChainFeed("MGC", ChainScope.UpTo(130));
        var day1 = new DateTime(2024, 5, 7, 10, 0, 0);
        var chain = feed.Refresh(day1);
        var expiry = chain.ExpiryAt(chain.ExpiryCount - 1);
        double far = Math.Round(expiry.Strikes[^1] * 1.5 / 5.0) * 5.0;
        Assert.That(expiry.IndexOfStrike(far), Is.EqualTo(-1), "precondition: outside the day's listing");

        feed.KeepListed([(expiry.Expiry, far)]);
        chain = feed.Refresh(day1.AddMinutes(1));
        Assert.That(chain.TryGetExpiry(expiry.Expiry, out var kept), Is.True);
        int i = kept.IndexOfStrike(far);
        Assert.That(i, Is.GreaterThanOrEqualTo(0), "kept the same day (relisted)");
        var q = kept.QuoteAt(i, OptionRight.Call);
        Assert.Multiple(() =>
        {
            Assert.That(q.Ask, Is.GreaterThan(0.0), "quoted");
            Assert.That(kept.Strikes.ToArray(), Is.Ordered.And.Unique);
            Assert.That(feed.IsListed(expiry.Expiry, far), Is.True);
        });

        chain = feed.Refresh(new DateTime(2024, 5, 8, 10, 0, 0));
        Assert.That(chain.TryGetExpiry(expiry.Expiry, out kept) && kept.IndexOfStrike(far) >= 0, Is.True, "kept on the next day");

        feed.KeepListed([]);
        chain = feed.Refresh(new DateTime(2024, 5, 9, 10, 0, 0));
        Assert.That(chain.TryGetExpiry(expiry.Expiry, out kept) && kept.IndexOfStrike(far) >= 0, Is.False, "released once no longer held");
    }

    [Test]
    public void SetHoldings_HeldFarStrike_IsInTheReplayChain()
    {
        var rules = RulebookSettings.Default;
        var market = new SyntheticReplayMarket(new SyntheticMarket(42, new DateOnly(2024, 1, 2), new DateOnly(2024, 12, 31)),
            new ChainScopePlan([StrategyId.FS], rules));
        var t = new DateTime(2024, 5, 7, 10, 0, 0);
        market.AdvanceTo(t);
        Assert.That(market.TryGetChain("MGC", out var chain), Is.True);
        var expiry = chain.ExpiryAt(chain.ExpiryCount - 1);
        double far = Math.Round(expiry.Strikes[^1] * 1.5 / 5.0) * 5.0;
        var held = OptionContract.FromCatalogue(InstrumentCatalogue.Get("MGC"), expiry.Expiry, (decimal)far, OptionRight.Call);

        market.SetHoldings([held]);
        market.AdvanceTo(t.AddMinutes(1));
        Assert.That(market.TryGetChain("MGC", out chain), Is.True);
        Assert.That(chain.TryGetExpiry(expiry.Expiry, out var e) && e.IndexOfStrike(far) >= 0, Is.True);
    }
}

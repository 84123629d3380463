using TomKing.Engine.Synthetic;

namespace TomKing.Engine.Tests.Synthetic;

public sealed class SyntheticMarketMemoryTests
{
    [Test]
    public void TradingDays_FiveYearsOfMinutesAndChains_ManagedMemoryFlat()
    {
        var market = new SyntheticMarket(9, new DateOnly(2020, 1, 2), new DateOnly(2024, 12, 31));
        var feed = market.CreateChainFeed("SPXW", ChainScope.UpTo(3));
        var days = market.TradingDays.ToArray();

        void Touch(DateOnly day)
        {
            var open = day.ToDateTime(NyseCalendar.Open);
            for (int m = 0; m < 390; m += 30)
            {
                _ = market.Price("SPX", open.AddMinutes(m));
                _ = market.Vix(open.AddMinutes(m));
            }

            feed.Refresh(open.AddMinutes(60));
        }

        for (int i = 0; i < 20; i++)
        {
            Touch(days[i]);
        }

        long before = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var day in days)
        {
            Touch(day);
        }

        long after = GC.GetTotalMemory(forceFullCollection: true);
        TestContext.Out.WriteLine($"days {days.Length}, before {before / 1024} KiB, after {after / 1024} KiB, growth {(after - before) / 1024} KiB");
        Assert.That(after - before, Is.LessThan(1L << 20));
    }
}

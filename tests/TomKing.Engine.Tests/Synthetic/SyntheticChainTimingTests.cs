using System.Diagnostics;
using TomKing.Engine.Synthetic;

namespace TomKing.Engine.Tests.Synthetic;

/// <summary>Measurements printed for the record (run explicitly; timings are machine-dependent).</summary>
[Explicit("Timing measurement; run on demand")]
public sealed class SyntheticChainTimingTests
{
    [TestCase("SPXW", 0, 0)]
    [TestCase("SPXW", 0, 7)]
    [TestCase("SPXW", 112, 130)]
    [TestCase("MCL", 75, 105)]
    [TestCase("QQQ", 300, 400)]
    public void Refresh_OneMinute_Timing(string root, int minDays, int maxDays)
    {
        var market = new SyntheticMarket(1, new DateOnly(2024, 1, 2), new DateOnly(2024, 12, 31));
        var feed = market.CreateChainFeed(root, ChainScope.Within(new DteWindow(minDays, maxDays)));
        var t0 = new DateTime(2024, 3, 15, 10, 0, 0);
        feed.Refresh(t0);
        const int n = 300;
        for (int i = 1; i <= 50; i++)
        {
            feed.Refresh(t0.AddMinutes(i));
        }

        var sw = Stopwatch.StartNew();
        for (int i = 0; i < n; i++)
        {
            feed.Refresh(t0.AddMinutes(51 + (i % 300)).AddSeconds(i / 300));
        }

        sw.Stop();
        var relist = Stopwatch.StartNew();
        feed.Refresh(new DateTime(2024, 3, 18, 10, 0, 0));
        relist.Stop();
        var day = Stopwatch.StartNew();
        var fresh = new SyntheticMarket(1, new DateOnly(2024, 1, 2), new DateOnly(2024, 12, 31));
        long ctorTicks = day.ElapsedTicks;
        _ = fresh.Price("SPX", new DateTime(2024, 6, 3, 11, 0, 0));
        double dayPathUs = (day.ElapsedTicks - ctorTicks) * 1e6 / Stopwatch.Frequency;
        TestContext.Out.WriteLine(
            $"{root} DTE {minDays}-{maxDays}: {feed.Chain!.ExpiryCount} expiries, {feed.ContractCount} contracts, " +
            $"requote {sw.Elapsed.TotalMicroseconds / n:F1} µs, relist {relist.Elapsed.TotalMicroseconds:F0} µs, " +
            $"market ctor (1 y + warm-up) {ctorTicks * 1e3 / Stopwatch.Frequency:F1} ms, one day's minute paths {dayPathUs:F0} µs");
    }
}

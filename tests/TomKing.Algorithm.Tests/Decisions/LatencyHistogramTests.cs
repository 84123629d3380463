using System.Diagnostics;
using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Algorithm.Tests.Decisions;

public sealed class LatencyHistogramTests
{
    [Test]
    public void Percentiles_OneToHundred_AreTheHandComputedRanks()
    {
        var h = new LatencyHistogram();
        for (int v = 1; v <= 100; v++)
        {
            h.Record(v);
        }

        // rank = ceil(q × 100): p50 → 50th value, p99 → 99th, p99.9 → ceil(99.9) = 100th; all exact below 256.
        Assert.Multiple(() =>
        {
            Assert.That(h.Count, Is.EqualTo(100));
            Assert.That(h.P50, Is.EqualTo(50));
            Assert.That(h.P99, Is.EqualTo(99));
            Assert.That(h.P999, Is.EqualTo(100));
            Assert.That(h.Max, Is.EqualTo(100));
            Assert.That(h.Min, Is.EqualTo(1));
            Assert.That(h.Mean, Is.EqualTo(50.5));
            Assert.That(h.ValueAtQuantile(0), Is.EqualTo(1));
        });
    }

    [Test]
    public void Percentiles_LargeValues_ReportTheBucketTopWithinOnePart128()
    {
        // 1000 = 0b1111101000: exponent 9, bucket width 2^(9−7) = 4, bucket [1000, 1003].
        // 5000: exponent 12, width 32, bucket [4992, 5023]. 900 samples of 1000, 100 of 5000, 1 of 80000.
        var h = new LatencyHistogram();
        h.Record(1000, 900);
        h.Record(5000, 100);
        h.Record(80_000);
        Assert.Multiple(() =>
        {
            Assert.That(h.Count, Is.EqualTo(1001));
            Assert.That(h.P50, Is.EqualTo(1003));
            Assert.That(h.ValueAtQuantile(0.90), Is.EqualTo(5023), "rank ceil(900.9) = 901 is the first 5000");
            Assert.That(h.P99, Is.EqualTo(5023));
            Assert.That(h.P999, Is.EqualTo(5023), "rank ceil(999.999) = 1000 is still a 5000");
            Assert.That(h.ValueAtQuantile(1.0), Is.EqualTo(80_000), "capped at the exact max");
            Assert.That(h.Max, Is.EqualTo(80_000));
        });
    }

    [TestCase(0L, 0L)]
    [TestCase(255L, 255L)]
    [TestCase(256L, 257L)]
    [TestCase(1000L, 1003L)]
    [TestCase(1_000_000L, 1_003_519L)]
    public void BucketUpperBound_KnownValues_MatchesHandComputedBucket(long value, long top)
    {
        Assert.That(LatencyHistogram.UpperBound(LatencyHistogram.BucketOf(value)), Is.EqualTo(top));
        Assert.That(top - value, Is.LessThanOrEqualTo(value / 128));
    }

    [Test]
    public void Record_HugeAndNegativeValues_ClampIntoRangeAndKeepExactMax()
    {
        var h = new LatencyHistogram();
        h.Record(-5);
        h.Record(long.MaxValue / 2);
        Assert.Multiple(() =>
        {
            Assert.That(h.Min, Is.Zero);
            Assert.That(h.Max, Is.EqualTo(long.MaxValue / 2));
            Assert.That(h.P50, Is.Zero);
            Assert.That(h.ValueAtQuantile(1.0), Is.LessThanOrEqualTo(h.Max));
        });
    }

    [Test]
    public void Merge_TwoHalves_EqualsOneHistogramOfAll()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        var all = new LatencyHistogram();
        var rng = new Random(7);
        for (int i = 0; i < 5000; i++)
        {
            long v = rng.Next(1, 2_000_000);
            (i % 2 == 0 ? a : b).Record(v);
            all.Record(v);
        }

        a.Merge(b);
        Assert.Multiple(() =>
        {
            Assert.That(a.Count, Is.EqualTo(all.Count));
            Assert.That(a.P50, Is.EqualTo(all.P50));
            Assert.That(a.P99, Is.EqualTo(all.P99));
            Assert.That(a.P999, Is.EqualTo(all.P999));
            Assert.That(a.Max, Is.EqualTo(all.Max));
            Assert.That(a.Min, Is.EqualTo(all.Min));
            Assert.That(a.Sum, Is.EqualTo(all.Sum));
        });
    }

    [Test]
    public void Merge_IntoEmpty_TakesTheOthersMin()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        b.Record(40);
        b.Record(70);
        a.Merge(b);
        Assert.That((a.Min, a.Max, a.Count), Is.EqualTo((40L, 70L, 2L)));
    }

    [Test]
    public void Reset_AfterSamples_IsEmpty()
    {
        var h = new LatencyHistogram();
        h.Record(12345);
        h.Reset();
        Assert.Multiple(() =>
        {
            Assert.That(h.Count, Is.Zero);
            Assert.That(h.P99, Is.Zero);
            Assert.That(h.Max, Is.Zero);
            Assert.That(h.Mean, Is.NaN);
        });
    }

    [Test]
    public void Record_SteadyState_AllocatesNothing()
    {
        var h = new LatencyHistogram();
        var registry = new DecisionLatencies();
        var record = Record(StrategyId.L112, new StageCost(10, 20, 30, 40));
        h.Record(1);
        registry.Record(record);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            h.Record(i * 37L);
            registry.Record(record);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void DecisionLatencies_Record_SplitsStagesAndTotalPerStrategyInNanoseconds()
    {
        var registry = new DecisionLatencies();
        long tick = Stopwatch.Frequency; // one second of ticks per unit below
        registry.Record(Record(StrategyId.FS, new StageCost(tick / 1000, tick / 500, tick / 250, tick / 125)));
        Assert.Multiple(() =>
        {
            Assert.That(registry.Get(StrategyId.FS, DecisionStage.MarketView).Max, Is.EqualTo(1_000_000).Within(1));
            Assert.That(registry.Get(StrategyId.FS, DecisionStage.Strategy).Max, Is.EqualTo(2_000_000).Within(1));
            Assert.That(registry.Get(StrategyId.FS, DecisionStage.Risk).Max, Is.EqualTo(4_000_000).Within(1));
            Assert.That(registry.Get(StrategyId.FS, DecisionStage.OrderConstruction).Max, Is.EqualTo(8_000_000).Within(1));
            Assert.That(registry.Total(StrategyId.FS).Max, Is.EqualTo(15_000_000).Within(2));
            Assert.That(registry.Total(StrategyId.F0).Count, Is.Zero);
        });

        var merged = new LatencyHistogram();
        registry.MergeInto(merged, DecisionStage.Risk);
        Assert.That(merged.Count, Is.EqualTo(1));
        registry.Reset();
        Assert.That(registry.Total(StrategyId.FS).Count, Is.Zero);
    }

    private static DecisionRecord Record(StrategyId strategy, StageCost cost) =>
        new(new DateTime(2021, 1, 6, 10, 0, 0), strategy, DecisionKind.Enter, "L112-1", "", 3800, 22, VixRegime.Normal, AccountPhase.Phase4,
            LegValues.None, LegValues.None, default, default, 1, cost);
}

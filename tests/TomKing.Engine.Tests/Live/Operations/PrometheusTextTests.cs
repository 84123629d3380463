using System.Diagnostics;
using System.Globalization;
using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Rulebook;
using TomKing.Engine.Live.Operations;

namespace TomKing.Engine.Tests.Live.Operations;

public sealed class PrometheusTextTests
{
    private static readonly DateTime Start = new(2024, 3, 15, 14, 0, 0, DateTimeKind.Utc);

    private static long Ticks(long nanoseconds) => (long)Math.Round(nanoseconds * (Stopwatch.Frequency / 1e9));

    private static (LiveMetrics Metrics, ManualTime Time, DecisionLatencies Latencies) Populated()
    {
        var time = new ManualTime(Start);
        var latencies = new DecisionLatencies();
        var m = new LiveMetrics(latencies, time);
        m.SetLinkState(LiveLink.Rest, LinkState.Connected, Start.AddSeconds(1));
        m.SetLinkState(LiveLink.MarketData, LinkState.Stale, Start.AddSeconds(2));
        m.RecordOrderTransition(null, OrderState.New);
        m.RecordOrderTransition(OrderState.New, OrderState.Submitted);
        m.RecordOrderTransition(OrderState.Submitted, OrderState.Working);
        m.RecordOrderTransition(null, OrderState.New);
        m.RecordOrderTransition(null, OrderState.New);
        m.RecordOrderTransition(OrderState.New, OrderState.Rejected, "C7 F0 \"no\" buying power");
        m.RecordFill();
        m.RecordFill();
        for (int i = 0; i < 5; i++)
        {
            m.RecordOrderEvent();
        }

        m.SetAccount(12_345.5m, 50_000m, 55_000m);
        m.SetRegime(VixRegime.High);
        m.SetPhase(AccountPhase.Phase2);
        m.SetCircuitBreakers(CircuitBreakerState.Weekly);
        m.SetQuoteQueueDepth(40);
        m.SetQuoteQueueDepth(7);
        m.RecordQuotesConflated(1234);
        m.SetJournalAppendP99(TimeSpan.FromMilliseconds(1.5));
        m.SetKernelLag(TimeSpan.FromMilliseconds(20));
        m.SetLastEventTime(Start.AddSeconds(30));
        latencies.Record(StrategyId.F0, DecisionStage.Risk, Ticks(500));
        latencies.Record(StrategyId.F0, DecisionStage.Risk, Ticks(3_000));
        latencies.Record(StrategyId.F0, DecisionStage.Risk, Ticks(7_000));
        latencies.Record(StrategyId.F0, DecisionStage.Risk, Ticks(2_000_000));
        time.Advance(TimeSpan.FromSeconds(90));
        return (m, time, latencies);
    }

    [Test]
    public void Format_PopulatedMetrics_ParsesBackWithTheValuesSet()
    {
        var (m, time, _) = Populated();
        var p = PromParser.Parse(PrometheusText.Format(m, time.UtcNow));

        Assert.Multiple(() =>
        {
            Assert.That(p.Value("tomking_link_state", ("link", "rest"), ("state", "connected")), Is.EqualTo(1));
            Assert.That(p.Value("tomking_link_state", ("link", "rest"), ("state", "disconnected")), Is.EqualTo(0));
            Assert.That(p.Value("tomking_link_state", ("link", "market-data"), ("state", "stale")), Is.EqualTo(1));
            Assert.That(p.Value("tomking_link_state", ("link", "account-stream"), ("state", "disconnected")), Is.EqualTo(1));
            Assert.That(p.Value("tomking_link_state_since_timestamp_seconds", ("link", "rest")),
                Is.EqualTo((Start.AddSeconds(1) - DateTime.UnixEpoch).TotalSeconds));
            Assert.That(p.Value("tomking_link_down_seconds", ("link", "account-stream")), Is.EqualTo(90));
            Assert.That(p.Value("tomking_link_down_seconds", ("link", "rest")), Is.EqualTo(0));
            Assert.That(p.Value("tomking_orders", ("state", "working")), Is.EqualTo(1));
            Assert.That(p.Value("tomking_orders", ("state", "new")), Is.EqualTo(1));
            Assert.That(p.Value("tomking_orders", ("state", "submitted")), Is.EqualTo(0));
            Assert.That(p.Value("tomking_orders", ("state", "rejected")), Is.EqualTo(1));
            Assert.That(p.Value("tomking_orders", ("state", "partially_filled")), Is.EqualTo(0));
            Assert.That(p.Value("tomking_orders", ("state", "unknown_in_flight")), Is.EqualTo(0));
            Assert.That(p.Value("tomking_order_rejects_total"), Is.EqualTo(1));
            Assert.That(p.Value("tomking_fills_total"), Is.EqualTo(2));
            Assert.That(p.Value("tomking_order_events_total"), Is.EqualTo(5));
            Assert.That(p.Value("tomking_buying_power_in_use_dollars"), Is.EqualTo(12_345.5));
            Assert.That(p.Value("tomking_net_liquidation_dollars"), Is.EqualTo(50_000));
            Assert.That(p.Value("tomking_high_water_mark_dollars"), Is.EqualTo(55_000));
            Assert.That(p.Value("tomking_drawdown_ratio"), Is.EqualTo(5_000.0 / 55_000.0).Within(1e-12));
            Assert.That(p.Value("tomking_regime", ("regime", "high")), Is.EqualTo(1));
            Assert.That(p.Value("tomking_regime", ("regime", "normal")), Is.EqualTo(0));
            Assert.That(p.Value("tomking_regime", ("regime", "very_low")), Is.EqualTo(0));
            Assert.That(p.Value("tomking_phase"), Is.EqualTo(2));
            Assert.That(p.Value("tomking_circuit_breaker_halted", ("period", "weekly")), Is.EqualTo(1));
            Assert.That(p.Value("tomking_circuit_breaker_halted", ("period", "daily")), Is.EqualTo(0));
            Assert.That(p.Value("tomking_quote_queue_depth"), Is.EqualTo(7));
            Assert.That(p.Value("tomking_quote_queue_depth_max"), Is.EqualTo(40));
            Assert.That(p.Value("tomking_quotes_conflated_total"), Is.EqualTo(1234));
            Assert.That(p.Value("tomking_journal_append_p99_seconds"), Is.EqualTo(0.0015));
            Assert.That(p.Value("tomking_kernel_lag_seconds"), Is.EqualTo(0.02));
            Assert.That(p.Value("tomking_uptime_seconds"), Is.EqualTo(90));
            Assert.That(p.Value("tomking_last_event_timestamp_seconds"), Is.EqualTo((Start.AddSeconds(30) - DateTime.UnixEpoch).TotalSeconds));
            Assert.That(p.Value("tomking_gc_heap_bytes"), Is.GreaterThan(0));
            Assert.That(p.Value("tomking_working_set_bytes"), Is.GreaterThan(0));
        });
    }

    [Test]
    public void Format_DecisionLatency_BucketsAreCumulativeWithHandComputedCounts()
    {
        var (m, time, _) = Populated();
        var p = PromParser.Parse(PrometheusText.Format(m, time.UtcNow));
        double Bucket(string le) => p.Value("tomking_decision_latency_seconds_bucket", ("strategy", "F0"), ("stage", "risk"), ("le", le));

        // samples 500 ns, 3 µs, 7 µs, 2 ms: their histogram buckets end at 501, 3007, 7007 and 2 007 039 ns
        Assert.Multiple(() =>
        {
            Assert.That(p.Families["tomking_decision_latency_seconds"].Type, Is.EqualTo("histogram"));
            Assert.That(Bucket("0.000001"), Is.EqualTo(1));
            Assert.That(Bucket("0.0000025"), Is.EqualTo(1));
            Assert.That(Bucket("0.000005"), Is.EqualTo(2));
            Assert.That(Bucket("0.00001"), Is.EqualTo(3));
            Assert.That(Bucket("0.001"), Is.EqualTo(3));
            Assert.That(Bucket("0.0025"), Is.EqualTo(4));
            Assert.That(Bucket("1"), Is.EqualTo(4));
            Assert.That(Bucket("+Inf"), Is.EqualTo(4));
            Assert.That(p.Value("tomking_decision_latency_seconds_count", ("strategy", "F0"), ("stage", "risk")), Is.EqualTo(4));
            Assert.That(p.Value("tomking_decision_latency_seconds_sum", ("strategy", "F0"), ("stage", "risk")),
                Is.EqualTo(2_010_500e-9).Within(1e-9));
            Assert.That(p.Value("tomking_decision_latency_seconds_count", ("strategy", "F0"), ("stage", "market_view")), Is.EqualTo(0));
            Assert.That(p.Value("tomking_decision_latency_seconds_count", ("strategy", "LPL"), ("stage", "total")), Is.EqualTo(0));
        });
    }

    [Test]
    public void Format_EveryHistogram_FollowsTheBucketRules()
    {
        var (m, time, latencies) = Populated();
        var rng = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            var strategy = (StrategyId)rng.Next(5);
            latencies.Record(strategy, (DecisionStage)rng.Next(4), Ticks((long)Math.Exp(rng.NextDouble() * 20)));
        }

        var p = PromParser.Parse(PrometheusText.Format(m, time.UtcNow));
        var f = p.Families["tomking_decision_latency_seconds"];
        var series = f.Samples.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal))
            .GroupBy(s => s.Labels["strategy"] + "/" + s.Labels["stage"]).ToList();
        Assert.That(series, Has.Count.EqualTo(5 * 5));
        foreach (var g in series)
        {
            var buckets = g.ToList();
            Assert.That(buckets[^1].Labels["le"], Is.EqualTo("+Inf"), g.Key);
            var les = buckets.Take(buckets.Count - 1).Select(b => double.Parse(b.Labels["le"], CultureInfo.InvariantCulture)).ToList();
            Assert.That(les, Is.Ordered.Ascending.And.Unique, g.Key);
            Assert.That(buckets.Select(b => b.Value), Is.Ordered.Ascending, g.Key);
            var labels = g.First().Labels;
            double count = p.Value("tomking_decision_latency_seconds_count", ("strategy", labels["strategy"]), ("stage", labels["stage"]));
            Assert.That(buckets[^1].Value, Is.EqualTo(count), g.Key);
        }
    }

    [Test]
    public void Format_RandomLatencies_BucketCountsAreWithinOneHistogramBucketOfTheTruth()
    {
        var latencies = new DecisionLatencies();
        var m = new LiveMetrics(latencies, new ManualTime(Start));
        var rng = new Random(11);
        var truth = new List<long>();
        for (int i = 0; i < 5000; i++)
        {
            long ticks = Ticks((long)Math.Exp(5 + (rng.NextDouble() * 15)));
            latencies.Record(StrategyId.L112, DecisionStage.Strategy, ticks);
            truth.Add(DecisionLatencies.ToNanoseconds(ticks));
        }

        var snap = m.ReadDecisionLatency(StrategyId.L112, DecisionStage.Strategy)!;
        Assert.That(snap.Count, Is.EqualTo(5000));
        Assert.That(snap.SumSeconds, Is.EqualTo(truth.Sum() / 1e9).Within(1e-9));
        for (int b = 0; b < LiveMetrics.LatencyBucketsSeconds.Count; b++)
        {
            double bound = LiveMetrics.LatencyBucketsSeconds[b] * 1e9;
            long atMost = truth.Count(v => v <= bound);
            long clearlyBelow = truth.Count(v => v * 1.008 <= bound); // buckets are at most 1/128 wide
            Assert.That(snap.Cumulative[b], Is.InRange(clearlyBelow, atMost), $"le={LiveMetrics.LatencyBucketsSeconds[b]}");
        }

        Assert.That(m.ReadDecisionLatency(StrategyId.L112, DecisionStage.Strategy), Is.SameAs(snap), "unchanged: served from the cache");
        latencies.Record(StrategyId.L112, DecisionStage.Strategy, Ticks(100));
        var after = m.ReadDecisionLatency(StrategyId.L112, DecisionStage.Strategy)!;
        Assert.That((after.Count, after.Cumulative[0]), Is.EqualTo((5001L, snap.Cumulative[0] + 1)), "a new sample is seen");
    }

    [Test]
    public void Format_SampleExactlyOnABound_CountsUnderTheNextBound()
    {
        var latencies = new DecisionLatencies();
        var m = new LiveMetrics(latencies, new ManualTime(Start));
        // both in the bucket 1000..1003 ns; the histogram reports that bucket as 1002 ns (its edge capped at the max)
        latencies.Record(StrategyId.FS, DecisionStage.OrderConstruction, Ticks(1000));
        latencies.Record(StrategyId.FS, DecisionStage.OrderConstruction, Ticks(1002));
        var snap = m.ReadDecisionLatency(StrategyId.FS, DecisionStage.OrderConstruction)!;
        Assert.That(snap.Cumulative[0], Is.EqualTo(0), "le=1µs: the 1000 ns sample shares a bucket reported as 1002 ns");
        Assert.That(snap.Cumulative[1], Is.EqualTo(2), "le=2.5µs");

        var single = new DecisionLatencies();
        var m2 = new LiveMetrics(single, new ManualTime(Start));
        single.Record(StrategyId.FS, DecisionStage.OrderConstruction, Ticks(1000));
        Assert.That(m2.ReadDecisionLatency(StrategyId.FS, DecisionStage.OrderConstruction)!.Cumulative[0], Is.EqualTo(1),
            "alone, the sample is the exact maximum and counts under its own bound");
    }

    [Test]
    public void Format_WithoutLatencies_HasNoHistogramAndStillParses()
    {
        var m = new LiveMetrics(null, new ManualTime(Start));
        var p = PromParser.Parse(PrometheusText.Format(m, Start));
        Assert.That(p.Families.ContainsKey("tomking_decision_latency_seconds"), Is.False);
        Assert.That(p.Value("tomking_orders", ("state", "filled")), Is.EqualTo(0));
    }

    [Test]
    public void Format_FamilyRules_CountersEndInTotalAndEveryFamilyHasHelpAndType()
    {
        var (m, time, _) = Populated();
        string text = PrometheusText.Format(m, time.UtcNow);
        var p = PromParser.Parse(text);
        Assert.Multiple(() =>
        {
            foreach (var f in p.Families.Values)
            {
                Assert.That(f.Name, Does.Match("^[a-zA-Z_:][a-zA-Z0-9_:]*$"));
                Assert.That(f.Help, Is.Not.Empty, f.Name);
                Assert.That(f.Samples, Is.Not.Empty, f.Name);
                if (f.Type == "counter")
                {
                    Assert.That(f.Name, Does.EndWith("_total"));
                }
                else
                {
                    Assert.That(f.Name, Does.Not.EndWith("_total"));
                }
            }

            Assert.That(p.Samples.Where(s => s.Name == "tomking_order_rejects_total"), Has.Exactly(1).Items);
            Assert.That(text, Does.Not.Contain("\r"));
        });
    }

    [Test]
    public void EscapeLabelValue_BackslashQuoteNewline_AreEscapedAndParseBack()
    {
        string raw = "a\\b \"c\"\nd";
        string escaped = PrometheusText.EscapeLabelValue(raw);
        Assert.That(escaped, Is.EqualTo("a\\\\b \\\"c\\\"\\nd"));
        var p = PromParser.Parse($"# HELP x h\n# TYPE x gauge\nx{{l=\"{escaped}\"}} 1\n");
        Assert.That(p.Samples[0].Labels["l"], Is.EqualTo(raw));
        Assert.That(PrometheusText.EscapeHelp("a\\b\nc"), Is.EqualTo("a\\\\b\\nc"));
    }

    [Test]
    public void FormatValue_SpecialAndFractionalValues_UseThePrometheusSpellingInAnyCulture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NegativeSign = "~";
            CultureInfo.CurrentCulture = comma;
            Assert.Multiple(() =>
            {
                Assert.That(PrometheusText.FormatValue(double.NaN), Is.EqualTo("NaN"));
                Assert.That(PrometheusText.FormatValue(double.PositiveInfinity), Is.EqualTo("+Inf"));
                Assert.That(PrometheusText.FormatValue(double.NegativeInfinity), Is.EqualTo("-Inf"));
                Assert.That(PrometheusText.FormatValue(1234.5), Is.EqualTo("1234.5"));
                Assert.That(PrometheusText.FormatValue(-0.25), Is.EqualTo("-0.25"));
            });
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public void Format_WhileTheKernelRecords_EveryScrapeIsAValidExposition()
    {
        var latencies = new DecisionLatencies();
        var m = new LiveMetrics(latencies, new ManualTime(Start));
        using var stop = new CancellationTokenSource();
        var kernel = Task.Run(() =>
        {
            var rng = new Random(3);
            long i = 0;
            while (!stop.IsCancellationRequested)
            {
                latencies.Record((StrategyId)(i % 5), (DecisionStage)(i % 4), Ticks((long)Math.Exp(rng.NextDouble() * 18)));
                m.RecordOrderEvent();
                i++;
            }
        });
        try
        {
            for (int scrape = 0; scrape < 20; scrape++)
            {
                var p = PromParser.Parse(PrometheusText.Format(m, Start));
                foreach (var g in p.Samples.Where(s => s.Name == "tomking_decision_latency_seconds_bucket")
                    .GroupBy(s => s.Labels["strategy"] + "/" + s.Labels["stage"]))
                {
                    var values = g.Select(s => s.Value).ToList();
                    Assert.That(values, Is.Ordered.Ascending, g.Key);
                    var labels = g.First().Labels;
                    Assert.That(values[^1], Is.EqualTo(p.Value("tomking_decision_latency_seconds_count",
                        ("strategy", labels["strategy"]), ("stage", labels["stage"]))), g.Key);
                }
            }
        }
        finally
        {
            stop.Cancel();
            kernel.Wait();
        }

        Assert.That(m.OrderEventsTotal, Is.GreaterThan(0));
    }

    [Test]
    public void Format_EveryHistogramPopulated_PrintsTheScrapeCost()
    {
        var latencies = new DecisionLatencies();
        var m = new LiveMetrics(latencies, new ManualTime(Start));
        var rng = new Random(5);
        long Random() => Ticks((long)Math.Exp(6 + (rng.NextDouble() * 12)));
        for (int i = 0; i < 250_000; i++)
        {
            latencies.Record(default(DecisionRecord) with
            {
                Strategy = (StrategyId)(i % 5),
                Cost = new StageCost(Random(), Random(), Random(), Random()),
            });
        }

        PrometheusText.Format(m, Start); // warm up
        const int Scrapes = 10;
        var changed = TimeSpan.Zero;
        var unchanged = TimeSpan.Zero;
        int bytes = 0;
        for (int i = 0; i < Scrapes; i++)
        {
            for (int k = 0; k < 5; k++)
            {
                latencies.Record(default(DecisionRecord) with { Strategy = (StrategyId)k, Cost = new StageCost(Random(), Random(), Random(), Random()) });
            }

            var sw = Stopwatch.StartNew();
            bytes = PrometheusText.Format(m, Start).Length;
            changed += sw.Elapsed;
            sw.Restart();
            PrometheusText.Format(m, Start);
            unchanged += sw.Elapsed;
        }

        TestContext.Out.WriteLine($"scrape, 25 histograms of 250,000 samples each: {changed.TotalMilliseconds / Scrapes:0.00} ms when all changed, "
            + $"{unchanged.TotalMilliseconds / Scrapes:0.00} ms when none changed; {bytes} chars");
        Assert.That(changed / Scrapes, Is.LessThan(TimeSpan.FromSeconds(5)), "sanity bound");
    }
}

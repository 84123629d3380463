using System.Diagnostics;
using TomKing.Algorithm.Domain;
using TomKing.Engine.Backtest;
using TomKing.Engine.Results;

namespace TomKing.Engine.Tests.Backtest;

public sealed class BacktestRunnerTests
{
    private static readonly DateOnly From = new(2024, 1, 2);

    /// <summary>The results without the wall-clock measurements (run info timings, stage costs, latency
    /// summaries, regime detection latency), which differ from run to run by design.</summary>
    private static string Comparable(BacktestResults r) => ResultsFile.ToJson(r with
    {
        Run = r.Run with { WallSeconds = 0, EventsPerSecond = 0, PeakWorkingSetMb = 0 },
        Decisions = [.. r.Decisions.Select(d => d with { MicrosMarketView = 0, MicrosStrategy = 0, MicrosRisk = 0, MicrosOrder = 0 })],
        RegimeChanges = [.. r.RegimeChanges.Select(c => c with { DetectionMicros = 0 })],
        Latency = [],
    });

    [Test]
    public void Run_SameSeedTwice_IdenticalResultsExceptWallClock()
    {
        var options = new BacktestOptions { From = From, To = new DateOnly(2024, 2, 29), Seed = 11 };
        string a = Comparable(BacktestRunner.Run(options));
        string b = Comparable(BacktestRunner.Run(options));
        Assert.That(b, Is.EqualTo(a));
        string c = Comparable(BacktestRunner.Run(options with { Seed = 12 }));
        Assert.That(c, Is.Not.EqualTo(a), "another seed is another market");
    }

    [Test]
    public void Run_OneMonth_ProducesEntriesOrdersDecisionsAndOnePointPerDay()
    {
        var progress = new List<BacktestProgress>();
        var r = BacktestRunner.Run(new BacktestOptions { From = From, To = new DateOnly(2024, 1, 31) }, new SyncProgress(progress));
        Assert.That(r.Run.TradingDays, Is.EqualTo(21));
        Assert.That(r.Equity, Has.Count.EqualTo(21));
        Assert.That(progress, Has.Count.EqualTo(21));
        Assert.That(progress[^1].DaysDone, Is.EqualTo(21));
        Assert.That(r.Trades, Is.Not.Empty);
        Assert.That(r.Orders, Is.Not.Empty);
        Assert.That(r.Decisions.Any(d => d.Kind == "Enter"), Is.True);
        Assert.That(r.Strategies.Select(s => s.Strategy), Is.EqualTo(new[] { "F0", "L112", "FS", "IPMCC", "LPL" }));
        Assert.That(r.Latency.Any(l => l.Strategy == "all" && l.Stage == "Total" && l.Count > 0), Is.True);
        Assert.That(r.Summary.StartingNetLiq, Is.EqualTo(50_000m));
        Assert.That(r.Summary.EndingNetLiq, Is.EqualTo(r.Equity[^1].NetLiq));
        Assert.That(r.Run.DataSource, Does.StartWith("synthetic"));
        Assert.That(r.Warnings, Is.Not.Empty, "strategies that never entered are reported with their skip reasons");
        Assert.That(r.Cancelled, Is.False);
        Assert.That(r.Equity.Max(p => p.Drawdown), Is.EqualTo(r.Summary.MaxDrawdown), "the chart's drawdown and the summary card agree");
        Assert.That(r.Equity.Select(p => p.Drawdown), Is.EqualTo(PerformanceMetrics.Drawdowns(r.Summary.StartingNetLiq, [.. r.Equity.Select(p => p.NetLiq)])));
    }

    [Test]
    public void Run_CancelledAfterThreeDays_ReturnsPartialResultsMarkedCancelled()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new List<BacktestProgress>();
        var r = BacktestRunner.Run(new BacktestOptions { From = From, To = new DateOnly(2024, 1, 31) }, new SyncProgress(p =>
        {
            progress.Add(p);
            if (p.DaysDone == 3)
            {
                cancel.Cancel();
            }
        }), cancel.Token);

        Assert.Multiple(() =>
        {
            Assert.That(r.Cancelled, Is.True);
            Assert.That(r.Run.TradingDays, Is.EqualTo(3));
            Assert.That(r.Equity, Has.Count.EqualTo(3));
            Assert.That(r.Run.To, Is.EqualTo(r.Equity[^1].Date), "the results end at the last finished close");
            Assert.That(r.Summary.EndingNetLiq, Is.EqualTo(r.Equity[^1].NetLiq));
            Assert.That(r.Warnings, Has.Some.StartsWith("cancelled after 3 of 21 trading days"));
            Assert.That(ResultsFile.ToJson(r), Does.Contain("\"cancelled\": true"));
        });
    }

    /// <summary>The default backtest: 2024-01-02 … 2024-12-31, 50,000 USD, all five strategies.</summary>
    [Test]
    [Category("Long")]
    public void Run_DefaultOneYear_FinishesWithTradesWithinTheMemoryBudget()
    {
        var sw = Stopwatch.StartNew();
        var r = BacktestRunner.Run(new BacktestOptions());
        sw.Stop();
        TestContext.Out.WriteLine($"wall {sw.Elapsed.TotalSeconds:F1} s, events {r.Run.Events:N0} ({r.Run.EventsPerSecond:N0}/s), peak {r.Run.PeakWorkingSetMb:F0} MB, "
            + $"net profit {r.Summary.NetProfit}, trades {r.Summary.Trades}, max DD {r.Summary.MaxDrawdown:P1}");
        foreach (var s in r.Strategies)
        {
            TestContext.Out.WriteLine($"{s.Strategy}: entries {s.Entries}, closed {s.ClosedTrades}, realized {s.RealizedPnl:F2}; top skips: {string.Join(" | ", s.TopSkipReasons)}");
        }

        Assert.That(r.Run.From, Is.EqualTo(From));
        Assert.That(r.Run.To, Is.EqualTo(new DateOnly(2024, 12, 31)));
        Assert.That(r.Run.TradingDays, Is.EqualTo(252));
        Assert.That(r.Trades, Is.Not.Empty);
        Assert.That(r.Run.PeakWorkingSetMb, Is.LessThanOrEqualTo(150));
    }

    [Test]
    [Explicit("LPL cannot enter at the default 50,000 USD: LPL-4 caps a rung at 2 % of net liq, a 0.13-delta one-year SPY put needs about 5-6k USD of CBOE margin (a rulebook conflict, reported, not papered over); it trades from about 300,000 USD")]
    public void Run_DefaultOneYear_AllFiveStrategiesTrade()
    {
        var r = BacktestRunner.Run(new BacktestOptions());
        foreach (var id in Enum.GetValues<StrategyId>())
        {
            Assert.That(r.Strategies.Single(s => s.Strategy == id.ToString()).Entries, Is.GreaterThan(0), $"{id}: {string.Join(" | ", r.Strategies.Single(s => s.Strategy == id.ToString()).TopSkipReasons)}");
        }
    }

    [Test]
    [Explicit("Five synthetic years take minutes; run on demand for the memory-flatness figures")]
    public void Run_FiveYears_MemoryFlat()
    {
        var samples = new List<(int Day, double Mb)>();
        var r = BacktestRunner.Run(new BacktestOptions { From = new DateOnly(2020, 1, 2), To = new DateOnly(2024, 12, 31) }, new SyncProgress(p =>
        {
            if (p.DaysDone % 126 == 0)
            {
                GC.Collect();
                samples.Add((p.DaysDone, GC.GetTotalMemory(true) / 1048576.0));
            }
        }));
        foreach (var (day, mb) in samples)
        {
            TestContext.Out.WriteLine($"day {day}: managed heap {mb:F1} MB");
        }

        TestContext.Out.WriteLine($"peak working set {r.Run.PeakWorkingSetMb:F0} MB, wall {r.Run.WallSeconds:F0} s, decisions {r.Decisions.Count}");
        Assert.That(r.Run.PeakWorkingSetMb, Is.LessThanOrEqualTo(150));
        Assert.That(samples[^1].Mb, Is.LessThan(samples[1].Mb + 40), "the heap grows only by what is stored");
    }

    /// <summary>Progress delivered synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress : IProgress<BacktestProgress>
    {
        private readonly Action<BacktestProgress> _action;

        public SyncProgress(List<BacktestProgress> list) => _action = list.Add;

        public SyncProgress(Action<BacktestProgress> action) => _action = action;

        public void Report(BacktestProgress value) => _action(value);
    }
}

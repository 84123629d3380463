using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;
using TomKing.Algorithm.Risk.Rules;
using TomKing.Algorithm.Strategies;
using TomKing.Algorithm.Strategies.Friday0Dte;
using TomKing.Algorithm.Strategies.FuturesStrangle;
using TomKing.Algorithm.Strategies.Ipmcc;
using TomKing.Algorithm.Strategies.LeapPutLadder;
using TomKing.Algorithm.Strategies.LongTerm112;

namespace TomKing.Cli.Commands;

/// <summary>
/// <c>tomking bench pipeline</c>: drives a quote stream through the real strategies, the real risk engine
/// over a 50-position portfolio, and the order pipeline, and prints latency percentiles of
/// quote → strategy decision → risk check → combo order built (per strategy, split into "the decision
/// produced an order" and "evaluated, nothing due"), bytes allocated per event, risk checks per second and
/// position/P&amp;L (mark) updates per second. See <see cref="PipelineBenchWorld"/> for the market and the
/// bench rulebook.
/// </summary>
internal static class BenchPipelineCommand
{
    private const double TargetP99Microseconds = 20;
    private const double TargetRiskChecksPerSecond = 5e6;
    private const double TargetMarkUpdatesPerSecond = 10e6;
    private const int WarmUpBatch = 250;
    private const double JitQuietSeconds = 1.0;
    private const double WarmUpCapSeconds = 60.0;

    /// <summary>The strategies wired in; a rulebook strategy missing here is reported as missing, not faked.</summary>
    private static readonly (string Name, Func<IStrategy>? Create)[] Strategies =
    [
        ("F0", () => new F0Strategy()),
        ("L112", () => new L112Strategy()),
        ("FS", () => new FsStrategy()),
        ("IPMCC", () => new IpmccStrategy()),
        ("LPL", () => new LplStrategy()),
    ];

    public static Command Create()
    {
        var events = new Option<int>("--events") { Description = "Measured quote events on the decision path (each with fresh strategy instances at their decision time)", DefaultValueFactory = _ => 20_000 };
        var idle = new Option<int>("--idle-events") { Description = "Measured quote events after today's decisions (evaluate, nothing due)", DefaultValueFactory = _ => 100_000 };
        var warmup = new Option<int>("--warmup") { Description = "Minimum warm-up events before each measurement; warm-up continues until the JIT compiled nothing for 1 s (tiered compilation settled), at most 60 s", DefaultValueFactory = _ => 3_000 };
        var riskChecks = new Option<int>("--risk-checks") { Description = "Risk checks timed for the throughput figure (also useful under a profiler)", DefaultValueFactory = _ => 2_000_000 };
        var quotes = new Option<int>("--quotes-per-expiry") { Description = "Quotes moved per expiry per event (18 expiries)", DefaultValueFactory = _ => 2 };
        var cmd = new Command("pipeline", "Quote -> strategy decision -> risk check -> combo order: percentiles, allocations, throughput (five strategies, 50 positions).")
        {
            events, idle, warmup, quotes, riskChecks,
        };
        cmd.SetAction(parse =>
        {
            int e = parse.GetValue(events);
            int i = parse.GetValue(idle);
            int w = parse.GetValue(warmup);
            int q = parse.GetValue(quotes);
            int r = parse.GetValue(riskChecks);
            if (e < 100 || e > 1_000_000 || i < 100 || i > 100_000_000 || w < 0 || w > 1_000_000 || q < 0 || q > 100 || r < 10_000 || r > 1_000_000_000)
            {
                throw new UserInputException("--events must be in [100, 1000000], --idle-events in [100, 100000000], --warmup in [0, 1000000], --quotes-per-expiry in [0, 100], --risk-checks in [10000, 1000000000].");
            }

            Run(e, i, w, q, r);
            return 0;
        });
        return cmd;
    }

    private sealed class PathStats
    {
        public LatencyHistogram[] PerStrategy { get; } = Enumerable.Range(0, 5).Select(_ => new LatencyHistogram()).ToArray();

        public LatencyHistogram All { get; } = new();

        public void Record(int strategy, long ns)
        {
            PerStrategy[strategy].Record(ns);
            All.Record(ns);
        }
    }

    private sealed class RunResult
    {
        public PathStats Order { get; } = new();

        public PathStats NoOrder { get; } = new();

        public PathStats NothingDue { get; } = new();

        public LatencyHistogram Event { get; } = new();

        public LatencyHistogram Transition { get; } = new();

        public DecisionLatencies Stages { get; } = new();

        public long Events { get; set; }

        public long Bytes { get; set; }

        public long Orders { get; set; }

        public long Decisions { get; set; }

        public WarmUpResult WarmUp { get; init; }

        public long JitCompiledDuring { get; set; }
    }

    /// <summary>How a warm-up ended: events run, seconds, and whether the JIT went quiet before the cap.</summary>
    private readonly record struct WarmUpResult(long Events, double Seconds, bool Settled);

    /// <summary>
    /// Runs <paramref name="runBatch"/> in batches of <see cref="WarmUpBatch"/> events until at least
    /// <paramref name="minEvents"/> ran and the JIT compiled no method during the last
    /// <see cref="JitQuietSeconds"/> of events; gives up (reported as not settled) after
    /// <see cref="WarmUpCapSeconds"/>.
    /// </summary>
    private static WarmUpResult WarmUp(int minEvents, Action<int> runBatch)
    {
        long start = Stopwatch.GetTimestamp();
        long events = 0;
        long compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        long quietSince = start;
        while (true)
        {
            runBatch(WarmUpBatch);
            events += WarmUpBatch;
            long now = Stopwatch.GetTimestamp();
            long count = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (count != compiled)
            {
                compiled = count;
                quietSince = now;
            }

            double total = Stopwatch.GetElapsedTime(start, now).TotalSeconds;
            bool quiet = Stopwatch.GetElapsedTime(quietSince, now).TotalSeconds >= JitQuietSeconds;
            if (events >= minEvents && quiet)
            {
                return new WarmUpResult(events, total, Settled: true);
            }

            if (total >= WarmUpCapSeconds)
            {
                return new WarmUpResult(events, total, Settled: false);
            }
        }
    }

    private static void Run(int events, int idleEvents, int warmup, int quotesPerExpiry, int riskChecks)
    {
        string loadBefore = Load();
        var world = new PipelineBenchWorld();
        var active = Strategies.Where(s => s.Create is not null).ToArray();
        var missing = Strategies.Where(s => s.Create is null).Select(s => s.Name).ToArray();
        var output = new DecisionOutput(64);
        var sentIds = new ClientOrderId[64];

        // Decision path: every event sees fresh strategy instances at their decision instant, so each one
        // really decides (once per day per instance); instances are allocated before the measured loop.
        IStrategy[][] pool = new IStrategy[events][];
        for (int p = 0; p < pool.Length; p++)
        {
            pool[p] = active.Select(s => s.Create!()).ToArray();
        }

        var discard = new RunResult();
        long sequence = 0;
        var firstDecisions = new List<DecisionRecord>();
        {
            IStrategy[] probe = active.Select(s => s.Create!()).ToArray();
            world.Context.Refresh();
            foreach (var strategy in probe)
            {
                output.Clear();
                strategy.Evaluate(world.Context, output);
                world.Pipeline.Process(world.Context, output);
                foreach (var d in output.Decisions)
                {
                    firstDecisions.Add(d);
                    if (d.Order != default)
                    {
                        world.Deliver(new OrderUpdate(default, d.Order, BrokerOrderStatus.Rejected, PipelineBenchWorld.Now, 0, 0m, "probe"));
                    }
                }
            }
        }

        // Warm-up until the JIT has settled: tiered compilation re-compiles hot methods (tier 0 → instrumented
        // → optimized with profile data) on a background thread after a 100 ms quiet period, so a fixed
        // number of warm-up events can end while the measured loop still runs unoptimized code (this bench
        // once did: p99 tripled). Batches run until no method was compiled for 1 s of events.
        var decideWarmUp = WarmUp(warmup, batch =>
        {
            for (int p = 0; p < batch; p++)
            {
                IStrategy[] fresh = active.Select(s => s.Create!()).ToArray();
                OneEvent(world, fresh, output, sentIds, quotesPerExpiry, sequence++, discard);
            }
        });

        var decide = new RunResult { WarmUp = decideWarmUp };
        long jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        Measure(decide, () =>
        {
            for (int p = 0; p < pool.Length; p++)
            {
                OneEvent(world, pool[p], output, sentIds, quotesPerExpiry, sequence++, decide);
            }
        });
        decide.JitCompiledDuring = System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore;
        decide.Events = events;

        // Idle path: the last instances have decided today; every further quote is evaluated (position
        // management, schedule checks) and nothing is due.
        IStrategy[] decided = pool[^1];
        var idleWarmUp = WarmUp(warmup, batch =>
        {
            for (int p = 0; p < batch; p++)
            {
                OneEvent(world, decided, output, sentIds, quotesPerExpiry, sequence++, discard);
            }
        });

        var idle = new RunResult { WarmUp = idleWarmUp };
        jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        Measure(idle, () =>
        {
            for (int p = 0; p < idleEvents; p++)
            {
                OneEvent(world, decided, output, sentIds, quotesPerExpiry, sequence++, idle);
            }
        });
        idle.JitCompiledDuring = System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore;
        idle.Events = idleEvents;

        var (riskPerSecond, riskBytes, verdict, riskBestBatch) = RiskThroughput(world, riskChecks);
        var ruleCosts = RiskRuleCosts(world);
        var (marksPerSecond, marksBytes, marksWithNetLiqPerSecond) = MarkThroughput(world, 20_000_000);
        string loadAfter = Load();

        Print(world, firstDecisions, active.Select(s => s.Name).ToArray(), missing, decide, idle, riskPerSecond, riskBytes, verdict, riskBestBatch, marksPerSecond, marksBytes, marksWithNetLiqPerSecond,
            quotesPerExpiry, loadBefore, loadAfter, ruleCosts);
    }

    private static void Measure(RunResult result, Action loop)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        loop();
        result.Bytes = GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void OneEvent(PipelineBenchWorld world, IStrategy[] strategies, DecisionOutput output, ClientOrderId[] sentIds,
        int quotesPerExpiry, long sequence, RunResult result)
    {
        DecisionContext context = world.Context;
        OrderPipeline pipeline = world.Pipeline;
        long t0 = Stopwatch.GetTimestamp();
        world.PerturbQuotes(sequence, quotesPerExpiry);
        context.Refresh();
        long quoteTicks = Stopwatch.GetTimestamp() - t0;
        long eventTicks = quoteTicks;
        for (int j = 0; j < strategies.Length; j++)
        {
            IStrategy strategy = strategies[j];
            output.Clear();
            long a = Stopwatch.GetTimestamp();
            strategy.Evaluate(context, output);
            int sent = pipeline.Process(context, output);
            long b = Stopwatch.GetTimestamp();
            eventTicks += b - a;
            int count = 0;
            ReadOnlySpan<DecisionRecord> decisions = output.Decisions;
            for (int d = 0; d < decisions.Length; d++)
            {
                if (decisions[d].Order != default)
                {
                    sentIds[count++] = decisions[d].Order;
                    result.Stages.Record(in decisions[d]);
                }
            }

            // Venue news for what was sent (accepted, then cancelled on request), so the order table recycles.
            for (int k = 0; k < count; k++)
            {
                long s0 = Stopwatch.GetTimestamp();
                world.Deliver(new OrderUpdate(new OrderId(sequence), sentIds[k], BrokerOrderStatus.Working, PipelineBenchWorld.Now, 0, 0m, null));
                pipeline.Cancel(sentIds[k]);
                world.Deliver(new OrderUpdate(new OrderId(sequence), sentIds[k], BrokerOrderStatus.Cancelled, PipelineBenchWorld.Now, 0, 0m, null));
                result.Transition.Record(DecisionLatencies.ToNanoseconds(Stopwatch.GetTimestamp() - s0) / 3);
            }

            int id = (int)strategy.Id;
            long ns = DecisionLatencies.ToNanoseconds(quoteTicks + (b - a));
            result.Decisions += decisions.Length;
            result.Orders += sent;
            if (sent > 0)
            {
                result.Order.Record(id, ns);
            }
            else if (output.IntentCount > 0)
            {
                result.NoOrder.Record(id, ns);
            }
            else
            {
                result.NothingDue.Record(id, ns);
            }
        }

        result.Event.Record(DecisionLatencies.ToNanoseconds(eventTicks));
    }

    private static (double PerSecond, double BytesPerCheck, RiskVerdict Verdict, double BestBatchPerSecond) RiskThroughput(PipelineBenchWorld world, int n)
    {
        OrderIntent intent = world.IronCondorEntry();
        RiskEngine risk = world.Risk;
        DecisionContext context = world.Context;
        RiskVerdict verdict = default;
        for (int i = 0; i < 100_000; i++)
        {
            verdict = risk.Check(in intent, context);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < n; i++)
        {
            verdict = risk.Check(in intent, context);
        }

        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        // The same checks in batches of 10,000: the fastest batch is the rate when no other process took
        // the core (on a shared machine the long run above includes the time other processes ran).
        double bestNs = FastestBatchNs(10_000, Math.Max(1, n / 10_000), count =>
        {
            for (int i = 0; i < count; i++)
            {
                risk.Check(in intent, context);
            }
        });

        return (n / seconds, bytes / (double)n, verdict, 1e9 / bestNs);
    }

    /// <summary>Nanoseconds per call of the fastest of <paramref name="batches"/> timed batches of
    /// <paramref name="batch"/> calls (after one untimed batch): the cost when no other process took the core.</summary>
    private static double FastestBatchNs(int batch, int batches, Action<int> body)
    {
        body(batch);
        double best = double.MaxValue;
        for (int b = 0; b < batches; b++)
        {
            long t = Stopwatch.GetTimestamp();
            body(batch);
            best = Math.Min(best, Stopwatch.GetElapsedTime(t).TotalNanoseconds / batch);
        }

        return best;
    }

    /// <summary>Each entry rule alone on the same iron condor (ns per call, fastest of 20 batches of
    /// 20,000), plus the check's set-up (<see cref="EntryCheckState.Begin"/>): where a risk check's time goes.</summary>
    private static List<(string Rule, double Ns)> RiskRuleCosts(PipelineBenchWorld world)
    {
        OrderIntent intent = world.IronCondorEntry();
        DecisionContext context = world.Context;
        var state = new EntryCheckState();
        var costs = new List<(string, double)>();
        static double Fastest(Action<int> body) => FastestBatchNs(20_000, 20, body);

        costs.Add(("set-up (EntryCheckState.Begin)", Fastest(count =>
        {
            for (int i = 0; i < count; i++)
            {
                state.Begin(in intent, context);
            }
        })));
        foreach (IEntryRule rule in world.Risk.EntryRules)
        {
            costs.Add((rule.RuleId, Fastest(count =>
            {
                for (int i = 0; i < count; i++)
                {
                    rule.Allow(state.Begin(in intent, context), intent.Quantity, out _);
                }
            }) - costs[0].Item2));
        }

        return costs;
    }

    private static (double PerSecond, double BytesPerUpdate, double WithNetLiqPerSecond) MarkThroughput(PipelineBenchWorld world, int n)
    {
        var ledger = world.Ledger;
        int slots = ledger.MarkSlotCount;
        var basePrice = new double[slots];
        for (int m = 0; m < slots; m++)
        {
            var c = ledger.MarkContract(m);
            basePrice[m] = world.Market.TryGetChain(c.Root, out var chain) && chain.TryGetExpiry(c.Expiry, out var e)
                ? Math.Max(e.QuoteAt(e.IndexOfStrike((double)c.Strike), c.Right).Mid, 0.05)
                : 1.0;
        }

        for (int i = 0; i < 1_000_000; i++)
        {
            int m = i % slots;
            ledger.UpdateMark(m, basePrice[m] + ((i & 1) * 0.05));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        int slot = 0;
        for (int i = 0; i < n; i++)
        {
            ledger.UpdateMark(slot, basePrice[slot] + ((i & 1) * 0.05));
            if (++slot == slots)
            {
                slot = 0;
            }
        }

        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        int n2 = n / 10;
        decimal sink = 0m;
        start = Stopwatch.GetTimestamp();
        slot = 0;
        for (int i = 0; i < n2; i++)
        {
            ledger.UpdateMark(slot, basePrice[slot] + ((i & 1) * 0.05));
            sink += ledger.NetLiquidation;
            if (++slot == slots)
            {
                slot = 0;
            }
        }

        double seconds2 = Stopwatch.GetElapsedTime(start).TotalSeconds;
        GC.KeepAlive(sink);
        return (n / seconds, bytes / (double)n, n2 / seconds2);
    }

    private static void Print(PipelineBenchWorld world, List<DecisionRecord> firstDecisions, string[] active, string[] missing, RunResult decide, RunResult idle,
        double riskPerSecond, double riskBytes, RiskVerdict verdict, double riskBestBatch, double marksPerSecond, double marksBytes, double marksWithNetLiq,
        int quotesPerExpiry, string loadBefore, string loadAfter, List<(string Rule, double Ns)> ruleCosts)
    {
        if (Console.IsOutputRedirected || AnsiConsole.Profile.Width < 140)
        {
            AnsiConsole.Profile.Width = 160;
        }

        AnsiConsole.MarkupLine($"[bold]tomking bench pipeline[/] — Friday 2021-01-08 10:30 ET, {world.Ledger.OpenPositions.Length} open positions, "
            + $"net liq {world.Ledger.NetLiquidation.ToString("N0", CultureInfo.InvariantCulture)} USD, {Environment.ProcessorCount} cores, "
            + $"{(Debugger.IsAttached ? "DEBUGGER" : "")}{(IsOptimized() ? "Release" : "[red]DEBUG BUILD (numbers are not representative)[/]")}");
        AnsiConsole.MarkupLine($"Strategies: [green]{string.Join(", ", active)}[/] (real implementations)"
            + (missing.Length > 0 ? $"; [red]not available: {string.Join(", ", missing)}[/] (not in the repository; nothing substituted)" : string.Empty));
        AnsiConsole.MarkupLine($"Risk: RiskEngine (P-1..P-9) with MarginModel; portfolio: PortfolioLedger (entries reserve their position); venue: a stub that hands out order ids. "
            + $"Quote stream: {quotesPerExpiry} quotes moved per expiry per event over 18 expiries (SPXW, ES, QQQ, SPY, IWM).");
        AnsiConsole.MarkupLine("Bench rulebook: L112/FS/LPL entries moved to this Friday; P-2 max positions 64, P-3 group limits 64, P-7 limits off (so a 50-position book can add one).");
        AnsiConsole.MarkupLine($"Load average (1/5/15 min) before: {loadBefore}; after: {loadAfter}");

        var probe = new Table().Title("what the strategies decide at this instant (one fresh set, before the runs; FS skips list each product without a chain)");
        foreach (string c in new[] { "strategy", "kind", "rule IDs", "reason", "order", "units" })
        {
            probe.AddColumn(c);
        }

        foreach (var d in firstDecisions.Where(d => d.Kind != DecisionKind.Skip || d.Strategy != StrategyId.FS || !d.Reason.Contains("no option chain", StringComparison.Ordinal)))
        {
            probe.AddRow(d.Strategy.ToString(), d.Kind.ToString(), Markup.Escape(d.RuleIds), Markup.Escape(d.Reason), d.Order == default ? "-" : d.Order.ToString(), d.Quantity.ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(probe);

        var table = new Table().Title("quote → strategy decision → risk check → combo order built (µs, per strategy evaluation, incl. the event's quote update)");
        foreach (string c in new[] { "path", "strategy", "count", "p50", "p99", "p99.9", "max", "target p99 ≤ 20" })
        {
            table.AddColumn(new TableColumn(c).RightAligned());
        }

        void Rows(string path, PathStats stats, bool judge)
        {
            for (int s = 0; s < 5; s++)
            {
                var h = stats.PerStrategy[s];
                if (h.Count > 0)
                {
                    table.AddRow(path, ((StrategyId)s).ToString(), h.Count.ToString(CultureInfo.InvariantCulture), Us(h.P50), Us(h.P99), Us(h.P999), Us(h.Max), judge ? Judge(h.P99 / 1000.0 <= TargetP99Microseconds) : "");
                }
            }

            if (stats.All.Count > 0)
            {
                var h = stats.All;
                table.AddRow($"[bold]{path}[/]", "[bold]all[/]", h.Count.ToString(CultureInfo.InvariantCulture), Us(h.P50), Us(h.P99), Us(h.P999), Us(h.Max), judge ? Judge(h.P99 / 1000.0 <= TargetP99Microseconds) : "");
            }
        }

        Rows("decision → order", decide.Order, judge: true);
        Rows("decision, no order (risk denied / unpriceable)", decide.NoOrder, judge: false);
        Rows("decision, skip (no intent)", decide.NothingDue, judge: false);
        Rows("evaluate, nothing due", idle.NothingDue, judge: false);
        Rows("evaluate → exit order", idle.Order, judge: false);
        Rows("evaluate, exit intent, no order", idle.NoOrder, judge: false);
        AnsiConsole.Write(table);

        var stages = new Table().Title("stage costs of the decision records that produced an order (decision path, all strategies, µs; market view includes lazy Greeks)");
        foreach (string c in new[] { "stage", "count", "p50", "p99", "p99.9", "max" })
        {
            stages.AddColumn(new TableColumn(c).RightAligned());
        }

        foreach (DecisionStage stage in Enum.GetValues<DecisionStage>())
        {
            var h = new LatencyHistogram();
            decide.Stages.MergeInto(h, stage);
            stages.AddRow(stage.ToString(), h.Count.ToString(CultureInfo.InvariantCulture), Us(h.P50), Us(h.P99), Us(h.P999), Us(h.Max));
        }

        var totals = new LatencyHistogram();
        decide.Stages.MergeInto(totals, null);
        stages.AddRow("total", totals.Count.ToString(CultureInfo.InvariantCulture), Us(totals.P50), Us(totals.P99), Us(totals.P999), Us(totals.Max));
        AnsiConsole.Write(stages);

        var summary = new Table().Title("per event and throughput");
        foreach (string c in new[] { "measure", "value", "target" })
        {
            summary.AddColumn(new TableColumn(c).RightAligned());
        }

        summary.AddRow("decision path: whole event, all strategies (µs p50 / p99 / max)", $"{Us(decide.Event.P50)} / {Us(decide.Event.P99)} / {Us(decide.Event.Max)}", "");
        summary.AddRow("idle path: whole event, all strategies (µs p50 / p99 / max)", $"{Us(idle.Event.P50)} / {Us(idle.Event.P99)} / {Us(idle.Event.Max)}", "");
        summary.AddRow("warm-up before each measured run: events, seconds, JIT settled (decision path; idle path)",
            $"{WarmUpText(decide.WarmUp)}; {WarmUpText(idle.WarmUp)}", "");
        summary.AddRow("methods the JIT compiled during the measured runs (decision path; idle path)", $"{decide.JitCompiledDuring}; {idle.JitCompiledDuring}", "");
        summary.AddRow("decision path: orders built / decision records / events", $"{decide.Orders} / {decide.Decisions} / {decide.Events}", "");
        summary.AddRow("decision path: bytes allocated per event", F(decide.Bytes / (double)decide.Events), Judge(decide.Bytes == 0) + " 0");
        summary.AddRow("idle path: bytes allocated per event", F(idle.Bytes / (double)idle.Events), Judge(idle.Bytes == 0) + " 0");
        summary.AddRow("decision path: events per second (one core)", Rate(decide.Events / (decide.Event.Sum / 1e9)), "");
        summary.AddRow("idle path: events per second (one core)", Rate(idle.Events / (idle.Event.Sum / 1e9)), "");
        summary.AddRow("order state transitions after each order (accepted, cancel requested, cancelled), ns per transition p50 / p99", $"{decide.Transition.P50} / {decide.Transition.P99}", "");
        summary.AddRow($"risk checks per second (F0 iron condor entry, verdict {verdict.Outcome}), bytes/check {F(riskBytes)}", Rate(riskPerSecond), Judge(riskPerSecond >= TargetRiskChecksPerSecond) + " ≥ 5 M");
        summary.AddRow("risk checks per second, fastest batch of 10,000 (the rate without other processes on the core)", Rate(riskBestBatch), Judge(riskBestBatch >= TargetRiskChecksPerSecond) + " ≥ 5 M");
        summary.AddRow($"position/P&L mark updates per second ({world.Ledger.MarkSlotCount} contracts, 50 positions), bytes/update {F(marksBytes)}", Rate(marksPerSecond), Judge(marksPerSecond >= TargetMarkUpdatesPerSecond) + " ≥ 10 M");
        summary.AddRow("mark update + net liq read per second", Rate(marksWithNetLiq), "");
        AnsiConsole.Write(summary);

        var rules = new Table().Title("one risk check's parts: each entry rule alone on the F0 iron condor (ns per call, fastest batch; a rule that reads the legs pays their chain look-up)");
        rules.AddColumn("part");
        rules.AddColumn(new TableColumn("ns").RightAligned());
        foreach (var (rule, ns) in ruleCosts)
        {
            rules.AddRow(Markup.Escape(rule), ns.ToString("F1", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(rules);
    }

    private static bool IsOptimized()
    {
        var attribute = typeof(BenchPipelineCommand).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false).OfType<DebuggableAttribute>().FirstOrDefault();
        return attribute is null || !attribute.IsJITOptimizerDisabled;
    }

    private static string Load()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            string[] parts = text.Split(' ');
            return parts.Length >= 3 ? $"{parts[0]} {parts[1]} {parts[2]}" : text.Trim();
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private static string WarmUpText(WarmUpResult w) =>
        $"{w.Events.ToString("N0", CultureInfo.InvariantCulture)}, {w.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s, {(w.Settled ? "settled" : "[red]not settled (cap reached)[/]")}";

    private static string Us(long ns) => (ns / 1000.0).ToString("F2", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);

    private static string Rate(double perSecond) => perSecond >= 1e6
        ? (perSecond / 1e6).ToString("F2", CultureInfo.InvariantCulture) + " M/s"
        : (perSecond / 1e3).ToString("F1", CultureInfo.InvariantCulture) + " k/s";

    private static string Judge(bool ok) => ok ? "[green]PASS[/]" : "[red]FAIL[/]";
}

using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Hosting;
using TomKing.Algorithm.Risk.Events;
using TomKing.Algorithm.Risk.Margin;
using TomKing.Algorithm.Strategies;
using TomKing.Engine.Replay;
using TomKing.Engine.Replay.Lean;
using TomKing.Engine.Results;
using TomKing.Engine.Venue;

namespace TomKing.Engine.Backtest;

/// <summary>
/// Runs a backtest end to end: builds the market (synthetic by default, LEAN files when
/// <see cref="BacktestOptions.LeanDataFolder"/> is set), the strategy core (<see cref="TradingCore"/>), the
/// simulated venue and the replay kernel, replays every trading day and fills every field of
/// <see cref="BacktestResults"/>.
/// </summary>
/// <remarks>
/// Same options → the same results, except the wall-clock measurements: <see cref="RunInfo.WallSeconds"/>,
/// <see cref="RunInfo.EventsPerSecond"/>, <see cref="RunInfo.PeakWorkingSetMb"/>, the decision stage costs
/// (<see cref="DecisionEntry"/> Micros*), <see cref="BacktestResults.Latency"/> and
/// <see cref="RegimeChange.DetectionMicros"/>. P-8: the built-in rulebook has no event calendar (a warning
/// says so); a rulebook file's calendar is read relative to the file, and an unreadable one blocks
/// short-premium entries (fail closed).
/// </remarks>
public static class BacktestRunner
{
    /// <summary>The default first day of a synthetic run.</summary>
    public static readonly DateOnly DefaultFrom = new(2024, 1, 2);

    private static readonly string[] StageNames = ["MarketView", "Strategy", "Risk", "OrderConstruction", "Total"];

    /// <summary>Runs a backtest.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="progress">Reported once per trading day.</param>
    /// <param name="cancellationToken">Stops the replay at the next minute; the results then cover the trading days
    /// completed to their close, with <see cref="BacktestResults.Cancelled"/> set and a warning (nothing is thrown).</param>
    public static BacktestResults Run(BacktestOptions options, IProgress<BacktestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var wall = Stopwatch.StartNew();
        var warnings = new List<string>();
        DateOnly from = options.From ?? DefaultFrom;
        DateOnly to = options.To ?? from.AddYears(1).AddDays(-1);
        var strategies = options.Strategies.Distinct().OrderBy(s => s).ToArray();
        var rules = options.Rulebook;

        IReplayMarket market;
        FuturesMarginBook margins;
        ulong? seed = null;
        if (options.LeanDataFolder is { } folder)
        {
            market = LeanReplayMarket.Open(folder, from, to, strategies);
            margins = LeanMargins(folder, warnings);
        }
        else
        {
            market = new SyntheticReplayMarket(options.Seed, from, to, strategies, rules);
            margins = SyntheticFuturesMargins.Create();
            seed = options.Seed;
        }

        if (market.TradingDays.Count == 0)
        {
            throw new ArgumentException($"no trading day between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}", nameof(options));
        }

        var clock = new ReplayClock(market.TradingDays[0].ToDateTime(new TimeOnly(9, 30)));
        var venue = new SimulatedVenue(market.TryQuote, clock, VenueSettings.Default with { FillSeed = options.Seed ^ 0x5EED_F111UL });
        var core = new TradingCore(clock, market, venue, rules, options.Cash, margins, Calendar(options, warnings), ledgerCapacity: 64, orderCapacity: 512);
        var instances = strategies.Select(TradingCore.CreateStrategy).ToArray();
        var kernel = new ReplayKernel(market, core, venue, instances, clock);

        long peak = 0;
        var journal = kernel.Run(
            day =>
            {
                if ((day.DaysDone & 15) == 0 || day.DaysDone == day.DaysTotal)
                {
                    peak = Math.Max(peak, CurrentPeakWorkingSet());
                }

                progress?.Report(new BacktestProgress(day.Day, day.DaysDone, day.DaysTotal, day.NetLiq, day.OpenPositions));
            },
            cancellationToken);
        wall.Stop();
        peak = Math.Max(peak, CurrentPeakWorkingSet());

        return Build(options, market, core, venue, journal, strategies, seed, warnings, wall.Elapsed.TotalSeconds, peak);
    }

    private static long CurrentPeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static EventCalendar Calendar(BacktestOptions options, List<string> warnings)
    {
        string? file = options.Rulebook.Blackouts.CalendarFile;
        if (file is null)
        {
            return EventCalendar.Empty;
        }

        if (string.Equals(options.RulebookSource, "built-in", StringComparison.Ordinal))
        {
            warnings.Add("P-8: the built-in rulebook has no event calendar, so FOMC/CPI/NFP blackouts were not applied (give --rulebook with a calendar file)");
            return EventCalendar.Empty;
        }

        string path = Path.Combine(Path.GetDirectoryName(options.RulebookSource) ?? ".", file);
        try
        {
            return EventCalendar.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            warnings.Add($"P-8: the event calendar {path} could not be read ({e.Message}); short-premium entries are blocked (fail closed)");
            return EventCalendar.Unavailable;
        }
    }

    private static FuturesMarginBook LeanMargins(string folder, List<string> warnings)
    {
        var book = new FuturesMarginBook();
        foreach (var instrument in InstrumentCatalogue.All.Where(i => i.AssetClass == AssetClass.Future))
        {
            string path = Path.Combine(folder, "future", instrument.Market, "margins", instrument.Ticker.Symbol + ".csv");
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                book.AddCsv(instrument.Ticker, File.ReadAllText(path));
            }
            catch (FormatException e)
            {
                warnings.Add($"{path}: margins file skipped ({e.Message}); futures options on {instrument.Ticker} cannot be margined");
            }
        }

        return book;
    }

    private static BacktestResults Build(BacktestOptions options, IReplayMarket market, TradingCore core, SimulatedVenue venue, ReplayJournal journal,
        StrategyId[] strategies, ulong? seed, List<string> warnings, double wallSeconds, long peakBytes)
    {
        var ledger = core.Ledger;
        var days = journal.Days;
        var netLiq = days.Select(d => d.NetLiq).ToArray();
        decimal start = options.Cash;
        if (journal.Cancelled)
        {
            warnings.Insert(0, days.Count == 0
                ? "cancelled before the first trading day finished: the results are empty"
                : string.Create(CultureInfo.InvariantCulture, $"cancelled after {days.Count} of {market.TradingDays.Count} trading days: the results cover {days[0].Date:yyyy-MM-dd} to {days[^1].Date:yyyy-MM-dd} (positions still open are marked at that close)"));
        }

        var trades = journal.Trades;
        var closed = trades.Where(t => t.Closed is not null).ToArray();
        var decisions = journal.Decisions;

        var strategySummaries = new List<StrategySummary>();
        foreach (var id in Enum.GetValues<StrategyId>())
        {
            var mine = closed.Where(t => t.Strategy == id).ToArray();
            var skips = decisions.Where(d => d.Strategy == id && d.Kind == DecisionKind.Skip).ToArray();
            var top = skips
                .GroupBy(d => Describe(d.RuleIds, d.Reason), StringComparer.Ordinal)
                .Select(g => (Reason: g.Key, Count: g.Count()))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Reason, StringComparer.Ordinal)
                .Take(5)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Reason}: {g.Count}"))
                .ToArray();
            int entries = trades.Count(t => t.Strategy == id);
            strategySummaries.Add(new StrategySummary(
                id.ToString(), entries, mine.Length, mine.Length == 0 ? 0.0 : mine.Count(t => t.RealizedPnl > 0m) / (double)mine.Length,
                ledger.RealizedPnl(id), ledger.UnrealizedPnl(id), skips.Length, top));
            if (strategies.Contains(id) && entries == 0)
            {
                warnings.Add(top.Length == 0
                    ? $"{id} never entered and recorded no skip reason (no entry was due in the run)"
                    : $"{id} never entered; top skip reasons: {string.Join("; ", top)}");
            }
        }

        warnings.AddRange(market.Warnings);
        warnings.AddRange(journal.Warnings);
        if (ledger.UnmatchedFills > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{ledger.UnmatchedFills} fills matched no position (left for reconciliation)"));
        }

        if (core.Pipeline.RefusedEvents > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"the order pipeline refused {core.Pipeline.RefusedEvents} venue events (last: {core.Pipeline.LastRefusal})"));
        }

        var summary = PerformanceMetrics.Summarize(start, netLiq, closed.Select(t => t.RealizedPnl).ToArray(), venue.TotalFees);

        // One drawdown definition for the chart and the summary card: each close against the highest close
        // before it (from the starting net liq). The ledger's own high-water mark (P-5) also sees intraday marks.
        var drawdowns = PerformanceMetrics.Drawdowns(start, netLiq);
        var equity = days.Select((d, i) => new EquityPoint(
            d.Date, d.NetLiq, drawdowns[i],
            d.BuyingPowerInUse, d.Vix, d.Regime.ToString(), (int)d.Phase, d.OpenPositions)).ToArray();

        var tradeRecords = trades.Select(t => new TradeRecord(
            t.Position.ToString(), t.Strategy.ToString(), Describe(t.Structure), t.Units, t.Opened, t.Closed,
            t.EntryPrice, t.ExitPrice, t.RealizedPnl, t.Fees, t.ExitReason)).ToArray();

        var orderRecords = venue.Orders.Select(o => new OrderRecord(
            o.Request.ClientId.ToString(), o.SubmittedAt, o.Request.Strategy.ToString(), o.Request.Position.ToString(), o.Request.Tag,
            o.Request.Quantity, o.LimitPrice, o.Replaces, o.Status.ToString(), o.FilledUnits, o.FillPrice)).ToArray();

        var decisionEntries = decisions.Select(ToEntry).ToArray();

        var regimeChanges = journal.RegimeChanges.Select(r => new RegimeChange(
            r.Transition.Vix.Time == default ? r.Transition.DetectedAt : r.Transition.Vix.Time,
            r.Transition.From.ToString(), r.Transition.To.ToString(), r.Transition.Vix.Value, r.DetectionMicros)).ToArray();

        var latency = new List<LatencySummary>();
        foreach (var id in strategies)
        {
            for (int stage = 0; stage < ReplayJournal.StageSlots; stage++)
            {
                var h = stage < 4 ? journal.Latencies.Get(id, (DecisionStage)stage) : journal.Latencies.Total(id);
                latency.Add(Summarize(id.ToString(), StageNames[stage], h, journal, [id], stage));
            }
        }

        for (int stage = 0; stage < ReplayJournal.StageSlots; stage++)
        {
            var all = new LatencyHistogram();
            journal.Latencies.MergeInto(all, stage < 4 ? (DecisionStage)stage : null);
            latency.Add(Summarize("all", StageNames[stage], all, journal, strategies, stage));
        }

        string version = typeof(BacktestRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(BacktestRunner).Assembly.GetName().Version?.ToString() ?? "0";
        var run = new RunInfo(
            version, options.LeanDataFolder ?? market.Description, seed, market.TradingDays[0],
            journal.Cancelled && days.Count > 0 ? days[^1].Date : market.TradingDays[^1], start,
            strategies.Select(s => s.ToString()).ToArray(), options.RulebookSource, journal.TradingDays, journal.Events,
            wallSeconds, wallSeconds > 0 ? journal.Events / wallSeconds : 0.0, peakBytes / (1024.0 * 1024.0));

        return new BacktestResults
        {
            Run = run,
            Summary = summary,
            Strategies = strategySummaries,
            Equity = equity,
            Trades = tradeRecords,
            Orders = orderRecords,
            Decisions = decisionEntries,
            RegimeChanges = regimeChanges,
            Latency = latency,
            Warnings = warnings,
            Cancelled = journal.Cancelled,
        };
    }

    private static LatencySummary Summarize(string strategy, string stage, LatencyHistogram h, ReplayJournal journal, IReadOnlyList<StrategyId> strategies, int stageSlot)
    {
        var counts = new long[ReplayJournal.BucketCount];
        foreach (var id in strategies)
        {
            var b = journal.Buckets(id, stageSlot);
            for (int i = 0; i < counts.Length; i++)
            {
                counts[i] += b[i];
            }
        }

        var buckets = new List<LatencyBucket>();
        int lastNonEmpty = Array.FindLastIndex(counts, c => c > 0);
        for (int i = 0; i <= lastNonEmpty; i++)
        {
            buckets.Add(new LatencyBucket(ReplayJournal.BucketUpperMicros(i), counts[i]));
        }

        return new LatencySummary(strategy, stage, h.Count, h.P50 / 1000.0, h.P99 / 1000.0, h.P999 / 1000.0, h.Max / 1000.0, buckets);
    }

    private static DecisionEntry ToEntry(DecisionRecord d)
    {
        var strikes = new List<double>(4);
        var deltas = new List<double>(4);
        for (int i = 0; i < 4; i++)
        {
            if (double.IsFinite(d.Strikes[i]))
            {
                strikes.Add(d.Strikes[i]);
                deltas.Add(d.Deltas[i]);
            }
        }

        static double Micros(long ticks) => DecisionLatencies.ToNanoseconds(ticks) / 1000.0;
        return new DecisionEntry(
            d.Time, d.Strategy.ToString(), d.Kind.ToString(), d.RuleIds, d.Reason, d.Spot, d.Vix, d.Regime.ToString(), (int)d.Phase,
            strikes, deltas, d.Order == default ? string.Empty : d.Order.ToString(), d.Quantity,
            Micros(d.Cost.MarketView), Micros(d.Cost.Strategy), Micros(d.Cost.Risk), Micros(d.Cost.OrderConstruction));
    }

    private static string Describe(string ruleIds, string reason) =>
        reason.Length == 0 ? ruleIds : ruleIds.Length == 0 || reason.StartsWith(ruleIds, StringComparison.Ordinal) ? reason : $"{ruleIds} {reason}";

    /// <summary>"SPXW 2024-03-15 IronCondor +1 4700P -1 4730P -1 4950C +1 4980C".</summary>
    private static string Describe(OptionStructure s)
    {
        if (s.Count == 0)
        {
            return string.Empty;
        }

        var first = s[0].Contract;
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{first.Root} {first.Expiry:yyyy-MM-dd} {s.Kind}");
        for (int i = 0; i < s.Count; i++)
        {
            var leg = s[i];
            text.Append(CultureInfo.InvariantCulture, $" {leg.Ratio:+0;-0} {leg.Contract.Strike}{(leg.Contract.Right == TomKing.Greeks.OptionRight.Call ? 'C' : 'P')}");
            if (leg.Contract.Expiry != first.Expiry)
            {
                text.Append(CultureInfo.InvariantCulture, $"@{leg.Contract.Expiry:yyyy-MM-dd}");
            }
        }

        return text.ToString();
    }
}

using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Risk;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Engine.Replay;

/// <summary>One P-1 regime change as the kernel saw it.</summary>
/// <param name="Transition">The change (from, to, the reading, detection time).</param>
/// <param name="DetectionMicros">Wall-clock µs from applying the minute's market data to the regime event
/// (machine-dependent: not part of determinism checks).</param>
public readonly record struct RegimeEvent(RegimeTransition Transition, double DetectionMicros);

/// <summary>The account at one trading day's close.</summary>
/// <param name="Date">Trading day.</param>
/// <param name="NetLiq">Net liq, USD.</param>
/// <param name="HighWaterMark">High-water mark of net liq, USD.</param>
/// <param name="BuyingPowerInUse">BP in use, USD.</param>
/// <param name="Vix">VIX at the close (NaN when none).</param>
/// <param name="Regime">P-1 regime.</param>
/// <param name="Phase">P-2 phase.</param>
/// <param name="OpenPositions">Open positions.</param>
public readonly record struct DailyMark(DateOnly Date, decimal NetLiq, decimal HighWaterMark, decimal BuyingPowerInUse, double Vix, VixRegime Regime, AccountPhase Phase, int OpenPositions);

/// <summary>One position's life as the kernel followed it (entry order, exit order or settlement, reason).</summary>
public sealed class TradeState
{
    internal TradeState(PositionId position, StrategyId strategy, OptionStructure structure)
    {
        Position = position;
        Strategy = strategy;
        Structure = structure;
    }

    /// <summary>The position.</summary>
    public PositionId Position { get; }

    /// <summary>Owner.</summary>
    public StrategyId Strategy { get; }

    /// <summary>Entry structure (per unit).</summary>
    public OptionStructure Structure { get; }

    /// <summary>Units of the entry fill.</summary>
    public int Units { get; internal set; }

    /// <summary>Eastern time of the entry fill.</summary>
    public DateTime Opened { get; internal set; }

    /// <summary>Net entry price per unit (LEAN sign).</summary>
    public decimal EntryPrice { get; internal set; }

    /// <summary>Eastern time the last leg went flat (null while open).</summary>
    public DateTime? Closed { get; internal set; }

    /// <summary>Net price per unit of the trade that closed it (LEAN sign; null while open).</summary>
    public decimal? ExitPrice { get; internal set; }

    /// <summary>Why it closed ("F0-5 take profit", "expired", "assigned: …"); null while open.</summary>
    public string? ExitReason { get; internal set; }

    /// <summary>Realized P&amp;L after fees, USD (final once closed).</summary>
    public decimal RealizedPnl { get; internal set; }

    /// <summary>Fees, USD.</summary>
    public decimal Fees { get; internal set; }

    internal string? PendingReason { get; set; }
}

/// <summary>
/// Everything the replay kernel records as it runs: decision records (value types, kept in order), regime
/// changes, one mark per trading day, each position's life, decision latency histograms and event counts.
/// The backtest runner turns it into the results file.
/// </summary>
public sealed class ReplayJournal
{
    /// <summary>Log₂ buckets of decision latency for the report chart: upper bounds 0.25 µs × 2^i.</summary>
    public const int BucketCount = 24;

    /// <summary>Stages per strategy in <see cref="Buckets"/>: the four of <see cref="DecisionStage"/> plus the total.</summary>
    public const int StageSlots = 5;

    private readonly long[] _buckets = new long[5 * StageSlots * BucketCount];

    /// <summary>Every decision record, in the order the kernel received them.</summary>
    public List<DecisionRecord> Decisions { get; } = new(4096);

    /// <summary>P-1 regime changes.</summary>
    public List<RegimeEvent> RegimeChanges { get; } = new(64);

    /// <summary>One entry per trading day at the close.</summary>
    public List<DailyMark> Days { get; } = new(260);

    /// <summary>Positions in the order of their first fill.</summary>
    public List<TradeState> Trades { get; } = new(512);

    /// <summary>Decision latency per strategy and stage (nanoseconds).</summary>
    public DecisionLatencies Latencies { get; } = new();

    /// <summary>Problems the kernel met (never silent), each once.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Market events applied (quotes generated or read, ticks).</summary>
    public long Events { get; internal set; }

    /// <summary>Evaluation minutes replayed.</summary>
    public long Minutes { get; internal set; }

    /// <summary>Trading days replayed (completed to their close).</summary>
    public int TradingDays { get; internal set; }

    /// <summary>True when the run was cancelled before its last day: everything recorded up to the last
    /// completed close is kept (a partly replayed day has no daily mark).</summary>
    public bool Cancelled { get; internal set; }

    /// <summary>Counts of one strategy's stage (0–3 <see cref="DecisionStage"/>, 4 total) per log₂ bucket.</summary>
    public ReadOnlySpan<long> Buckets(StrategyId strategy, int stage) =>
        _buckets.AsSpan((((int)strategy * StageSlots) + stage) * BucketCount, BucketCount);

    /// <summary>Upper bound of bucket <paramref name="index"/> in µs.</summary>
    public static double BucketUpperMicros(int index) => 0.25 * Math.Pow(2, index);

    internal void Warn(string warning)
    {
        if (!Warnings.Contains(warning))
        {
            Warnings.Add(warning);
        }
    }

    internal void Record(in DecisionRecord decision)
    {
        Decisions.Add(decision);
        Latencies.Record(in decision);
        var c = decision.Cost;
        int b = (int)decision.Strategy * StageSlots;
        Count(b + 0, c.MarketView);
        Count(b + 1, c.Strategy);
        Count(b + 2, c.Risk);
        Count(b + 3, c.OrderConstruction);
        Count(b + 4, c.Total);
    }

    private void Count(int slot, long stopwatchTicks)
    {
        double micros = DecisionLatencies.ToNanoseconds(stopwatchTicks) / 1000.0;
        int i = 0;
        double upper = 0.25;
        while (micros > upper && i < BucketCount - 1)
        {
            upper *= 2;
            i++;
        }

        _buckets[(slot * BucketCount) + i]++;
    }
}

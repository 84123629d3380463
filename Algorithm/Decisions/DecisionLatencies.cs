using System.Diagnostics;
using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Decisions;

/// <summary>
/// Decision latency per strategy and per stage (RULEBOOK section 3: market view, strategy logic, risk
/// checks, order construction) plus the total, in nanoseconds, kept in
/// <see cref="LatencyHistogram"/>s so recording every decision allocates nothing.
/// </summary>
public sealed class DecisionLatencies
{
    private const int Strategies = (int)StrategyId.LPL + 1;
    private const int Stages = (int)DecisionStage.OrderConstruction + 1;
    private const int Slots = Stages + 1; // the last one per strategy is the total

    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;
    private readonly LatencyHistogram[] _histograms;

    /// <summary>Creates empty histograms for every strategy and stage.</summary>
    public DecisionLatencies()
    {
        _histograms = new LatencyHistogram[Strategies * Slots];
        for (int i = 0; i < _histograms.Length; i++)
        {
            _histograms[i] = new LatencyHistogram();
        }
    }

    /// <summary>The histogram of one strategy's stage.</summary>
    public LatencyHistogram Get(StrategyId strategy, DecisionStage stage) => _histograms[Index(strategy, (int)stage)];

    /// <summary>The histogram of one strategy's whole decision (the sum of its stages).</summary>
    public LatencyHistogram Total(StrategyId strategy) => _histograms[Index(strategy, Stages)];

    /// <summary>Records a decision's stage costs (Stopwatch ticks in <see cref="DecisionRecord.Cost"/>) and their total.</summary>
    public void Record(in DecisionRecord decision)
    {
        int b = Index(decision.Strategy, 0);
        StageCost c = decision.Cost;
        _histograms[b + (int)DecisionStage.MarketView].Record(ToNanoseconds(c.MarketView));
        _histograms[b + (int)DecisionStage.Strategy].Record(ToNanoseconds(c.Strategy));
        _histograms[b + (int)DecisionStage.Risk].Record(ToNanoseconds(c.Risk));
        _histograms[b + (int)DecisionStage.OrderConstruction].Record(ToNanoseconds(c.OrderConstruction));
        _histograms[b + Stages].Record(ToNanoseconds(c.Total));
    }

    /// <summary>Records one stage's cost in Stopwatch ticks.</summary>
    public void Record(StrategyId strategy, DecisionStage stage, long stopwatchTicks) =>
        _histograms[Index(strategy, (int)stage)].Record(ToNanoseconds(stopwatchTicks));

    /// <summary>Adds one stage (or, with <paramref name="stage"/> null, the totals) of every strategy into <paramref name="target"/>.</summary>
    public void MergeInto(LatencyHistogram target, DecisionStage? stage)
    {
        ArgumentNullException.ThrowIfNull(target);
        int offset = stage is { } s ? (int)s : Stages;
        for (int k = 0; k < Strategies; k++)
        {
            target.Merge(_histograms[(k * Slots) + offset]);
        }
    }

    /// <summary>Forgets every sample.</summary>
    public void Reset()
    {
        foreach (var h in _histograms)
        {
            h.Reset();
        }
    }

    /// <summary>Converts Stopwatch ticks to nanoseconds.</summary>
    public static long ToNanoseconds(long stopwatchTicks) => (long)(stopwatchTicks * NanosecondsPerTick);

    private static int Index(StrategyId strategy, int offset)
    {
        int k = (int)strategy;
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)k, (uint)Strategies, nameof(strategy));
        return (k * Slots) + offset;
    }
}

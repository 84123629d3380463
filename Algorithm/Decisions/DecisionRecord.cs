using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Algorithm.Decisions;

/// <summary>
/// One strategy decision as RULEBOOK section 3 requires: strategy, rule IDs that fired, inputs (spot,
/// VIX/regime, phase, chosen strikes and their deltas), the order it produced, and its wall-clock cost by
/// stage. A value type so recording allocates nothing; <see cref="RuleIds"/> and <see cref="Reason"/>
/// should be constant strings on hot paths (a formatted reason is acceptable for rare skips).
/// </summary>
/// <param name="Time">Eastern time of the decision.</param>
/// <param name="Strategy">Deciding strategy.</param>
/// <param name="Kind">Enter, skip, adjust or exit.</param>
/// <param name="RuleIds">Rule IDs that fired, space-separated (e.g. "F0-2 F0-3", "P-3").</param>
/// <param name="Reason">Human-readable reason (why skipped, which exit).</param>
/// <param name="Spot">Underlying price used.</param>
/// <param name="Vix">VIX (or model-free equivalent) used; NaN when none.</param>
/// <param name="Regime">P-1 regime at the decision.</param>
/// <param name="Phase">P-2 phase at the decision.</param>
/// <param name="Strikes">Chosen strikes (up to 4, leg order of the structure; NaN unused).</param>
/// <param name="Deltas">Deltas of the chosen strikes (signed; NaN unused).</param>
/// <param name="Position">Position concerned (empty for skips).</param>
/// <param name="Order">The order it produced (default when none).</param>
/// <param name="Quantity">Units ordered (0 when none).</param>
/// <param name="Cost">Wall-clock cost by stage, in stopwatch ticks.</param>
public readonly record struct DecisionRecord(
    DateTime Time,
    StrategyId Strategy,
    DecisionKind Kind,
    string RuleIds,
    string Reason,
    double Spot,
    double Vix,
    VixRegime Regime,
    AccountPhase Phase,
    LegValues Strikes,
    LegValues Deltas,
    PositionId Position,
    ClientOrderId Order,
    int Quantity,
    StageCost Cost);

/// <summary>Up to four per-leg numbers stored inline (no array).</summary>
/// <param name="Leg0">First leg.</param>
/// <param name="Leg1">Second leg.</param>
/// <param name="Leg2">Third leg.</param>
/// <param name="Leg3">Fourth leg.</param>
public readonly record struct LegValues(double Leg0, double Leg1, double Leg2, double Leg3)
{
    /// <summary>All NaN.</summary>
    public static LegValues None { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>The value of leg <paramref name="index"/> (0–3).</summary>
    public double this[int index] => index switch { 0 => Leg0, 1 => Leg1, 2 => Leg2, 3 => Leg3, _ => double.NaN };
}

/// <summary>Wall-clock cost of one decision by stage, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
/// <param name="MarketView">Reading the market view.</param>
/// <param name="Strategy">Strategy logic.</param>
/// <param name="Risk">Risk checks.</param>
/// <param name="OrderConstruction">Building the order.</param>
public readonly record struct StageCost(long MarketView, long Strategy, long Risk, long OrderConstruction)
{
    /// <summary>Sum of the stages.</summary>
    public long Total => MarketView + Strategy + Risk + OrderConstruction;
}

using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Orders;

/// <summary>
/// P-10 price arithmetic for combo limits under LEAN's sign convention (a credit is a negative combo
/// price; see <see cref="Ports.ComboOrderRequest"/>): the ladder from mid toward the natural price and
/// rounding to the option tick.
/// </summary>
/// <remarks>
/// Rounding direction follows the order's side, not credit or debit: a buy (quantity &gt; 0) fills at or
/// below its limit, so the passive side is lower; a sell (quantity &lt; 0) fills at or above, so the
/// passive side is higher. The mid and the intermediate steps round to the passive side (never pay more
/// than the step's fraction of the way); the step that reaches the natural rounds to the aggressive side,
/// so the order stays marketable even when the natural is off the tick grid (when it is on the grid, as
/// sums of on-grid leg quotes are, the limit is the natural exactly). Example, opening an SPXW iron condor
/// (buy, quantity +1) with mid −1.225 and natural −1.00: mid → −1.25 (asks 1.25 credit), then −1.15, −1.10 (−1.075 rounded to the passive side), −1.00.
/// </remarks>
public static class ComboPricing
{
    // A price within this many ticks of a grid point is on it (double → decimal noise such as 1.2000000001).
    private const decimal OnGridTolerance = 0.000001m;

    /// <summary>The exact (unrounded) price of ladder step <paramref name="step"/>: mid + min(1, step × fraction) × (natural − mid).</summary>
    public static double LadderTarget(double mid, double natural, int step, double fraction)
    {
        double f = Math.Min(1.0, step * fraction);
        return f >= 1.0 - 1e-9 ? natural : mid + (f * (natural - mid));
    }

    /// <summary>True when step <paramref name="step"/> reaches the natural price.</summary>
    public static bool ReachesNatural(int step, double fraction) => step * fraction >= 1.0 - 1e-9;

    /// <summary>The tick-rounded limit of ladder step <paramref name="step"/> (0 = the first limit, at mid).</summary>
    /// <param name="root">Option root (for the tick).</param>
    /// <param name="mid">Net combo mid per unit, signed.</param>
    /// <param name="natural">Net combo natural per unit, signed.</param>
    /// <param name="buying">True when the order quantity is positive.</param>
    /// <param name="step">Step number, 0 … steps.</param>
    /// <param name="fraction">Fraction of the mid-to-natural distance per step.</param>
    public static decimal LimitForStep(Ticker root, double mid, double natural, bool buying, int step, double fraction)
    {
        if (ReachesNatural(step, fraction))
        {
            return NaturalLimit(root, natural, buying);
        }

        double target = LadderTarget(mid, natural, step, fraction);
        return RoundToTick(target, OptionTickSize.For(root, target), up: !buying);
    }

    /// <summary>The limit that crosses at once: the natural, rounded to the aggressive side.</summary>
    public static decimal NaturalLimit(Ticker root, double natural, bool buying) =>
        RoundToTick(natural, OptionTickSize.For(root, natural), up: buying);

    /// <summary>Rounds a price to a multiple of <paramref name="tick"/>, up or down (prices already on the
    /// grid, up to floating-point noise, stay where they are).</summary>
    public static decimal RoundToTick(double price, decimal tick, bool up)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tick, 0m);
        if (!double.IsFinite(price) || Math.Abs(price) > 1e12)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, "A limit price must be finite.");
        }

        decimal ticks = (decimal)price / tick;
        decimal nearest = decimal.Round(ticks);
        if (Math.Abs(ticks - nearest) <= OnGridTolerance)
        {
            return nearest * tick;
        }

        return (up ? decimal.Ceiling(ticks) : decimal.Floor(ticks)) * tick;
    }
}

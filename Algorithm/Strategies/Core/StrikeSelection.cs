using TomKing.Algorithm.Market;
using TomKing.Greeks;

namespace TomKing.Algorithm.Strategies.Core;

/// <summary>Strike choice by delta and by distance (F0-3, FS-3, FS-5, IPMCC-2, LPL-1).</summary>
internal static class StrikeSelection
{
    /// <summary>
    /// Index of the strike whose |delta| is closest to <paramref name="target"/> among strikes with
    /// |delta| in [<paramref name="minAbsDelta"/>, <paramref name="maxAbsDelta"/>]; a tie goes to the
    /// smaller delta (further out of the money). A strike without Greeks (one-sided, crossed or unsolvable
    /// quote) is not a candidate. −1 when there is none.
    /// </summary>
    public static int ClosestDelta(ChainExpiry expiry, OptionRight right, double target, double maxAbsDelta, double minAbsDelta = 0.0)
    {
        int best = -1;
        double bestGap = double.MaxValue;
        double bestDelta = double.MaxValue;
        for (int i = 0; i < expiry.Count; i++)
        {
            ContractGreeks g = expiry.GreeksAt(i, right);
            if (!g.IsAvailable)
            {
                continue;
            }

            double d = g.AbsDelta;
            if (!(d <= maxAbsDelta) || d < minAbsDelta)
            {
                continue;
            }

            double gap = Math.Abs(d - target);
            if (gap < bestGap || (gap == bestGap && d < bestDelta))
            {
                best = i;
                bestGap = gap;
                bestDelta = d;
            }
        }

        return best;
    }

    /// <summary>
    /// Index of the nearest listed strike at least <paramref name="points"/> further out of the money than
    /// the strike at <paramref name="fromIndex"/> (below it for puts, above it for calls); −1 when none is
    /// listed that far (F0-3: never a narrower wing).
    /// </summary>
    public static int AtLeastPointsFurtherOut(ChainExpiry expiry, int fromIndex, OptionRight right, double points)
    {
        ReadOnlySpan<double> strikes = expiry.Strikes;
        const double tolerance = 1e-9;
        if (right == OptionRight.Put)
        {
            double limit = strikes[fromIndex] - points + tolerance;
            for (int i = fromIndex - 1; i >= 0; i--)
            {
                if (strikes[i] <= limit)
                {
                    return i;
                }
            }
        }
        else
        {
            double limit = strikes[fromIndex] + points - tolerance;
            for (int i = fromIndex + 1; i < strikes.Length; i++)
            {
                if (strikes[i] >= limit)
                {
                    return i;
                }
            }
        }

        return -1;
    }
}

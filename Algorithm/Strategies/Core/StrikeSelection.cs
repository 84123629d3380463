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
    /// <remarks>
    /// Fast path: |delta| is monotone in strike on an arbitrage-free chain (falling for calls, rising for
    /// puts), so a bisection finds where it crosses the target after ~log₂(n) Greeks evaluations instead
    /// of n (each may be an implied-vol solve after quotes moved). The answer is then taken from a window
    /// around the crossing, and only if the window proves it: every strike in it has Greeks, |delta| is
    /// strictly monotone across it, and both window edges are farther from the target than the best
    /// candidate — beyond them monotonicity keeps every strike farther still. Anything else (a probe
    /// without Greeks, a non-monotone stretch, a window that cannot prove itself) falls back to the full
    /// scan. The result equals <see cref="ClosestDeltaByScan"/> whenever |delta| is monotone in strike
    /// outside the window (every arbitrage-free chain); a far strike whose delta contradicts that (a
    /// stale or bad quote) is not considered.
    /// <para>Wings without Greeks: strikes at either end that have no Greeks (one-sided quotes: far
    /// out-of-the-money 0DTE options bid at zero) are skipped from the outside in, and the search runs on
    /// the range between the first strikes that have Greeks. Those skipped strikes are not candidates in
    /// the scan either, so the trimmed range's ends play the part of the chain's ends in the window proof.
    /// (Before, a wing without Greeks sent every 0DTE chain to the full scan: an implied-vol solve per
    /// strike whenever a move of the parity forward had discarded the expiry's cached Greeks.) Likewise a
    /// bisection probe without Greeks moves to the nearest strike with Greeks between the bracket's ends,
    /// and strikes without Greeks inside the window are skipped (not candidates) rather than sending the
    /// search to the full scan; the window's proof uses its outermost strikes with Greeks.</para>
    /// </remarks>
    public static int ClosestDelta(ChainExpiry expiry, OptionRight right, double target, double maxAbsDelta, double minAbsDelta = 0.0)
    {
        int n = expiry.Count;
        if (n < 16)
        {
            return ClosestDeltaByScan(expiry, right, target, maxAbsDelta, minAbsDelta);
        }

        // Orient so that |delta| rises with the index k: puts rise with strike, calls fall.
        bool reversed = right == OptionRight.Call;
        int lo = 0;
        int hi = n - 1;
        double dLo, dHi;
        while (!TryAbsDelta(expiry, right, Index(lo, n, reversed), out dLo))
        {
            if (++lo >= hi)
            {
                return ClosestDeltaByScan(expiry, right, target, maxAbsDelta, minAbsDelta);
            }
        }

        while (!TryAbsDelta(expiry, right, Index(hi, n, reversed), out dHi))
        {
            if (--hi <= lo)
            {
                return ClosestDeltaByScan(expiry, right, target, maxAbsDelta, minAbsDelta);
            }
        }

        if (!(dLo < dHi))
        {
            return ClosestDeltaByScan(expiry, right, target, maxAbsDelta, minAbsDelta);
        }

        // Strikes outside [first, last] have no Greeks: no candidates there.
        int first = lo;
        int last = hi;

        // Invariant: |delta|(lo) < target ≤ |delta|(hi), or the target is outside [dLo, dHi].
        if (target > dLo && target <= dHi)
        {
            while (hi - lo > 1)
            {
                // The probe is the middle strike, or the strike with Greeks nearest to it strictly between
                // lo and hi (a strike without Greeks is no candidate); none left: lo and hi bracket the target.
                int mid = lo + ((hi - lo) / 2);
                int probe = mid;
                bool found = TryAbsDelta(expiry, right, Index(mid, n, reversed), out double dMid);
                for (int step = 1; !found && (mid - step > lo || mid + step < hi); step++)
                {
                    if (mid + step < hi && TryAbsDelta(expiry, right, Index(mid + step, n, reversed), out dMid))
                    {
                        probe = mid + step;
                        found = true;
                    }
                    else if (mid - step > lo && TryAbsDelta(expiry, right, Index(mid - step, n, reversed), out dMid))
                    {
                        probe = mid - step;
                        found = true;
                    }
                }

                if (!found)
                {
                    break;
                }

                if (dMid < target)
                {
                    lo = probe;
                }
                else
                {
                    hi = probe;
                }
            }
        }
        else
        {
            return ClosestDeltaByScan(expiry, right, target, maxAbsDelta, minAbsDelta);
        }

        const int HalfWindow = 3;
        int from = Math.Max(first, lo - HalfWindow);
        int to = Math.Min(last, hi + HalfWindow);
        int best = -1;
        double bestGap = double.MaxValue;
        double bestDelta = double.MaxValue;
        double previous = double.NegativeInfinity;
        double dLowest = double.NaN, dHighest = double.NaN;
        for (int k = from; k <= to; k++)
        {
            if (!TryAbsDelta(expiry, right, Index(k, n, reversed), out double d))
            {
                continue; // no Greeks: not a candidate (as in the scan)
            }

            if (!(d > previous))
            {
                return ClosestDeltaByScan(expiry, right, target, maxAbsDelta, minAbsDelta);
            }

            if (double.IsNaN(dLowest))
            {
                dLowest = d;
            }

            dHighest = d;
            previous = d;
            if (!(d <= maxAbsDelta) || d < minAbsDelta)
            {
                continue;
            }

            double gap = Math.Abs(d - target);
            if (gap < bestGap || (gap == bestGap && d < bestDelta))
            {
                best = Index(k, n, reversed);
                bestGap = gap;
                bestDelta = d;
            }
        }

        // The window proves the answer only if its outermost strikes with Greeks are strictly farther than
        // the best (or the window reaches the ends of the strikes with Greeks); otherwise a strike beyond
        // could tie or win. (lo and hi have Greeks, so both outermost strikes exist.)
        bool lowerProven = from == first || target - dLowest > bestGap;
        bool upperProven = to == last || dHighest - target > bestGap;
        return best >= 0 && lowerProven && upperProven
            ? best
            : ClosestDeltaByScan(expiry, right, target, maxAbsDelta, minAbsDelta);
    }

    /// <summary>The reference selection: every strike examined (see <see cref="ClosestDelta"/>).</summary>
    public static int ClosestDeltaByScan(ChainExpiry expiry, OptionRight right, double target, double maxAbsDelta, double minAbsDelta = 0.0)
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

    private static int Index(int k, int n, bool reversed) => reversed ? n - 1 - k : k;

    private static bool TryAbsDelta(ChainExpiry expiry, OptionRight right, int index, out double absDelta)
    {
        ContractGreeks g = expiry.GreeksAt(index, right);
        absDelta = g.IsAvailable ? g.AbsDelta : double.NaN;
        return g.IsAvailable;
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

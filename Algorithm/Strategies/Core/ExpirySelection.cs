using TomKing.Algorithm.Market;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Algorithm.Strategies.Core;

/// <summary>Expiry choice by days to expiry (L112-2, FS-2, IPMCC-2, LPL-1).</summary>
internal static class ExpirySelection
{
    /// <summary>Index of the listed expiry closest to the window's target within [min, max]; a tie goes to
    /// the shorter expiry (RULEBOOK-NOTES). −1 when none is inside the window.</summary>
    public static int ClosestTo(OptionChain chain, DateOnly today, DteWindow window)
    {
        ReadOnlySpan<DateOnly> expiries = chain.Expiries;
        int best = -1;
        int bestGap = int.MaxValue;
        for (int i = 0; i < expiries.Length; i++)
        {
            int days = expiries[i].DayNumber - today.DayNumber;
            if (!window.Contains(days))
            {
                continue;
            }

            int gap = Math.Abs(days - window.Target);
            if (gap < bestGap)
            {
                best = i;
                bestGap = gap;
            }
        }

        return best;
    }

    /// <summary>Index of the expiry on <paramref name="date"/>, or −1.</summary>
    public static int On(OptionChain chain, DateOnly date)
    {
        ReadOnlySpan<DateOnly> expiries = chain.Expiries;
        for (int i = 0; i < expiries.Length; i++)
        {
            if (expiries[i] == date)
            {
                return i;
            }
        }

        return -1;
    }
}

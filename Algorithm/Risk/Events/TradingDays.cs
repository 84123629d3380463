namespace TomKing.Algorithm.Risk.Events;

/// <summary>Weekday arithmetic for rules counted in trading days (P-5 cooldown, P-8 earnings window).
/// Exchange holidays are not removed (documented on the callers).</summary>
public static class TradingDays
{
    /// <summary>Weekdays d with <paramref name="from"/> &lt; d ≤ <paramref name="to"/> (0 when to ≤ from).</summary>
    public static int Between(DateOnly from, DateOnly to)
    {
        if (to <= from)
        {
            return 0;
        }

        int days = to.DayNumber - from.DayNumber;
        int weeks = days / 7;
        int count = weeks * 5;
        var d = from.AddDays(weeks * 7);
        while (d < to)
        {
            d = d.AddDays(1);
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                count++;
            }
        }

        return count;
    }
}

namespace TomKing.Greeks;

/// <summary>
/// US/Eastern (exchange time) to UTC by the US daylight-saving rules, so time to expiry is exact
/// across DST changes without depending on the host's time-zone database. Rules: from 2007 DST runs
/// from the second Sunday of March to the first Sunday of November; 1987–2006 from the first Sunday
/// of April to the last Sunday of October; transitions at 02:00 local time.
/// </summary>
public static class UsEastern
{
    private static readonly TimeSpan StandardOffset = TimeSpan.FromHours(-5);
    private static readonly TimeSpan DaylightOffset = TimeSpan.FromHours(-4);

    /// <summary>Offset from UTC of a local Eastern wall-clock time.</summary>
    public static TimeSpan OffsetAt(DateTime eastern)
    {
        (DateTime start, DateTime end) = DaylightWindow(eastern.Year);

        var local = DateTime.SpecifyKind(eastern, DateTimeKind.Unspecified);
        return local >= start && local < end ? DaylightOffset : StandardOffset;
    }

    /// <summary>Eastern wall-clock time to UTC.</summary>
    public static DateTime ToUtc(DateTime eastern) =>
        DateTime.SpecifyKind(DateTime.SpecifyKind(eastern, DateTimeKind.Unspecified) - OffsetAt(eastern), DateTimeKind.Utc);

    /// <summary>UTC to Eastern wall-clock time. Daylight time applies from 02:00 EST (07:00 UTC) on the
    /// start day to 02:00 EDT (06:00 UTC) on the end day, judged on the UTC instant so the hour skipped
    /// in spring and the hour repeated in autumn map correctly.</summary>
    public static DateTime FromUtc(DateTime utc)
    {
        var instant = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);
        (DateTime startLocal, DateTime endLocal) = DaylightWindow(instant.Year);
        DateTime startUtc = startLocal - StandardOffset;
        DateTime endUtc = endLocal - DaylightOffset;
        return instant >= startUtc && instant < endUtc ? instant + DaylightOffset : instant + StandardOffset;
    }

    private static (DateTime Start, DateTime End) DaylightWindow(int year) => year >= 2007
        ? (NthSunday(year, 3, 2).AddHours(2), NthSunday(year, 11, 1).AddHours(2))
        : (NthSunday(year, 4, 1).AddHours(2), LastSunday(year, 10).AddHours(2));

    private static DateTime NthSunday(int year, int month, int n)
    {
        var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        int offset = ((int)DayOfWeek.Sunday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateTime LastSunday(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Unspecified);
        return last.AddDays(-(int)last.DayOfWeek);
    }
}

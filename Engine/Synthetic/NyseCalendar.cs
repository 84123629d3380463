namespace TomKing.Engine.Synthetic;

/// <summary>
/// The US equity-options trading calendar the synthetic market runs on: weekdays minus the NYSE
/// holidays, derived by rule for any year, with the 13:00 ET early closes. Futures and futures
/// options are modelled on the same regular session (09:30–16:00 ET) so one clock drives every
/// product in a backtest; their overnight sessions are not simulated.
/// </summary>
/// <remarks>
/// Holidays: New Year's Day, Martin Luther King Jr. Day (3rd Monday of January), Presidents' Day (3rd
/// Monday of February), Good Friday, Memorial Day (last Monday of May), Juneteenth (from 2022),
/// Independence Day, Labor Day (1st Monday of September), Thanksgiving (4th Thursday of November) and
/// Christmas. A fixed-date holiday on a Saturday is observed on the Friday before (except New Year's
/// Day, which NYSE then does not observe), on a Sunday on the Monday after. Early closes at 13:00 ET:
/// the day after Thanksgiving, Christmas Eve and 3 July (when they are trading days). Unscheduled
/// closures (national days of mourning such as 2025-01-09, weather) are not modelled.
/// </remarks>
public static class NyseCalendar
{
    /// <summary>The regular open, 09:30 ET.</summary>
    public static readonly TimeOnly Open = new(9, 30);

    /// <summary>The regular close, 16:00 ET.</summary>
    public static readonly TimeOnly Close = new(16, 0);

    /// <summary>The early close, 13:00 ET.</summary>
    public static readonly TimeOnly EarlyClose = new(13, 0);

    /// <summary>Minutes from the open to a regular close (390).</summary>
    public const int RegularSessionMinutes = 390;

    /// <summary>Minutes from the open to an early close (210).</summary>
    public const int EarlySessionMinutes = 210;

    /// <summary>True when the exchange is open on <paramref name="date"/>.</summary>
    public static bool IsTradingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(date);

    /// <summary>True when <paramref name="date"/> is a weekday holiday (the observed date).</summary>
    public static bool IsHoliday(DateOnly date)
    {
        int y = date.Year;
        return date == ObservedNewYear(y)
            || date == NthWeekday(y, 1, DayOfWeek.Monday, 3)
            || date == NthWeekday(y, 2, DayOfWeek.Monday, 3)
            || date == GoodFriday(y)
            || date == LastWeekday(y, 5, DayOfWeek.Monday)
            || (y >= 2022 && date == Observed(new DateOnly(y, 6, 19)))
            || date == Observed(new DateOnly(y, 7, 4))
            || date == NthWeekday(y, 9, DayOfWeek.Monday, 1)
            || date == NthWeekday(y, 11, DayOfWeek.Thursday, 4)
            || date == Observed(new DateOnly(y, 12, 25));
    }

    /// <summary>True when <paramref name="date"/> is a trading day that closes at 13:00 ET.</summary>
    public static bool IsEarlyClose(DateOnly date)
    {
        if (!IsTradingDay(date))
        {
            return false;
        }

        int y = date.Year;
        return date == NthWeekday(y, 11, DayOfWeek.Thursday, 4).AddDays(1)
            || date == new DateOnly(y, 12, 24)
            || date == new DateOnly(y, 7, 3);
    }

    /// <summary>The closing time of a trading day (16:00 or 13:00 ET).</summary>
    public static TimeOnly CloseOn(DateOnly date) => IsEarlyClose(date) ? EarlyClose : Close;

    /// <summary>Minutes from 09:30 to the close of a trading day (390 or 210).</summary>
    public static int SessionMinutes(DateOnly date) => IsEarlyClose(date) ? EarlySessionMinutes : RegularSessionMinutes;

    /// <summary>The first trading day strictly after <paramref name="date"/>.</summary>
    public static DateOnly NextTradingDay(DateOnly date)
    {
        do
        {
            date = date.AddDays(1);
        }
        while (!IsTradingDay(date));
        return date;
    }

    /// <summary>The last trading day strictly before <paramref name="date"/>.</summary>
    public static DateOnly PreviousTradingDay(DateOnly date)
    {
        do
        {
            date = date.AddDays(-1);
        }
        while (!IsTradingDay(date));
        return date;
    }

    /// <summary>The date itself when it trades, else the previous trading day (how listed Friday
    /// expiries move to Thursday when Friday is a holiday).</summary>
    public static DateOnly OnOrBefore(DateOnly date) => IsTradingDay(date) ? date : PreviousTradingDay(date);

    /// <summary>The third Friday of a month (standard monthly option expiration, before holiday adjustment).</summary>
    public static DateOnly ThirdFriday(int year, int month) => NthWeekday(year, month, DayOfWeek.Friday, 3);

    /// <summary>Good Friday: two days before Western Easter (anonymous Gregorian computus).</summary>
    public static DateOnly GoodFriday(int year)
    {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31;
        int day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day).AddDays(-2);
    }

    private static DateOnly ObservedNewYear(int year)
    {
        var d = new DateOnly(year, 1, 1);
        return d.DayOfWeek switch
        {
            DayOfWeek.Sunday => d.AddDays(1),
            DayOfWeek.Saturday => DateOnly.MinValue, // NYSE does not close on the Friday before.
            _ => d,
        };
    }

    private static DateOnly Observed(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Saturday => d.AddDays(-1),
        DayOfWeek.Sunday => d.AddDays(1),
        _ => d,
    };

    private static DateOnly NthWeekday(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        int offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek day)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        int back = ((int)last.DayOfWeek - (int)day + 7) % 7;
        return last.AddDays(-back);
    }
}

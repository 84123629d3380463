namespace TomKing.Algorithm.Rulebook;

/// <summary>P-8: event blackouts. No new short-premium entry on a listed event day; no single-stock
/// option entry within the given trading days before earnings (ETFs and indices exempt).</summary>
public sealed record BlackoutSettings
{
    /// <summary>The user-editable event calendar, relative to the rulebook file's folder (null: none).</summary>
    public string? CalendarFile { get; init; } = "event-calendar.csv";

    /// <summary>Event kinds in the calendar that block short-premium entries that day.</summary>
    public IReadOnlyList<string> Events { get; init; } = ["FOMC", "CPI", "NFP"];

    /// <summary>Trading days before earnings in which single-stock option entries are blocked.</summary>
    public int EarningsTradingDaysBefore { get; init; } = 3;

    internal void Check(SettingsCheck c)
    {
        c.Range("blackouts.earningsTradingDaysBefore", EarningsTradingDaysBefore, 0, 30, "P-8 earnings blackout");
        c.Require(CalendarFile is null || (CalendarFile.Length > 0 && !Path.IsPathRooted(CalendarFile)), "blackouts.calendarFile",
            $"blackouts.calendarFile = \"{CalendarFile}\": must be a path relative to the rulebook file, or null (P-8)");
    }
}

namespace TomKing.Engine.Data.Lean;

/// <summary>
/// Bar resolution of a LEAN file. Second and minute files hold one zip per day with a time column of
/// milliseconds since midnight; hour and daily files hold one zip per symbol (per year for options)
/// with a <c>yyyyMMdd HH:mm</c> time column.
/// </summary>
public enum LeanResolution
{
    /// <summary>One-second bars (one zip per day).</summary>
    Second = 0,

    /// <summary>One-minute bars (one zip per day).</summary>
    Minute = 1,

    /// <summary>One-hour bars (one zip per symbol, or per option root and year).</summary>
    Hour = 2,

    /// <summary>Daily bars (one zip per symbol, or per option root and year).</summary>
    Daily = 3,
}

/// <summary>Facts about <see cref="LeanResolution"/>.</summary>
public static class LeanResolutionFacts
{
    /// <summary>The folder and entry-name token (<c>minute</c>).</summary>
    public static string FolderName(this LeanResolution resolution) => resolution switch
    {
        LeanResolution.Second => "second",
        LeanResolution.Minute => "minute",
        LeanResolution.Hour => "hour",
        LeanResolution.Daily => "daily",
        _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Unknown resolution."),
    };

    /// <summary>The bar period: end time = start time + period.</summary>
    public static TimeSpan Period(this LeanResolution resolution) => resolution switch
    {
        LeanResolution.Second => TimeSpan.FromSeconds(1),
        LeanResolution.Minute => TimeSpan.FromMinutes(1),
        LeanResolution.Hour => TimeSpan.FromHours(1),
        LeanResolution.Daily => TimeSpan.FromDays(1),
        _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Unknown resolution."),
    };

    /// <summary>True when files are per day and rows carry milliseconds since midnight.</summary>
    public static bool IsIntraday(this LeanResolution resolution) =>
        resolution is LeanResolution.Second or LeanResolution.Minute;
}

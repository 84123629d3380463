namespace TomKing.Engine.Data.Lean;

/// <summary>
/// How to interpret the rows of one file: tick type (field layout), resolution (time column and bar
/// period), price scale and the data time zone to convert from. Times are converted to US/Eastern,
/// the engine's single exchange clock, whatever the entry's exchange time zone is (SPX's is Chicago).
/// Daily rows are calendar-date labels (<c>yyyyMMdd 00:00</c>) and are not converted: a daily bar
/// starts at 00:00 of its date and ends 24 h later.
/// </summary>
public readonly record struct LeanRowFormat
{
    /// <summary>Describes a file's rows.</summary>
    public LeanRowFormat(LeanSecurityType securityType, LeanResolution resolution, LeanTickType tickType, LeanTimeZone dataTimeZone)
    {
        ArgumentNullException.ThrowIfNull(dataTimeZone);
        SecurityType = securityType;
        Resolution = resolution;
        TickType = tickType;
        DataTimeZone = dataTimeZone;
    }

    /// <summary>Asset class (decides the price scale).</summary>
    public LeanSecurityType SecurityType { get; }

    /// <summary>Resolution (decides the time column and period).</summary>
    public LeanResolution Resolution { get; }

    /// <summary>Field layout.</summary>
    public LeanTickType TickType { get; }

    /// <summary>The zone the file's times are written in (market-hours database <c>dataTimeZone</c>).</summary>
    public LeanTimeZone DataTimeZone { get; }
}

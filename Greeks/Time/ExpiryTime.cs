namespace TomKing.Greeks;

/// <summary>
/// Time to expiry with intraday precision, in years of 365 calendar days of real (UTC) time.
/// Option values decay through nights and weekends as calendar time passes, and a 0DTE decision at
/// 10:30 ET must see 5.5 hours, not "0 days".
/// </summary>
public static class ExpiryTime
{
    /// <summary>Seconds in a 365-day year.</summary>
    public const double SecondsPerYear = 365.0 * 24.0 * 3600.0;

    /// <summary>The settlement instant of an option (Eastern wall-clock time) for a standard style.</summary>
    public static DateTime SettlementInstant(DateOnly expiryDate, SettlementStyle style) => style switch
    {
        SettlementStyle.AmOpen => expiryDate.ToDateTime(new TimeOnly(9, 30)),
        _ => expiryDate.ToDateTime(new TimeOnly(16, 0)),
    };

    /// <summary>The settlement instant for a contract with its own time (futures options per contract,
    /// e.g. ES quarterly options at 09:30 ET, CL options at 14:30 ET).</summary>
    public static DateTime SettlementInstant(DateOnly expiryDate, TimeOnly easternTime) => expiryDate.ToDateTime(easternTime);

    /// <summary>Years from one Eastern wall-clock instant to another (negative once past).</summary>
    public static double YearsBetween(DateTime fromEastern, DateTime toEastern)
    {
        TimeSpan elapsed = UsEastern.ToUtc(toEastern) - UsEastern.ToUtc(fromEastern);
        return elapsed.TotalSeconds / SecondsPerYear;
    }

    /// <summary>Years from <paramref name="nowEastern"/> to the settlement of an option.</summary>
    public static double YearsToExpiry(DateTime nowEastern, DateOnly expiryDate, SettlementStyle style) =>
        YearsBetween(nowEastern, SettlementInstant(expiryDate, style));

    /// <summary>Years to a settlement at a contract-specific Eastern time.</summary>
    public static double YearsToExpiry(DateTime nowEastern, DateOnly expiryDate, TimeOnly settlementEastern) =>
        YearsBetween(nowEastern, SettlementInstant(expiryDate, settlementEastern));
}

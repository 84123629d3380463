namespace TomKing.Algorithm.Rulebook;

/// <summary>P-6: losses (fractions of the period's starting net liq) that halt new entries for the rest
/// of the day, week or month. A breaker fires at or beyond its threshold.</summary>
public sealed record CircuitBreakerSettings
{
    /// <summary>Loss vs start-of-day net liq that halts entries for the day.</summary>
    public double DailyLoss { get; init; } = 0.05;

    /// <summary>Loss vs start-of-week net liq that halts entries for the week.</summary>
    public double WeeklyLoss { get; init; } = 0.10;

    /// <summary>Loss vs start-of-month net liq that halts entries for the month.</summary>
    public double MonthlyLoss { get; init; } = 0.15;

    internal void Check(SettingsCheck c)
    {
        c.Range("circuitBreakers.dailyLoss", DailyLoss, 0, 1, "P-6 daily loss halt", minExclusive: true, maxExclusive: true);
        c.Range("circuitBreakers.weeklyLoss", WeeklyLoss, DailyLoss, 1, "P-6: not below circuitBreakers.dailyLoss", maxExclusive: true);
        c.Range("circuitBreakers.monthlyLoss", MonthlyLoss, WeeklyLoss, 1, "P-6: not below circuitBreakers.weeklyLoss", maxExclusive: true);
    }
}

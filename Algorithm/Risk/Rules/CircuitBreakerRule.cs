using TomKing.Algorithm.Strategies;

namespace TomKing.Algorithm.Risk.Rules;

/// <summary>
/// P-6 circuit breakers: a loss of 5 % of start-of-day net liq halts new entries for the rest of the
/// day, 10 % of start-of-week for the rest of the week (Monday-based), 15 % of start-of-month for the
/// rest of the calendar month. A breaker latches when it fires: recovering intraday does not reopen
/// entries. Entry-blocking only (the monitor closes nothing for P-6). Latches are state to journal.
/// </summary>
public sealed class CircuitBreakerRule : IEntryRule
{
    internal const string Day = "P-6: daily loss breaker fired; no new entries for the rest of the day";
    internal const string Week = "P-6: weekly loss breaker fired; no new entries for the rest of the week";
    internal const string Month = "P-6: monthly loss breaker fired; no new entries for the rest of the month";

    private DateOnly _day;
    private DateOnly _week;
    private DateOnly _month;

    /// <inheritdoc />
    public string RuleId => "P-6";

    /// <summary>The day the daily breaker last fired.</summary>
    public DateOnly DayHalt { get; private set; }

    /// <summary>The Monday of the week the weekly breaker last fired.</summary>
    public DateOnly WeekHalt { get; private set; }

    /// <summary>The first day of the month the monthly breaker last fired.</summary>
    public DateOnly MonthHalt { get; private set; }

    /// <summary>Restores journaled latches.</summary>
    public void Restore(DateOnly dayHalt, DateOnly weekHalt, DateOnly monthHalt)
    {
        DayHalt = dayHalt;
        WeekHalt = weekHalt;
        MonthHalt = monthHalt;
    }

    /// <summary>Latches breakers that fire now; returns the reason entries are halted, or null.</summary>
    public string? Observe(DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Observe(context, context.Clock.Today);
    }

    /// <summary><see cref="Observe(DecisionContext)"/> with today's date already read (the entry check has it).</summary>
    internal string? Observe(DecisionContext context, DateOnly today)
    {
        var p = context.Portfolio;
        var s = context.Rules.CircuitBreakers;
        decimal nl = p.NetLiquidation;
        if (today != _day)
        {
            // the week's Monday and the month's first day, computed once per day
            _week = WeekStart(today);
            _month = new DateOnly(today.Year, today.Month, 1);
            _day = today;
        }

        var week = _week;
        var month = _month;
        if (Loss(p.StartOfMonthNetLiquidation, nl) >= s.MonthlyLoss)
        {
            MonthHalt = month;
        }

        if (Loss(p.StartOfWeekNetLiquidation, nl) >= s.WeeklyLoss)
        {
            WeekHalt = week;
        }

        if (Loss(p.StartOfDayNetLiquidation, nl) >= s.DailyLoss)
        {
            DayHalt = today;
        }

        return MonthHalt == month ? Month : WeekHalt == week ? Week : DayHalt == today ? Day : null;
    }

    /// <inheritdoc />
    public int Allow(EntryCheck check, int requested, out string reason)
    {
        string? halted = Observe(check.Context, check.Today);
        reason = halted ?? string.Empty;
        return halted is null ? requested : 0;
    }

    /// <summary>The loss from <paramref name="start"/> as a fraction; no conversion when there is none.</summary>
    private static double Loss(decimal start, decimal now)
    {
        if (now >= start || start <= 0m)
        {
            return 0.0;
        }

        double s = (double)start;
        return (s - (double)now) / s;
    }


    private static DateOnly WeekStart(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));
}

using TomKing.Algorithm.Risk.Rules;

namespace TomKing.Engine.Live.Operations;

/// <summary>
/// Which P-6 circuit breakers (RULEBOOK P-6, <see cref="CircuitBreakerRule"/>) are latched now: a loss of
/// 5 % of start-of-day, 10 % of start-of-week or 15 % of start-of-month net liq halts new entries for the
/// rest of that period. Several can be latched at once.
/// </summary>
[Flags]
public enum CircuitBreakerState : byte
{
    /// <summary>No breaker latched: entries are not halted by P-6.</summary>
    None = 0,

    /// <summary>The daily loss breaker halts entries for the rest of the day.</summary>
    Daily = 1,

    /// <summary>The weekly loss breaker halts entries for the rest of the (Monday-based) week.</summary>
    Weekly = 2,

    /// <summary>The monthly loss breaker halts entries for the rest of the calendar month.</summary>
    Monthly = 4,
}

/// <summary>Reads <see cref="CircuitBreakerState"/> from the risk engine's P-6 rule.</summary>
public static class CircuitBreakerStates
{
    /// <summary>The breakers of <paramref name="rule"/> latched on <paramref name="today"/> (exchange date),
    /// with the same period arithmetic as the rule (Monday-based week, calendar month).</summary>
    public static CircuitBreakerState Of(CircuitBreakerRule rule, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var state = CircuitBreakerState.None;
        if (rule.DayHalt == today)
        {
            state |= CircuitBreakerState.Daily;
        }

        if (rule.WeekHalt != default && rule.WeekHalt == today.AddDays(-(((int)today.DayOfWeek + 6) % 7)))
        {
            state |= CircuitBreakerState.Weekly;
        }

        if (rule.MonthHalt != default && rule.MonthHalt == new DateOnly(today.Year, today.Month, 1))
        {
            state |= CircuitBreakerState.Monthly;
        }

        return state;
    }

    /// <summary>"daily", "weekly" or "monthly" for a single flag.</summary>
    public static string Name(this CircuitBreakerState breaker) => breaker switch
    {
        CircuitBreakerState.Daily => "daily",
        CircuitBreakerState.Weekly => "weekly",
        CircuitBreakerState.Monthly => "monthly",
        _ => throw new ArgumentOutOfRangeException(nameof(breaker), breaker, "not a single breaker"),
    };

    /// <summary>The three breakers, in order of scope.</summary>
    public static IReadOnlyList<CircuitBreakerState> Each { get; } =
        [CircuitBreakerState.Daily, CircuitBreakerState.Weekly, CircuitBreakerState.Monthly];
}

using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Algorithm.Risk.Rules;

/// <summary>
/// P-9, entry side: a structure of a P-9 strategy (LT112, FS by default) is not opened at ≤ 21 calendar
/// days to its nearest expiry (it would have to be closed at once). The continuous side — closing
/// positions that reach 21 DTE — is in <see cref="RiskEngine.Monitor"/> via <see cref="IsDue"/>.
/// </summary>
public sealed class TwentyOneDteRule : IEntryRule
{
    internal const string TooShort = "P-9: the structure is at or inside the 21-DTE exit; not opened";

    /// <inheritdoc />
    public string RuleId => "P-9";

    /// <summary>True when a position of <paramref name="strategy"/> expiring (nearest leg) on
    /// <paramref name="nearestExpiry"/> is at or below the setting's days on <paramref name="today"/>.</summary>
    public static bool IsDue(TwentyOneDteSettings settings, StrategyId strategy, DateOnly nearestExpiry, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Applies(settings, strategy) && nearestExpiry.DayNumber - today.DayNumber <= settings.CloseAtOrBelowDays;
    }

    /// <inheritdoc />
    public int Allow(EntryCheck check, int requested, out string reason)
    {
        if (IsDue(check.Context.Rules.TwentyOneDte, check.Intent.Strategy, check.NearestExpiry, check.Today))
        {
            reason = TooShort;
            return 0;
        }

        reason = string.Empty;
        return requested;
    }

    private static bool Applies(TwentyOneDteSettings settings, StrategyId strategy)
    {
        var list = settings.Strategies;
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] == strategy)
            {
                return true;
            }
        }

        return false;
    }
}

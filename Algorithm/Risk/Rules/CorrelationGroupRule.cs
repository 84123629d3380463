using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Risk.Rules;

/// <summary>
/// P-3 correlation groups: at most the group's limit of positions — open ones plus working entries, as
/// <see cref="Ports.IPortfolioView.CountOpen(CorrelationGroup)"/> counts them — (A1 2, A2 3, B1 2, B2 2, C1 2,
/// C2 1, D1 2, D2 1, E 2), A1 and A2 together at most 3, every limit one lower in EXTREME (minimum 1);
/// an underlying in no group is refused. One entry is one position whatever its units, so the rule
/// allows all units or none.
/// </summary>
public sealed class CorrelationGroupRule : IEntryRule
{
    internal const string NoGroup = "P-3: the underlying is in no correlation group (A1..E); entries on it are refused";
    internal const string GroupFull = "P-3: the correlation group's open-position limit is reached";
    internal const string A1A2Full = "P-3: groups A1 and A2 together hold their combined maximum of positions";

    /// <inheritdoc />
    public string RuleId => "P-3";

    /// <inheritdoc />
    public int Allow(EntryCheck check, int requested, out string reason)
    {
        var group = check.Group;
        var limits = check.Context.Rules.Groups;
        var regime = check.Context.Regime;
        var p = check.Portfolio;
        reason = string.Empty;
        if (group == CorrelationGroup.None)
        {
            reason = NoGroup;
            return 0;
        }

        if (p.CountOpen(group) >= limits.LimitFor(group, regime))
        {
            reason = GroupFull;
            return 0;
        }

        if (group is CorrelationGroup.A1 or CorrelationGroup.A2
            && p.CountOpen(CorrelationGroup.A1) + p.CountOpen(CorrelationGroup.A2) >= limits.CombinedA1A2Limit(regime))
        {
            reason = A1A2Full;
            return 0;
        }

        return requested;
    }
}

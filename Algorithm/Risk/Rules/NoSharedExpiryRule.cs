using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Risk.Rules;

/// <summary>
/// P-4: two positions of the same strategy in the same correlation group never share an expiry (a
/// structure's expiry is its nearest leg's, RULEBOOK-NOTES P-4); positions whose entry order is still
/// working count (<see cref="Ports.IPortfolioView.WorkingEntries"/>). Off when the rulebook's
/// <c>noSharedExpiry</c> is false.
/// </summary>
public sealed class NoSharedExpiryRule : IEntryRule
{
    internal const string Shared = "P-4: a position of this strategy in this group already uses this expiry";

    /// <inheritdoc />
    public string RuleId => "P-4";

    /// <inheritdoc />
    public int Allow(EntryCheck check, int requested, out string reason)
    {
        ArgumentNullException.ThrowIfNull(check);
        reason = string.Empty;
        if (!check.Context.Rules.NoSharedExpiry)
        {
            return requested;
        }

        ref readonly var intent = ref check.Intent;
        var expiry = intent.Structure.NearestExpiry;
        if (Uses(check.Portfolio.OpenPositions, intent.Strategy, check.Group, expiry)
            || Uses(check.Portfolio.WorkingEntries, intent.Strategy, check.Group, expiry))
        {
            reason = Shared;
            return 0;
        }

        return requested;
    }

    private static bool Uses(ReadOnlySpan<Ports.OpenPosition> positions, StrategyId strategy, CorrelationGroup group, DateOnly expiry)
    {
        foreach (ref readonly var p in positions)
        {
            if (p.Strategy == strategy && p.Group == group && p.Structure.NearestExpiry == expiry)
            {
                return true;
            }
        }

        return false;
    }
}

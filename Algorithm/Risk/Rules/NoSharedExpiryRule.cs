namespace TomKing.Algorithm.Risk.Rules;

/// <summary>
/// P-4: two positions of the same strategy in the same correlation group never share an expiry (a
/// structure's expiry is its nearest leg's, RULEBOOK-NOTES P-4). Off when the rulebook's
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
        foreach (ref readonly var p in check.Portfolio.OpenPositions)
        {
            if (p.Strategy == intent.Strategy && p.Group == check.Group && p.Structure.NearestExpiry == expiry)
            {
                reason = Shared;
                return 0;
            }
        }

        return requested;
    }
}

using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Risk.Rules;

/// <summary>
/// P-4: two positions of the same strategy in the same correlation group never share an expiry (a
/// structure's expiry is its nearest leg's, RULEBOOK-NOTES P-4); positions whose entry order is still
/// working count (<see cref="Ports.IPortfolioView.WorkingEntries"/>). Off when the rulebook's
/// <c>noSharedExpiry</c> is false. The portfolio answers (<see cref="Ports.IPortfolioView.UsesExpiry"/>):
/// the ledger from a key it keeps per position, other views by walking their positions.
/// </summary>
public sealed class NoSharedExpiryRule : IEntryRule
{
    internal const string Shared = "P-4: a position of this strategy in this group already uses this expiry";

    /// <inheritdoc />
    public string RuleId => "P-4";

    /// <inheritdoc />
    public int Allow(EntryCheck check, int requested, out string reason)
    {
        reason = string.Empty;
        if (!check.Context.Rules.NoSharedExpiry)
        {
            return requested;
        }

        if (check.Portfolio.UsesExpiry(check.Intent.Strategy, check.Group, check.NearestExpiry))
        {
            reason = Shared;
            return 0;
        }

        return requested;
    }
}

namespace TomKing.Algorithm.Risk.Rules;

/// <summary>
/// One portfolio rule (P-1..P-9) as a pre-trade check of an entry: how many of the requested units it
/// allows. Rules are small, stateless or with explicit journaled state, and allocate nothing; reasons
/// are constant strings.
/// </summary>
public interface IEntryRule
{
    /// <summary>The rule ID ("P-3").</summary>
    string RuleId { get; }

    /// <summary>Units allowed (0 … <paramref name="requested"/>); when fewer than requested,
    /// <paramref name="reason"/> says why (a constant string).</summary>
    int Allow(EntryCheck check, int requested, out string reason);
}

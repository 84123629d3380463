namespace TomKing.Algorithm.Risk;

/// <summary>
/// A pre-trade check's answer for one intent: the outcome, the quantity allowed, the rule IDs that
/// decided it and a human-readable reason. Reasons on the hot path are constant strings.
/// </summary>
/// <param name="Outcome">Approved, reduced or denied.</param>
/// <param name="ApprovedQuantity">Units allowed (0 when denied).</param>
/// <param name="RuleIds">Rule IDs that reduced or denied it (empty when approved as asked), e.g. "P-1 P-3".</param>
/// <param name="Reason">Why, for the decision record and the log.</param>
public readonly record struct RiskVerdict(RiskOutcome Outcome, int ApprovedQuantity, string RuleIds, string Reason)
{
    /// <summary>True unless denied.</summary>
    public bool IsApproved => Outcome != RiskOutcome.Denied;

    /// <summary>Approved as asked.</summary>
    public static RiskVerdict Approve(int quantity) => new(RiskOutcome.Approved, quantity, string.Empty, string.Empty);

    /// <summary>Approved at fewer units.</summary>
    public static RiskVerdict Reduce(int quantity, string ruleIds, string reason) => new(RiskOutcome.Reduced, quantity, ruleIds, reason);

    /// <summary>Refused.</summary>
    public static RiskVerdict Deny(string ruleIds, string reason) => new(RiskOutcome.Denied, 0, ruleIds, reason);
}

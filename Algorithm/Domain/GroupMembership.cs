namespace TomKing.Algorithm.Domain;

/// <summary>
/// The answer to "which P-3 group is this underlying in?", carrying the refusal reason when the answer
/// is "none", so the risk engine can deny with a message instead of guessing a bucket.
/// </summary>
/// <param name="Ticker">The underlying asked about.</param>
/// <param name="Group">Its group, or <see cref="CorrelationGroup.None"/>.</param>
public readonly record struct GroupMembership(Ticker Ticker, CorrelationGroup Group)
{
    /// <summary>True when the underlying is in no P-3 group and must be refused.</summary>
    public bool IsRefused => Group == CorrelationGroup.None;

    /// <summary>The P-3 refusal reason, or null when the underlying has a group.</summary>
    public string? RefusalReason => IsRefused
        ? $"P-3: {Ticker} is in no correlation group (A1..E); entries on it are refused"
        : null;
}

namespace TomKing.Engine.Live.Operations;

/// <summary>The last order rejection the runner reported.</summary>
/// <param name="Sequence">Its number among all rejections since start (1 = the first).</param>
/// <param name="Description">What was rejected and why (order id, strategy, broker message).</param>
/// <param name="TimeUtc">When the runner reported it.</param>
public sealed record OrderRejection(long Sequence, string Description, DateTime TimeUtc);

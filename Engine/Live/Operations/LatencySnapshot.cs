namespace TomKing.Engine.Live.Operations;

/// <summary>One decision latency histogram read for export, in Prometheus terms.</summary>
/// <param name="Count">Number of samples (the <c>+Inf</c> bucket).</param>
/// <param name="SumSeconds">Sum of the samples in seconds.</param>
/// <param name="Cumulative">Samples at or below each bound of <see cref="LiveMetrics.LatencyBucketsSeconds"/>,
/// non-decreasing and never above <paramref name="Count"/>.</param>
public sealed record LatencySnapshot(long Count, double SumSeconds, IReadOnlyList<long> Cumulative);

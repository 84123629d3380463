namespace TomKing.Engine.Journal;

/// <summary>Append latency of a journal since it was opened, in nanoseconds (log-linear histogram
/// percentiles, within 0.8 % above the true value; maxima exact).</summary>
/// <param name="Appended">Entries appended.</param>
/// <param name="Committed">Entries committed (durable).</param>
/// <param name="Commits">Transactions committed (batches).</param>
/// <param name="MaxBatch">Largest batch committed.</param>
/// <param name="AppendCost">What <see cref="TradingJournal.Append"/> cost its caller.</param>
/// <param name="TimeToDurable">From the Append call to the commit of its transaction.</param>
/// <param name="CommitTime">One batch's insert and commit (fsync included).</param>
public readonly record struct JournalStatistics(
    long Appended,
    long Committed,
    long Commits,
    int MaxBatch,
    LatencySummary AppendCost,
    LatencySummary TimeToDurable,
    LatencySummary CommitTime)
{
    /// <summary>Mean entries per commit (0 before the first commit).</summary>
    public double MeanBatchSize => Commits == 0 ? 0 : (double)Committed / Commits;
}

/// <summary>Percentiles of one latency histogram, nanoseconds.</summary>
/// <param name="Count">Samples.</param>
/// <param name="P50">Median.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="P999">99.9th percentile.</param>
/// <param name="Max">Largest sample.</param>
/// <param name="Mean">Arithmetic mean (NaN when empty).</param>
public readonly record struct LatencySummary(long Count, long P50, long P99, long P999, long Max, double Mean)
{
    /// <summary>Summarises a histogram (read it on the thread that records it, or under its lock).</summary>
    public static LatencySummary Of(Algorithm.Decisions.LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return new(histogram.Count, histogram.P50, histogram.P99, histogram.P999, histogram.Max, histogram.Mean);
    }
}

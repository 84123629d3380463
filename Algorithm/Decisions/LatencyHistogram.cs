using System.Numerics;

namespace TomKing.Algorithm.Decisions;

/// <summary>
/// A fixed-size latency histogram with log-linear buckets: values below 256 are counted exactly; above,
/// each power of two is split into 128 equal buckets, so a reported percentile is within 1/128 (0.8 %)
/// above the true value. Recording is a few integer operations and never allocates, so the hot path can
/// record every decision (RULEBOOK section 3 stage costs, the pipeline benchmark).
/// </summary>
/// <remarks>
/// Values are non-negative integers in any unit (the decision registry uses nanoseconds); negatives count
/// as 0, values at or above 2^44 go to the top bucket (their exact maximum is still kept). A percentile is
/// the highest value of the bucket holding the rank-th smallest sample (rank = ⌈q × count⌉), capped at
/// the exact maximum. Single-threaded; <see cref="Merge"/> combines histograms from several threads
/// or strategies afterwards.
/// </remarks>
public sealed class LatencyHistogram
{
    private const int SubBits = 7;
    private const int SubCount = 1 << SubBits;        // 128 buckets per power of two
    private const int ExactLimit = 2 * SubCount;      // 0 … 255 exact
    private const int MaxExponent = 43;               // values below 2^44
    private const int BucketCount = ExactLimit + ((MaxExponent - SubBits) * SubCount);

    private readonly long[] _counts = new long[BucketCount];

    /// <summary>Number of recorded values.</summary>
    public long Count { get; private set; }

    /// <summary>Smallest recorded value (0 when empty).</summary>
    public long Min { get; private set; }

    /// <summary>Largest recorded value, exact (0 when empty).</summary>
    public long Max { get; private set; }

    /// <summary>Sum of recorded values (for the mean).</summary>
    public double Sum { get; private set; }

    /// <summary>Arithmetic mean (NaN when empty).</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>Median.</summary>
    public long P50 => ValueAtQuantile(0.50);

    /// <summary>99th percentile.</summary>
    public long P99 => ValueAtQuantile(0.99);

    /// <summary>99.9th percentile.</summary>
    public long P999 => ValueAtQuantile(0.999);

    /// <summary>Records one value.</summary>
    public void Record(long value) => Record(value, 1);

    /// <summary>Records <paramref name="count"/> occurrences of one value.</summary>
    public void Record(long value, long count)
    {
        if (count <= 0)
        {
            return;
        }

        if (value < 0)
        {
            value = 0;
        }

        _counts[BucketOf(value)] += count;
        if (Count == 0 || value < Min)
        {
            Min = value;
        }

        if (value > Max)
        {
            Max = value;
        }

        Count += count;
        Sum += (double)value * count;
    }

    /// <summary>The value at quantile <paramref name="quantile"/> (0 … 1; 0.99 = p99); 0 when empty.</summary>
    public long ValueAtQuantile(double quantile)
    {
        if (Count == 0)
        {
            return 0;
        }

        double q = Math.Clamp(quantile, 0.0, 1.0);
        long rank = Math.Max(1, (long)Math.Ceiling((q * Count) - 1e-9));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperBound(i), Max);
            }
        }

        return Max;
    }

    /// <summary>Adds another histogram's samples to this one.</summary>
    public void Merge(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Min = Count == 0 ? other.Min : Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        Count += other.Count;
        Sum += other.Sum;
    }

    /// <summary>Forgets every sample.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        Count = 0;
        Min = 0;
        Max = 0;
        Sum = 0;
    }

    /// <summary>The bucket a value falls in.</summary>
    internal static int BucketOf(long value)
    {
        if (value < ExactLimit)
        {
            return (int)value;
        }

        int exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);
        if (exponent > MaxExponent)
        {
            return BucketCount - 1;
        }

        int shift = exponent - SubBits;
        int sub = (int)(value >> shift);
        return ExactLimit + ((shift - 1) * SubCount) + (sub - SubCount);
    }

    /// <summary>The highest value a bucket holds.</summary>
    internal static long UpperBound(int bucket)
    {
        if (bucket < ExactLimit)
        {
            return bucket;
        }

        int shift = ((bucket - ExactLimit) / SubCount) + 1;
        long sub = ((bucket - ExactLimit) % SubCount) + SubCount;
        return ((sub + 1) << shift) - 1;
    }
}

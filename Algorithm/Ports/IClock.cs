using TomKing.Greeks;

namespace TomKing.Algorithm.Ports;

/// <summary>
/// The time the strategy core lives in: exchange time as a US/Eastern wall-clock <see cref="DateTime"/>
/// (Kind Unspecified), as LEAN's <c>algorithm.Time</c> is for US markets. Library code never reads the
/// machine clock; replay advances a clock, live reads the real one, tests set it by hand.
/// </summary>
public interface IClock
{
    /// <summary>Now, US/Eastern wall clock.</summary>
    DateTime Now { get; }

    /// <summary>Today's exchange date.</summary>
    DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>Now in UTC (for journals and latency measurements across hosts).</summary>
    DateTime UtcNow => UsEastern.ToUtc(Now);
}

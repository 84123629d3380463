namespace TomKing.Engine.Live.Operations;

/// <summary>The limits <see cref="HealthReport.Derive"/> applies.</summary>
public sealed record HealthThresholds
{
    /// <summary>A link down (disconnected or connecting) longer than this makes the runner down; shorter, degraded.</summary>
    public TimeSpan LinkDownAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The journal behind by more than this (oldest uncommitted append) makes the runner degraded.</summary>
    public TimeSpan JournalBehindAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A kernel loop lag above this makes the runner degraded.</summary>
    public TimeSpan KernelLagAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The defaults: 30 s link outage, 1 s journal, 1 s kernel lag.</summary>
    public static HealthThresholds Default { get; } = new();
}

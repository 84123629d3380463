namespace TomKing.Engine.Live.Operations;

/// <summary>One link's state as published by the runner: immutable, swapped atomically as a whole so a
/// reader never sees a state with another state's time.</summary>
/// <param name="State">The state now.</param>
/// <param name="SinceUtc">When the link entered <paramref name="State"/> (UTC).</param>
/// <param name="DownSinceUtc">When the link last stopped carrying data (left Connected/Stale for
/// Disconnected/Connecting), so a reconnect loop that flips between Disconnected and Connecting still
/// counts as one outage; null while the link is up.</param>
public sealed record LinkStatus(LinkState State, DateTime SinceUtc, DateTime? DownSinceUtc)
{
    /// <summary>How long the link has been down at <paramref name="nowUtc"/> (zero while up).</summary>
    public TimeSpan DownFor(DateTime nowUtc) =>
        DownSinceUtc is { } d && nowUtc > d ? nowUtc - d : TimeSpan.Zero;
}

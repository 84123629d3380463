using TomKing.Algorithm.Ports;

namespace TomKing.Engine.Replay;

/// <summary>The replay's exchange clock: it reads whatever minute the kernel is replaying.</summary>
public sealed class ReplayClock : IClock
{
    /// <summary>A clock standing at <paramref name="start"/> (US/Eastern wall clock).</summary>
    public ReplayClock(DateTime start) => Now = DateTime.SpecifyKind(start, DateTimeKind.Unspecified);

    /// <inheritdoc />
    public DateTime Now { get; private set; }

    /// <summary>Moves the clock (the kernel's thread only).</summary>
    public void Set(DateTime eastern) => Now = DateTime.SpecifyKind(eastern, DateTimeKind.Unspecified);
}

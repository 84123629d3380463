using TomKing.Algorithm.Ports;

namespace TomKing.Algorithm.Testing;

/// <summary>A clock set by hand, for tests and hand-built scenarios ("it is Friday 10:30").</summary>
/// <param name="now">Initial Eastern wall-clock time.</param>
public sealed class FakeClock(DateTime now) : IClock
{
    /// <inheritdoc />
    public DateTime Now { get; private set; } = DateTime.SpecifyKind(now, DateTimeKind.Unspecified);

    /// <summary>Moves the clock to an Eastern time (backwards too: tests may rewind).</summary>
    public void Set(DateTime now) => Now = DateTime.SpecifyKind(now, DateTimeKind.Unspecified);

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => Now += by;
}

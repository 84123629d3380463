namespace TomKing.Engine.Tests.Live.Operations;

/// <summary>A wall clock the test moves by hand.</summary>
internal sealed class ManualTime(DateTime startUtc) : TimeProvider
{
    public DateTime UtcNow { get; set; } = startUtc;

    public override DateTimeOffset GetUtcNow() => new(UtcNow, TimeSpan.Zero);

    public void Advance(TimeSpan by) => UtcNow += by;
}

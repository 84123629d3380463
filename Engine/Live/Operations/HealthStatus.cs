namespace TomKing.Engine.Live.Operations;

/// <summary>The runner's health as one word.</summary>
public enum HealthStatus : byte
{
    /// <summary>Every link connected, journal caught up, no breaker latched.</summary>
    Ok = 0,

    /// <summary>Trading continues but something needs a look (a stale or briefly dropped link, the journal or
    /// kernel behind). Served with HTTP 200.</summary>
    Degraded = 1,

    /// <summary>Not trading as intended (a link down longer than the threshold, a circuit breaker latched).
    /// Served with HTTP 503.</summary>
    Down = 2,
}

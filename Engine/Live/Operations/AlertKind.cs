namespace TomKing.Engine.Live.Operations;

/// <summary>What an alert is about.</summary>
public enum AlertKind : byte
{
    /// <summary>A broker link has been down longer than the threshold.</summary>
    LinkDisconnected = 0,

    /// <summary>A link that raised <see cref="LinkDisconnected"/> is connected again.</summary>
    LinkRecovered = 1,

    /// <summary>The broker rejected one or more orders.</summary>
    OrderRejected = 2,

    /// <summary>A P-6 loss circuit breaker latched: new entries halted for the period.</summary>
    CircuitBreaker = 3,

    /// <summary>The drawdown from the high-water mark crossed a configured level.</summary>
    Drawdown = 4,

    /// <summary>The P-1 VIX regime changed.</summary>
    RegimeChange = 5,
}

/// <summary>How urgent an alert is.</summary>
public enum AlertSeverity : byte
{
    /// <summary>For information (a recovery, a regime change).</summary>
    Info = 0,

    /// <summary>Needs a look soon.</summary>
    Warning = 1,

    /// <summary>Needs a look now.</summary>
    Critical = 2,
}

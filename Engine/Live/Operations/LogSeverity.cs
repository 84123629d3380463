namespace TomKing.Engine.Live.Operations;

/// <summary>How much a structured log line matters.</summary>
public enum LogSeverity : byte
{
    /// <summary>Detail for diagnosis.</summary>
    Debug = 0,

    /// <summary>Normal operation (connected, order sent, fill).</summary>
    Info = 1,

    /// <summary>Something unusual that the runner handled (reconnect, reject, alert).</summary>
    Warn = 2,

    /// <summary>Something failed (an alert could not be delivered, a journal write failed).</summary>
    Error = 3,
}

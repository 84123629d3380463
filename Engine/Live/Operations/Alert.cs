using System.Text.Json;

namespace TomKing.Engine.Live.Operations;

/// <summary>One alert for the operators.</summary>
/// <param name="Kind">What it is about.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Subject">What it concerns: a link name, a breaker period, a drawdown level ("10%"), a regime
/// pair, or "orders".</param>
/// <param name="Message">One sentence for a human.</param>
/// <param name="TimeUtc">When the rule fired.</param>
public sealed record Alert(AlertKind Kind, AlertSeverity Severity, string Subject, string Message, DateTime TimeUtc)
{
    /// <summary>The kind as sinks name it: "link-disconnected", "link-recovered", "order-rejected",
    /// "circuit-breaker", "drawdown", "regime-change".</summary>
    public string KindName => Kind switch
    {
        AlertKind.LinkDisconnected => "link-disconnected",
        AlertKind.LinkRecovered => "link-recovered",
        AlertKind.OrderRejected => "order-rejected",
        AlertKind.CircuitBreaker => "circuit-breaker",
        AlertKind.Drawdown => "drawdown",
        _ => "regime-change",
    };

    /// <summary>"info", "warning" or "critical".</summary>
    public string SeverityName => Severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Warning => "warning",
        _ => "critical",
    };

    /// <summary>The alert as UTF-8 JSON: <c>{"kind","severity","subject","message","time"}</c> (what the
    /// webhook posts and the command reads on stdin).</summary>
    public byte[] ToJson()
    {
        using var stream = new MemoryStream(256);
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("kind", KindName);
            w.WriteString("severity", SeverityName);
            w.WriteString("subject", Subject);
            w.WriteString("message", Message);
            w.WriteString("time", TimeUtc);
            w.WriteString("source", "tomking");
            w.WriteEndObject();
        }

        return stream.ToArray();
    }
}

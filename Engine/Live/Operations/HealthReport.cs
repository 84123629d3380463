using System.Globalization;
using System.Text.Json;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Engine.Live.Operations;

/// <summary>One link as the health report shows it.</summary>
/// <param name="Link">Which link.</param>
/// <param name="State">Its state.</param>
/// <param name="SinceUtc">When it entered that state.</param>
/// <param name="DownFor">How long it has been down (zero while up).</param>
public readonly record struct LinkHealth(LiveLink Link, LinkState State, DateTime SinceUtc, TimeSpan DownFor);

/// <summary>
/// The runner's health for <c>GET /health</c>: a status, the reasons behind it, the links, phase, regime
/// and uptime. <see cref="Derive"/> computes it from <see cref="LiveMetrics"/>.
/// </summary>
public sealed record HealthReport
{
    /// <summary>Ok, degraded or down.</summary>
    public required HealthStatus Status { get; init; }

    /// <summary>Why the status is not ok (empty when ok).</summary>
    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary>Every link.</summary>
    public required IReadOnlyList<LinkHealth> Links { get; init; }

    /// <summary>P-2 phase.</summary>
    public required AccountPhase Phase { get; init; }

    /// <summary>P-1 regime.</summary>
    public required VixRegime Regime { get; init; }

    /// <summary>Time since start.</summary>
    public required TimeSpan Uptime { get; init; }

    /// <summary>When the report was made (UTC).</summary>
    public required DateTime CheckedUtc { get; init; }

    /// <summary>The HTTP status to serve it with: 200 for ok and degraded, 503 for down.</summary>
    public int HttpStatusCode => Status == HealthStatus.Down ? 503 : 200;

    /// <summary>
    /// Derives the health at <paramref name="nowUtc"/>: down when a link has been down (disconnected or
    /// connecting) longer than <see cref="HealthThresholds.LinkDownAfter"/> or a P-6 circuit breaker is
    /// latched; degraded when a link is stale or down for less than the threshold, the journal is behind or
    /// the kernel lags beyond their thresholds; otherwise ok. Every cause is listed in
    /// <see cref="Reasons"/>.
    /// </summary>
    public static HealthReport Derive(LiveMetrics metrics, DateTime nowUtc, HealthThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var t = thresholds ?? HealthThresholds.Default;
        var reasons = new List<string>();
        var links = new List<LinkHealth>(LiveLinkNames.All.Count);
        var status = HealthStatus.Ok;
        foreach (var link in LiveLinkNames.All)
        {
            var s = metrics.GetLink(link);
            var down = s.DownFor(nowUtc);
            links.Add(new LinkHealth(link, s.State, s.SinceUtc, down));
            if (s.State.IsDown())
            {
                bool tooLong = down > t.LinkDownAfter;
                status = Worst(status, tooLong ? HealthStatus.Down : HealthStatus.Degraded);
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{link.Name()} {s.State.Name()}, down for {down.TotalSeconds:0.#} s"));
            }
            else if (s.State == LinkState.Stale)
            {
                status = Worst(status, HealthStatus.Degraded);
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{link.Name()} stale since {s.SinceUtc:yyyy-MM-ddTHH:mm:ssZ}"));
            }
        }

        var breakers = metrics.CircuitBreakers;
        foreach (var b in CircuitBreakerStates.Each)
        {
            if ((breakers & b) != 0)
            {
                status = HealthStatus.Down;
                reasons.Add($"P-6 {b.Name()} loss circuit breaker latched; new entries halted");
            }
        }

        var behind = metrics.JournalBehind;
        if (behind > t.JournalBehindAfter)
        {
            status = Worst(status, HealthStatus.Degraded);
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"journal behind by {behind.TotalSeconds:0.###} s"));
        }

        var lag = metrics.KernelLag;
        if (lag > t.KernelLagAfter)
        {
            status = Worst(status, HealthStatus.Degraded);
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"kernel lag {lag.TotalSeconds:0.###} s"));
        }

        return new HealthReport
        {
            Status = status,
            Reasons = reasons,
            Links = links,
            Phase = metrics.Phase,
            Regime = metrics.Regime,
            Uptime = metrics.Uptime(nowUtc),
            CheckedUtc = nowUtc,
        };
    }

    /// <summary>"ok", "degraded" or "down".</summary>
    public static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Ok => "ok",
        HealthStatus.Degraded => "degraded",
        _ => "down",
    };

    /// <summary>The report as UTF-8 JSON: <c>{"status","reasons":[…],"links":{"rest":{"state","since","downSeconds"},…},
    /// "phase","regime","uptimeSeconds","checked"}</c>.</summary>
    public byte[] ToJson()
    {
        using var stream = new MemoryStream(512);
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("status", Name(Status));
            w.WriteStartArray("reasons");
            foreach (var r in Reasons)
            {
                w.WriteStringValue(r);
            }

            w.WriteEndArray();
            w.WriteStartObject("links");
            foreach (var l in Links)
            {
                w.WriteStartObject(l.Link.Name());
                w.WriteString("state", l.State.Name());
                w.WriteString("since", l.SinceUtc);
                w.WriteNumber("downSeconds", Math.Round(l.DownFor.TotalSeconds, 3));
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteNumber("phase", (int)Phase);
            w.WriteString("regime", Regime.ToString());
            w.WriteNumber("uptimeSeconds", Math.Round(Uptime.TotalSeconds, 3));
            w.WriteString("checked", CheckedUtc);
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static HealthStatus Worst(HealthStatus a, HealthStatus b) => a > b ? a : b;
}

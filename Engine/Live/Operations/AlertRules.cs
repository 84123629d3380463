using System.Globalization;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Engine.Live.Operations;

/// <summary>
/// Turns <see cref="LiveMetrics"/> into alerts, each once per occurrence:
/// <list type="bullet">
/// <item>a link down longer than <see cref="AlertSettings.LinkDownAfter"/> (once per outage; a reconnect
/// loop that flips between disconnected and connecting is one outage), then "recovered" when it is up;</item>
/// <item>orders rejected (new rejections since the last alert, at most one alert per
/// <see cref="AlertSettings.RejectQuietPeriod"/>, later ones summed);</item>
/// <item>a P-6 circuit breaker latched (each period once, again only after it has cleared);</item>
/// <item>a drawdown level crossed (one alert naming the deepest newly crossed level; a level fires again
/// only after the drawdown has recovered below it by <see cref="AlertSettings.DrawdownRearmMargin"/>);</item>
/// <item>a P-1 regime change (the first known regime is the baseline; at most one alert per
/// <see cref="AlertSettings.RegimeQuietPeriod"/>; a flip and flip-back inside it raises nothing).</item>
/// </list>
/// </summary>
/// <remarks>The runner calls <see cref="Evaluate"/> about once a second from a timer thread, not the kernel:
/// it only reads <see cref="LiveMetrics"/> (lock-free for the kernel) and hands alerts to sinks that queue
/// them, so it costs a few microseconds and never waits on I/O. Calls are serialized by an internal lock.
/// An occurrence shorter than the evaluation interval (a link down and up again in between) is seen only
/// through its effects (the outage's start time, the rejection counter).</remarks>
public sealed class AlertRules
{
    private readonly AlertSettings _settings;
    private readonly IAlertSink[] _sinks;
    private readonly StructuredLog? _log;
    private readonly Lock _gate = new();
    private readonly double[] _levels;
    private readonly bool[] _levelFired;
    private readonly DateTime?[] _alertedOutage = new DateTime?[LiveLinkNames.All.Count];
    private long _rejectsSeen;
    private DateTime _lastRejectAlert = DateTime.MinValue;
    private CircuitBreakerState _breakersAlerted;
    private VixRegime? _regimeAlerted;
    private DateTime _lastRegimeAlert = DateTime.MinValue;
    private long _fired;

    /// <summary>Creates the rules.</summary>
    /// <param name="settings">Thresholds (the defaults when null).</param>
    /// <param name="sinks">Where alerts go (may be empty: <see cref="Evaluate"/> still returns them).</param>
    /// <param name="log">Every alert is also logged here as an <c>alert</c> event.</param>
    public AlertRules(AlertSettings? settings, IEnumerable<IAlertSink> sinks, StructuredLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        _settings = settings ?? AlertSettings.Default;
        _sinks = sinks.ToArray();
        _log = log;
        _levels = _settings.DrawdownLevels.Where(l => l > 0.0 && l < 1.0).Distinct().Order().ToArray();
        if (_levels.Length != _settings.DrawdownLevels.Count)
        {
            throw new ArgumentException("alerts: drawdown levels must be distinct fractions between 0 and 1 (0.05 = 5 %).", nameof(settings));
        }

        _levelFired = new bool[_levels.Length];
    }

    /// <summary>Alerts raised since creation.</summary>
    public long AlertsFired => Interlocked.Read(ref _fired);

    /// <summary>Checks every rule at <paramref name="nowUtc"/>, publishes what fires to the sinks and returns
    /// it (empty when nothing fired).</summary>
    public IReadOnlyList<Alert> Evaluate(LiveMetrics metrics, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        List<Alert>? fired = null;
        lock (_gate)
        {
            Links(metrics, nowUtc, ref fired);
            Rejections(metrics, nowUtc, ref fired);
            Breakers(metrics, nowUtc, ref fired);
            Drawdown(metrics, nowUtc, ref fired);
            Regime(metrics, nowUtc, ref fired);
        }

        if (fired is null)
        {
            return [];
        }

        foreach (var alert in fired)
        {
            Interlocked.Increment(ref _fired);
            _log?.Warn("alert", new LogField("kind", alert.KindName), new LogField("severity", alert.SeverityName),
                new LogField("subject", alert.Subject), new LogField("message", alert.Message));
            foreach (var sink in _sinks)
            {
                sink.Publish(alert);
            }
        }

        return fired;
    }

    private void Links(LiveMetrics metrics, DateTime now, ref List<Alert>? fired)
    {
        foreach (var link in LiveLinkNames.All)
        {
            var s = metrics.GetLink(link);
            ref DateTime? alerted = ref _alertedOutage[(int)link];
            if (alerted is { } outage && (!s.State.IsDown() || s.DownSinceUtc != outage))
            {
                // the outage we alerted for is over (the link is up, or came up and went down again since)
                DateTime upAt = s.State.IsDown() ? s.DownSinceUtc ?? now : s.SinceUtc;
                var lasted = upAt > outage ? upAt - outage : TimeSpan.Zero;
                Add(ref fired, new Alert(AlertKind.LinkRecovered, AlertSeverity.Info, link.Name(),
                    string.Create(CultureInfo.InvariantCulture, $"{link.Name()} link recovered after {lasted.TotalSeconds:0.#} s down"), now));
                alerted = null;
            }

            if (alerted is null && s.State.IsDown() && s.DownSinceUtc is { } since && s.DownFor(now) > _settings.LinkDownAfter)
            {
                Add(ref fired, new Alert(AlertKind.LinkDisconnected, AlertSeverity.Critical, link.Name(),
                    string.Create(CultureInfo.InvariantCulture, $"{link.Name()} link down for {s.DownFor(now).TotalSeconds:0.#} s (now {s.State.Name()})"), now));
                alerted = since;
            }
        }
    }

    private void Rejections(LiveMetrics metrics, DateTime now, ref List<Alert>? fired)
    {
        long total = metrics.RejectsTotal;
        if (total <= _rejectsSeen || now - _lastRejectAlert < _settings.RejectQuietPeriod)
        {
            return;
        }

        long n = total - _rejectsSeen;
        string last = metrics.LastRejection?.Description ?? "order rejected";
        string message = n == 1
            ? $"order rejected: {last}"
            : string.Create(CultureInfo.InvariantCulture, $"{n} orders rejected; last: {last}");
        Add(ref fired, new Alert(AlertKind.OrderRejected, AlertSeverity.Warning, "orders", message, now));
        _rejectsSeen = total;
        _lastRejectAlert = now;
    }

    private void Breakers(LiveMetrics metrics, DateTime now, ref List<Alert>? fired)
    {
        var current = metrics.CircuitBreakers;
        var fresh = current & ~_breakersAlerted;
        foreach (var b in CircuitBreakerStates.Each)
        {
            if ((fresh & b) != 0)
            {
                Add(ref fired, new Alert(AlertKind.CircuitBreaker, AlertSeverity.Critical, b.Name(),
                    $"P-6 {b.Name()} loss circuit breaker tripped: no new entries for the rest of the {Period(b)}", now));
            }
        }

        _breakersAlerted = current; // a breaker that cleared is re-armed
    }

    private void Drawdown(LiveMetrics metrics, DateTime now, ref List<Alert>? fired)
    {
        if (_levels.Length == 0)
        {
            return;
        }

        var account = metrics.Account;
        double dd = account.Drawdown;
        int deepest = -1;
        for (int i = 0; i < _levels.Length; i++)
        {
            if (dd >= _levels[i])
            {
                if (!_levelFired[i])
                {
                    deepest = i;
                }

                _levelFired[i] = true;
            }
            else if (dd < _levels[i] - _settings.DrawdownRearmMargin)
            {
                _levelFired[i] = false;
            }
        }

        if (deepest >= 0)
        {
            string level = Percent(_levels[deepest]);
            var severity = deepest == _levels.Length - 1 ? AlertSeverity.Critical : AlertSeverity.Warning;
            Add(ref fired, new Alert(AlertKind.Drawdown, severity, level,
                string.Create(CultureInfo.InvariantCulture, $"drawdown {dd * 100:0.0} % from the high-water mark {account.HighWaterMark:0.00} crossed the {level} level (net liq {account.NetLiquidation:0.00})"), now));
        }
    }

    private void Regime(LiveMetrics metrics, DateTime now, ref List<Alert>? fired)
    {
        var regime = metrics.Regime;
        if (_regimeAlerted is not { } before)
        {
            if (regime != VixRegime.Unknown)
            {
                _regimeAlerted = regime; // the first known regime is the baseline, not a change
            }

            return;
        }

        if (regime == before || now - _lastRegimeAlert < _settings.RegimeQuietPeriod)
        {
            return;
        }

        var severity = regime is VixRegime.Extreme or VixRegime.Unknown ? AlertSeverity.Warning : AlertSeverity.Info;
        Add(ref fired, new Alert(AlertKind.RegimeChange, severity, $"{before}->{regime}", $"VIX regime changed from {before} to {regime}", now));
        _regimeAlerted = regime;
        _lastRegimeAlert = now;
    }

    private static string Period(CircuitBreakerState b) => b switch
    {
        CircuitBreakerState.Daily => "day",
        CircuitBreakerState.Weekly => "week",
        _ => "month",
    };

    private static string Percent(double fraction) =>
        (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static void Add(ref List<Alert>? fired, Alert alert) => (fired ??= new List<Alert>(2)).Add(alert);
}

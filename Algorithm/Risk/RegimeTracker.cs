using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Algorithm.Risk;

/// <summary>A P-1 regime change: the event the rulebook asks for, with the quote that crossed the
/// threshold and how long after that quote the change was detected.</summary>
/// <param name="From">Regime before.</param>
/// <param name="To">Regime after.</param>
/// <param name="Vix">The reading that crossed (value, source, quote time).</param>
/// <param name="DetectedAt">Eastern time the tracker saw it (the kernel's clock).</param>
/// <param name="Latency">DetectedAt − the quote's time (0 in replay, where both are the event time).</param>
public readonly record struct RegimeTransition(VixRegime From, VixRegime To, VixReading Vix, DateTime DetectedAt, TimeSpan Latency);

/// <summary>
/// Detects P-1 regime crossings in the VIX (or model-free) stream and keeps the last transitions in a
/// fixed ring (no allocation per observation). The first valid reading sets the regime without an
/// event; a reading that classifies as <see cref="VixRegime.Unknown"/> (missing VIX) is itself a
/// transition, because it stops entries.
/// </summary>
public sealed class RegimeTracker
{
    private readonly RegimeTransition[] _ring;
    private int _next;

    /// <summary>Creates a tracker keeping the last <paramref name="history"/> transitions.</summary>
    public RegimeTracker(int history = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(history, 1);
        _ring = new RegimeTransition[history];
    }

    /// <summary>The regime now (<see cref="VixRegime.Unknown"/> before the first reading).</summary>
    public VixRegime Current { get; private set; } = VixRegime.Unknown;

    /// <summary>True once a reading has been seen.</summary>
    public bool HasReading { get; private set; }

    /// <summary>Transitions seen since creation.</summary>
    public long TransitionCount { get; private set; }

    /// <summary>The most recent transition (default when none).</summary>
    public RegimeTransition Last => TransitionCount == 0 ? default : _ring[(_next + _ring.Length - 1) % _ring.Length];

    /// <summary>Classifies a reading; returns true and the transition when the regime changed.</summary>
    /// <param name="reading">The VIX reading (its time is the quote time).</param>
    /// <param name="settings">Regime thresholds.</param>
    /// <param name="detectedAt">Eastern time now (the kernel's clock).</param>
    /// <param name="transition">The change, when one happened.</param>
    public bool Observe(in VixReading reading, RegimeSettings settings, DateTime detectedAt, out RegimeTransition transition)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var regime = settings.Classify(reading.Value);
        if (!HasReading)
        {
            HasReading = true;
            Current = regime;
            transition = default;
            return false;
        }

        if (regime == Current)
        {
            transition = default;
            return false;
        }

        var latency = reading.Time == default ? TimeSpan.Zero : detectedAt - reading.Time;
        transition = new RegimeTransition(Current, regime, reading, detectedAt, latency);
        Current = regime;
        _ring[_next] = transition;
        _next = (_next + 1) % _ring.Length;
        TransitionCount++;
        return true;
    }

    /// <summary>Copies the retained transitions, oldest first; returns how many were written.</summary>
    public int CopyHistory(Span<RegimeTransition> destination)
    {
        int count = (int)Math.Min(TransitionCount, _ring.Length);
        int n = Math.Min(count, destination.Length);
        int start = (_next - count + _ring.Length) % _ring.Length;
        for (int i = 0; i < n; i++)
        {
            destination[i] = _ring[(start + i) % _ring.Length];
        }

        return n;
    }
}

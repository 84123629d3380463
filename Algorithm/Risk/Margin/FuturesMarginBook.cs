using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Risk.Margin;

/// <summary>
/// Margin schedules by futures root (ES, MES, CL, MCL, GC…), filled by the host from the LEAN margins
/// files. Futures options are margined on the future they deliver, so lookups use the option's
/// underlying ticker. Lookups allocate nothing.
/// </summary>
public sealed class FuturesMarginBook
{
    private readonly Dictionary<string, FuturesMarginSchedule> _byRoot = new(StringComparer.Ordinal);

    /// <summary>An empty book (futures options then cannot be margined and the model answers false).</summary>
    public static FuturesMarginBook Empty => new();

    /// <summary>Number of roots held.</summary>
    public int Count => _byRoot.Count;

    /// <summary>Adds or replaces the schedule of a root.</summary>
    public FuturesMarginBook Add(Ticker root, FuturesMarginSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _byRoot[root.Symbol] = schedule;
        return this;
    }

    /// <summary>Parses a root's LEAN margins CSV text and adds it.</summary>
    /// <exception cref="FormatException">The text is malformed (see <see cref="FuturesMarginSchedule.Parse"/>).</exception>
    public FuturesMarginBook AddCsv(Ticker root, string csvText) => Add(root, FuturesMarginSchedule.Parse(csvText));

    /// <summary>The schedule of a root.</summary>
    public bool TryGetSchedule(Ticker root, out FuturesMarginSchedule schedule) =>
        _byRoot.TryGetValue(root.Symbol, out schedule!);

    /// <summary>The requirement of one contract of <paramref name="root"/> in force on <paramref name="date"/>.</summary>
    public bool TryGetAsOf(Ticker root, DateOnly date, out FuturesMargin margin)
    {
        if (_byRoot.TryGetValue(root.Symbol, out var schedule))
        {
            return schedule.TryGetAsOf(date, out margin);
        }

        margin = default;
        return false;
    }
}

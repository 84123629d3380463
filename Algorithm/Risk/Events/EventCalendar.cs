using System.Globalization;

namespace TomKing.Algorithm.Risk.Events;

/// <summary>
/// The P-8 calendar of market events (FOMC decisions, CPI and NFP releases…) and single-stock earnings
/// dates, parsed from a small user-editable text file (the host reads it; the library only parses).
/// </summary>
/// <remarks>
/// <para>Format: one event per line, <c>date,kind[,symbol]</c>; dates <c>yyyy-MM-dd</c>; kinds are free
/// words (the rulebook's <c>blackouts.events</c> lists those that block, FOMC CPI NFP by default);
/// kind <c>EARNINGS</c> needs the stock's symbol. Blank lines and text after <c>#</c> are ignored;
/// fields may be padded with spaces. Example:</para>
/// <code>
/// # 2024 events
/// 2024-01-31, FOMC
/// 2024-02-13, CPI
/// 2024-02-02, NFP
/// 2024-02-01, EARNINGS, AAPL
/// </code>
/// <para>Trading days (for the earnings window) are weekdays; exchange holidays are not removed, which
/// can only make the window reach one day earlier (the safer side).</para>
/// </remarks>
public sealed class EventCalendar
{
    private readonly DateOnly[] _dates;
    private readonly string[] _kinds;
    private readonly Dictionary<string, DateOnly[]> _earnings;

    private EventCalendar(bool isAvailable, DateOnly[] dates, string[] kinds, Dictionary<string, DateOnly[]> earnings)
    {
        IsAvailable = isAvailable;
        _dates = dates;
        _kinds = kinds;
        _earnings = earnings;
    }

    /// <summary>No events (no calendar configured).</summary>
    public static EventCalendar Empty { get; } = new(true, [], [], new(StringComparer.Ordinal));

    /// <summary>A configured calendar that could not be read: P-8 then blocks every short-premium entry
    /// (fail closed; RULEBOOK-NOTES P-8).</summary>
    public static EventCalendar Unavailable { get; } = new(false, [], [], new(StringComparer.Ordinal));

    /// <summary>False for <see cref="Unavailable"/>.</summary>
    public bool IsAvailable { get; }

    /// <summary>Number of market (non-earnings) events.</summary>
    public int MarketEventCount => _dates.Length;

    /// <summary>The kind written for earnings lines.</summary>
    public const string EarningsKind = "EARNINGS";

    /// <summary>Parses calendar text.</summary>
    /// <exception cref="FormatException">A malformed line; the message names the line number.</exception>
    public static EventCalendar Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var events = new List<(DateOnly Date, string Kind)>();
        var earnings = new Dictionary<string, List<DateOnly>>(StringComparer.Ordinal);
        int lineNumber = 0;
        Span<Range> parts = stackalloc Range[4];
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = raw;
            int hash = line.IndexOf('#');
            if (hash >= 0)
            {
                line = line[..hash];
            }

            line = line.Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            int n = line.Split(parts, ',');
            if (n is < 2 or > 3)
            {
                throw new FormatException($"event calendar line {lineNumber}: expected 'date,kind[,symbol]'");
            }

            var dateText = line[parts[0]].Trim();
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new FormatException($"event calendar line {lineNumber}: date '{dateText.ToString()}' is not yyyy-MM-dd");
            }

            string kind = line[parts[1]].Trim().ToString().ToUpperInvariant();
            if (kind.Length == 0)
            {
                throw new FormatException($"event calendar line {lineNumber}: the event kind is empty");
            }

            if (kind == EarningsKind)
            {
                string symbol = n == 3 ? line[parts[2]].Trim().ToString().ToUpperInvariant() : string.Empty;
                if (symbol.Length == 0)
                {
                    throw new FormatException($"event calendar line {lineNumber}: EARNINGS needs a symbol ('date,EARNINGS,AAPL')");
                }

                if (!earnings.TryGetValue(symbol, out var list))
                {
                    earnings[symbol] = list = [];
                }

                list.Add(date);
            }
            else
            {
                events.Add((date, kind));
            }
        }

        events.Sort((a, b) => a.Date.CompareTo(b.Date));
        var byStock = new Dictionary<string, DateOnly[]>(StringComparer.Ordinal);
        foreach (var (symbol, dates) in earnings)
        {
            dates.Sort();
            byStock[symbol] = [.. dates];
        }

        return new EventCalendar(true, events.ConvertAll(e => e.Date).ToArray(), events.ConvertAll(e => e.Kind).ToArray(), byStock);
    }

    /// <summary>The first event on <paramref name="date"/> whose kind is in <paramref name="blockingKinds"/>
    /// (case-insensitive), or null.</summary>
    public string? BlockingEventOn(DateOnly date, IReadOnlyList<string> blockingKinds)
    {
        ArgumentNullException.ThrowIfNull(blockingKinds);
        int i = Array.BinarySearch(_dates, date);
        if (i < 0)
        {
            return null;
        }

        while (i > 0 && _dates[i - 1] == date)
        {
            i--;
        }

        for (; i < _dates.Length && _dates[i] == date; i++)
        {
            for (int k = 0; k < blockingKinds.Count; k++)
            {
                if (string.Equals(_kinds[i], blockingKinds[k], StringComparison.OrdinalIgnoreCase))
                {
                    return _kinds[i];
                }
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="symbol"/> reports earnings today or within the next
    /// <paramref name="tradingDays"/> trading days (weekdays).</summary>
    public bool IsWithinEarningsWindow(string symbol, DateOnly today, int tradingDays)
    {
        if (!_earnings.TryGetValue(symbol, out var dates))
        {
            return false;
        }

        int i = Array.BinarySearch(dates, today);
        int next = i >= 0 ? i : ~i;
        return next < dates.Length && TradingDays.Between(today, dates[next]) <= tradingDays;
    }
}

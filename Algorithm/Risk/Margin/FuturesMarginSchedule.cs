using System.Globalization;

namespace TomKing.Algorithm.Risk.Margin;

/// <summary>
/// The dated margin history of one futures root, parsed from the text of a LEAN margins file
/// (<c>date,initial,maintenance</c> with dates as <c>yyyyMMdd</c>, one header line, ascending dates).
/// The library does no file I/O: the host or test reads the file and hands the text to
/// <see cref="Parse"/>. Lookups by date are allocation-free binary searches.
/// </summary>
public sealed class FuturesMarginSchedule
{
    private readonly DateOnly[] _dates;
    private readonly FuturesMargin[] _rows;

    private FuturesMarginSchedule(FuturesMargin[] rows)
    {
        _rows = rows;
        _dates = Array.ConvertAll(rows, r => r.EffectiveFrom);
    }

    /// <summary>The rows, ascending by effective date.</summary>
    public ReadOnlySpan<FuturesMargin> Rows => _rows;

    /// <summary>Builds a schedule from rows already parsed (sorted here; duplicate dates keep the last).</summary>
    public static FuturesMarginSchedule FromRows(IEnumerable<FuturesMargin> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var byDate = new SortedDictionary<DateOnly, FuturesMargin>();
        foreach (var row in rows)
        {
            byDate[row.EffectiveFrom] = row;
        }

        if (byDate.Count == 0)
        {
            throw new ArgumentException("A margin schedule needs at least one row.", nameof(rows));
        }

        return new FuturesMarginSchedule([.. byDate.Values]);
    }

    /// <summary>
    /// Parses LEAN margins CSV text. Blank lines are skipped; a first line starting with a letter is
    /// the header. Errors name the 1-based line and what was wrong.
    /// </summary>
    /// <exception cref="FormatException">A malformed line, a negative margin, maintenance above initial, or no rows.</exception>
    public static FuturesMarginSchedule Parse(string csvText)
    {
        ArgumentNullException.ThrowIfNull(csvText);
        var rows = new List<FuturesMargin>();
        int lineNumber = 0;
        foreach (var raw in csvText.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.IsEmpty || (lineNumber == 1 && char.IsLetter(line[0])))
            {
                continue;
            }

            rows.Add(ParseLine(line, lineNumber));
        }

        if (rows.Count == 0)
        {
            throw new FormatException("margins file: no data rows (expected 'date,initial,maintenance' lines)");
        }

        return FromRows(rows);
    }

    /// <summary>The requirement in force on <paramref name="date"/>: the last row effective on or before it.
    /// False before the first row (no margin is known then; the model refuses rather than guesses).</summary>
    public bool TryGetAsOf(DateOnly date, out FuturesMargin margin)
    {
        int i = Array.BinarySearch(_dates, date);
        int at = i >= 0 ? i : ~i - 1;
        if (at < 0)
        {
            margin = default;
            return false;
        }

        margin = _rows[at];
        return true;
    }

    private static FuturesMargin ParseLine(ReadOnlySpan<char> line, int lineNumber)
    {
        Span<Range> parts = stackalloc Range[4];
        int n = line.Split(parts, ',');
        if (n != 3)
        {
            throw new FormatException($"margins file line {lineNumber}: expected 3 fields 'date,initial,maintenance', found {n}");
        }

        if (!DateOnly.TryParseExact(line[parts[0]].Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new FormatException($"margins file line {lineNumber}: date '{line[parts[0]].ToString()}' is not yyyyMMdd");
        }

        decimal initial = Money(line[parts[1]].Trim(), lineNumber, "initial");
        decimal maintenance = Money(line[parts[2]].Trim(), lineNumber, "maintenance");
        if (maintenance > initial)
        {
            throw new FormatException($"margins file line {lineNumber}: maintenance {maintenance} is above initial {initial}");
        }

        return new FuturesMargin(date, initial, maintenance);
    }

    private static decimal Money(ReadOnlySpan<char> text, int lineNumber, string field)
    {
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal value) || value < 0m)
        {
            throw new FormatException($"margins file line {lineNumber}: {field} '{text.ToString()}' is not a non-negative number");
        }

        return value;
    }
}

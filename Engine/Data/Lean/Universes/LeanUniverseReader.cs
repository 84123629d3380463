using System.Globalization;
using TomKing.Greeks;

namespace TomKing.Engine.Data.Lean.Universes;

/// <summary>
/// Reads LEAN universe CSVs (one small file per chain and day). Columns are found by the header's
/// names, so the 15-column equity/index option layout and the 9-column futures-option layout share one
/// reader. A missing file returns false with a <see cref="LeanDamage.MissingFile"/> warning; a bad row
/// throws (strict) or is skipped and logged (lenient), naming the file and the 1-based line.
/// </summary>
public static class LeanUniverseReader
{
    /// <summary>Reads an option universe into <paramref name="rows"/> (appending); false when the file is missing.</summary>
    public static bool TryReadOptionUniverse(string path, ICollection<OptionUniverseRow> rows, LeanReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Read(path, options, ["expiry", "strike", "right", "open", "high", "low", "close", "volume"], (cols, f) =>
        {
            bool underlying = Field(f, cols.Expiry).Length == 0 && Field(f, cols.Strike).Length == 0;
            DateOnly expiry = default;
            decimal strike = 0;
            OptionRight right = OptionRight.Call;
            if (!underlying)
            {
                if (!LeanEntryName.TryParseDate(Field(f, cols.Expiry), out expiry))
                {
                    return "expiry is not yyyyMMdd";
                }

                if (!decimal.TryParse(Field(f, cols.Strike), NumberStyles.Float, CultureInfo.InvariantCulture, out strike))
                {
                    return "strike is not a number";
                }

                switch (Field(f, cols.Right))
                {
                    case "C" or "c":
                        right = OptionRight.Call;
                        break;
                    case "P" or "p":
                        right = OptionRight.Put;
                        break;
                    default:
                        return "right is not C or P";
                }
            }

            if (!TryOhlcv(f, cols, out double o, out double h, out double l, out double c, out long v, out double oi, out string? problem)
                || !TryOptional(f, cols.Iv, out double iv) || !TryOptional(f, cols.Delta, out double delta)
                || !TryOptional(f, cols.Gamma, out double gamma) || !TryOptional(f, cols.Vega, out double vega)
                || !TryOptional(f, cols.Theta, out double theta) || !TryOptional(f, cols.Rho, out double rho))
            {
                return problem ?? "a Greek or implied volatility is not a number";
            }

            rows.Add(new OptionUniverseRow(underlying, expiry, strike, right, o, h, l, c, v, oi, iv, delta, gamma, vega, theta, rho));
            return null;
        });
    }

    /// <summary>Reads a futures universe into <paramref name="rows"/> (appending); false when the file is missing.</summary>
    public static bool TryReadFutureUniverse(string path, ICollection<FutureUniverseRow> rows, LeanReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Read(path, options, ["expiry", "open", "high", "low", "close", "volume"], (cols, f) =>
        {
            string text = Field(f, cols.Expiry);
            bool monthOnly = text.Length == 6;
            if (!LeanEntryName.TryParseDate(monthOnly ? text + "01" : text, out DateOnly expiry))
            {
                return "expiry is not yyyyMM or yyyyMMdd";
            }

            if (!TryOhlcv(f, cols, out double o, out double h, out double l, out double c, out long v, out double oi, out string? problem))
            {
                return problem;
            }

            rows.Add(new FutureUniverseRow(expiry, monthOnly, o, h, l, c, v, oi));
            return null;
        });
    }

    private static bool Read(string path, LeanReadOptions options, string[] required, Func<Columns, string[], string?> parseRow)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path))
        {
            options.Issues.Add(new LeanDataIssue(LeanDamage.MissingFile, path, null, 0, "universe file does not exist"));
            return false;
        }

        Columns? columns = null;
        long lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (columns is null)
            {
                if (line[0] != '#')
                {
                    throw new LeanDataException(LeanDamage.BadRow, path, null, lineNumber, "expected a '#' header line first");
                }

                columns = Columns.FromHeader(line[1..].Split(','));
                string? missing = Array.Find(required, name => columns.IndexOf(name) < 0);
                if (missing is not null)
                {
                    throw new LeanDataException(LeanDamage.BadRow, path, null, lineNumber, $"the header lacks the '{missing}' column");
                }

                continue;
            }

            string[] fields = line.Split(',');
            string? problem = fields.Length != columns.Count
                ? string.Create(CultureInfo.InvariantCulture, $"expected {columns.Count} fields, found {fields.Length}")
                : parseRow(columns, fields);
            if (problem is not null)
            {
                var issue = new LeanDataIssue(LeanDamage.BadRow, path, null, lineNumber, problem);
                if (options.Mode == LeanReadMode.Strict)
                {
                    throw new LeanDataException(issue.Damage, issue.FilePath, null, issue.Line, issue.Detail);
                }

                options.Issues.Add(issue);
            }
        }

        if (columns is null)
        {
            throw new LeanDataException(LeanDamage.BadRow, path, null, 0, "the file is empty (no header)");
        }

        return true;
    }

    private static string Field(string[] fields, int index) => index < 0 ? string.Empty : fields[index];

    private static bool TryOhlcv(string[] f, Columns cols, out double o, out double h, out double l, out double c, out long v, out double oi, out string? problem)
    {
        h = l = c = oi = double.NaN;
        v = 0;
        problem = "an open/high/low/close/volume/open-interest field is not a number";
        return TryNumber(Field(f, cols.Open), out o) && TryNumber(Field(f, cols.High), out h) && TryNumber(Field(f, cols.Low), out l)
            && TryNumber(Field(f, cols.Close), out c)
            && long.TryParse(Field(f, cols.Volume), NumberStyles.Integer, CultureInfo.InvariantCulture, out v)
            && TryOptional(f, cols.OpenInterest, out oi);
    }

    private static bool TryOptional(string[] f, int index, out double value)
    {
        string text = Field(f, index);
        if (text.Length == 0)
        {
            value = double.NaN;
            return true;
        }

        return TryNumber(text, out value);
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private sealed class Columns
    {
        private readonly string[] _names;

        private Columns(string[] names)
        {
            _names = names;
            Expiry = IndexOf("expiry");
            Strike = IndexOf("strike");
            Right = IndexOf("right");
            Open = IndexOf("open");
            High = IndexOf("high");
            Low = IndexOf("low");
            Close = IndexOf("close");
            Volume = IndexOf("volume");
            OpenInterest = IndexOf("open_interest");
            Iv = IndexOf("implied_volatility");
            Delta = IndexOf("delta");
            Gamma = IndexOf("gamma");
            Vega = IndexOf("vega");
            Theta = IndexOf("theta");
            Rho = IndexOf("rho");
        }

        public int Count => _names.Length;

        public int Expiry { get; }

        public int Strike { get; }

        public int Right { get; }

        public int Open { get; }

        public int High { get; }

        public int Low { get; }

        public int Close { get; }

        public int Volume { get; }

        public int OpenInterest { get; }

        public int Iv { get; }

        public int Delta { get; }

        public int Gamma { get; }

        public int Vega { get; }

        public int Theta { get; }

        public int Rho { get; }

        public static Columns FromHeader(string[] names) => new([.. names.Select(n => n.Trim().ToUpperInvariant())]);

        public int IndexOf(string name) => Array.IndexOf(_names, name.ToUpperInvariant());
    }
}

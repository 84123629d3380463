using System.Globalization;
using System.IO.Compression;

namespace TomKing.Greeks.Tests.RealData;

/// <summary>One LEAN option quote-bar row: the close of the bid and ask sides (NaN for an empty side).</summary>
internal readonly record struct LeanOptionQuote(OptionRight Right, double Strike, DateOnly Expiry, DateOnly Date, int Milliseconds, double Bid, double Ask)
{
    public bool IsTwoSided => Bid > 0.0 && Ask > 0.0;

    public double Mid => 0.5 * (Bid + Ask);
}

/// <summary>
/// Minimal test-only reader for the LEAN option and underlying files the real-data tests use
/// (layout: ../shared/reference/lean.md §5). Option prices and strikes are integers ×10000; quote rows
/// are <c>time,bidO,bidH,bidL,bidC,bidSize,askO,askH,askL,askC,askSize</c> with an empty side written as
/// empty fields. Minute files start with milliseconds since midnight (data time zone), daily files
/// with <c>yyyyMMdd HH:mm</c>. Not the production LEAN reader.
/// </summary>
internal static class LeanQuoteFiles
{
    private const double Scale = 10_000.0;

    /// <summary>Every row of every contract in an option quote zip (minute or daily).</summary>
    public static List<LeanOptionQuote> ReadOptionQuotes(string zipPath)
    {
        var quotes = new List<LeanOptionQuote>();
        using var zip = ZipFile.OpenRead(zipPath);
        foreach (var entry in zip.Entries)
        {
            // ..._<call|put>_<strike×10000>_<expiry yyyyMMdd>.csv
            string[] parts = Path.GetFileNameWithoutExtension(entry.Name).Split('_');
            var right = parts[^3] switch
            {
                "call" => OptionRight.Call,
                "put" => OptionRight.Put,
                _ => throw new InvalidDataException("Unexpected option entry " + entry.FullName),
            };
            double strike = long.Parse(parts[^2], CultureInfo.InvariantCulture) / Scale;
            var expiry = DateOnly.ParseExact(parts[^1], "yyyyMMdd", CultureInfo.InvariantCulture);
            DateOnly? fileDate = char.IsAsciiDigit(parts[0][0]) ? DateOnly.ParseExact(parts[0], "yyyyMMdd", CultureInfo.InvariantCulture) : null;

            using var reader = new StreamReader(entry.Open());
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                string[] f = line.Split(',');
                DateOnly date;
                int ms;
                if (f[0].Contains(' ', StringComparison.Ordinal))
                {
                    date = DateOnly.ParseExact(f[0][..8], "yyyyMMdd", CultureInfo.InvariantCulture);
                    ms = 0;
                }
                else
                {
                    date = fileDate ?? throw new InvalidDataException("Minute row without a dated entry: " + entry.FullName);
                    ms = int.Parse(f[0], CultureInfo.InvariantCulture);
                }

                quotes.Add(new LeanOptionQuote(right, strike, expiry, date, ms, Price(f[4]), Price(f[9])));
            }
        }

        return quotes;
    }

    /// <summary>Closes by bar start (milliseconds since midnight, data time zone) from a minute trade zip (index prices are unscaled).</summary>
    public static Dictionary<int, double> ReadMinuteCloses(string zipPath, bool scaled)
    {
        var closes = new Dictionary<int, double>();
        using var zip = ZipFile.OpenRead(zipPath);
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                string[] f = line.Split(',');
                double close = double.Parse(f[4], CultureInfo.InvariantCulture);
                closes[int.Parse(f[0], CultureInfo.InvariantCulture)] = scaled ? close / Scale : close;
            }
        }

        return closes;
    }

    /// <summary>Daily closes by date from a daily equity zip (prices ×10000, raw/unadjusted).</summary>
    public static Dictionary<DateOnly, double> ReadDailyCloses(string zipPath)
    {
        var closes = new Dictionary<DateOnly, double>();
        using var zip = ZipFile.OpenRead(zipPath);
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            while (reader.ReadLine() is { } line)
            {
                if (line.Length < 9)
                {
                    continue;
                }

                string[] f = line.Split(',');
                closes[DateOnly.ParseExact(f[0][..8], "yyyyMMdd", CultureInfo.InvariantCulture)] = double.Parse(f[4], CultureInfo.InvariantCulture) / Scale;
            }
        }

        return closes;
    }

    private static double Price(string field) =>
        field.Length == 0 ? double.NaN : double.Parse(field, CultureInfo.InvariantCulture) / Scale;
}

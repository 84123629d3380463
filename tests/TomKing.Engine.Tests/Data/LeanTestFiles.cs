using System.Globalization;
using System.IO.Compression;
using TomKing.Engine.Data.Lean;

namespace TomKing.Engine.Tests.Data;

/// <summary>Independent access to the raw LEAN files (plain string splitting) and temp copies for damage tests.</summary>
internal static class LeanTestFiles
{
    public static string Root => TestPaths.RequireLeanData();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Every entry of a zip as (name, rows of fields), read with plain string operations.</summary>
    public static List<(string Name, string[][] Rows)> RawEntries(string zipPath)
    {
        using ZipArchive zip = ZipFile.OpenRead(zipPath);
        var result = new List<(string, string[][])>();
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            string text = reader.ReadToEnd();
            string[][] rows = text.Split('\n')
                .Select(l => l.TrimEnd('\r'))
                .Where(l => l.Length > 0)
                .Select(l => l.Split(','))
                .ToArray();
            result.Add((entry.FullName, rows));
        }

        return result;
    }

    public static double Price(string text, bool scaled) =>
        text.Length == 0 ? 0 : scaled ? double.Parse(text, CultureInfo.InvariantCulture) / 10000.0 : double.Parse(text, CultureInfo.InvariantCulture);

    public static DateTime Start(DateOnly date, string ms, double shiftHours) =>
        date.ToDateTime(TimeOnly.MinValue).AddMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture)).AddHours(shiftHours);

    /// <summary>Reads every quote bar of every entry with the library.</summary>
    public static List<(LeanArchiveEntry Entry, List<QuoteBar> Bars)> ReadQuotes(LeanArchive archive, LeanRowReader reader)
    {
        var all = new List<(LeanArchiveEntry, List<QuoteBar>)>();
        foreach (LeanArchiveEntry entry in archive.Entries)
        {
            archive.StartEntry(entry.Index, reader);
            var bars = new List<QuoteBar>();
            while (reader.TryRead(out QuoteBar bar))
            {
                bars.Add(bar);
            }

            all.Add((entry, bars));
        }

        return all;
    }

    public static List<TradeBar> ReadTrades(LeanArchive archive, int entryIndex, LeanRowReader reader)
    {
        archive.StartEntry(entryIndex, reader);
        var bars = new List<TradeBar>();
        while (reader.TryRead(out TradeBar bar))
        {
            bars.Add(bar);
        }

        return bars;
    }

    /// <summary>A fresh temp folder removed by the caller's <see cref="IDisposable"/>.</summary>
    public static TempFolder Temp() => new();

    /// <summary>Writes a zip with the given entries (name, text) to <paramref name="path"/>.</summary>
    public static void WriteZip(string path, params (string Name, string Text)[] entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text) in entries)
        {
            ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            using var writer = new StreamWriter(entry.Open());
            writer.Write(text);
        }
    }

    public static string RawEntryText(string zipPath, string entryName)
    {
        using ZipArchive zip = ZipFile.OpenRead(zipPath);
        using var reader = new StreamReader(zip.GetEntry(entryName)!.Open());
        return reader.ReadToEnd();
    }

    internal sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tomking-lean-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a temp folder left behind is harmless
            }
        }
    }
}

using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using TomKing.Engine.Data.Lean;

namespace TomKing.Benchmarks;

/// <summary>
/// Replay throughput of LEAN-format option quotes: the five real SPXW minute-quote zips of
/// 2021-01-04..08 (../shared/data/lean), opened, inflated and parsed into <see cref="QuoteBar"/> values.
/// OperationsPerInvoke is the number of rows in one pass, so Mean is per row (events/s = 1e9 / Mean ns)
/// and Allocated is bytes per row. Per-file allocations (file stream, ZipArchive and its entry objects,
/// one inflater per entry) are included and amortised over the rows; nothing is allocated per row.
/// <list type="bullet">
/// <item><see cref="UnzipAndParse"/>: from the files on disk (page cache), the whole path.</item>
/// <item><see cref="ParseInflated"/>: the same rows already inflated in memory: parse cost alone.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class LeanReplayBenchmarks
{
    /// <summary>Rows in one pass over the five zips; checked in setup so a changed data set fails loudly.</summary>
    public const int RowsPerPass = 22_034;

    private static readonly DateOnly[] Days = [new(2021, 1, 4), new(2021, 1, 5), new(2021, 1, 6), new(2021, 1, 7), new(2021, 1, 8)];
    private static readonly LeanRowFormat Format = new(LeanSecurityType.IndexOption, LeanResolution.Minute, LeanTickType.Quote, LeanTimeZone.NewYork);

    private readonly LeanReadOptions _options = new();
    private readonly List<(string Path, DateOnly Date)> _files = [];
    private readonly List<(byte[] Bytes, DateOnly Date)> _inflated = [];
    private LeanRowReader _reader = null!;

    [GlobalSetup]
    public void Setup()
    {
        var paths = new LeanDataPaths(FindLeanData());
        foreach (DateOnly day in Days)
        {
            LeanFileLocation location = paths.Locate(LeanSeries.IndexOptionMinute("spxw", LeanTickType.Quote), day);
            string path = location.ExistingPath ?? throw new FileNotFoundException("SPXW quote zip missing", location.ExpectedPath);
            _files.Add((path, day));
            using ZipArchive zip = ZipFile.OpenRead(path);
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                using var buffer = new MemoryStream();
                using (Stream s = entry.Open())
                {
                    s.CopyTo(buffer);
                }

                _inflated.Add((buffer.ToArray(), day));
            }
        }

        _reader = new LeanRowReader(_options);
        long rows = UnzipAndParse();
        if (rows != RowsPerPass)
        {
            throw new InvalidOperationException($"Expected {RowsPerPass} rows per pass, read {rows}: update RowsPerPass.");
        }
    }

    [Benchmark(OperationsPerInvoke = RowsPerPass)]
    public long UnzipAndParse()
    {
        long rows = 0;
        double checksum = 0;
        foreach (var (path, date) in _files)
        {
            using LeanArchive archive = LeanArchive.Open(path, Format, date, _options);
            for (int e = 0; e < archive.Entries.Count; e++)
            {
                archive.StartEntry(e, _reader);
                while (_reader.TryRead(out QuoteBar bar))
                {
                    rows++;
                    checksum += bar.BidClose;
                }
            }
        }

        return checksum > 0 ? rows : -rows;
    }

    [Benchmark(OperationsPerInvoke = RowsPerPass)]
    public long ParseInflated()
    {
        long rows = 0;
        double checksum = 0;
        foreach (var (bytes, date) in _inflated)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            _reader.Start(stream, Format, date, "memory", null, bytes.Length);
            while (_reader.TryRead(out QuoteBar bar))
            {
                rows++;
                checksum += bar.BidClose;
            }
        }

        return checksum > 0 ? rows : -rows;
    }

    private static string FindLeanData()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TomKing.sln")))
        {
            dir = dir.Parent;
        }

        string root = dir?.FullName ?? throw new InvalidOperationException("TomKing.sln not found above " + AppContext.BaseDirectory);
        return Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "lean"));
    }
}

using System.Diagnostics;
using System.Globalization;
using TomKing.Engine.Data.Lean;

namespace TomKing.Engine.Tests.Data;

/// <summary>
/// Throughput of unzip + parse over the real SPXW minute-quote zips, looped many times. Explicit (run it
/// in Release: <c>dotnet test -c Release --filter Name~Throughput</c>); the default test run only checks
/// the zero-allocation property, which holds in any configuration.
/// </summary>
[TestFixture]
public class LeanThroughputTests
{
    private static readonly LeanRowFormat Format = new(LeanSecurityType.IndexOption, LeanResolution.Minute, LeanTickType.Quote, LeanTimeZone.NewYork);

    [Test]
    public void TryRead_WarmReader_AllocatesNothingPerRow()
    {
        var files = SpxwQuoteFiles();
        var reader = new LeanRowReader();
        Pass(files, reader); // warm up: JIT, buffer
        using LeanArchive archive = LeanArchive.Open(files[0].Path, Format, files[0].Date, new LeanReadOptions());
        archive.StartEntry(0, reader);
        Assert.That(reader.TryRead(out QuoteBar _), Is.True); // stream primed
        long before = GC.GetAllocatedBytesForCurrentThread();
        long rows = 0;
        while (reader.TryRead(out QuoteBar _))
        {
            rows++;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(rows, Is.GreaterThan(300));
        Assert.That(allocated, Is.LessThan(rows), "less than one byte per row: nothing per row beyond the inflater's own buffers");
    }

    [Test]
    [Explicit("Timing; run in Release")]
    public void Throughput_SpxwQuoteWeek_ReportsEventsPerSecond()
    {
        var files = SpxwQuoteFiles();
        var reader = new LeanRowReader();
        long rowsPerPass = Pass(files, reader);
        for (int i = 0; i < 20; i++)
        {
            Pass(files, reader);
        }

        const int Passes = 400;
        long before = GC.GetAllocatedBytesForCurrentThread();
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long rows = 0;
        for (int i = 0; i < Passes; i++)
        {
            rows += Pass(files, reader);
        }

        watch.Stop();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        double perSecond = rows / watch.Elapsed.TotalSeconds;
        TestContext.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{rowsPerPass} rows/pass, {Passes} passes, {rows} rows in {watch.Elapsed.TotalMilliseconds:F0} ms wall, {cpu.TotalMilliseconds:F0} ms CPU: {perSecond / 1e6:F2} M rows/s wall, {rows / cpu.TotalSeconds / 1e6:F2} M rows per CPU-second, {(double)allocated / rows:F2} bytes/row (per-file zip objects amortised)"));
        Assert.That(perSecond, Is.GreaterThan(0));
    }

    private static List<(string Path, DateOnly Date)> SpxwQuoteFiles()
    {
        var paths = new LeanDataPaths(LeanTestFiles.Root);
        var files = new List<(string, DateOnly)>();
        for (int day = 4; day <= 8; day++)
        {
            var date = new DateOnly(2021, 1, day);
            files.Add((paths.Locate(LeanSeries.IndexOptionMinute("spxw", LeanTickType.Quote), date).ExistingPath!, date));
        }

        return files;
    }

    private static long Pass(List<(string Path, DateOnly Date)> files, LeanRowReader reader)
    {
        long rows = 0;
        var options = new LeanReadOptions();
        foreach (var (path, date) in files)
        {
            using LeanArchive archive = LeanArchive.Open(path, Format, date, options);
            for (int e = 0; e < archive.Entries.Count; e++)
            {
                archive.StartEntry(e, reader);
                while (reader.TryRead(out QuoteBar _))
                {
                    rows++;
                }
            }
        }

        return rows;
    }
}

using System.Globalization;
using TomKing.Algorithm.Domain;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator;
using TomKing.Brokerages.Tastytrade.Emulator.Orders;
using TomKing.Brokerages.Tastytrade.Emulator.Streaming;
using TomKing.Engine.Live;
using TomKing.Engine.Live.Tastytrade;

namespace TomKing.Engine.Tests.Live;

/// <summary>
/// Issue 6's flood test: the emulator sends every subscribed quote each millisecond (100× its normal 100 ms
/// rate) for a minute while the live runner trades F0 through its 10:30 entry (market clock at 10×, so the entry is
/// placed, repriced and filled inside the flood). Quotes are conflated per symbol, so
/// the kernel's pass latency, the heap and the pending-quote depth stay bounded; order and fill events are never
/// conflated, so every fill the emulator made is booked. The figures are printed (and in bench/RESULTS.md).
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Live")]
public sealed class QuoteFloodTests
{
    [Test]
    [CancelAfter(240_000)]
    public async Task AMinuteOfQuotesAt100TimesTheNormalRateStaysBoundedAndLosesNoFill()
    {
        var module = new TastytradeStreamingModule(o => o with { QuoteInterval = TimeSpan.FromMilliseconds(1) });
        // the market clock at 10× so the minute of flood covers F0's 10:30 entry, its repricing and its fills; the runner
        // starts in the entry window with an empty view, so the entry waits for the view to warm up under the flood
        var start = new DateTime(2026, 11, 20, 10, 29, 55);
        await using var host = new EmulatorHost(new EmulatorOptions { Seed = 20240805, MarketStart = start, Modules = [module], Speed = 10 });
        var url = await host.StartAsync();
        string dir = Directory.CreateTempSubdirectory("tomking-flood-").FullName;
        var defaults = new EmulatorOptions();
        await using var venue = new TastytradeLiveVenue(TastytradeVenueSettings.Emulator(url, new Brokerages.Tastytrade.Auth.TastytradeCredentials(defaults.ClientId, defaults.ClientSecret, defaults.RefreshToken)));
        using var journal = SqliteLiveJournal.Open(Path.Combine(dir, "flood.db"));
        var runner = await LiveRunner.StartAsync(venue, journal, new LiveRunnerOptions { Strategies = [StrategyId.F0] }, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var kernel = runner.RunAsync(stop.Token);
        long heapMin = long.MaxValue, heapMax = 0;
        int pendingMax = 0;
        long received0 = venue.MarketData.EventsReceived;
        for (int s = 0; s < 60; s++)
        {
            await Task.Delay(1000);
            long heap = GC.GetTotalMemory(false);
            heapMin = Math.Min(heapMin, heap);
            heapMax = Math.Max(heapMax, heap);
            pendingMax = Math.Max(pendingMax, venue.MarketData.Quotes.PendingCount);
        }

        long received = venue.MarketData.EventsReceived - received0;
        await stop.CancelAsync();
        await kernel;
        await Task.Delay(1500); // let the last order events arrive, then drain them
        while (runner.Cycle() is false && venue.Port.QueuedReports > 0)
        {
        }

        journal.Flush();
        var stats = runner.Statistics;
        string account = host.Orders.AccountNumbers[0];
        var emulatorFills = host.Orders.Search(account, new OrderQuery([], Ascending: true))
            .Where(o => o.ExternalIdentifier?.StartsWith("tk-", StringComparison.Ordinal) == true)
            .SelectMany(o => o.Legs.SelectMany(l => l.Fills)).Select(f => f.FillId!).ToList();
        var journalFills = journal.ReadAll().Where(r => r.Kind == LiveRecordKind.Fill).Select(r => r.Fill.ExecutionId).ToList();
        var cycle = stats.CycleNanoseconds;
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"flood: {received:N0} DXLink events in 60 s ({received / 60.0:N0}/s), {stats.QuotesApplied:N0} applied after conflation, {venue.MarketData.Quotes.Conflated:N0} conflated; "
            + $"deciding passes {stats.Decisions:N0}, pass p50 {cycle.P50 / 1000.0:0.0} us p99 {cycle.P99 / 1000.0:0.0} us p99.9 {cycle.P999 / 1000.0:0.0} us max {cycle.Max / 1000.0:0.0} us; "
            + $"heap {heapMin / 1048576.0:0.0}-{heapMax / 1048576.0:0.0} MB; pending quotes max {pendingMax:N0} of {venue.MarketData.Quotes.Capacity:N0}; "
            + $"fills emulator {emulatorFills.Count} journal {journalFills.Count}, order events {stats.OrderEvents}"));
        Assert.Multiple(() =>
        {
            Assert.That(received, Is.GreaterThan(1_000_000), "the flood did not happen");
            Assert.That(pendingMax, Is.LessThanOrEqualTo(venue.MarketData.Quotes.Capacity), "pending quotes are bounded by the symbol table");
            Assert.That(heapMax - heapMin, Is.LessThan(512L * 1024 * 1024), "heap grew without bound under the flood");
            Assert.That(cycle.P99, Is.LessThan(250_000_000), "a deciding pass took longer than a quarter second at p99 (sanity bound, not a target)");
            Assert.That(emulatorFills, Is.Not.Empty, "the runner must trade during the flood for the no-lost-fill check to mean anything");
            Assert.That(journalFills, Is.EquivalentTo(emulatorFills), "fills lost under the flood");
        });
    }
}

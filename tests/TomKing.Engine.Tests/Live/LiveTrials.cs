using System.Diagnostics;
using System.Globalization;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Hosting;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator;
using TomKing.Brokerages.Tastytrade.Emulator.Orders;
using TomKing.Brokerages.Tastytrade.Symbology;
using TomKing.Engine.Live;
using TomKing.Testing;
using TomKing.Algorithm.Testing;

namespace TomKing.Engine.Tests.Live;

/// <summary>
/// What the crash and disconnect trials share: the real <c>tomking live</c> process started against an emulator the
/// test hosts, the trial rulebook and trading days, and the final comparison of the journal with the emulator's own
/// records (the reference): every client order id reached the broker once (replacements aside), every fill the
/// emulator made is journaled exactly once and none it did not make, and the positions the journal rebuilds equal
/// the emulator's.
/// </summary>
internal static class LiveTrials
{
    /// <summary>Trial days: Fridays (F0 trades), one per trial day.</summary>
    public static readonly DateOnly[] Fridays =
    [
        new(2026, 11, 20), new(2026, 12, 4), new(2026, 12, 11), new(2026, 12, 18), new(2027, 1, 8), new(2027, 1, 15),
        new(2027, 1, 22), new(2027, 1, 29), new(2027, 2, 5), new(2027, 2, 12), new(2027, 2, 19), new(2027, 2, 26),
    ];

    /// <summary>Where each trial day starts (market time): just before F0's 10:30 entry.</summary>
    public static readonly TimeOnly DayStart = new(10, 27);

    /// <summary>Writes the trial rulebook into <paramref name="dir"/>: F0's time exit moved to 10:50 so every trial
    /// day has an exit as well as an entry (F0-5's order kept: the entry window closes before the time exit).</summary>
    public static async Task<string> WriteRulebookAsync(string dir)
    {
        string path = Path.Combine(dir, "trial-rulebook.json");
        await File.WriteAllTextAsync(path, "{ \"f0\": { \"noEntryAfter\": \"10:40\", \"timeExit\": \"10:50\" } }");
        return path;
    }

    /// <summary>The phase of F0's trial day a market time falls in.</summary>
    public static string Phase(DateTime market) => TimeOnly.FromDateTime(market) switch
    {
        var t when t < new TimeOnly(10, 30) => "before entry",
        var t when t < new TimeOnly(10, 35) => "entry and repricing",
        var t when t < new TimeOnly(10, 50) => "holding",
        var t when t < new TimeOnly(10, 56) => "exit",
        _ => "after exit",
    };

    /// <summary>Starts <c>tomking live</c> on F0 against the emulator at <paramref name="url"/> (with
    /// <paramref name="stopAt"/> it stops by itself at that market time).</summary>
    public static TrialProcess Start(string cli, Uri url, string journal, string rulebook, DateTime? stopAt, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = false, UseShellExecute = false };
        foreach (string a in new[] { cli, "live", "--emulator-url", url.ToString(), "--journal", journal, "--strategies", "F0", "--rulebook", rulebook })
        {
            info.ArgumentList.Add(a);
        }

        if (stopAt is { } s)
        {
            info.ArgumentList.Add("--stop-at");
            info.ArgumentList.Add(s.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        foreach (string a in extra)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var name in new[] { "TOMKING_TT_CLIENT_ID", "TOMKING_TT_CLIENT_SECRET", "TOMKING_TT_REFRESH_TOKEN" })
        {
            info.Environment.Remove(name);
        }

        return new TrialProcess(Process.Start(info) ?? throw new AssertionException("could not start tomking"));
    }

    /// <summary>The tomking CLI built next to this test assembly's configuration (the test project references the
    /// CLI project so a solution build builds it).</summary>
    public static string CliAssembly()
    {
        string config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string path = Path.Combine(RepositoryPaths.RepoRoot, "Cli", "bin", config, "net10.0", "tomking.dll");
        if (!File.Exists(path))
        {
            Assert.Ignore($"the tomking CLI is not built at {path} (build the solution: dotnet build TomKing.sln)");
        }

        return path;
    }

    /// <summary>Compares the journal at <paramref name="journalPath"/> with the emulator's orders, fills and
    /// positions (the emulator's clock is frozen first) and asserts the trial invariants; returns a one-line summary.</summary>
    public static string AssertJournalMatchesEmulator(EmulatorHost host, string journalPath)
    {
        host.Clock.Set(host.Clock.NowEastern); // freeze: nothing moves while the books are compared
        string account = host.Orders.AccountNumbers[0];
        var orders = host.Orders.Search(account, new OrderQuery([], Ascending: true));
        var ours = orders.Where(o => o.ExternalIdentifier?.StartsWith("tk-", StringComparison.Ordinal) == true).ToList();
        var emulatorFills = ours.SelectMany(o => o.Legs.SelectMany(l => l.Fills)).Select(f => f.FillId!).ToList();

        using var journal = SqliteLiveJournal.Open(journalPath);
        var records = journal.ReadAll().ToList();
        var journalFills = records.Where(r => r.Kind == LiveRecordKind.Fill && r.Fill.ClientId.Value < JournalRestore.SettlementIdBase).Select(r => r.Fill.ExecutionId).ToList();
        var submitted = records.Where(r => r.Kind == LiveRecordKind.Submitted).Select(r => r.Order.ClientId.Value).ToList();

        var core = new TradingCore(new TomKing.Engine.Replay.ReplayClock(host.Clock.NowEastern), EmptyMarketView.Instance, new NoPort(), RulebookSettings.Default, JournalRestore.StartingCash(records) ?? 50_000m);
        JournalRestore.Apply(records, core, [], (_, _) => default);
        var book = LiveHoldings.Net(core.Ledger);
        var venue = new Dictionary<OptionContract, int>();
        foreach (var p in host.Orders.Positions(account).Value ?? [])
        {
            if (p.InstrumentType is InstrumentTypes.EquityOption or InstrumentTypes.FutureOption && p.Quantity != 0)
            {
                var contract = Contract(p.Symbol!, ours, records);
                venue[contract] = venue.GetValueOrDefault(contract) + ((int)p.Quantity * (p.QuantityDirection == "Short" ? -1 : 1));
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(ours.Count(o => o.ReplacesOrderId is null), Is.GreaterThanOrEqualTo(4), "the trials must trade (entries and exits) to prove anything");
            Assert.That(emulatorFills, Is.Not.Empty, "the trials must fill orders to prove anything");
            var perClient = ours.Where(o => o.ReplacesOrderId is null).GroupBy(o => o.ExternalIdentifier).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.That(perClient, Is.Empty, "client order ids sent to the broker more than once (duplicates)");
            Assert.That(ours.Select(o => o.ExternalIdentifier).Distinct().All(e => submitted.Contains(long.Parse(e!.AsSpan(4), CultureInfo.InvariantCulture))), Is.True, "a broker order the journal never submitted");
            Assert.That(journalFills, Is.Unique, "a fill journaled twice");
            Assert.That(journalFills, Is.EquivalentTo(emulatorFills), "fills lost (or invented)");
            Assert.That(book, Is.EquivalentTo(venue), "positions rebuilt from the journal differ from the emulator's");
        });
        return string.Create(CultureInfo.InvariantCulture,
            $"emulator orders {ours.Count} ({ours.Count(o => o.ReplacesOrderId is null)} originals), fills {emulatorFills.Count}; journal records {records.Count}, submitted {submitted.Count}, fills {journalFills.Count}; positions book {book.Count} venue {venue.Count}");
    }

    /// <summary>The contract an emulator position symbol is, by the emulator's own fill ids: the journal fill with
    /// the same id says which contract the book booked for that symbol (OCC symbols parse directly).</summary>
    private static OptionContract Contract(string symbol, List<Order> orders, List<LiveRecord> records)
    {
        var byFill = records.Where(r => r.Kind == LiveRecordKind.Fill).GroupBy(r => r.Fill.ExecutionId).ToDictionary(g => g.Key, g => g.First().Fill.Contract, StringComparer.Ordinal);
        foreach (var o in orders)
        {
            foreach (var l in o.Legs)
            {
                if (l.Symbol != symbol)
                {
                    continue;
                }

                foreach (var f in l.Fills)
                {
                    if (f.FillId is { } id && byFill.TryGetValue(id, out var c))
                    {
                        return c;
                    }
                }
            }
        }

        return OptionContractSymbols.TryFromOcc(symbol, out var parsed) ? parsed : throw new AssertionException($"position {symbol}: no journal fill names it (a fill was lost) and it is not an OCC symbol");
    }

    internal sealed class NoPort : IOrderPort
    {
        public OrderId Submit(in ComboOrderRequest request) => throw new AssertionException("a restore must not send orders");

        public void Cancel(OrderId order) => throw new AssertionException("a restore must not cancel orders");

        public void Replace(OrderId order, decimal newLimitPrice) => throw new AssertionException("a restore must not replace orders");
    }
}

/// <summary>A running <c>tomking live</c>: its stderr is collected, and <see cref="Operational"/> completes when it
/// reports that start-up (journal replay, connection, reconciliation) is done.</summary>
internal sealed class TrialProcess : IDisposable
{
    private readonly System.Text.StringBuilder _log = new();
    private readonly TaskCompletionSource _operational = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TrialProcess(Process process)
    {
        Process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _drained.TrySetResult();
                return;
            }

            lock (_log)
            {
                _log.AppendLine(e.Data);
            }

            if (e.Data.StartsWith("live: operational", StringComparison.Ordinal))
            {
                _operational.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    /// <summary>Completes when the process reports it is operational.</summary>
    public Task Operational => _operational.Task;

    /// <summary>Waits for the process to exit and its stderr to be read to the end; returns the stderr.</summary>
    public async Task<string> ExitAsync()
    {
        await Process.WaitForExitAsync();
        await _drained.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return Log;
    }

    /// <summary>Stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public void Dispose() => Process.Dispose();
}

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

namespace TomKing.Engine.Tests.Live;

/// <summary>
/// Issue 6's crash trials: the real <c>tomking live</c> process trades F0 against an emulator hosted by this test
/// (its market clock at 120× so a Friday's entry, repricing, fills and exit happen within seconds), and is killed
/// with SIGKILL at random points at least 50 times, restarting each time on the same journal. A last run
/// reconciles and stops cleanly. Then the emulator's own records are the reference: every client order id has
/// exactly one broker order (replacements aside), every fill the emulator made is in the journal exactly once and
/// the journal has no fill the emulator did not make, and the positions the journal rebuilds equal the emulator's.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Live")]
public sealed class CrashTrialTests
{
    private const int Kills = 50;

    [Test]
    [CancelAfter(900_000)]
    public async Task KilledAtRandomPointsTheRunnerRecoversEveryOrderFillAndPosition()
    {
        string cli = CliAssembly();
        string dir = Directory.CreateTempSubdirectory("tomking-crash-").FullName;
        string journalPath = Path.Combine(dir, "live.db");
        string rulebook = Path.Combine(dir, "trial-rulebook.json");
        // F0's time exit moved to 10:50 so every trial day has an exit as well as an entry
        await File.WriteAllTextAsync(rulebook, "{ \"f0\": { \"noEntryAfter\": \"10:40\", \"timeExit\": \"10:50\" } }");
        DateOnly[] fridays = [new(2026, 11, 20), new(2026, 12, 4), new(2026, 12, 11), new(2026, 12, 18), new(2027, 1, 8), new(2027, 1, 15), new(2027, 1, 22), new(2027, 1, 29), new(2027, 2, 5), new(2027, 2, 12), new(2027, 2, 19), new(2027, 2, 26)];
        var first = fridays[0].ToDateTime(new TimeOnly(10, 27));
        await using var host = new EmulatorHost(new EmulatorOptions { Seed = 20240805, MarketStart = first, Speed = 120 });
        var url = await host.StartAsync();
        var rng = new Random(20261121);
        var killedAt = new List<(DateTime Market, string Phase)>();
        int day = 0;
        while (killedAt.Count < Kills && day < fridays.Length)
        {
            var friday = fridays[day++];
            host.Clock.Set(friday.ToDateTime(new TimeOnly(10, 27)));
            host.Clock.Resume();
            var dayEnd = friday.ToDateTime(new TimeOnly(11, 2));
            while (killedAt.Count < Kills && host.Clock.NowEastern < dayEnd)
            {
                using var process = Start(cli, url, journalPath, rulebook, stopAt: null);
                await Task.Delay(rng.Next(400, 3_500));
                Assert.That(process.HasExited, Is.False, "tomking live ended by itself before the kill (see its log with the last run)");
                var market = host.Clock.NowEastern;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                killedAt.Add((market, Phase(market)));
            }
        }

        Assert.That(killedAt, Has.Count.EqualTo(Kills), "not enough trial days for the kills");

        // the last run: reconcile, trade a little, stop cleanly
        var stop = host.Clock.NowEastern.AddMinutes(3);
        using (var last = Start(cli, url, journalPath, rulebook, stopAt: stop))
        {
            string err = await last.StandardError.ReadToEndAsync();
            await last.WaitForExitAsync();
            TestContext.Out.WriteLine(err);
            Assert.That(last.ExitCode, Is.Zero, err);
        }

        host.Clock.Set(host.Clock.NowEastern); // freeze: nothing moves while the books are compared
        string account = host.Orders.AccountNumbers[0];
        var orders = host.Orders.Search(account, new OrderQuery([], Ascending: true));
        var ours = orders.Where(o => o.ExternalIdentifier?.StartsWith("tk-", StringComparison.Ordinal) == true).ToList();
        var emulatorFills = ours.SelectMany(o => o.Legs.SelectMany(l => l.Fills)).Select(f => f.FillId!).ToList();

        using var journal = SqliteLiveJournal.Open(journalPath);
        var records = journal.ReadAll().ToList();
        var journalFills = records.Where(r => r.Kind == LiveRecordKind.Fill && r.Fill.ClientId.Value < JournalRestore.SettlementIdBase).Select(r => r.Fill.ExecutionId).ToList();
        var submitted = records.Where(r => r.Kind == LiveRecordKind.Submitted).Select(r => r.Order.ClientId.Value).ToList();

        var core = new TradingCore(new TomKing.Engine.Replay.ReplayClock(host.Clock.NowEastern), new NoMarket(), new NoPort(), RulebookSettings.Default, JournalRestore.StartingCash(records) ?? 50_000m);
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

        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kills {killedAt.Count} ({string.Join(", ", killedAt.GroupBy(k => k.Phase).Select(g => $"{g.Key} {g.Count()}"))}); emulator orders {ours.Count} ({ours.Count(o => o.ReplacesOrderId is null)} originals), fills {emulatorFills.Count}; journal records {records.Count}, submitted {submitted.Count}, fills {journalFills.Count}; positions book {book.Count} venue {venue.Count}"));
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

    private static string Phase(DateTime market) => TimeOnly.FromDateTime(market) switch
    {
        var t when t < new TimeOnly(10, 30) => "before entry",
        var t when t < new TimeOnly(10, 35) => "entry and repricing",
        var t when t < new TimeOnly(10, 50) => "holding",
        var t when t < new TimeOnly(10, 56) => "exit",
        _ => "after exit",
    };

    private static Process Start(string cli, Uri url, string journal, string rulebook, DateTime? stopAt)
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

        foreach (var name in new[] { "TOMKING_TT_CLIENT_ID", "TOMKING_TT_CLIENT_SECRET", "TOMKING_TT_REFRESH_TOKEN" })
        {
            info.Environment.Remove(name);
        }

        var process = Process.Start(info) ?? throw new AssertionException("could not start tomking");
        if (stopAt is null)
        {
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
        }

        return process;
    }

    /// <summary>The tomking CLI built next to this test assembly's configuration.</summary>
    private static string CliAssembly()
    {
        string config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string path = Path.Combine(RepositoryPaths.RepoRoot, "Cli", "bin", config, "net10.0", "tomking.dll");
        if (!File.Exists(path))
        {
            Assert.Ignore($"the tomking CLI is not built at {path} (build the solution: dotnet build TomKing.sln)");
        }

        return path;
    }

    private sealed class NoPort : IOrderPort
    {
        public OrderId Submit(in ComboOrderRequest request) => throw new AssertionException("a restore must not send orders");

        public void Cancel(OrderId order) => throw new AssertionException("a restore must not cancel orders");

        public void Replace(OrderId order, decimal newLimitPrice) => throw new AssertionException("a restore must not replace orders");
    }

    private sealed class NoMarket : IMarketView
    {
        public bool TryGetPrice(Ticker underlying, out double price)
        {
            price = double.NaN;
            return false;
        }

        public bool TryGetChain(Ticker root, out OptionChain chain)
        {
            chain = null!;
            return false;
        }

        public bool TryGetVix(out VixReading vix)
        {
            vix = default;
            return false;
        }

        public bool TryGetIvRank(Ticker underlying, out double ivRank)
        {
            ivRank = double.NaN;
            return false;
        }

        public bool TryGetDailyEma(Ticker underlying, int period, out double ema)
        {
            ema = double.NaN;
            return false;
        }

        public bool TryGetSessionOpen(Ticker underlying, out double open)
        {
            open = double.NaN;
            return false;
        }
    }
}

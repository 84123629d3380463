using System.Globalization;
using TomKing.Brokerages.Tastytrade.Emulator;

namespace TomKing.Engine.Tests.Live;

/// <summary>
/// Issue 6's crash trials: the real <c>tomking live</c> process trades F0 against an emulator hosted by this test
/// (its market clock at 120× so a Friday's entry, repricing, fills and exit happen within seconds), and is killed
/// with SIGKILL at random points at least 50 times, restarting each time on the same journal: one kill in five
/// lands at a random moment of start-up (journal replay, connection, reconciliation), the others at a random moment
/// after the process reported it was operational, so the trials trade however fast the machine is. A last run
/// reconciles and stops cleanly. Then the emulator's own records are the reference (<see cref="LiveTrials"/>).
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
        string cli = LiveTrials.CliAssembly();
        string dir = Directory.CreateTempSubdirectory("tomking-crash-").FullName;
        string journalPath = Path.Combine(dir, "live.db");
        string rulebook = await LiveTrials.WriteRulebookAsync(dir);
        var fridays = LiveTrials.Fridays;
        await using var host = new EmulatorHost(new EmulatorOptions { Seed = 20240805, MarketStart = fridays[0].ToDateTime(LiveTrials.DayStart), Speed = 120 });
        var url = await host.StartAsync();
        var rng = new Random(20261121);
        var killedAt = new List<(DateTime Market, string Phase)>();
        int day = 0;
        while (killedAt.Count < Kills && day < fridays.Length)
        {
            var friday = fridays[day++];
            host.Clock.Set(friday.ToDateTime(LiveTrials.DayStart));
            host.Clock.Resume();
            var dayEnd = friday.ToDateTime(new TimeOnly(11, 2));
            while (killedAt.Count < Kills && host.Clock.NowEastern < dayEnd)
            {
                using var trial = LiveTrials.Start(cli, url, journalPath, rulebook, stopAt: null);
                bool duringStartup = rng.Next(5) == 0;
                if (duringStartup)
                {
                    await Task.Delay(rng.Next(100, 1_500));
                }
                else
                {
                    await trial.Operational.WaitAsync(TimeSpan.FromSeconds(60));
                    await Task.Delay(rng.Next(200, 3_000));
                }

                Assert.That(trial.Process.HasExited, Is.False, $"tomking live ended by itself before the kill:\n{trial.Log}");
                var market = host.Clock.NowEastern;
                bool wasOperational = trial.Operational.IsCompleted;
                trial.Process.Kill(entireProcessTree: true);
                await trial.Process.WaitForExitAsync();
                killedAt.Add((market, wasOperational ? LiveTrials.Phase(market) : "start-up"));
            }
        }

        Assert.That(killedAt, Has.Count.EqualTo(Kills), "not enough trial days for the kills");

        // the last run: reconcile, trade a little, stop cleanly
        var stop = host.Clock.NowEastern.AddMinutes(3);
        using (var last = LiveTrials.Start(cli, url, journalPath, rulebook, stopAt: stop))
        {
            string err = await last.ExitAsync();
            TestContext.Out.WriteLine(err);
            Assert.That(last.Process.ExitCode, Is.Zero, err);
        }

        string summary = LiveTrials.AssertJournalMatchesEmulator(host, journalPath);
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kills {killedAt.Count} ({string.Join(", ", killedAt.GroupBy(k => k.Phase).Select(g => $"{g.Key} {g.Count()}"))}); {summary}"));
    }
}

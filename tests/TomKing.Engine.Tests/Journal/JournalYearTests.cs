using System.Diagnostics;
using TomKing.Engine.Journal;

namespace TomKing.Engine.Tests.Journal;

/// <summary>A year of journal (250,000 entries): write throughput, restart replay, backup and restore,
/// printed; the backup target (≤ 5 s) asserted. Plus the append latency figures of the two ways
/// the live runner uses the journal.</summary>
public sealed class JournalYearTests : JournalFolder
{
    [Test]
    [Category("Long")]
    public void YearOfJournal_WriteReplayBackupRestore_BackupWithinFiveSeconds()
    {
        string path = File("year.db");
        var sw = Stopwatch.StartNew();
        int appended;
        JournalStatistics writeStats;
        using (var journal = TradingJournal.Open(path))
        {
            appended = JournalYear.Write(journal);
            journal.Flush();
            writeStats = journal.Statistics;
        }

        double writeSeconds = sw.Elapsed.TotalSeconds;
        long fileBytes = new FileInfo(path).Length;

        // Restart: open, then read and decode everything.
        sw.Restart();
        long checksum = 0;
        int replayed = 0;
        double openSeconds;
        using (var reopened = TradingJournal.Open(path))
        {
            openSeconds = sw.Elapsed.TotalSeconds;
            foreach (var entry in reopened.Read())
            {
                checksum += JournalYear.Decode(entry);
                replayed++;
            }

            Assert.That(reopened.LastSequence, Is.EqualTo(appended));
        }

        double replaySeconds = sw.Elapsed.TotalSeconds;

        // The parts of a restart: reading rows alone, and decoding only what rebuilds state (every kind
        // but the decision summaries, which are an audit trail).
        sw.Restart();
        long characters = 0;
        foreach (var entry in TradingJournal.ReadFile(path))
        {
            characters += entry.Payload.Length;
        }

        double readSeconds = sw.Elapsed.TotalSeconds;
        sw.Restart();
        int stateEntries = 0;
        foreach (var entry in TradingJournal.ReadFile(path))
        {
            if (entry.Kind != JournalEntryKind.Decision)
            {
                checksum += JournalYear.Decode(entry);
                stateEntries++;
            }
        }

        double stateReplaySeconds = sw.Elapsed.TotalSeconds;

        // Backup of the year, with the journal open for writing as the live runner holds it.
        string backup = File("year.bak");
        double backupSeconds;
        using (var live = TradingJournal.Open(path))
        {
            sw.Restart();
            live.Backup(backup);
            backupSeconds = sw.Elapsed.TotalSeconds;
        }

        sw.Restart();
        TradingJournal.Restore(backup, File("restored.db"), overwrite: false);
        double restoreSeconds = sw.Elapsed.TotalSeconds;

        TestContext.Out.WriteLine($"year of journal: {appended:N0} entries, {fileBytes / 1e6:F1} MB, mean payload {(fileBytes / (double)appended):F0} B/row on disk");
        TestContext.Out.WriteLine($"write: {writeSeconds:F2} s ({appended / writeSeconds:N0} entries/s incl. JSON encoding), {writeStats.Commits:N0} commits, mean batch {writeStats.MeanBatchSize:F0}, max {writeStats.MaxBatch}");
        TestContext.Out.WriteLine($"append cost ns: p50 {writeStats.AppendCost.P50} p99 {writeStats.AppendCost.P99} p99.9 {writeStats.AppendCost.P999} max {writeStats.AppendCost.Max}");
        TestContext.Out.WriteLine($"restart: open {openSeconds * 1000:F0} ms, open + read + decode all {replaySeconds:F2} s (checksum {checksum})");
        TestContext.Out.WriteLine($"read rows only {readSeconds:F2} s ({characters / 1e6:F0} M payload chars); read all + decode the {stateEntries:N0} non-decision entries {stateReplaySeconds:F2} s");
        TestContext.Out.WriteLine($"backup {backupSeconds:F2} s, restore (integrity check + copy) {restoreSeconds:F2} s");

        Assert.Multiple(() =>
        {
            Assert.That(appended, Is.GreaterThanOrEqualTo(250_000));
            Assert.That(replayed, Is.EqualTo(appended));
            Assert.That(TradingJournal.ReadFile(File("restored.db")).Count(), Is.EqualTo(appended));
            Assert.That(backupSeconds, Is.LessThanOrEqualTo(5.0), "issue 6: backup of a year of journal within 5 s");
        });
    }

    [Test]
    public void AppendLatency_OrderSenderAndKernelBurst_Printed()
    {
        // 1. The order sender: append one entry and wait until it is durable before acting, 300 times.
        using (var journal = TradingJournal.Open(File("sender.db")))
        {
            for (int i = 1; i <= 300; i++)
            {
                long sequence = journal.Append(Entry(i, JournalEntryKind.OrderSubmitted));
                Assert.That(journal.WaitDurable(sequence, TimeSpan.FromSeconds(30)), Is.True);
            }

            Print("one at a time, durable before the next", journal.Statistics);
            Assert.That(journal.Statistics.Commits, Is.EqualTo(300));
        }

        // 2. The kernel: a burst of 20,000 appends from one thread without waiting (decisions, state),
        //    while a second thread appends orders and waits for each to be durable.
        using (var journal = TradingJournal.Open(File("burst.db")))
        {
            var sender = Task.Run(() =>
            {
                for (int i = 0; i < 100; i++)
                {
                    long s = journal.Append(Entry(i, JournalEntryKind.OrderSubmitted));
                    journal.WhenDurable(s).Wait();
                }
            });
            string payload = new('d', 300);
            for (int i = 0; i < 20_000; i++)
            {
                journal.Append(JournalEntry.Create(JournalEntryKind.Decision, T0, payload));
            }

            sender.Wait();
            journal.Flush();
            Print("burst of 20,000 + 100 waited orders", journal.Statistics);
            Assert.That(journal.Count, Is.EqualTo(20_100));
        }
    }

    private static void Print(string label, JournalStatistics s)
    {
        TestContext.Out.WriteLine($"{label}: {s.Committed} entries in {s.Commits} commits (mean batch {s.MeanBatchSize:F1}, max {s.MaxBatch})");
        TestContext.Out.WriteLine($"  append cost ns    p50 {s.AppendCost.P50,9} p99 {s.AppendCost.P99,9} p99.9 {s.AppendCost.P999,9} max {s.AppendCost.Max,9}");
        TestContext.Out.WriteLine($"  time to durable ns p50 {s.TimeToDurable.P50,9} p99 {s.TimeToDurable.P99,9} p99.9 {s.TimeToDurable.P999,9} max {s.TimeToDurable.Max,9}");
        TestContext.Out.WriteLine($"  commit ns         p50 {s.CommitTime.P50,9} p99 {s.CommitTime.P99,9} p99.9 {s.CommitTime.P999,9} max {s.CommitTime.Max,9}");
    }
}

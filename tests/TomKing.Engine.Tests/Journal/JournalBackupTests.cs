using Microsoft.Data.Sqlite;
using TomKing.Engine.Journal;

namespace TomKing.Engine.Tests.Journal;

public sealed class JournalBackupTests : JournalFolder
{
    private static readonly string Filler = new('p', 300);

    private static void Fill(TradingJournal journal, int count)
    {
        for (int i = 0; i < count; i++)
        {
            journal.Append(JournalEntry.Create(JournalEntryKind.Decision, T0.AddSeconds(i), Filler + i));
        }

        journal.Flush();
    }

    private sealed class Recorder : IProgress<double>
    {
        public List<double> Values { get; } = [];

        public void Report(double value) => Values.Add(value);
    }

    [Test]
    public void Backup_WhileAppending_IsOneConsistentSnapshotThatPassesTheIntegrityCheck()
    {
        string path = File("live.db");
        string backup = File("backup.db");
        using var journal = TradingJournal.Open(path);
        Fill(journal, 30_000);   // about 10 MB: several backup steps

        using var stop = new CancellationTokenSource();
        var appender = Task.Run(() =>
        {
            int i = 0;
            while (!stop.IsCancellationRequested)
            {
                journal.Append(JournalEntry.Create(JournalEntryKind.Fill, T0, Filler + "live" + i++));
            }
        });
        long before;
        long after;
        var progress = new Recorder();
        try
        {
            while (journal.DurableSequence < 31_000)
            {
                Thread.Sleep(1);
            }

            before = journal.DurableSequence;
            journal.Backup(backup, progress);
            after = journal.DurableSequence;
        }
        finally
        {
            stop.Cancel();
            appender.Wait();
        }

        journal.Flush();
        TestContext.Out.WriteLine($"durable before {before}, after {after}, progress reports {progress.Values.Count}");
        TradingJournal.Verify(backup);
        using var raw = Raw(backup, SqliteOpenMode.ReadOnly);
        long rows = RawScalar(raw, "SELECT COUNT(*) FROM entries");
        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.InRange(before, after));
            Assert.That(RawScalar(raw, "SELECT MAX(seq) FROM entries"), Is.EqualTo(rows), "a contiguous prefix 1..n");
            Assert.That(progress.Values, Is.Ordered.Ascending);
            Assert.That(progress.Values, Has.Count.GreaterThan(2));
            Assert.That(progress.Values[^1], Is.EqualTo(1.0));
            Assert.That(Directory.GetFiles(Folder, "*.partial*"), Is.Empty, "no temporary file left");
        });
    }

    [Test]
    public void Restore_RoundTrip_GivesBackTheSameEntries()
    {
        string path = File("live.db");
        string backup = File("backup.db");
        string restored = File("restored.db");
        List<JournalEntry> original;
        using (var journal = TradingJournal.Open(path))
        {
            Fill(journal, 500);
            journal.Backup(backup);
            original = journal.Read().ToList();
        }

        TradingJournal.Restore(backup, restored, overwrite: false);
        Assert.That(TradingJournal.ReadFile(restored).ToList(), Is.EqualTo(original));
        using var reopened = TradingJournal.Open(restored);
        Assert.That(reopened.Append(Entry(1)), Is.EqualTo(501));
    }

    [Test]
    public void Restore_OverAnExistingJournal_RefusedWithoutOverwrite_ReplacesItAndItsStaleWalWithOverwrite()
    {
        string backup = File("backup.db");
        using (var source = TradingJournal.Open(File("source.db")))
        {
            Fill(source, 10);
            source.Backup(backup);
        }

        // The journal to replace: 40 other entries, left as a killed process leaves it (a WAL beside it).
        string target = File("target.db");
        using (var old = TradingJournal.Open(File("old.db")))
        {
            Fill(old, 40);
            System.IO.File.Copy(File("old.db"), target);
            System.IO.File.Copy(File("old.db") + "-wal", target + "-wal");
        }

        Assert.That(() => TradingJournal.Restore(backup, target, overwrite: false),
            Throws.InstanceOf<JournalException>().With.Message.Contains("already exists"));
        Assert.That(TradingJournal.ReadFile(target).Count(), Is.EqualTo(40), "refusal leaves the journal alone");

        TradingJournal.Restore(backup, target, overwrite: true);
        Assert.That(TradingJournal.ReadFile(target).Select(e => e.Payload), Is.EqualTo(Enumerable.Range(0, 10).Select(i => Filler + i)));
        Assert.That(Directory.GetFiles(Folder, "*.partial*"), Is.Empty);
    }

    [Test]
    public void Restore_GarbageBackup_IsRefusedAndTheJournalIsUntouched()
    {
        string journalPath = File("live.db");
        using (var journal = TradingJournal.Open(journalPath))
        {
            Fill(journal, 5);
        }

        byte[] before = System.IO.File.ReadAllBytes(journalPath);
        string garbage = File("garbage.bak");
        System.IO.File.WriteAllText(garbage, "this is not a database, it is a shopping list\n");
        Assert.That(() => TradingJournal.Restore(garbage, journalPath, overwrite: true),
            Throws.InstanceOf<JournalException>().With.Message.Contains("not an SQLite database").And.Message.Contains(garbage));
        Assert.That(System.IO.File.ReadAllBytes(journalPath), Is.EqualTo(before));
    }

    [Test]
    public void Restore_BackupWithDamagedPages_IsRefused()
    {
        string backup = File("backup.db");
        using (var journal = TradingJournal.Open(File("live.db")))
        {
            Fill(journal, 2_000);
            journal.Backup(backup);
        }

        // Overwrite pages in the middle of the file (B-tree pages of the entries table) with noise.
        using (var stream = new FileStream(backup, FileMode.Open, FileAccess.ReadWrite))
        {
            Assert.That(stream.Length, Is.GreaterThan(40 * 4096));
            stream.Position = 20 * 4096;
            var noise = new byte[8 * 4096];
            new Random(7).NextBytes(noise);
            stream.Write(noise);
        }

        string target = File("restored.db");
        var ex = Assert.Throws<JournalException>(() => TradingJournal.Restore(backup, target, overwrite: false))!;
        TestContext.Out.WriteLine(ex.Message);
        Assert.That(ex.Message, Does.Contain(backup));
        Assert.That(System.IO.File.Exists(target), Is.False);
    }

    [Test]
    public void Restore_BackupOfANewerSchema_IsRefused()
    {
        string backup = File("backup.db");
        using (var journal = TradingJournal.Open(File("live.db")))
        {
            Fill(journal, 3);
            journal.Backup(backup);
        }

        using (var raw = Raw(backup))
        {
            RawExecute(raw, "UPDATE meta SET value = '7' WHERE key = 'schema_version'");
        }

        Assert.That(() => TradingJournal.Restore(backup, File("restored.db"), overwrite: false),
            Throws.InstanceOf<JournalException>().With.Message.Contains("schema version 7"));
    }

    [Test]
    public void Restore_MissingBackup_IsAOneLineError()
    {
        Assert.That(() => TradingJournal.Restore(File("nope.db"), File("j.db"), overwrite: false),
            Throws.InstanceOf<JournalException>().With.Message.Contains("does not exist"));
        Assert.That(() => TradingJournal.BackupFile(File("nope.db"), File("b.db")),
            Throws.InstanceOf<JournalException>().With.Message.Contains("does not exist"));
    }
}

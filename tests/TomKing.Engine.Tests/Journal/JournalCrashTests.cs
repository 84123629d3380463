using Microsoft.Data.Sqlite;
using TomKing.Engine.Journal;

namespace TomKing.Engine.Tests.Journal;

/// <summary>What a restart finds after a crash. A crash is simulated by copying the journal's files
/// (database and WAL) as they are on disk while the journal is open and never disposed — exactly what a
/// killed process leaves behind — and opening the copy.</summary>
public sealed class JournalCrashTests : JournalFolder
{
    private string CopyAsCrashed(string path, string name)
    {
        string crashed = File(name);
        System.IO.File.Copy(path, crashed);
        if (System.IO.File.Exists(path + "-wal"))
        {
            System.IO.File.Copy(path + "-wal", crashed + "-wal");
        }

        return crashed;
    }

    [Test]
    public void Crash_WithoutDispose_EveryDurableEntryIsThereAfterRestart()
    {
        string path = File("live.db");
        var journal = TradingJournal.Open(path);
        try
        {
            long last = 0;
            for (int i = 1; i <= 1_000; i++)
            {
                last = journal.Append(Entry(i, JournalEntryKind.Fill));
            }

            Assert.That(journal.WaitDurable(last, TimeSpan.FromSeconds(30)), Is.True);
            Assert.That(System.IO.File.Exists(path + "-wal"), Is.True, "the entries live in the WAL until a checkpoint");

            string crashed = CopyAsCrashed(path, "crashed.db");
            using var restarted = TradingJournal.Open(crashed);
            Assert.Multiple(() =>
            {
                Assert.That(restarted.Count, Is.EqualTo(1_000));
                Assert.That(restarted.LastSequence, Is.EqualTo(1_000));
                Assert.That(restarted.Read().Select(e => e.Payload), Is.EqualTo(Enumerable.Range(1, 1_000).Select(i => "{\"n\":" + i + "}")));
            });
        }
        finally
        {
            journal.Dispose();
        }
    }

    [Test]
    public void Crash_DuringAnUncommittedTransaction_JournalOpensWithEveryCommittedRowAndNothingElse()
    {
        string path = File("live.db");
        using var journal = TradingJournal.Open(path);
        for (int i = 1; i <= 100; i++)
        {
            journal.Append(Entry(i));
        }

        journal.Flush();
        long walCommitted = new FileInfo(path + "-wal").Length;

        // A transaction far larger than the page cache: SQLite spills its pages into the WAL before the
        // commit. The "crash" happens while it is open, so the WAL ends in frames without a commit record.
        using var writer = Raw(path);
        RawExecute(writer, "PRAGMA cache_size = 4");
        RawExecute(writer, "BEGIN IMMEDIATE");
        string big = new('x', 2_000);
        for (int i = 101; i <= 3_000; i++)
        {
            RawExecute(writer, $"INSERT INTO entries (seq, kind, time_utc, client_order_id, order_id, payload) VALUES ({i}, 5, 0, 0, 0, '{big}')");
        }

        long walWithUncommitted = new FileInfo(path + "-wal").Length;
        Assert.That(walWithUncommitted, Is.GreaterThan(walCommitted + 1_000_000), "the uncommitted transaction reached the WAL file");
        string crashed = CopyAsCrashed(path, "crashed.db");
        RawExecute(writer, "ROLLBACK");

        TradingJournal.Verify(crashed);
        using (var restarted = TradingJournal.Open(crashed))
        {
            Assert.Multiple(() =>
            {
                Assert.That(restarted.Count, Is.EqualTo(100));
                Assert.That(restarted.LastSequence, Is.EqualTo(100));
                Assert.That(restarted.Read().Select(e => e.Sequence), Is.EqualTo(Enumerable.Range(1, 100).Select(i => (long)i)));
            });
            Assert.That(restarted.Append(Entry(101)), Is.EqualTo(101), "numbering continues after the last committed entry");
            restarted.Flush();
        }

        using var check = Raw(crashed, SqliteOpenMode.ReadOnly);
        Assert.That(RawScalar(check, "SELECT COUNT(*) FROM entries WHERE length(payload) = 2000"), Is.Zero);
    }

    [Test]
    public void Read_WhileTheWriterAppends_SeesAContiguousCommittedPrefix()
    {
        string path = File("live.db");
        using var journal = TradingJournal.Open(path);
        using var stop = new CancellationTokenSource();
        var appender = Task.Run(() =>
        {
            int i = 0;
            while (!stop.IsCancellationRequested)
            {
                journal.Append(Entry(++i));
                if (i % 64 == 0)
                {
                    Thread.Yield();
                }
            }
        });
        try
        {
            for (int round = 0; round < 20; round++)
            {
                long durableBefore = journal.DurableSequence;
                var sequences = journal.Read().Select(e => e.Sequence).ToList();
                Assert.That(sequences, Has.Count.GreaterThanOrEqualTo(durableBefore));
                Assert.That(sequences, Is.EqualTo(Enumerable.Range(1, sequences.Count).Select(i => (long)i)), "no gaps, no duplicates");
            }
        }
        finally
        {
            stop.Cancel();
            appender.Wait();
        }
    }
}

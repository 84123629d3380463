using TomKing.Engine.Journal;

namespace TomKing.Engine.Tests.Journal;

public sealed class TradingJournalTests : JournalFolder
{
    [Test]
    public void Append_ThenRead_ReturnsEntriesInSequenceOrderWithTheirFields()
    {
        string path = File("j.db");
        using var journal = TradingJournal.Open(path);
        var appended = new List<long>();
        for (int i = 1; i <= 50; i++)
        {
            appended.Add(journal.Append(Entry(i, (JournalEntryKind)(1 + (i % 12)))));
        }

        journal.Flush();
        var read = journal.Read().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(appended, Is.EqualTo(Enumerable.Range(1, 50).Select(i => (long)i)));
            Assert.That(read.Select(e => e.Sequence), Is.EqualTo(appended));
            Assert.That(journal.Count, Is.EqualTo(50));
            Assert.That(journal.LastSequence, Is.EqualTo(50));
            Assert.That(journal.DurableSequence, Is.EqualTo(50));
        });
        for (int i = 1; i <= 50; i++)
        {
            JournalEntry e = read[i - 1];
            Assert.Multiple(() =>
            {
                Assert.That(e.Kind, Is.EqualTo((JournalEntryKind)(1 + (i % 12))));
                Assert.That(e.TimeUtc, Is.EqualTo(T0.AddSeconds(i)));
                Assert.That(e.TimeUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
                Assert.That(e.ClientOrderId, Is.EqualTo(i));
                Assert.That(e.OrderId, Is.EqualTo(1000 + i));
                Assert.That(e.Payload, Is.EqualTo("{\"n\":" + i + "}"));
            });
        }

        Assert.That(journal.Read(afterSequence: 47).Select(e => e.Sequence), Is.EqualTo(new long[] { 48, 49, 50 }));
    }

    [Test]
    public void Open_ExistingJournal_ContinuesTheNumberingAfterItsLastEntry()
    {
        string path = File("j.db");
        using (var journal = TradingJournal.Open(path))
        {
            for (int i = 1; i <= 7; i++)
            {
                journal.Append(Entry(i));
            }
        }

        using (var reopened = TradingJournal.Open(path))
        {
            Assert.Multiple(() =>
            {
                Assert.That(reopened.LastSequence, Is.EqualTo(7));
                Assert.That(reopened.DurableSequence, Is.EqualTo(7));
                Assert.That(reopened.Count, Is.EqualTo(7));
            });
            Assert.That(reopened.Append(Entry(8)), Is.EqualTo(8));
            reopened.Flush();
            Assert.That(reopened.Read().Select(e => e.Sequence), Is.EqualTo(Enumerable.Range(1, 8).Select(i => (long)i)));
        }
    }

    [Test]
    public void Append_FromSeveralThreads_EverySequenceIsReadBackExactlyOnceWithItsOwnEntry()
    {
        const int Threads = 6;
        const int PerThread = 2_000;
        string path = File("j.db");
        using var journal = TradingJournal.Open(path, new JournalOptions { MaxBatchSize = 256 });
        var assigned = new long[Threads][];
        using var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            assigned[t] = new long[PerThread];
            start.SignalAndWait();
            for (int i = 0; i < PerThread; i++)
            {
                // The payload names the writer and its counter, so each row can be matched to its Append.
                assigned[t][i] = journal.Append(JournalEntry.Create(JournalEntryKind.Decision, T0, $"{t}/{i}", clientOrderId: t, orderId: i));
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        journal.Flush();

        var rows = journal.Read().ToList();
        Assert.That(rows, Has.Count.EqualTo(Threads * PerThread));
        Assert.That(rows.Select(r => r.Sequence), Is.EqualTo(Enumerable.Range(1, Threads * PerThread).Select(i => (long)i)));
        var bySequence = rows.ToDictionary(r => r.Sequence);
        for (int t = 0; t < Threads; t++)
        {
            Assert.That(assigned[t], Is.Ordered.Ascending, "one thread's appends keep their order");
            for (int i = 0; i < PerThread; i++)
            {
                JournalEntry row = bySequence[assigned[t][i]];
                Assert.That(row.Payload, Is.EqualTo($"{t}/{i}"));
            }
        }

        JournalStatistics stats = journal.Statistics;
        TestContext.Out.WriteLine($"{Threads} threads x {PerThread}: {stats.Commits} commits, mean batch {stats.MeanBatchSize:F1}, max {stats.MaxBatch}");
        Assert.Multiple(() =>
        {
            Assert.That(stats.Appended, Is.EqualTo(Threads * PerThread));
            Assert.That(stats.Committed, Is.EqualTo(Threads * PerThread));
            Assert.That(stats.MaxBatch, Is.LessThanOrEqualTo(256));
            Assert.That(stats.TimeToDurable.Count, Is.EqualTo(Threads * PerThread));
        });
    }

    [Test]
    public async Task WhenDurable_CompletesOnlyOnceTheEntryIsVisibleToAnotherConnection()
    {
        string path = File("j.db");
        using var journal = TradingJournal.Open(path);
        using var other = Raw(path, Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly);
        for (int i = 1; i <= 200; i++)
        {
            long sequence = journal.Append(Entry(i));
            await journal.WhenDurable(sequence);

            // Durable means committed: an independent connection sees this row and every row before it.
            Assert.That(RawScalar(other, "SELECT COUNT(*) FROM entries WHERE seq <= " + sequence), Is.EqualTo(sequence));
            Assert.That(journal.DurableSequence, Is.GreaterThanOrEqualTo(sequence));
        }

        Assert.That(journal.WhenDurable(1).IsCompleted, Is.True, "an old sequence is durable at once");
        Assert.That(journal.WhenDurable(1, new CancellationToken(canceled: true)).IsCompletedSuccessfully, Is.True, "durable wins over a cancelled wait");
        Assert.That(() => journal.WhenDurable(201), Throws.InstanceOf<ArgumentOutOfRangeException>(), "never appended");
    }

    [Test]
    public void WaitDurable_ManyWaitersOnDifferentSequences_AllReturnTrue()
    {
        string path = File("j.db");
        using var journal = TradingJournal.Open(path);
        var sequences = Enumerable.Range(1, 500).Select(i => journal.Append(Entry(i))).ToArray();
        var tasks = sequences.Where(s => s % 50 == 0).Select(s => Task.Run(() => journal.WaitDurable(s, TimeSpan.FromSeconds(30)))).ToArray();
        var asyncWaits = sequences.Where(s => s % 7 == 0).Select(journal.WhenDurable).ToArray();
        Assert.That(Task.WaitAll(asyncWaits, TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(tasks.Select(t => t.Result), Is.All.True);
        Assert.That(journal.DurableSequence, Is.EqualTo(500));
    }

    [Test]
    public void Dispose_FlushesQueuedEntries_AndLaterCallsThrowObjectDisposed()
    {
        string path = File("j.db");
        var journal = TradingJournal.Open(path);
        for (int i = 1; i <= 3_000; i++)
        {
            journal.Append(Entry(i));
        }

        journal.Dispose();
        journal.Dispose();
        Assert.Multiple(() =>
        {
            Assert.That(() => journal.Append(Entry(1)), Throws.InstanceOf<ObjectDisposedException>());
            Assert.That(() => journal.Flush(), Throws.InstanceOf<ObjectDisposedException>());
            Assert.That(() => journal.Read(), Throws.InstanceOf<ObjectDisposedException>());
            Assert.That(journal.DurableSequence, Is.EqualTo(3_000));
        });
        using var raw = Raw(path, Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly);
        Assert.That(RawScalar(raw, "SELECT COUNT(*) FROM entries"), Is.EqualTo(3_000));
    }

    [Test]
    public void Append_LocalTimeOrUnknownKind_IsRefused()
    {
        using var journal = TradingJournal.Open(File("j.db"));
        Assert.Multiple(() =>
        {
            Assert.That(() => journal.Append(JournalEntry.Create(JournalEntryKind.Alert, DateTime.SpecifyKind(T0, DateTimeKind.Local), "")), Throws.ArgumentException);
            Assert.That(() => journal.Append(JournalEntry.Create((JournalEntryKind)99, T0, "")), Throws.ArgumentException);
            Assert.That(journal.LastSequence, Is.Zero, "a refused entry takes no sequence number");
        });
    }

    [Test]
    public void Append_WriterCannotCommit_FailureSurfacesNamingTheFileAndNothingIsAcceptedAfter()
    {
        string path = File("locked.db");
        using var journal = TradingJournal.Open(path, new JournalOptions { BusyTimeout = TimeSpan.FromMilliseconds(200) });
        long first = journal.Append(Entry(1));
        journal.Flush();

        // Another process holds the write lock past the busy timeout: the writer's commit fails.
        using var blocker = Raw(path);
        RawExecute(blocker, "BEGIN IMMEDIATE");
        long second = journal.Append(Entry(2));
        var pending = journal.WhenDurable(second);
        var ex = Assert.Throws<JournalException>(() => journal.WaitDurable(second, TimeSpan.FromSeconds(60)))!;
        Assert.That(ex.Message, Does.Contain(path).And.Contain("sequence 2"));
        Assert.That(() => pending.GetAwaiter().GetResult(), Throws.InstanceOf<JournalException>());
        RawExecute(blocker, "ROLLBACK");

        Assert.Multiple(() =>
        {
            Assert.That(() => journal.Append(Entry(3)), Throws.InstanceOf<JournalException>().With.Message.Contains(path));
            Assert.That(() => journal.Flush(), Throws.InstanceOf<JournalException>());
            Assert.That(() => journal.WhenDurable(second).GetAwaiter().GetResult(), Throws.InstanceOf<JournalException>());
            Assert.That(journal.DurableSequence, Is.EqualTo(first));
            Assert.That(journal.Read().Select(e => e.Sequence), Is.EqualTo(new long[] { 1 }));
        });
    }

    [Test]
    public void WhenDurable_Cancelled_StopsWaitingButTheEntryStillCommits()
    {
        string path = File("slow.db");
        using var journal = TradingJournal.Open(path, new JournalOptions { BusyTimeout = TimeSpan.FromSeconds(30) });
        journal.Append(Entry(1));
        journal.Flush();
        long second;
        using (var blocker = Raw(path))
        {
            RawExecute(blocker, "BEGIN IMMEDIATE");   // holds the writer back
            second = journal.Append(Entry(2));
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            var wait = journal.WhenDurable(second, cancel.Token);
            Assert.That(() => wait.GetAwaiter().GetResult(), Throws.InstanceOf<TaskCanceledException>());
            Assert.That(journal.DurableSequence, Is.EqualTo(1));
            RawExecute(blocker, "ROLLBACK");
        }

        Assert.That(journal.WaitDurable(second, TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(journal.Read().Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 2 }));
    }

    [Test]
    public void Open_NewerSchemaVersion_IsRefusedWithAClearMessage()
    {
        string path = File("future.db");
        TradingJournal.Open(path).Dispose();
        using (var raw = Raw(path))
        {
            RawExecute(raw, "UPDATE meta SET value = '2' WHERE key = 'schema_version'");
        }

        var ex = Assert.Throws<JournalException>(() => TradingJournal.Open(path))!;
        Assert.That(ex.Message, Does.Contain(path).And.Contain("schema version 2").And.Contain("newer"));
        Assert.That(() => TradingJournal.ReadFile(path).ToList(), Throws.InstanceOf<JournalException>().With.Message.Contains("schema version 2"));
    }

    [Test]
    public void Open_SqliteDatabaseThatIsNotAJournal_IsRefused()
    {
        string path = File("other.db");
        using (var raw = Raw(path, Microsoft.Data.Sqlite.SqliteOpenMode.ReadWriteCreate))
        {
            RawExecute(raw, "CREATE TABLE prices (symbol TEXT, price REAL)");
        }

        Assert.That(() => TradingJournal.Open(path), Throws.InstanceOf<JournalException>().With.Message.Contains("not a TomKing journal"));
    }

    [Test]
    public void Open_GarbageFile_IsRefusedAsNotADatabase()
    {
        string path = File("garbage.db");
        System.IO.File.WriteAllBytes(path, Enumerable.Range(0, 8192).Select(i => (byte)(i * 31 % 251)).ToArray());
        Assert.That(() => TradingJournal.Open(path), Throws.InstanceOf<JournalException>().With.Message.Contains("not an SQLite database").And.Message.Contains(path));
    }
}

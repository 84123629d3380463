using System.Diagnostics;
using Microsoft.Data.Sqlite;
using TomKing.Algorithm.Decisions;

namespace TomKing.Engine.Journal;

/// <summary>
/// The live runner's journal: an append-only sequence of <see cref="JournalEntry"/> rows in one SQLite
/// file (WAL mode) from which a restart rebuilds its state before reconciling with the broker.
/// </summary>
/// <remarks>
/// <para><b>Durability contract.</b> <see cref="Append"/> never waits for the disk: it assigns the next
/// sequence number (1, 2, 3 … without gaps, continuing after the last entry in the file), queues the
/// entry and returns. One writer thread commits queued entries in groups, one transaction per batch (all
/// that queued while the previous commit was on disk, at most <see cref="JournalOptions.MaxBatchSize"/>),
/// in sequence order. An entry is <i>durable</i> once its transaction has committed; with the default
/// <c>synchronous=FULL</c> that means it is on disk and survives a process crash or a power cut.
/// <see cref="WhenDurable(long)"/>, <see cref="WaitDurable"/> and <see cref="DurableSequence"/> say when: a
/// caller that must not act before the record exists (the order sender before it POSTs an order) awaits
/// the entry's sequence, while the kernel thread that appended it carries on. Because batches commit in
/// order, "sequence n is durable" implies every entry before n is too.</para>
/// <para><b>After a crash</b> the file holds exactly the committed transactions: SQLite's WAL discards a
/// transaction whose commit did not reach the disk, so a journal never shows half a batch and reopening
/// it continues the numbering after its last committed entry. Entries that were appended but not durable
/// at the crash are gone; callers that acted only on durable entries lose nothing they acted on.</para>
/// <para><b>Failures</b> are never silent. If a commit fails (disk full, I/O error, another process
/// holding a write lock beyond <see cref="JournalOptions.BusyTimeout"/>), nothing from that batch on is
/// durable, the writer stops, pending waits fail and every later <see cref="Append"/>,
/// <see cref="WaitDurable"/>, <see cref="WhenDurable(long)"/> and <see cref="Flush"/> throws a
/// <see cref="JournalException"/> naming the file. <see cref="Dispose"/> commits what is queued and closes
/// the file without throwing; call <see cref="Flush"/> first to learn whether everything was written.</para>
/// <para><b>Reading</b> (<see cref="Read"/>) uses its own connection and sees committed entries only; it
/// is safe while the writer runs, as is <see cref="Backup"/> (SQLite's online backup from one read
/// snapshot) and a backup taken by another process with <see cref="BackupFile"/>.</para>
/// </remarks>
public sealed partial class TradingJournal : IDisposable
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly string _path;
    private readonly string _fullPath;
    private readonly JournalOptions _options;
    private readonly SqliteConnection _connection;
    private readonly Thread _writer;

    // Append side: guarded by _gate.
    private readonly object _gate = new();
    private List<PendingEntry> _queue = new(256);
    private long _lastAssigned;
    private bool _writerWaiting;
    private bool _closing;
    private bool _disposed;
    private readonly LatencyHistogram _appendCost = new();

    // Durable side: guarded by _durableGate.
    private readonly object _durableGate = new();
    private readonly PriorityQueue<TaskCompletionSource, long> _waiters = new();
    private int _syncWaiters;
    private long _durable;
    private volatile JournalException? _failure;

    // Writer statistics: guarded by _statsLock.
    private readonly object _statsLock = new();
    private readonly LatencyHistogram _timeToDurable = new();
    private readonly LatencyHistogram _commitTime = new();
    private long _commits;
    private long _committed;
    private int _maxBatch;
    private long _count;

    private TradingJournal(string path, string fullPath, SqliteConnection connection, JournalOptions options, long last, long count)
    {
        _path = path;
        _fullPath = fullPath;
        _connection = connection;
        _options = options;
        _lastAssigned = last;
        _durable = last;
        _count = count;
        _writer = new Thread(WriterLoop) { IsBackground = true, Name = "journal writer" };
        _writer.Start();
    }

    /// <summary>The file as given to <see cref="Open"/>.</summary>
    public string Path => _path;

    /// <summary>The highest sequence number assigned so far (after <see cref="Open"/>: the last entry in
    /// the file; 0 for an empty journal). It may not be durable yet.</summary>
    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _lastAssigned;
            }
        }
    }

    /// <summary>The highest sequence number whose transaction has committed; every entry up to it is durable.</summary>
    public long DurableSequence => Volatile.Read(ref _durable);

    /// <summary>Entries in the file (committed).</summary>
    public int Count => (int)Interlocked.Read(ref _count);

    /// <summary>Append latency and group-commit figures since <see cref="Open"/>.</summary>
    public JournalStatistics Statistics
    {
        get
        {
            long appended;
            LatencySummary appendCost;
            lock (_gate)
            {
                appended = _appendCost.Count;
                appendCost = LatencySummary.Of(_appendCost);
            }

            lock (_statsLock)
            {
                return new JournalStatistics(appended, _committed, _commits, _maxBatch, appendCost, LatencySummary.Of(_timeToDurable), LatencySummary.Of(_commitTime));
            }
        }
    }

    /// <summary>Opens a journal file, creating it (and its schema) when it does not exist, in WAL mode.</summary>
    /// <param name="path">The journal file; its folder must exist.</param>
    /// <param name="options">Commit settings (<see cref="JournalOptions.Default"/> when null).</param>
    /// <exception cref="JournalException">The file is not a TomKing journal, has a newer schema version, is
    /// damaged, or cannot be opened; the message names the file.</exception>
    public static TradingJournal Open(string path, JournalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= JournalOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchDelay, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero, nameof(options));
        string fullPath = System.IO.Path.GetFullPath(path);
        SqliteConnection? connection = null;
        try
        {
            connection = JournalSqlite.Open(fullPath, SqliteOpenMode.ReadWriteCreate, options.BusyTimeout);
            string? mode = JournalSqlite.Scalar(connection, "PRAGMA journal_mode=WAL") as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new JournalException($"journal '{path}': cannot switch to WAL mode (SQLite answered '{mode}').");
            }

            JournalSqlite.Execute(connection, options.SynchronousFull ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
            JournalSqlite.CreateOrCheck(connection, path);
            long last;
            long count;
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT COALESCE(MAX(seq), 0), COUNT(*) FROM entries";
                using var reader = command.ExecuteReader();
                reader.Read();
                last = reader.GetInt64(0);
                count = reader.GetInt64(1);
            }

            return new TradingJournal(path, fullPath, connection, options, last, count);
        }
        catch (SqliteException ex)
        {
            connection?.Dispose();
            throw JournalSqlite.Describe(ex, path, "journal");
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    /// <summary>Queues an entry and returns its sequence number at once (no disk wait). Thread-safe.</summary>
    /// <param name="entry">The entry; its <see cref="JournalEntry.Sequence"/> is ignored.</param>
    /// <returns>The sequence number assigned (await <see cref="WhenDurable(long)"/> with it before acting on it).</returns>
    /// <exception cref="ObjectDisposedException">The journal was disposed.</exception>
    /// <exception cref="JournalException">An earlier commit failed; the journal accepts nothing more.</exception>
    /// <exception cref="ArgumentException">An unknown kind or a local time.</exception>
    public long Append(in JournalEntry entry)
    {
        long start = Stopwatch.GetTimestamp();
        if (entry.Kind is < JournalEntryKind.SessionStart or > JournalEntryKind.Alert)
        {
            throw new ArgumentException($"Unknown journal entry kind {(int)entry.Kind}.", nameof(entry));
        }

        if (entry.TimeUtc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("Journal times are UTC; convert the local time first.", nameof(entry));
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ThrowIfFailed();
            long sequence = ++_lastAssigned;
            _queue.Add(new PendingEntry(entry with { Sequence = sequence, Payload = entry.Payload ?? string.Empty }, start));
            if (_writerWaiting)
            {
                _writerWaiting = false;
                Monitor.Pulse(_gate);
            }

            _appendCost.Record((long)((Stopwatch.GetTimestamp() - start) * NanosecondsPerTick));
            return sequence;
        }
    }

    /// <summary>Completes when the entry with <paramref name="sequence"/> (and so every entry before it) has
    /// committed; faults with <see cref="JournalException"/> if the writer failed first.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No entry with that sequence was appended.</exception>
    public Task WhenDurable(long sequence)
    {
        if (sequence <= Volatile.Read(ref _durable))
        {
            return Task.CompletedTask;
        }

        CheckAssigned(sequence);
        lock (_durableGate)
        {
            if (sequence <= _durable)
            {
                return Task.CompletedTask;
            }

            if (_failure is { } failure)
            {
                return Task.FromException(Surface(failure));
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter, sequence);
            return waiter.Task;
        }
    }

    /// <summary>Like <see cref="WhenDurable(long)"/>, but stops waiting (cancelled task) when
    /// <paramref name="cancellationToken"/> is cancelled; the entry itself is still committed.</summary>
    public Task WhenDurable(long sequence, CancellationToken cancellationToken)
    {
        Task durable = WhenDurable(sequence);
        return durable.IsCompleted || !cancellationToken.CanBeCanceled ? durable : durable.WaitAsync(cancellationToken);
    }

    /// <summary>Blocks until the entry with <paramref name="sequence"/> has committed or the timeout passes.</summary>
    /// <returns>True when durable; false on timeout.</returns>
    /// <exception cref="JournalException">The writer failed before the entry committed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">No entry with that sequence was appended.</exception>
    public bool WaitDurable(long sequence, TimeSpan timeout)
    {
        if (sequence <= Volatile.Read(ref _durable))
        {
            return true;
        }

        CheckAssigned(sequence);
        long deadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        lock (_durableGate)
        {
            while (_durable < sequence)
            {
                if (_failure is { } failure)
                {
                    throw Surface(failure);
                }

                long now = Stopwatch.GetTimestamp();
                if (now >= deadline)
                {
                    return false;
                }

                int waitMs = deadline == long.MaxValue ? Timeout.Infinite : (int)Math.Min(int.MaxValue, Math.Ceiling((deadline - now) * 1000.0 / Stopwatch.Frequency));
                _syncWaiters++;
                try
                {
                    Monitor.Wait(_durableGate, waitMs);
                }
                finally
                {
                    _syncWaiters--;
                }
            }

            return true;
        }
    }

    /// <summary>Waits until everything appended so far has committed.</summary>
    /// <exception cref="ObjectDisposedException">The journal was disposed.</exception>
    /// <exception cref="JournalException">A commit failed.</exception>
    public void Flush()
    {
        long last;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            last = _lastAssigned;
        }

        ThrowIfFailed();
        WaitDurable(last, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Streams committed entries after <paramref name="afterSequence"/> in sequence order over a
    /// separate read connection (safe while the writer runs; entries committed during the enumeration may
    /// or may not appear).</summary>
    /// <exception cref="ObjectDisposedException">The journal was disposed.</exception>
    public IEnumerable<JournalEntry> Read(long afterSequence = 0)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
        }

        return ReadFile(_fullPath, _path, afterSequence, _options.BusyTimeout);
    }

    /// <summary>Streams the entries of a journal file that is not open here (a backup, or a journal for
    /// replay before opening it for writing), after checking that it is a journal this build reads.</summary>
    /// <exception cref="JournalException">Missing, not a journal, newer schema, or unreadable.</exception>
    public static IEnumerable<JournalEntry> ReadFile(string path, long afterSequence = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new JournalException($"journal '{path}' does not exist.");
        }

        return ReadFile(fullPath, path, afterSequence, JournalOptions.Default.BusyTimeout);
    }

    private static IEnumerable<JournalEntry> ReadFile(string fullPath, string displayPath, long afterSequence, TimeSpan busyTimeout)
    {
        SqliteConnection connection;
        SqliteCommand command;
        SqliteDataReader reader;
        try
        {
            connection = JournalSqlite.OpenForReading(fullPath, busyTimeout);
            JournalSqlite.Check(connection, displayPath);
            command = connection.CreateCommand();
            command.CommandText = "SELECT seq, kind, time_utc, client_order_id, order_id, payload FROM entries WHERE seq > $after ORDER BY seq";
            command.Parameters.AddWithValue("$after", afterSequence);
            reader = command.ExecuteReader();
        }
        catch (SqliteException ex)
        {
            throw JournalSqlite.Describe(ex, displayPath, "journal");
        }

        return Enumerate(connection, command, reader, displayPath);
    }

    private static IEnumerable<JournalEntry> Enumerate(SqliteConnection connection, SqliteCommand command, SqliteDataReader reader, string displayPath)
    {
        using (connection)
        using (command)
        using (reader)
        {
            while (true)
            {
                JournalEntry entry;
                try
                {
                    if (!reader.Read())
                    {
                        yield break;
                    }

                    entry = new JournalEntry(
                        reader.GetInt64(0),
                        (JournalEntryKind)reader.GetInt32(1),
                        new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                        reader.GetInt64(3),
                        reader.GetInt64(4),
                        reader.GetString(5));
                }
                catch (SqliteException ex)
                {
                    throw JournalSqlite.Describe(ex, displayPath, "journal");
                }

                yield return entry;
            }
        }
    }

    /// <summary>Commits what is queued, stops the writer and closes the file. Never throws; see the
    /// remarks on failures and <see cref="Flush"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _closing = true;
            Monitor.Pulse(_gate);
        }

        _writer.Join();
        _insert?.Dispose();
        _connection.Dispose();
    }

    private void CheckAssigned(long sequence)
    {
        lock (_gate)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, _lastAssigned);
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw Surface(failure);
        }
    }

    /// <summary>A fresh exception per throw (one instance thrown on several threads would mix stack traces).</summary>
    private static JournalException Surface(JournalException failure) => new(failure.Message, failure);

    private readonly record struct PendingEntry(JournalEntry Entry, long AppendedAt);
}

using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace TomKing.Engine.Journal;

/// <summary>The writer thread: takes what is queued, commits it as one transaction, publishes the new
/// durable sequence and wakes its waiters.</summary>
public sealed partial class TradingJournal
{
    private SqliteCommand? _insert;
    private SqliteParameter? _pSeq;
    private SqliteParameter? _pKind;
    private SqliteParameter? _pTime;
    private SqliteParameter? _pClient;
    private SqliteParameter? _pOrder;
    private SqliteParameter? _pPayload;

    private void WriterLoop()
    {
        var batch = new List<PendingEntry>(256);
        var completed = new List<TaskCompletionSource>();
        while (true)
        {
            lock (_gate)
            {
                while (_queue.Count == 0 && !_closing)
                {
                    _writerWaiting = true;
                    Monitor.Wait(_gate);
                }

                _writerWaiting = false;
                if (_queue.Count == 0)
                {
                    return;
                }

                if (_options.MaxBatchDelay > TimeSpan.Zero && _queue.Count < _options.MaxBatchSize && !_closing)
                {
                    long deadline = Stopwatch.GetTimestamp() + (long)(_options.MaxBatchDelay.TotalSeconds * Stopwatch.Frequency);
                    long now;
                    while (_queue.Count < _options.MaxBatchSize && !_closing && (now = Stopwatch.GetTimestamp()) < deadline)
                    {
                        Monitor.Wait(_gate, (int)Math.Max(1, Math.Ceiling((deadline - now) * 1000.0 / Stopwatch.Frequency)));
                    }
                }

                if (_queue.Count <= _options.MaxBatchSize)
                {
                    (batch, _queue) = (_queue, batch);
                }
                else
                {
                    batch.AddRange(_queue.GetRange(0, _options.MaxBatchSize));
                    _queue.RemoveRange(0, _options.MaxBatchSize);
                }
            }

            try
            {
                Commit(batch);
            }
            catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
            {
                Fail(batch[0].Entry.Sequence, ex);
                return;
            }

            Publish(batch[^1].Entry.Sequence, completed);
            batch.Clear();
        }
    }

    private void Commit(List<PendingEntry> batch)
    {
        long start = Stopwatch.GetTimestamp();
        PrepareInsert();
        using (var transaction = _connection.BeginTransaction())
        {
            _insert!.Transaction = transaction;
            foreach (var pending in batch)
            {
                JournalEntry e = pending.Entry;
                _pSeq!.Value = e.Sequence;
                _pKind!.Value = (int)e.Kind;
                _pTime!.Value = e.TimeUtc.Ticks;
                _pClient!.Value = e.ClientOrderId;
                _pOrder!.Value = e.OrderId;
                _pPayload!.Value = e.Payload;
                _insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        long end = Stopwatch.GetTimestamp();
        lock (_statsLock)
        {
            _commitTime.Record((long)((end - start) * NanosecondsPerTick));
            foreach (var pending in batch)
            {
                _timeToDurable.Record((long)((end - pending.AppendedAt) * NanosecondsPerTick));
            }

            _commits++;
            _committed += batch.Count;
            _maxBatch = Math.Max(_maxBatch, batch.Count);
        }

        Interlocked.Add(ref _count, batch.Count);
    }

    private void PrepareInsert()
    {
        if (_insert is not null)
        {
            return;
        }

        _insert = _connection.CreateCommand();
        _insert.CommandText = "INSERT INTO entries (seq, kind, time_utc, client_order_id, order_id, payload) VALUES ($seq, $kind, $time, $client, $order, $payload)";
        _pSeq = _insert.Parameters.Add("$seq", SqliteType.Integer);
        _pKind = _insert.Parameters.Add("$kind", SqliteType.Integer);
        _pTime = _insert.Parameters.Add("$time", SqliteType.Integer);
        _pClient = _insert.Parameters.Add("$client", SqliteType.Integer);
        _pOrder = _insert.Parameters.Add("$order", SqliteType.Integer);
        _pPayload = _insert.Parameters.Add("$payload", SqliteType.Text);
    }

    private void Publish(long durable, List<TaskCompletionSource> completed)
    {
        lock (_durableGate)
        {
            Volatile.Write(ref _durable, durable);
            while (_waiters.TryPeek(out var waiter, out long sequence) && sequence <= durable)
            {
                _waiters.Dequeue();
                completed.Add(waiter);
            }

            if (_syncWaiters > 0)
            {
                Monitor.PulseAll(_durableGate);
            }
        }

        foreach (var waiter in completed)
        {
            waiter.TrySetResult();
        }

        completed.Clear();
    }

    private void Fail(long firstSequence, Exception cause)
    {
        var failure = new JournalException(
            $"journal '{_path}': writing entries from sequence {firstSequence} failed ({cause.Message}); nothing after sequence {DurableSequence} is durable and the journal accepts no more entries.",
            cause);
        var faulted = new List<TaskCompletionSource>();
        lock (_gate)
        {
            _failure = failure;
        }

        lock (_durableGate)
        {
            while (_waiters.TryDequeue(out var waiter, out _))
            {
                faulted.Add(waiter);
            }

            Monitor.PulseAll(_durableGate);
        }

        foreach (var waiter in faulted)
        {
            waiter.TrySetException(Surface(failure));
        }
    }
}

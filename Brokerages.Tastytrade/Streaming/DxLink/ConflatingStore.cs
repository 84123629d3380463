namespace TomKing.Brokerages.Tastytrade.Streaming.DxLink;

/// <summary>
/// The latest value per symbol id, latest wins: the feed writes, the consumer drains what changed since its
/// last drain. Bounded by construction (one slot per possible symbol id and a dirty list of at most that
/// many ids), so a slow consumer never grows memory — it only sees fewer intermediate values.
/// </summary>
/// <typeparam name="T">The event struct (its symbol id is the slot).</typeparam>
/// <remarks>Thread-safe for one or more writers and one or more drainers (a short lock per call).
/// Allocation-free after construction.</remarks>
public sealed class ConflatingStore<T>
    where T : struct
{
    private readonly Lock _gate = new();
    private readonly T[] _latest;
    private readonly bool[] _dirty;
    private readonly bool[] _has;
    private readonly int[] _dirtyIds;
    private int _dirtyCount;
    private long _writes;
    private long _conflated;

    /// <summary>A store for symbol ids 0..<paramref name="capacity"/>−1.</summary>
    public ConflatingStore(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _latest = new T[capacity];
        _dirty = new bool[capacity];
        _has = new bool[capacity];
        _dirtyIds = new int[capacity];
    }

    /// <summary>Slots (the symbol table's capacity).</summary>
    public int Capacity => _latest.Length;

    /// <summary>Ids changed since the last drain.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _dirtyCount;
            }
        }
    }

    /// <summary>Values written in total.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Values overwritten before a drain saw them (conflated away).</summary>
    public long Conflated => Interlocked.Read(ref _conflated);

    /// <summary>Stores the latest value of a symbol id.</summary>
    public void Put(int symbolId, in T value)
    {
        lock (_gate)
        {
            _latest[symbolId] = value;
            _has[symbolId] = true;
            _writes++;
            if (_dirty[symbolId])
            {
                _conflated++;
                return;
            }

            _dirty[symbolId] = true;
            _dirtyIds[_dirtyCount++] = symbolId;
        }
    }

    /// <summary>Forgets a symbol id's value and any pending change (its id is being given to another symbol).</summary>
    public void Clear(int symbolId)
    {
        lock (_gate)
        {
            if ((uint)symbolId >= (uint)_latest.Length)
            {
                return;
            }

            _has[symbolId] = false;
            _latest[symbolId] = default;
            if (_dirty[symbolId])
            {
                _dirty[symbolId] = false;
                int at = Array.IndexOf(_dirtyIds, symbolId, 0, _dirtyCount);
                _dirtyIds.AsSpan(at + 1, _dirtyCount - at - 1).CopyTo(_dirtyIds.AsSpan(at));
                _dirtyCount--;
            }
        }
    }

    /// <summary>The latest value of a symbol id, whether drained or not.</summary>
    public bool TryGetLatest(int symbolId, out T value)
    {
        lock (_gate)
        {
            if ((uint)symbolId < (uint)_latest.Length && _has[symbolId])
            {
                value = _latest[symbolId];
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Copies the changed values (oldest change first) into <paramref name="destination"/> and marks
    /// them seen; changes that do not fit stay pending for the next drain. Returns how many were copied.</summary>
    public int Drain(Span<T> destination)
    {
        lock (_gate)
        {
            int n = Math.Min(destination.Length, _dirtyCount);
            for (int i = 0; i < n; i++)
            {
                int id = _dirtyIds[i];
                destination[i] = _latest[id];
                _dirty[id] = false;
            }

            if (n < _dirtyCount)
            {
                _dirtyIds.AsSpan(n, _dirtyCount - n).CopyTo(_dirtyIds);
            }

            _dirtyCount -= n;
            return n;
        }
    }
}

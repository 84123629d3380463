namespace TomKing.Algorithm.Portfolio;

/// <summary>
/// The most recent <c>window</c> venue execution ids, to drop a fill replayed after a reconnect: an
/// open-addressing hash set (linear probing, backward-shift deletion) over a ring buffer of the ids in
/// arrival order, so adding one id and forgetting the oldest is a few array operations, with no
/// allocation. The hash is FNV-1a over the id's characters (not randomized: ids come from the venue,
/// and an id colliding only costs a longer probe). Single-threaded like the ledger.
/// </summary>
internal sealed class ExecutionIdSet
{
    private readonly string?[] _keys;
    private readonly int[] _hashes;
    private readonly string[] _ring;
    private readonly int[] _ringHash;
    private readonly int _mask;
    private readonly int _window;
    private int _head;
    private int _count;

    /// <summary>Remembers up to <paramref name="window"/> ids.</summary>
    public ExecutionIdSet(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, window * 2));
        _keys = new string?[size];
        _hashes = new int[size];
        _mask = size - 1;
        _window = window;
        _ring = new string[window];
        _ringHash = new int[window];
    }

    /// <summary>Adds an id; false when it is among the remembered ones (a duplicate).</summary>
    public bool Add(string id)
    {
        int hash = Hash(id);
        int i = hash & _mask;
        while (_keys[i] is { } key)
        {
            if (_hashes[i] == hash && string.Equals(key, id, StringComparison.Ordinal))
            {
                return false;
            }

            i = (i + 1) & _mask;
        }

        _keys[i] = id;
        _hashes[i] = hash;
        if (_count == _window)
        {
            // forget the oldest (at the head) and put the new id in its ring slot
            Remove(_ring[_head], _ringHash[_head]);
            _ring[_head] = id;
            _ringHash[_head] = hash;
            _head = _head + 1 == _window ? 0 : _head + 1;
            return true;
        }

        int slot = _head + _count;
        _ring[slot >= _window ? slot - _window : slot] = id;
        _ringHash[slot >= _window ? slot - _window : slot] = hash;
        _count++;
        return true;
    }

    private void Remove(string id, int hash)
    {
        int i = hash & _mask;
        while (_keys[i] is { } key)
        {
            if (_hashes[i] == hash && ReferenceEquals(key, id))
            {
                break;
            }

            i = (i + 1) & _mask;
        }

        if (_keys[i] is null)
        {
            return;
        }

        // backward-shift deletion keeps every probe chain unbroken without tombstones
        int hole = i;
        int j = (i + 1) & _mask;
        while (_keys[j] is not null)
        {
            int home = _hashes[j] & _mask;
            bool movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (movable)
            {
                _keys[hole] = _keys[j];
                _hashes[hole] = _hashes[j];
                hole = j;
            }

            j = (j + 1) & _mask;
        }

        _keys[hole] = null;
    }

    private static int Hash(string id)
    {
        uint h = 2166136261;
        foreach (char c in id)
        {
            h = (h ^ c) * 16777619;
        }

        return (int)(h ^ (h >> 15));
    }
}

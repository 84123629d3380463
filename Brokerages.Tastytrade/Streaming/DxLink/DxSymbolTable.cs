using System.Text;

namespace TomKing.Brokerages.Tastytrade.Streaming.DxLink;

/// <summary>
/// Streamer symbols registered to dense ids below <see cref="Capacity"/>, looked up from UTF-8 bytes without
/// allocating (open addressing over FNV-1a hashes). Capacity is fixed at construction, so every per-symbol
/// structure keyed by these ids is bounded too. A symbol no longer subscribed is <see cref="Release"/>d and its id
/// is reused — but only after <see cref="ReuseDelay"/>, so events for the old symbol still in flight (or already in
/// a store) are long gone before another symbol takes the id. A live process rolling daily expiries for months
/// therefore never runs out of ids.
/// </summary>
/// <remarks>Thread-safety: <c>Register</c> and <see cref="Release"/> are serialized by a lock. Lookups from
/// any thread are lock-free: a slot's key never changes once published in a hash array (a released symbol leaves a
/// tombstone; a new symbol always takes an empty slot), and when tombstones fill a quarter of the array a fresh
/// array is built and published whole, so a reader sees either the old consistent array or the new one.</remarks>
public sealed class DxSymbolTable
{
    private const int Tombstone = -1;
    private readonly Lock _gate = new();
    private readonly string[] _names;
    private readonly int[] _slotOf;
    private readonly Queue<(int Id, long ReleasedAt)> _released = new();
    private readonly TimeProvider _time;
    private volatile HashSlots _slots;
    private int _next;
    private int _live;

    /// <summary>A table for at most <paramref name="capacity"/> symbols at a time.</summary>
    /// <param name="capacity">Symbols registered at once, at most.</param>
    /// <param name="reuseDelay">How long a released id rests before another symbol may take it (default 60 s).</param>
    /// <param name="time">Clock for the reuse delay (tests).</param>
    public DxSymbolTable(int capacity, TimeSpan? reuseDelay = null, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        ReuseDelay = reuseDelay ?? TimeSpan.FromSeconds(60);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReuseDelay, TimeSpan.Zero, nameof(reuseDelay));
        _time = time ?? TimeProvider.System;
        _slots = new HashSlots((int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, capacity * 2)));
        _names = new string[capacity];
        _slotOf = new int[capacity];
    }

    /// <summary>Maximum number of symbols registered at once.</summary>
    public int Capacity { get; }

    /// <summary>How long a released id rests before it is reused.</summary>
    public TimeSpan ReuseDelay { get; }

    /// <summary>Symbols registered now (released ones not counted).</summary>
    public int Count => Volatile.Read(ref _live);

    /// <summary>Ids handed out so far (every id is below this).</summary>
    public int IdsInUse => Volatile.Read(ref _next);

    /// <summary>Released ids waiting out <see cref="ReuseDelay"/> or ready for reuse.</summary>
    public int ReleasedIds
    {
        get
        {
            lock (_gate)
            {
                return _released.Count;
            }
        }
    }

    /// <summary>The symbol of an id (the last symbol that held it, once released).</summary>
    public string NameOf(int id) => (uint)id < (uint)IdsInUse ? _names[id] : throw new ArgumentOutOfRangeException(nameof(id));

    /// <summary>Registers a symbol (idempotent) and returns its id.</summary>
    /// <exception cref="InvalidOperationException">The table is full.</exception>
    public int Register(string symbol) => Register(symbol, out _);

    /// <summary>Registers a symbol (idempotent) and returns its id; <paramref name="reused"/> says the id held
    /// another symbol before (whatever is stored under it belongs to that symbol and must be cleared).</summary>
    /// <exception cref="InvalidOperationException">The table is full.</exception>
    public int Register(string symbol, out bool reused)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        byte[] key = Encoding.UTF8.GetBytes(symbol);
        lock (_gate)
        {
            var s = _slots;
            int slot = (int)Hash(key) & s.Mask;
            while (true)
            {
                int existing = s.Ids[slot];
                if (existing == 0)
                {
                    break;
                }

                if (existing > 0 && s.Keys[slot].AsSpan().SequenceEqual(key))
                {
                    reused = false;
                    return existing - 1;
                }

                slot = (slot + 1) & s.Mask;
            }

            int id;
            if (_released.Count > 0 && _time.GetElapsedTime(_released.Peek().ReleasedAt) >= ReuseDelay)
            {
                id = _released.Dequeue().Id;
                reused = true;
            }
            else if (_next < Capacity)
            {
                id = _next;
                reused = false;
            }
            else
            {
                throw new InvalidOperationException(_released.Count > 0
                    ? $"The symbol table is full ({Capacity} symbols; {_released.Count} released ids still waiting out the {ReuseDelay.TotalSeconds:0} s reuse delay)."
                    : $"The symbol table is full ({Capacity} symbols).");
            }

            _names[id] = symbol;
            s.Keys[slot] = key;
            s.Used++;
            Volatile.Write(ref s.Ids[slot], id + 1);
            _slotOf[id] = slot;
            if (!reused)
            {
                Volatile.Write(ref _next, id + 1);
            }

            Volatile.Write(ref _live, _live + 1);
            if (s.Used > s.Ids.Length - (s.Ids.Length >> 2))
            {
                Rebuild();
            }

            return id;
        }
    }

    /// <summary>Releases a symbol's id (no-op for an id not registered now): lookups stop finding the symbol at
    /// once; the id is reused after <see cref="ReuseDelay"/>. Returns whether it was registered.</summary>
    public bool Release(int id)
    {
        lock (_gate)
        {
            var s = _slots;
            if ((uint)id >= (uint)_next || s.Ids[_slotOf[id]] != id + 1)
            {
                return false;
            }

            Volatile.Write(ref s.Ids[_slotOf[id]], Tombstone);
            _released.Enqueue((id, _time.GetTimestamp()));
            Volatile.Write(ref _live, _live - 1);
            return true;
        }
    }

    /// <summary>The id of a UTF-8 symbol, or −1 when it is not registered. Allocation-free.</summary>
    public int Find(ReadOnlySpan<byte> utf8Symbol)
    {
        var s = _slots;
        int slot = (int)Hash(utf8Symbol) & s.Mask;
        while (true)
        {
            int id = Volatile.Read(ref s.Ids[slot]);
            if (id == 0)
            {
                return -1;
            }

            if (id > 0 && utf8Symbol.SequenceEqual(s.Keys[slot]))
            {
                return id - 1;
            }

            slot = (slot + 1) & s.Mask;
        }
    }

    /// <summary>The id of a symbol, or −1.</summary>
    public int Find(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return Find(Encoding.UTF8.GetBytes(symbol));
    }

    /// <summary>A fresh hash array holding only the registered symbols (no tombstones), published whole.</summary>
    private void Rebuild()
    {
        var old = _slots;
        var fresh = new HashSlots(old.Ids.Length);
        for (int i = 0; i < old.Ids.Length; i++)
        {
            int id = old.Ids[i];
            if (id <= 0)
            {
                continue;
            }

            byte[] key = old.Keys[i]!;
            int slot = (int)Hash(key) & fresh.Mask;
            while (fresh.Ids[slot] != 0)
            {
                slot = (slot + 1) & fresh.Mask;
            }

            fresh.Keys[slot] = key;
            fresh.Ids[slot] = id;
            fresh.Used++;
            _slotOf[id - 1] = slot;
        }

        _slots = fresh;
    }

    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        uint h = 2166136261;
        foreach (byte b in bytes)
        {
            h = (h ^ b) * 16777619;
        }

        return h ^ (h >> 15);
    }

    /// <summary>One open-addressing array: keys, and ids + 1 (0 empty, −1 released).</summary>
    private sealed class HashSlots(int size)
    {
        public readonly byte[]?[] Keys = new byte[size][];
        public readonly int[] Ids = new int[size];
        public readonly int Mask = size - 1;
        public int Used;
    }
}

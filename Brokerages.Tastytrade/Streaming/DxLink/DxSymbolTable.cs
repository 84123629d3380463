using System.Text;

namespace TomKing.Brokerages.Tastytrade.Streaming.DxLink;

/// <summary>
/// Streamer symbols pre-registered to dense ids 0..<see cref="Count"/>−1, looked up from UTF-8 bytes without
/// allocating (open addressing over FNV-1a hashes). Capacity is fixed at construction, so every per-symbol
/// structure keyed by these ids is bounded too.
/// </summary>
/// <remarks>Thread-safety: <see cref="Register"/> is serialized by a lock and publishes each slot with a
/// volatile write; lookups from any thread are lock-free and see a symbol once its registration returned.</remarks>
public sealed class DxSymbolTable
{
    private readonly Lock _gate = new();
    private readonly byte[]?[] _keys;
    private readonly int[] _slotIds; // id + 1; 0 = empty
    private readonly string[] _names;
    private readonly int _mask;
    private int _count;

    /// <summary>A table for at most <paramref name="capacity"/> symbols.</summary>
    public DxSymbolTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        int slots = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, capacity * 2));
        _keys = new byte[slots][];
        _slotIds = new int[slots];
        _names = new string[capacity];
        _mask = slots - 1;
    }

    /// <summary>Maximum number of symbols.</summary>
    public int Capacity { get; }

    /// <summary>Registered symbols.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The symbol of an id.</summary>
    public string NameOf(int id) => (uint)id < (uint)Count ? _names[id] : throw new ArgumentOutOfRangeException(nameof(id));

    /// <summary>Registers a symbol (idempotent) and returns its id.</summary>
    /// <exception cref="InvalidOperationException">The table is full.</exception>
    public int Register(string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        byte[] key = Encoding.UTF8.GetBytes(symbol);
        lock (_gate)
        {
            int slot = (int)Hash(key) & _mask;
            while (true)
            {
                int existing = _slotIds[slot];
                if (existing == 0)
                {
                    break;
                }

                if (_keys[slot].AsSpan().SequenceEqual(key))
                {
                    return existing - 1;
                }

                slot = (slot + 1) & _mask;
            }

            if (_count == Capacity)
            {
                throw new InvalidOperationException($"The symbol table is full ({Capacity} symbols).");
            }

            int id = _count;
            _names[id] = symbol;
            _keys[slot] = key;
            Volatile.Write(ref _slotIds[slot], id + 1);
            Volatile.Write(ref _count, id + 1);
            return id;
        }
    }

    /// <summary>The id of a UTF-8 symbol, or −1 when it was never registered. Allocation-free.</summary>
    public int Find(ReadOnlySpan<byte> utf8Symbol)
    {
        int slot = (int)Hash(utf8Symbol) & _mask;
        while (true)
        {
            int id = Volatile.Read(ref _slotIds[slot]);
            if (id == 0)
            {
                return -1;
            }

            if (utf8Symbol.SequenceEqual(_keys[slot]))
            {
                return id - 1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>The id of a symbol, or −1.</summary>
    public int Find(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return Find(Encoding.UTF8.GetBytes(symbol));
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
}

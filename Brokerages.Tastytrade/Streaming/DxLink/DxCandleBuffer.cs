using System.Collections.Concurrent;

namespace TomKing.Brokerages.Tastytrade.Streaming.DxLink;

/// <summary>
/// The candles a <see cref="DxLinkClient"/> received, in arrival order and never conflated (a history snapshot is
/// many bars of one symbol), for a consumer on another thread to drain (<see cref="Adapters.DxLinkMarketView"/> does, on the
/// kernel's thread). Bounded: past <see cref="Capacity"/> undrained candles new ones are dropped and counted.
/// </summary>
public sealed class DxCandleBuffer
{
    private readonly ConcurrentQueue<DxCandle> _queue = new();
    private int _count;
    private long _dropped;

    /// <summary>A queue holding at most <paramref name="capacity"/> undrained candles.</summary>
    public DxCandleBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>Most undrained candles held.</summary>
    public int Capacity { get; }

    /// <summary>Undrained candles.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Candles dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Adds a candle (receive thread); false (and counted) when full.</summary>
    public bool Enqueue(in DxCandle candle)
    {
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Interlocked.Decrement(ref _count);
            Interlocked.Increment(ref _dropped);
            return false;
        }

        _queue.Enqueue(candle);
        return true;
    }

    /// <summary>Moves up to <c>into.Length</c> candles, oldest first, into <paramref name="into"/>; returns how many.</summary>
    public int Drain(Span<DxCandle> into)
    {
        int n = 0;
        while (n < into.Length && _queue.TryDequeue(out var candle))
        {
            into[n++] = candle;
            Interlocked.Decrement(ref _count);
        }

        return n;
    }
}

using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;

namespace TomKing.Algorithm.Strategies.Core;

/// <summary>
/// Per-contract numbers a strategy saw when it decided a trade (the mid of each leg at entry, the intrinsic
/// value of a weekly call at its sale). Leg-level exits (L112-5, IPMCC-4/5) read a held leg's entry price
/// with <see cref="TryGetEntry"/>: the portfolio's <see cref="OpenPosition.LegEntryPrices"/> (average fills,
/// journaled, so they survive a restart) when known, and this book only when they are unknown (all zero).
/// Fixed capacity, oldest overwritten; not journaled, so after a restart only the portfolio's prices remain.
/// </summary>
internal sealed class EntryLegBook
{
    private readonly OptionContract[] _contracts;
    private readonly double[] _prices;
    private int _count;
    private int _next;

    public EntryLegBook(int capacity = 128)
    {
        _contracts = new OptionContract[capacity];
        _prices = new double[capacity];
    }

    /// <summary>Remembers the value of one contract (replacing an older one).</summary>
    public void Remember(in OptionContract contract, double price)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_contracts[i] == contract)
            {
                _prices[i] = price;
                return;
            }
        }

        int slot;
        if (_count < _contracts.Length)
        {
            slot = _count++;
        }
        else
        {
            slot = _next;
            _next = (_next + 1) % _contracts.Length;
        }

        _contracts[slot] = contract;
        _prices[slot] = price;
    }

    /// <summary>The value remembered for a contract, if any.</summary>
    public bool TryGet(in OptionContract contract, out double price)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_contracts[i] == contract)
            {
                price = _prices[i];
                return true;
            }
        }

        price = double.NaN;
        return false;
    }

    /// <summary>
    /// The entry price per contract of leg <paramref name="leg"/> of a held position (premium points, a
    /// positive number): the portfolio's <see cref="OpenPosition.LegEntryPrices"/> when known (non-zero and
    /// finite), otherwise the mid this book remembered when the strategy decided the trade.
    /// </summary>
    public bool TryGetEntry(in OpenPosition position, int leg, out double price)
    {
        double fromFills = position.LegEntryPrices[leg];
        if (fromFills != 0.0 && double.IsFinite(fromFills))
        {
            price = Math.Abs(fromFills);
            return true;
        }

        return TryGet(position.Structure[leg].Contract, out price) && double.IsFinite(price) && price > 0.0;
    }
}

using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Strategies.Core;

/// <summary>
/// The per-leg mid prices a strategy saw when it decided an entry, keyed by contract: L112-5 needs the
/// naked puts' own credit and the debit spread's own debit, which <see cref="Ports.OpenPosition"/> does not
/// carry (it has only the net entry price). Fixed capacity, oldest overwritten; not journaled, so after a
/// restart the leg-level exits wait for the portfolio to carry per-leg entry prices (contract change requested).
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

    /// <summary>Remembers the entry mid of one contract (replacing an older one).</summary>
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

    /// <summary>The entry mid of a contract, if remembered.</summary>
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
}

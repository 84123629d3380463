using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Portfolio;

namespace TomKing.Engine.Replay;

/// <summary>
/// Reusable buffers for walking a ledger's open positions and their held legs from a kernel (replay or live):
/// <see cref="Snapshot"/> copies the open position ids first, so the walk may book fills (settlements) that
/// change the ledger's list; <see cref="Legs"/> receives <see cref="PortfolioLedger.CopyHeldLegs"/>. Allocates
/// only when the book outgrows the buffer. One kernel thread.
/// </summary>
internal sealed class OpenPositionScan
{
    private PositionId[] _ids = new PositionId[64];

    /// <summary>Held legs of one position (<see cref="PortfolioLedger.CopyHeldLegs"/>'s destination).</summary>
    public HeldLeg[] Legs { get; } = new HeldLeg[PortfolioLedger.MaxLegsPerPosition];

    /// <summary>The ids copied by the last <see cref="Snapshot"/>.</summary>
    public ReadOnlySpan<PositionId> Ids => _ids;

    /// <summary>Copies the ids of the open positions; returns how many.</summary>
    public int Snapshot(PortfolioLedger ledger)
    {
        var open = ledger.OpenPositions;
        if (_ids.Length < open.Length)
        {
            _ids = new PositionId[open.Length * 2];
        }

        for (int i = 0; i < open.Length; i++)
        {
            _ids[i] = open[i].Id;
        }

        return open.Length;
    }

    /// <summary>Marks every held leg of the open positions from its quote (<see cref="MarkOf"/>); a leg without a usable
    /// quote keeps its last mark. Generic over a struct quote source so each kernel's hot path stays direct calls.</summary>
    public void MarkHeldLegs<TQuotes>(PortfolioLedger ledger, TQuotes quotes)
        where TQuotes : struct, IHeldQuotes
    {
        int n = Snapshot(ledger);
        for (int p = 0; p < n; p++)
        {
            int legs = ledger.CopyHeldLegs(_ids[p], Legs);
            for (int i = 0; i < legs; i++)
            {
                if (Legs[i].Contracts != 0 && quotes.TryQuote(Legs[i].Contract, out Quote q))
                {
                    double mid = MarkOf(in q);
                    if (double.IsFinite(mid))
                    {
                        ledger.UpdateMark(Legs[i].Contract, mid);
                    }
                }
            }
        }
    }

    /// <summary>The mark of a held contract from its quote: the mid when both sides are usable, else half the ask
    /// (a bid-less far wing), else the bid; NaN when the quote has neither side.</summary>
    public static double MarkOf(in Quote quote) =>
        quote.IsUsable ? quote.Mid : quote.Ask > 0.0 ? 0.5 * quote.Ask : quote.Bid > 0.0 ? quote.Bid : double.NaN;
}

/// <summary>Where <see cref="OpenPositionScan.MarkHeldLegs"/> reads a held contract's quote.</summary>
internal interface IHeldQuotes
{
    /// <summary>The contract's current quote, when the market has one.</summary>
    bool TryQuote(in OptionContract contract, out Quote quote);
}

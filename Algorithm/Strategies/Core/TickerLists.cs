using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Strategies.Core;

/// <summary>Allocation-free checks over the rulebook's ticker and number lists (no LINQ, no enumerator boxing).</summary>
internal static class TickerLists
{
    public static bool Contains(IReadOnlyList<int> values, int value)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for micro contracts (MES, MCL…), which have their own BP caps (L112-4, FS-6).</summary>
    public static bool IsMicro(Ticker ticker) => InstrumentCatalogue.TryGet(ticker, out Instrument instrument) && instrument.IsMicro;
}

using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;

namespace TomKing.Algorithm.Strategies.Core;

/// <summary>
/// Net combo prices per unit from the chain's quotes, with LEAN's sign convention (Σ ratio × price; a
/// credit is negative). A leg quote that is crossed, or has no ask, prices nothing (the caller skips).
/// A leg offered with no bid (far wings) is priced at mid = ask / 2 and natural = ask when bought, 0 when sold.
/// </summary>
internal static class ComboPricing
{
    /// <summary>Prices <paramref name="structure"/> traded as given (<paramref name="direction"/> +1: an
    /// entry or an adjustment) or reversed (−1: closing a held position).</summary>
    public static bool TryPrice(in OptionStructure structure, IMarketView market, int direction, out double mid, out double natural)
    {
        mid = 0.0;
        natural = 0.0;
        for (int i = 0; i < structure.Count; i++)
        {
            Leg leg = structure[i];
            if (!TryQuote(market, leg.Contract, out Quote quote))
            {
                mid = natural = double.NaN;
                return false;
            }

            int ratio = leg.Ratio * direction;
            if (!TryLegPrices(quote, ratio > 0, out double legMid, out double legNatural))
            {
                mid = natural = double.NaN;
                return false;
            }

            mid += ratio * legMid;
            natural += ratio * legNatural;
        }

        return true;
    }

    /// <summary>
    /// A closing price from <see cref="TryPrice"/> with direction −1 (the closing order's own convention:
    /// a debit to buy back a credit structure is positive) expressed in the held structure's convention,
    /// which is what a Close <see cref="Intents.OrderIntent"/> carries (the pipeline reverses the legs).
    /// </summary>
    public static double AsHeld(double closingPrice) => -closingPrice;

    /// <summary>Mid and natural of one leg (see the class remarks).</summary>
    public static bool TryLegPrices(in Quote quote, bool buying, out double mid, out double natural)
    {
        if (quote.IsUsable)
        {
            mid = quote.Mid;
            natural = buying ? quote.Ask : quote.Bid;
            return true;
        }

        if (quote.Ask > 0.0 && double.IsFinite(quote.Ask) && !(quote.Bid > 0.0))
        {
            mid = 0.5 * quote.Ask;
            natural = buying ? quote.Ask : 0.0;
            return true;
        }

        mid = natural = double.NaN;
        return false;
    }

    /// <summary>Finds a contract in the market view: its expiry and strike index.</summary>
    public static bool TryLocate(IMarketView market, in OptionContract contract, out ChainExpiry expiry, out int strikeIndex) =>
        Risk.ContractLookup.TryFind(market, contract, out expiry, out strikeIndex);

    /// <summary>The current quote of a contract.</summary>
    public static bool TryQuote(IMarketView market, in OptionContract contract, out Quote quote)
    {
        if (TryLocate(market, contract, out ChainExpiry expiry, out int index))
        {
            quote = expiry.QuoteAt(index, contract.Right);
            return true;
        }

        quote = default;
        return false;
    }

    /// <summary>The current mid of one contract (one-sided offers at ask / 2), NaN when unpriceable.</summary>
    public static double MidOf(IMarketView market, in OptionContract contract) =>
        TryQuote(market, contract, out Quote q) && TryLegPrices(q, buying: true, out double mid, out _) ? mid : double.NaN;

    /// <summary>Greeks of one contract (unavailable when it is not in the market view).</summary>
    public static ContractGreeks GreeksOf(IMarketView market, in OptionContract contract) =>
        TryLocate(market, contract, out ChainExpiry expiry, out int index) ? expiry.GreeksAt(index, contract.Right) : default;

    /// <summary>Profit per unit of a held position in premium points: its value now at mid minus what was
    /// paid (entry price, negative for a credit). NaN when unpriceable.</summary>
    public static double ProfitPerUnit(in OpenPosition position, IMarketView market) =>
        TryPrice(position.Structure, market, +1, out double value, out _) ? value - (double)position.EntryPrice : double.NaN;
}

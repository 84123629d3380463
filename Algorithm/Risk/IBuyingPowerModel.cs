using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;

namespace TomKing.Algorithm.Risk;

/// <summary>
/// Buying power a structure ties up per unit: defined risk = width × multiplier − credit; undefined
/// risk by the documented margin model (CBOE-style for index and equity options, exchange margins for
/// futures options). Strategies size with it (L112-4, FS-6, LPL-4) and the risk engine checks P-1 with
/// it, so both see the same number.
/// </summary>
public interface IBuyingPowerModel
{
    /// <summary>USD of buying power one unit of <paramref name="unit"/> uses at current market prices.</summary>
    /// <param name="unit">Legs per unit (signs as held: short legs negative).</param>
    /// <param name="market">Prices of the underlying and the legs.</param>
    /// <param name="buyingPower">The buying power, USD (≥ 0).</param>
    /// <returns>False when the market lacks a price the model needs (the caller skips with a reason).</returns>
    bool TryPerUnit(in OptionStructure unit, IMarketView market, out decimal buyingPower);
}

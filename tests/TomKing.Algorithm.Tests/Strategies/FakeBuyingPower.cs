using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;

namespace TomKing.Algorithm.Tests.Strategies;

/// <summary>A buying-power model that answers a fixed USD amount per unit (or "no price" when NaN-like null).</summary>
internal sealed class FakeBuyingPower(decimal? perUnit) : IBuyingPowerModel
{
    public int Calls { get; private set; }

    public bool TryPerUnit(in OptionStructure unit, IMarketView market, out decimal buyingPower)
    {
        Calls++;
        buyingPower = perUnit ?? 0m;
        return perUnit.HasValue;
    }
}

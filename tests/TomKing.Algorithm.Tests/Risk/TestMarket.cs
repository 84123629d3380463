using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;

namespace TomKing.Algorithm.Tests.Risk;

/// <summary>A hand-set market view for risk and portfolio tests.</summary>
internal sealed class TestMarket : IMarketView
{
    public Dictionary<Ticker, double> Prices { get; } = [];

    public Dictionary<Ticker, OptionChain> Chains { get; } = [];

    public VixReading? Vix { get; set; }

    public TestMarket WithPrice(Ticker t, double p)
    {
        Prices[t] = p;
        return this;
    }

    public TestMarket WithChain(OptionChain chain)
    {
        Chains[chain.Root] = chain;
        return this;
    }

    public bool TryGetPrice(Ticker underlying, out double price) => Prices.TryGetValue(underlying, out price);

    public bool TryGetChain(Ticker root, out OptionChain chain) => Chains.TryGetValue(root, out chain!);

    public bool TryGetVix(out VixReading vix)
    {
        vix = Vix ?? default;
        return Vix.HasValue;
    }

    public bool TryGetIvRank(Ticker underlying, out double ivRank)
    {
        ivRank = 50;
        return true;
    }

    public bool TryGetDailyEma(Ticker underlying, int period, out double ema)
    {
        ema = double.NaN;
        return false;
    }

    public bool TryGetSessionOpen(Ticker underlying, out double open)
    {
        open = double.NaN;
        return false;
    }
}

/// <summary>A hand-set portfolio view for rule tests.</summary>
internal sealed class TestPortfolio : IPortfolioView
{
    public List<OpenPosition> Positions { get; } = [];

    public decimal NetLiquidation { get; set; } = 100_000m;

    public decimal StartOfDayNetLiquidation { get; set; } = 100_000m;

    public decimal StartOfWeekNetLiquidation { get; set; } = 100_000m;

    public decimal StartOfMonthNetLiquidation { get; set; } = 100_000m;

    public decimal HighWaterMark { get; set; } = 100_000m;

    public decimal BuyingPowerInUse { get; set; }

    /// <summary>Positions whose entry order is still working (quantity 0).</summary>
    public List<OpenPosition> Working { get; } = [];

    public ReadOnlySpan<OpenPosition> OpenPositions => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Positions);

    public ReadOnlySpan<OpenPosition> WorkingEntries => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Working);

    public PortfolioGreeks BetaWeightedGreeks { get; set; }

    public int CountOpen(StrategyId strategy) => Positions.Count(p => p.Strategy == strategy) + Working.Count(p => p.Strategy == strategy);

    public int CountOpen(CorrelationGroup group) => Positions.Count(p => p.Group == group) + Working.Count(p => p.Group == group);

    /// <summary>Sets every net-liq reference point at once.</summary>
    public TestPortfolio WithNetLiq(decimal nl)
    {
        NetLiquidation = StartOfDayNetLiquidation = StartOfWeekNetLiquidation = StartOfMonthNetLiquidation = HighWaterMark = nl;
        return this;
    }
}

/// <summary>A buying-power model with a fixed answer per unit.</summary>
internal sealed class FixedBuyingPower(decimal perUnit) : Algorithm.Risk.IBuyingPowerModel
{
    public decimal PerUnit { get; set; } = perUnit;

    public bool TryPerUnit(in OptionStructure unit, IMarketView market, out decimal buyingPower)
    {
        buyingPower = PerUnit;
        return true;
    }
}

using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;

namespace TomKing.Algorithm.Tests.Strategies;

/// <summary>An account with a settable net liq and a list of open positions.</summary>
internal sealed class FakePortfolio : IPortfolioView
{
    private readonly List<OpenPosition> _positions = [];

    public decimal NetLiquidation { get; set; } = 50_000m;

    public decimal StartOfDayNetLiquidation => NetLiquidation;

    public decimal StartOfWeekNetLiquidation => NetLiquidation;

    public decimal StartOfMonthNetLiquidation => NetLiquidation;

    public decimal HighWaterMark => NetLiquidation;

    public decimal BuyingPowerInUse { get; set; }

    public ReadOnlySpan<OpenPosition> OpenPositions => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_positions);

    public PortfolioGreeks BetaWeightedGreeks => default;

    public FakePortfolio Add(OpenPosition position)
    {
        _positions.Add(position);
        return this;
    }

    public int CountOpen(StrategyId strategy)
    {
        int n = 0;
        foreach (var p in _positions)
        {
            if (p.Strategy == strategy)
            {
                n++;
            }
        }

        return n;
    }

    public int CountOpen(CorrelationGroup group)
    {
        int n = 0;
        foreach (var p in _positions)
        {
            if (p.Group == group)
            {
                n++;
            }
        }

        return n;
    }
}

using BenchmarkDotNet.Attributes;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Portfolio;
using TomKing.Algorithm.Ports;
using TomKing.Greeks;

namespace TomKing.Benchmarks;

/// <summary>
/// Position/P&amp;L updates on a 50-position <see cref="PortfolioLedger"/>: a mark (mid) update of one
/// contract (incremental position and account value), the same followed by reading net liq (decimal
/// conversion, high-water mark), a mark followed by reading the open-position view (the changed
/// position's unrealized P&amp;L rebuilt), and a leg fill (average cost, realized P&amp;L, cash, fees,
/// de-duplication). Target ≥ 10 M updates/s per core, 0 B.
/// </summary>
[MemoryDiagnoser]
public class PortfolioBenchmarks
{
    private const int Ops = 1_000;
    private RiskPortfolioFixture _f = null!;
    private PortfolioLedger _ledger = null!;
    private int[] _slots = [];
    private LegFill _buy;
    private LegFill _sell;
    private string[] _exec = [];
    private int _n;

    [GlobalSetup]
    public void Setup()
    {
        _f = new RiskPortfolioFixture();
        _ledger = _f.Ledger;
        _slots = [.. Enumerable.Range(0, _ledger.MarkSlotCount)];
        var c = RiskPortfolioFixture.C("SPY", RiskPortfolioFixture.Expiries[1], 340, OptionRight.Put);
        var id = _ledger.ReservePosition(StrategyId.LPL, OptionStructure.SinglePut(c));
        _ledger.BindOrder(new ClientOrderId(9_999), id);
        _sell = new LegFill(new OrderId(9_999), new ClientOrderId(9_999), c, -2, 1.25m, 0.65m, RiskPortfolioFixture.Now, "");
        _buy = _sell with { Quantity = 1, Price = 1.10m };
        _ledger.OnFill(_sell);
        _exec = [.. Enumerable.Range(0, 8192).Select(i => "b" + i)];
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public void MarkUpdate()
    {
        var slots = _slots;
        for (int i = 0; i < Ops; i++)
        {
            _ledger.UpdateMark(slots[i % slots.Length], 1.0 + (0.001 * (i & 63)));
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public decimal MarkThenNetLiq()
    {
        var slots = _slots;
        decimal nl = 0m;
        for (int i = 0; i < Ops; i++)
        {
            _ledger.UpdateMark(slots[i % slots.Length], 1.0 + (0.001 * (i & 63)));
            nl = _ledger.NetLiquidation;
        }

        return nl;
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public decimal MarkThenPositionView()
    {
        var slots = _slots;
        decimal u = 0m;
        for (int i = 0; i < Ops; i++)
        {
            _ledger.UpdateMark(slots[i % slots.Length], 1.0 + (0.001 * (i & 63)));
            u = _ledger.OpenPositions[0].UnrealizedPnl;
        }

        return u;
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public int LegFill()
    {
        for (int i = 0; i < Ops; i++)
        {
            // buy one back, sell one again: the position never closes, the books keep moving; execution
            // ids cycle through 8,192 (twice the de-duplication window), so none is a duplicate
            int n = _n++;
            _ledger.OnFill((n & 1) == 0 ? _buy with { ExecutionId = _exec[n & 8191] } : _sell with { Quantity = -1, ExecutionId = _exec[n & 8191] });
        }

        return _ledger.DuplicateFills; // stays 0: every fill is booked
    }
}

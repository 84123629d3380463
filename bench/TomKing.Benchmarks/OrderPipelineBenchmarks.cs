using BenchmarkDotNet.Attributes;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;
using TomKing.Cli.Commands;

namespace TomKing.Benchmarks;

/// <summary>
/// The order path in isolation, on the same hand-built world as <c>tomking bench pipeline</c> (50 open
/// positions, the real RiskEngine, MarginModel and PortfolioLedger): the pre-trade check, intent → risk
/// check → combo order built and handed to the port, P-10 ladder prices, and order state transitions.
/// </summary>
[MemoryDiagnoser]
public class OrderPipelineBenchmarks
{
    private PipelineBenchWorld _world = null!;
    private OrderIntent _entry;
    private OrderTable _table = null!;
    private OptionStructure _structure;
    private long _sequence;

    [GlobalSetup]
    public void Setup()
    {
        _world = new PipelineBenchWorld();
        _entry = _world.IronCondorEntry();
        _structure = _entry.Structure;
        _table = new OrderTable(capacity: 1024);
        var verdict = _world.Risk.Check(in _entry, _world.Context);
        if (!verdict.IsApproved)
        {
            throw new InvalidOperationException("bench world: the F0 entry is not approved: " + verdict.Reason);
        }
    }

    /// <summary>P-1..P-9 pre-trade check of an F0 iron condor entry against 50 open positions.</summary>
    [Benchmark]
    public RiskVerdict RiskCheck() => _world.Risk.Check(in _entry, _world.Context);

    /// <summary>Intent → risk check → P-10 price → position reserved in the ledger → one combo order registered
    /// and handed to the port; then a venue rejection so the order slot and the pending position recycle.</summary>
    [Benchmark]
    public ClientOrderId IntentToComboOrder()
    {
        var result = _world.Pipeline.Submit(in _entry, _world.Context);
        _world.Deliver(new OrderUpdate(default, result.ClientId, BrokerOrderStatus.Rejected, PipelineBenchWorld.Now, 0, 0m, null));
        return result.ClientId;
    }

    /// <summary>The four P-10 ladder limits (mid, two steps, natural) of an SPXW iron condor.</summary>
    [Benchmark]
    public decimal LadderPrices()
    {
        decimal sum = 0m;
        for (int step = 0; step <= 3; step++)
        {
            sum += ComboPricing.LimitForStep("SPXW", -1.225, -1.0, buying: true, step, 1.0 / 3.0);
        }

        return sum;
    }

    /// <summary>One order's life in the table: register, submit, accepted, partial fill, fill (4 transitions).</summary>
    [Benchmark]
    public OrderState StateMachineLifecycle()
    {
        int slot = _table.Register(StrategyId.F0, IntentKind.Open, default, in _structure, 2, "F0-2");
        var id = _table.SlotAt(slot).ClientId;
        var order = new OrderId(++_sequence);
        _table.Apply(slot, OrderEventKind.Submit);
        _table.ApplyUpdate(new OrderUpdate(order, id, BrokerOrderStatus.Working, PipelineBenchWorld.Now, 0, 0m, null));
        _table.ApplyUpdate(new OrderUpdate(order, id, BrokerOrderStatus.PartiallyFilled, PipelineBenchWorld.Now, 1, 0m, null));
        _table.ApplyUpdate(new OrderUpdate(order, id, BrokerOrderStatus.Filled, PipelineBenchWorld.Now, 2, 0m, null));
        _table.TryGetState(id, out var state);
        return state;
    }

    /// <summary>One transition-table lookup.</summary>
    [Benchmark]
    public bool TransitionLookup() => OrderStateMachine.TryNext(OrderState.Working, OrderEventKind.PartialFill, out _);
}

using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies;
using TomKing.Algorithm.Testing;
using TomKing.Greeks;

namespace TomKing.Algorithm.Tests.Orders;

/// <summary>An order port that records what it was asked; optional hook to answer synchronously.</summary>
internal sealed class RecordingOrderPort : IOrderPort
{
    private long _nextOrder = 1000;

    public List<ComboOrderRequest> Submitted { get; } = [];

    public List<OrderId> Cancels { get; } = [];

    public List<(OrderId Order, decimal Limit)> Replaces { get; } = [];

    /// <summary>Called inside Submit, like a venue that answers synchronously.</summary>
    public Action<ComboOrderRequest, OrderId>? OnSubmit { get; set; }

    public bool Record { get; set; } = true;

    public OrderId Submit(in ComboOrderRequest request)
    {
        var id = new OrderId(_nextOrder++);
        if (Record)
        {
            Submitted.Add(request);
        }

        OnSubmit?.Invoke(request, id);
        return id;
    }

    public void Cancel(OrderId order)
    {
        if (Record)
        {
            Cancels.Add(order);
        }
    }

    public void Replace(OrderId order, decimal newLimitPrice)
    {
        if (Record)
        {
            Replaces.Add((order, newLimitPrice));
        }
    }
}

/// <summary>A pre-trade check that answers with a fixed verdict (or approves as asked).</summary>
internal sealed class FixedPreTradeCheck : IPreTradeCheck
{
    public RiskVerdict? Verdict { get; set; }

    public int Calls { get; private set; }

    public RiskVerdict Check(in OrderIntent intent, DecisionContext context)
    {
        Calls++;
        return Verdict ?? RiskVerdict.Approve(intent.Quantity);
    }
}

internal sealed class FlatPortfolio : IPortfolioView
{
    public decimal NetLiquidation => 100_000m;

    public decimal StartOfDayNetLiquidation => 100_000m;

    public decimal StartOfWeekNetLiquidation => 100_000m;

    public decimal StartOfMonthNetLiquidation => 100_000m;

    public decimal HighWaterMark => 100_000m;

    public decimal BuyingPowerInUse => 0m;

    public ReadOnlySpan<OpenPosition> OpenPositions => [];

    public int CountOpen(StrategyId strategy) => 0;

    public int CountOpen(CorrelationGroup group) => 0;

    public PortfolioGreeks BetaWeightedGreeks => default;
}

/// <summary>A Friday-10:30 SPXW world with a recording port and a configurable risk check.</summary>
internal sealed class PipelineWorld
{
    public static readonly DateTime Friday1030 = new(2021, 1, 8, 10, 30, 0);
    public static readonly DateTime Friday1100 = new(2021, 1, 8, 11, 0, 0);
    public static readonly DateOnly Today = new(2021, 1, 8);

    public PipelineWorld(OrderSettings? settings = null)
    {
        Clock = new FakeClock(Friday1030);
        Context = new DecisionContext(Clock, EmptyMarketView.Instance, new FlatPortfolio(), RulebookSettings.Default);
        Pipeline = new OrderPipeline(Port, Risk, settings ?? RulebookSettings.Default.Orders);
    }

    public FakeClock Clock { get; }

    public RecordingOrderPort Port { get; } = new();

    public FixedPreTradeCheck Risk { get; } = new();

    public DecisionContext Context { get; }

    public OrderPipeline Pipeline { get; }

    public static OptionContract Spxw(double strike, OptionRight right) =>
        OptionContract.FromCatalogue(InstrumentCatalogue.Get("SPXW"), Today, (decimal)strike, right);

    public static OptionStructure IronCondor() =>
        OptionStructure.IronCondor(Spxw(3700, OptionRight.Put), Spxw(3730, OptionRight.Put), Spxw(3870, OptionRight.Call), Spxw(3900, OptionRight.Call));

    /// <summary>An F0 iron condor entry: mid −1.225 credit, natural −1.00, window to 11:00.</summary>
    public static OrderIntent IronCondorEntry(int quantity = 2, PricingPolicy pricing = PricingPolicy.MidThenLadder) =>
        new(StrategyId.F0, IntentKind.Open, default, IronCondor(), quantity, -1.225, -1.00, pricing, Friday1100, "F0-2 F0-3");

    public ComboOrderRequest LastRequest => Port.Submitted[^1];

    public TrackedOrder Order(ClientOrderId id)
    {
        Assert.That(Pipeline.Orders.TryGet(id, out var order), Is.True, "order in table");
        return order;
    }

    public void Report(ClientOrderId id, BrokerOrderStatus status, int filled = 0, decimal limit = 0m)
    {
        var order = Order(id);
        Pipeline.ApplyUpdate(new OrderUpdate(order.Order, id, status, Clock.Now, filled, limit, null));
    }
}

/// <summary>A position binder that records reservations and bindings, with the port's view of them.</summary>
internal sealed class RecordingBinder(RecordingOrderPort port) : IPositionBinder
{
    private long _next = 40;

    public List<(StrategyId Strategy, OptionStructure Structure)> Reserved { get; } = [];

    public List<(ClientOrderId Order, PositionId Position, int SubmittedBefore)> Bound { get; } = [];

    public PositionId ReservePosition(StrategyId strategy, in OptionStructure unit)
    {
        Reserved.Add((strategy, unit));
        return new PositionId(++_next);
    }

    public void BindOrder(ClientOrderId order, PositionId position, decimal reservedBuyingPower = 0m) =>
        Bound.Add((order, position, port.Submitted.Count));
}

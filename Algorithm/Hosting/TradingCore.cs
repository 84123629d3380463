using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Portfolio;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;
using TomKing.Algorithm.Risk.Events;
using TomKing.Algorithm.Risk.Margin;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies;
using TomKing.Algorithm.Strategies.Friday0Dte;
using TomKing.Algorithm.Strategies.FuturesStrangle;
using TomKing.Algorithm.Strategies.Ipmcc;
using TomKing.Algorithm.Strategies.LeapPutLadder;
using TomKing.Algorithm.Strategies.LongTerm112;

namespace TomKing.Algorithm.Hosting;

/// <summary>
/// The strategy core wired the way every host wires it: one <see cref="MarginModel"/> shared by the
/// <see cref="PortfolioLedger"/> and the <see cref="RiskEngine"/> (so sizing, P-1 and the book agree), a
/// <see cref="DecisionContext"/> over the host's clock and market and the ledger, and the
/// <see cref="OrderPipeline"/> over the host's order port, reserving entries' positions in the ledger.
/// The replay kernel and the pipeline benchmark build on it; a host adds only its clock, market view and
/// order port, and fans venue news out through <see cref="Deliver(in OrderUpdate)"/> and
/// <see cref="Deliver(in LegFill)"/>.
/// </summary>
public sealed class TradingCore
{
    /// <summary>Wires the core.</summary>
    /// <param name="clock">Exchange-time clock.</param>
    /// <param name="market">The host's market view.</param>
    /// <param name="port">Where combo orders go.</param>
    /// <param name="rules">The rulebook in force.</param>
    /// <param name="startingCash">Starting cash (net liq), USD.</param>
    /// <param name="futuresMargins">Exchange margins of the futures whose options may be traded (null: none).</param>
    /// <param name="calendar">P-8 event calendar (null: <see cref="EventCalendar.Empty"/>).</param>
    /// <param name="ledgerCapacity">Positions the ledger holds before growing.</param>
    /// <param name="orderCapacity">Order-table slots.</param>
    public TradingCore(IClock clock, IMarketView market, IOrderPort port, RulebookSettings rules, decimal startingCash,
        FuturesMarginBook? futuresMargins = null, EventCalendar? calendar = null, int ledgerCapacity = 64, int orderCapacity = 256)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
        Margin = new MarginModel(futuresMargins);
        Ledger = new PortfolioLedger(startingCash, market, Margin, capacity: ledgerCapacity);
        Risk = new RiskEngine(Margin, calendar);
        Context = new DecisionContext(clock, market, Ledger, rules) { BuyingPower = Margin };
        Pipeline = new OrderPipeline(port, Risk, rules.Orders, new OrderTable(capacity: orderCapacity), new LedgerPositionBinder(Ledger));
    }

    /// <summary>The rulebook in force.</summary>
    public RulebookSettings Rules { get; }

    /// <summary>The buying-power model (ledger, risk engine and strategies share it).</summary>
    public MarginModel Margin { get; }

    /// <summary>The account.</summary>
    public PortfolioLedger Ledger { get; }

    /// <summary>P-1..P-9.</summary>
    public RiskEngine Risk { get; }

    /// <summary>What decisions read (refresh once per event).</summary>
    public DecisionContext Context { get; }

    /// <summary>Intent → risk check → combo order → port; P-10 ladder.</summary>
    public OrderPipeline Pipeline { get; }

    /// <summary>A status report for the pipeline's state machine and the ledger (which frees a pending entry's
    /// position and its reserved buying power when its order ends).</summary>
    public void Deliver(in OrderUpdate update)
    {
        Pipeline.ApplyUpdate(in update);
        Ledger.OnOrderUpdate(in update);
    }

    /// <summary>A leg execution: booked by the ledger, then counted by the order's state machine.</summary>
    public void Deliver(in LegFill fill)
    {
        Ledger.OnFill(in fill);
        Pipeline.ApplyFill(in fill);
    }

    /// <summary>A fresh instance of a rulebook strategy.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown strategy.</exception>
    public static IStrategy CreateStrategy(StrategyId strategy) => strategy switch
    {
        StrategyId.F0 => new F0Strategy(),
        StrategyId.L112 => new L112Strategy(),
        StrategyId.FS => new FsStrategy(),
        StrategyId.IPMCC => new IpmccStrategy(),
        StrategyId.LPL => new LplStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "not a rulebook strategy"),
    };
}

/// <summary>The pipeline's <see cref="IPositionBinder"/> over a <see cref="PortfolioLedger"/> (same signatures).</summary>
/// <param name="ledger">The account that reserves positions and routes fills.</param>
public sealed class LedgerPositionBinder(PortfolioLedger ledger) : IPositionBinder
{
    /// <inheritdoc />
    public PositionId ReservePosition(StrategyId strategy, in OptionStructure unit) => ledger.ReservePosition(strategy, unit);

    /// <inheritdoc />
    public void BindOrder(ClientOrderId order, PositionId position, decimal reservedBuyingPower = 0m) => ledger.BindOrder(order, position, reservedBuyingPower);

    /// <inheritdoc />
    public bool IsKnown(PositionId position) => ledger.TryGetPosition(position, out _);
}

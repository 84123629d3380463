using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Engine.Live.Operations;

namespace TomKing.Engine.Live;

/// <summary>An order as the venue reports it after a restart.</summary>
/// <param name="Client">Our client id (from the order's external identifier); null for an order that is not ours.</param>
/// <param name="BrokerOrderId">The venue's id.</param>
/// <param name="Status">Its status now.</param>
/// <param name="FilledUnits">Units filled (cumulative).</param>
/// <param name="LimitPrice">Its limit as traded (debit +, credit −, whoever placed it); a request's limit is this times
/// the sign of the request's quantity (closing a condor, quantity −1, for a 0.50 debit is a request limit of −0.50).</param>
/// <param name="Fills">Its leg executions, mapped to contracts (ids de-duplicate against the journal).</param>
/// <param name="Message">Reject reason or final status text.</param>
public sealed record VenueOrder(ClientOrderId? Client, string BrokerOrderId, BrokerOrderStatus Status, int FilledUnits, decimal LimitPrice,
    IReadOnlyList<LegFill> Fills, string? Message)
{
    /// <summary>Executions whose symbol names no contract the book knows (not in <see cref="Fills"/>; reconciliation
    /// reports them rather than dropping them silently).</summary>
    public int UnmappedFills { get; init; }
}

/// <summary>A holding at the venue.</summary>
/// <param name="Symbol">The venue's symbol.</param>
/// <param name="Contract">The option it is, when the symbol maps to one.</param>
/// <param name="Quantity">Signed contracts.</param>
public readonly record struct VenuePosition(string Symbol, OptionContract? Contract, int Quantity);

/// <summary>What the venue says the account holds and which orders it knows (open ones, and recent ones that
/// ended, so fills made while the runner was down are found).</summary>
/// <param name="Orders">Open and recent orders.</param>
/// <param name="Positions">Holdings.</param>
/// <param name="NetLiquidation">The account's net liq (0 when unknown).</param>
public sealed record VenueSnapshot(IReadOnlyList<VenueOrder> Orders, IReadOnlyList<VenuePosition> Positions, decimal NetLiquidation);

/// <summary>
/// A live venue as the runner needs it: a market view fed by the venue's data stream, an order port, the
/// order/fill events (never conflated), the market clock, and the account snapshot reconciliation reads.
/// The Tastytrade implementation (<c>TastytradeLiveVenue</c>) serves the real API and the emulator.
/// </summary>
/// <remarks>The runner calls <see cref="ApplyMarket"/>, <see cref="PumpOrderEvents"/> and the order port from its
/// one kernel thread; the rest from the start-up path.</remarks>
public interface ILiveVenue : IAsyncDisposable
{
    /// <summary>Names the venue in logs ("emulator http://127.0.0.1:5123", "tastytrade sandbox").</summary>
    string Name { get; }

    /// <summary>What the strategies read.</summary>
    IMarketView Market { get; }

    /// <summary>Where orders go (wrapped by the runner's journaling port).</summary>
    IOrderPort Orders { get; }

    /// <summary>Market time now, US/Eastern (the wall clock for a real venue; the emulator's market clock otherwise).</summary>
    DateTime NowEastern { get; }

    /// <summary>Called with (client id, broker order id) when the venue acknowledges an order (journaled).</summary>
    Action<ClientOrderId, string>? Acknowledged { get; set; }

    /// <summary>Sets the hook the sender awaits before it sends an order (the journal's durability).</summary>
    Func<ComboOrderRequest, CancellationToken, ValueTask>? BeforeSend { get; set; }

    /// <summary>Signed contracts the runner's book holds (the order port maps Buy/Sell to Open/Close with it).</summary>
    Func<OptionContract, int>? Holdings { get; set; }

    /// <summary>Kernel thread: market inputs the view carries that have not arrived yet — underlyings (VIX included)
    /// with no price, daily candle series (the EMAs) with no history. The runner lets the strategies decide once this
    /// is 0 (or its warm-up time has passed), so a (re)start in an entry window does not decide on an empty view.</summary>
    int PendingMarketInputs { get; }

    /// <summary>Links for health: REST, market data, account stream.</summary>
    IReadOnlyList<(LiveLink Link, LinkState State)> Links { get; }

    /// <summary>Connects, authenticates, loads what <paramref name="strategies"/> trade and subscribes to it.</summary>
    Task ConnectAsync(IReadOnlyList<StrategyId> strategies, CancellationToken cancellationToken);

    /// <summary>At a new session: list new expiries, drop expired ones.</summary>
    Task RefreshAsync(CancellationToken cancellationToken);

    /// <summary>Kernel thread: applies the latest quote of every symbol that changed (conflated); returns how many.</summary>
    int ApplyMarket();

    /// <summary>Kernel thread: delivers up to <paramref name="max"/> order and fill events, in order.</summary>
    int PumpOrderEvents(IOrderEventSink sink, int max);

    /// <summary>Takes over an order placed before a restart (its broker order id known from the journal or the
    /// venue's snapshot) and returns its handle in this run's port, so its events resolve and it can be cancelled
    /// or replaced. Idempotent per client id.</summary>
    OrderId Adopt(in ComboOrderRequest request, string brokerOrderId);

    /// <summary>Orders (open and since <paramref name="since"/>) and positions at the venue.</summary>
    Task<VenueSnapshot> SnapshotAsync(DateOnly since, CancellationToken cancellationToken);
}

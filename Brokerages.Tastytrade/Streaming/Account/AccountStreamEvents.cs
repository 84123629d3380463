using TomKing.Brokerages.Tastytrade.Api.Models;

namespace TomKing.Brokerages.Tastytrade.Streaming.Account;

/// <summary>Something the account streamer (or a reconcile after a reconnect) reported. Events are delivered
/// in order, never conflated and never dropped.</summary>
public abstract record AccountStreamEvent;

/// <summary>An order's status or cumulative fill changed (never backwards: stale and out-of-order notifications
/// are dropped by <see cref="OrderTracker"/>).</summary>
/// <param name="OrderId">Broker order id.</param>
/// <param name="Status">The wire status (<c>Live</c>, <c>Filled</c>, <c>Rejected</c>, …).</param>
/// <param name="FilledUnits">Units of the order filled so far (cumulative, from every leg's fills).</param>
/// <param name="Order">The order as notified.</param>
public sealed record OrderStatusEvent(long OrderId, string Status, decimal FilledUnits, Order Order) : AccountStreamEvent;

/// <summary>One new execution of one leg (each fill id exactly once, whatever the order's status).</summary>
/// <param name="OrderId">Broker order id.</param>
/// <param name="LegIndex">Index of the leg in the order.</param>
/// <param name="Symbol">Leg symbol (OCC for options).</param>
/// <param name="InstrumentType">Leg instrument type.</param>
/// <param name="Action">Leg action (<c>Buy to Open</c>, …).</param>
/// <param name="Quantity">Signed quantity (+ bought, − sold).</param>
/// <param name="Price">Fill price.</param>
/// <param name="FilledAt">Execution time.</param>
/// <param name="FillId">The de-duplication key (<c>fill-id</c>, else <c>ext-exec-id</c>).</param>
/// <param name="Order">The order as notified with this fill.</param>
public sealed record OrderFillEvent(long OrderId, int LegIndex, string Symbol, string? InstrumentType, string? Action, decimal Quantity, decimal Price, DateTimeOffset FilledAt, string FillId, Order Order) : AccountStreamEvent;

/// <summary>An AccountBalance notification.</summary>
/// <param name="Balance">The balance.</param>
public sealed record BalanceEvent(AccountBalance Balance) : AccountStreamEvent;

/// <summary>A CurrentPosition notification.</summary>
/// <param name="Position">The position.</param>
public sealed record PositionEvent(Position Position) : AccountStreamEvent;

/// <summary>A connection was (re)established; a reconcile follows. Events after it may repeat state
/// (the tracker still de-duplicates fills).</summary>
/// <param name="Connection">1 for the first connection, 2 for the first reconnect, …</param>
public sealed record ConnectedEvent(long Connection) : AccountStreamEvent;

/// <summary>The positions re-read over REST by a reconcile: authoritative after a gap.</summary>
/// <param name="Positions">All positions.</param>
public sealed record PositionsSnapshotEvent(IReadOnlyList<Position> Positions) : AccountStreamEvent;

/// <summary>What a reconcile read over REST: the day's orders (<c>/orders/live</c>, all statuses) and positions.</summary>
/// <param name="Orders">Orders to run through the tracker (missed fills and statuses are emitted once).</param>
/// <param name="Positions">Positions.</param>
public sealed record AccountSnapshot(IReadOnlyList<Order> Orders, IReadOnlyList<Position> Positions);

/// <summary>Re-reads open orders and positions over REST (the REST client's calls); called after every
/// (re)connect of the account streamer, because the streamer replays nothing.</summary>
public delegate Task<AccountSnapshot> AccountReconciler(CancellationToken cancellationToken);

/// <summary>The current OAuth access token (the REST client's token source; it refreshes as needed).</summary>
public delegate ValueTask<string> AccessTokenProvider(CancellationToken cancellationToken);

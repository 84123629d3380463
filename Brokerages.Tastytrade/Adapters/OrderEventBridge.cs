using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Streaming.Account;
using TomKing.Brokerages.Tastytrade.Symbology;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Adapters;

/// <summary>Maps a broker order to the pipeline's ids (the order adapter's map, or the order's
/// <c>external-identifier</c>; a replacement order resolves to the same <see cref="OrderId"/> as the one it replaces).</summary>
public delegate bool BrokerOrderResolver(long brokerOrderId, Order order, out OrderId orderId, out ClientOrderId clientId);

/// <summary>Maps a leg symbol to a contract (default: OCC through <see cref="OptionContractSymbols.FromOcc"/>).</summary>
public delegate bool LegContractResolver(string symbol, out OptionContract contract);

/// <summary>
/// Bridges the account streamer to <see cref="IOrderEventSink"/>: each new leg fill becomes a <see cref="LegFill"/>
/// (before the status that completes it), statuses become <see cref="OrderUpdate"/>s — working / partially
/// filled / filled; <c>Cancelled</c>, <c>Expired</c>, <c>Removed</c>, <c>Partially Removed</c> → Cancelled (message
/// names which); <c>Rejected</c> → Rejected with <c>reject-reason</c>; a replacement going live → Replaced (the
/// replaced order's Cancelled is suppressed). <c>Cancel Requested</c> and <c>Replace Requested</c> are not reports.
/// Call <see cref="Pump"/> on the kernel's thread: the sink sees events in order, never conflated.
/// </summary>
public sealed class OrderEventBridge
{
    private readonly AccountStreamerClient? _source;
    private readonly BrokerOrderResolver _orders;
    private readonly LegContractResolver _contracts;
    private readonly Dictionary<long, (BrokerOrderStatus Status, int Filled)> _reported = [];

    /// <summary>A bridge.</summary>
    /// <param name="source">The streamer to drain (null: call <see cref="Dispatch"/> yourself).</param>
    /// <param name="orders">Broker order → pipeline ids.</param>
    /// <param name="contracts">Leg symbol → contract (null: OCC symbols via the symbology).</param>
    public OrderEventBridge(AccountStreamerClient? source, BrokerOrderResolver orders, LegContractResolver? contracts = null)
    {
        ArgumentNullException.ThrowIfNull(orders);
        _source = source;
        _orders = orders;
        _contracts = contracts ?? DefaultContract;
    }

    /// <summary>Events for orders the resolver did not know (not ours, or not yet mapped): skipped and counted.</summary>
    public long UnknownOrders { get; private set; }

    /// <summary>Fills whose leg symbol could not be mapped to a contract (counted; reconcile positions over REST).</summary>
    public long UnmappedFills { get; private set; }

    /// <summary>Drains up to <paramref name="max"/> streamer events into the sink; returns how many were read.</summary>
    public int Pump(IOrderEventSink sink, int max = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (_source is null)
        {
            return 0;
        }

        int n = 0;
        while (n < max && _source.TryRead(out var e))
        {
            Dispatch(e!, sink);
            n++;
        }

        return n;
    }

    /// <summary>Delivers one event.</summary>
    public void Dispatch(AccountStreamEvent streamEvent, IOrderEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        ArgumentNullException.ThrowIfNull(sink);
        switch (streamEvent)
        {
            case OrderFillEvent f:
                if (!_orders(f.OrderId, f.Order, out var fillOrder, out var fillClient))
                {
                    UnknownOrders++;
                    return;
                }

                if (!_contracts(f.Symbol, out var contract))
                {
                    UnmappedFills++;
                    return;
                }

                var fill = new LegFill(fillOrder, fillClient, contract, (int)f.Quantity, f.Price, 0m, ToEastern(f.FilledAt), f.FillId);
                sink.OnFill(fill);
                break;
            case OrderStatusEvent s:
                if (!_orders(s.OrderId, s.Order, out var order, out var client))
                {
                    UnknownOrders++;
                    return;
                }

                if (Map(s) is (BrokerOrderStatus status, var message))
                {
                    int filled = (int)s.FilledUnits;
                    if (_reported.TryGetValue(s.OrderId, out var last) && last.Status == status && last.Filled == filled)
                    {
                        return;
                    }

                    _reported[s.OrderId] = (status, filled);
                    var time = ToEastern(s.Order.UpdatedAt is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.UtcNow);
                    var update = new OrderUpdate(order, client, status, time, filled, LimitPrice(s.Order), message);
                    sink.OnOrderUpdate(update);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Forgets the last status reported for a broker order, so the next status is delivered even when it
    /// repeats it (the order port re-asserts a reconciled status after it reported the order unknown).</summary>
    public void ForgetReported(long brokerOrderId) => _reported.Remove(brokerOrderId);

    /// <summary>How the bridge reads a wire status (null: not a report, e.g. <c>Cancel Requested</c>, or a replaced
    /// order's <c>Cancelled</c>).</summary>
    /// <param name="status">Wire status.</param>
    /// <param name="order">The order (replace links).</param>
    /// <param name="filledUnits">Units filled so far.</param>
    public static BrokerOrderStatus? MapStatus(string? status, Order order, decimal filledUnits)
    {
        ArgumentNullException.ThrowIfNull(order);
        return Map(new OrderStatusEvent(order.Id ?? 0, status ?? string.Empty, filledUnits, order)) is (BrokerOrderStatus mapped, _) ? mapped : null;
    }

    private static (BrokerOrderStatus, string?)? Map(OrderStatusEvent s) => s.Status switch
    {
        OrderStatuses.Filled => (BrokerOrderStatus.Filled, null),
        OrderStatuses.Rejected => (BrokerOrderStatus.Rejected, s.Order.RejectReason ?? OrderStatuses.Rejected),
        OrderStatuses.Cancelled when s.Order.ReplacingOrderId is not null => null, // replaced, not cancelled
        OrderStatuses.Cancelled or OrderStatuses.Expired or OrderStatuses.Removed or OrderStatuses.PartiallyRemoved => (BrokerOrderStatus.Cancelled, s.Status),
        OrderStatuses.Live or OrderStatuses.Routed or OrderStatuses.InFlight or OrderStatuses.Received or OrderStatuses.Contingent =>
            s.Order.ReplacesOrderId is not null && s.FilledUnits == 0 ? (BrokerOrderStatus.Replaced, null)
            : s.FilledUnits > 0 ? (BrokerOrderStatus.PartiallyFilled, null)
            : (BrokerOrderStatus.Working, null),
        _ => null,
    };

    /// <summary>The combo limit in the pipeline's sign: debit positive, credit negative.</summary>
    private static decimal LimitPrice(Order order) =>
        order.Price is not decimal p ? 0m : order.PriceEffect == PriceEffects.Credit ? -Math.Abs(p) : Math.Abs(p);

    private static DateTime ToEastern(DateTimeOffset time) => UsEastern.FromUtc(time.UtcDateTime);

    private static bool DefaultContract(string symbol, out OptionContract contract) => OptionContractSymbols.TryFromOcc(symbol, out contract);
}

using TomKing.Brokerages.Tastytrade.Api.Models;

namespace TomKing.Brokerages.Tastytrade.Streaming.Account;

/// <summary>
/// Turns order notifications (streamer or REST) into events that only move forward: every leg fill exactly
/// once, keyed by <c>fill-id</c> (else <c>ext-exec-id</c>), on ANY status — partial fills arrive while
/// <c>Live</c>; statuses never regress (a terminal status is final; an older <c>updated-at</c> or a lower-ranked
/// working status is ignored), but fills in a stale message still count.
/// </summary>
/// <remarks>Not thread-safe; the streamer serializes calls. Memory: one entry per order seen (orders are few).</remarks>
public sealed class OrderTracker
{
    private readonly Dictionary<long, OrderState> _orders = [];

    /// <summary>Notifications whose status was older than what is known (ignored for status).</summary>
    public long StaleIgnored { get; private set; }

    /// <summary>Fills seen again (duplicates, cumulative repeats) and ignored.</summary>
    public long DuplicateFillsIgnored { get; private set; }

    /// <summary>Whether a status ends the order.</summary>
    public static bool IsTerminal(string? status) => status is OrderStatuses.Filled or OrderStatuses.Cancelled or OrderStatuses.Expired
        or OrderStatuses.Rejected or OrderStatuses.Removed or OrderStatuses.PartiallyRemoved;

    /// <summary>Order of working statuses (a later one never gives way to an earlier one).</summary>
    public static int Rank(string? status) => status switch
    {
        OrderStatuses.Received => 0,
        OrderStatuses.Contingent => 1,
        OrderStatuses.Routed => 2,
        OrderStatuses.InFlight => 3,
        OrderStatuses.Live => 4,
        OrderStatuses.CancelRequested or OrderStatuses.ReplaceRequested => 5,
        _ when IsTerminal(status) => 10,
        _ => 0,
    };

    /// <summary>The last accepted status of an order, or null when unseen.</summary>
    public string? StatusOf(long orderId) => _orders.TryGetValue(orderId, out var s) ? s.Status : null;

    /// <summary>Applies one notification, appending the new events (fills first, then the status).</summary>
    public void Apply(Order order, List<AccountStreamEvent> output)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(output);
        if (order.Id is not long id)
        {
            return;
        }

        if (!_orders.TryGetValue(id, out var state))
        {
            state = new OrderState();
            _orders.Add(id, state);
        }

        bool newFills = false;
        for (int legIndex = 0; legIndex < order.Legs.Count; legIndex++)
        {
            var leg = order.Legs[legIndex];
            foreach (var fill in leg.Fills)
            {
                string key = fill.FillId ?? fill.ExtExecId ?? FormattableString.Invariant($"{id}/{legIndex}/{fill.FilledAt:O}/{fill.Quantity}/{fill.FillPrice}");
                if (!state.FillIds.Add(key))
                {
                    DuplicateFillsIgnored++;
                    continue;
                }

                decimal signed = IsBuy(leg.Action) ? fill.Quantity : -fill.Quantity;
                state.LegFilled[legIndex] = state.LegFilled.GetValueOrDefault(legIndex) + fill.Quantity;
                output.Add(new OrderFillEvent(id, legIndex, leg.Symbol ?? string.Empty, leg.InstrumentType, leg.Action, signed, fill.FillPrice ?? 0m, fill.FilledAt ?? DateTimeOffset.UnixEpoch, key, order));
                newFills = true;
            }
        }

        decimal units = FilledUnits(order, state);
        bool unitsGrew = units > state.FilledUnits;
        if (unitsGrew)
        {
            state.FilledUnits = units;
        }

        bool stale = state.Status is not null && (IsTerminal(state.Status)
            || (order.UpdatedAt is long u && u < state.UpdatedAt)
            || Rank(order.Status) < Rank(state.Status));
        if (stale)
        {
            StaleIgnored++;
            if (unitsGrew || newFills)
            {
                output.Add(new OrderStatusEvent(id, state.Status!, state.FilledUnits, order));
            }

            return;
        }

        bool statusChanged = order.Status != state.Status;
        state.Status = order.Status ?? state.Status;
        state.UpdatedAt = Math.Max(state.UpdatedAt, order.UpdatedAt ?? 0);
        if (statusChanged || unitsGrew || newFills)
        {
            output.Add(new OrderStatusEvent(id, state.Status ?? string.Empty, state.FilledUnits, order));
        }
    }

    private static bool IsBuy(string? action) => action is not null && action.StartsWith("Buy", StringComparison.Ordinal);

    /// <summary>Units filled: the least filled leg's share of its per-unit quantity (legs carry quantity =
    /// ratio × size).</summary>
    private static decimal FilledUnits(Order order, OrderState state)
    {
        if (order.Legs.Count == 0)
        {
            return 0m;
        }

        decimal size = order.Size is > 0m ? order.Size.Value : 1m;
        decimal units = decimal.MaxValue;
        for (int i = 0; i < order.Legs.Count; i++)
        {
            var leg = order.Legs[i];
            decimal legQty = leg.Quantity is > 0m ? leg.Quantity.Value : size;
            decimal filled = Math.Max(state.LegFilled.GetValueOrDefault(i), leg.Quantity is decimal q && leg.RemainingQuantity is decimal r ? q - r : 0m);
            units = Math.Min(units, Math.Floor(filled * size / legQty));
        }

        return Math.Max(0m, units);
    }

    private sealed class OrderState
    {
        public HashSet<string> FillIds { get; } = new(StringComparer.Ordinal);

        public Dictionary<int, decimal> LegFilled { get; } = [];

        public string? Status { get; set; }

        public long UpdatedAt { get; set; }

        public decimal FilledUnits { get; set; }
    }
}

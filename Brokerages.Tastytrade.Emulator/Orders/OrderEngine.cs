using System.Globalization;
using TomKing.Algorithm.Domain;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Events;
using TomKing.Brokerages.Tastytrade.Emulator.Market;
using TomKing.Engine.Synthetic;

namespace TomKing.Brokerages.Tastytrade.Emulator.Orders;

/// <summary>
/// The emulated exchange and broker: validates, prices (buying power from the strategy core's margin model,
/// Tastytrade's fee schedule), and works orders against the <see cref="EmulatorMarket"/>'s quotes
/// (<see cref="OrderEngineSettings"/> documents the fill rule). Lifecycle: a placed order answers
/// <c>Routed</c>; the next <see cref="Step"/> makes it <c>Live</c>; later steps fill it (partially while
/// <c>Live</c>, with cumulative fills per leg) until <c>Filled</c>; cancel answers <c>Cancel Requested</c> and the
/// next step makes it <c>Cancelled</c>; replace cancels the original and returns a new order (new id,
/// <c>replaces-order-id</c>/<c>replacing-order-id</c> linked); Day orders expire at the session close, GTD orders at
/// the close of their date. Every change is published on <see cref="IEmulatorEvents"/>. Thread-safe (one lock).
/// </summary>
public sealed partial class OrderEngine
{
    private static readonly StructureKind[] NamedKinds =
    [
        StructureKind.IronCondor, StructureKind.PutCreditSpread, StructureKind.CallCreditSpread, StructureKind.OneOneTwo,
        StructureKind.Strangle, StructureKind.LeapPlusShortCall, StructureKind.SinglePut,
    ];

    private readonly Lock _gate = new();
    private readonly EmulatorMarket _market;
    private readonly EmulatorEventHub _events;
    private readonly Dictionary<string, EmulatedAccount> _accounts = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, EmulatedOrder> _orders = [];
    private readonly SortedDictionary<long, EmulatedComplexOrder> _complex = [];
    private long _nextOrderId = 270_000;
    private long _nextComplexId = 9_000;
    private long _nextFill = 1;
    private long _nextTransaction = 500_000;
    private OrderEngineSettings _settings;

    /// <summary>Creates the engine and its accounts.</summary>
    public OrderEngine(EmulatorMarket market, EmulatorEventHub events, OrderEngineSettings? settings = null)
    {
        _market = market ?? throw new ArgumentNullException(nameof(market));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _settings = settings ?? OrderEngineSettings.Default;
        foreach (string n in _settings.AccountNumbers)
        {
            _accounts[n] = new EmulatedAccount(n, _settings.StartingCash, market.Clock.NowEastern);
        }
    }

    /// <summary>The settings (replaceable at runtime, e.g. to force partial fills; accounts are fixed at creation).</summary>
    public OrderEngineSettings Settings
    {
        get => Volatile.Read(ref _settings);
        set => Volatile.Write(ref _settings, value ?? OrderEngineSettings.Default);
    }

    /// <summary>The customer's account numbers.</summary>
    public IReadOnlyList<string> AccountNumbers => [.. _accounts.Keys];

    /// <summary>True when the customer owns the account.</summary>
    public bool HasAccount(string accountNumber) => _accounts.ContainsKey(accountNumber);

    /// <summary>When an account was opened (market time).</summary>
    public DateTime AccountOpenedAt(string accountNumber) => _accounts[accountNumber].OpenedAt;

    /// <summary>Places an order (or only prices it when <paramref name="dryRun"/>). An order whose
    /// <c>external-identifier</c> the account already used is not placed again: the existing order is returned.</summary>
    public OrderResult<PlacedOrderResponse> Place(string accountNumber, OrderRequest request, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (!_accounts.TryGetValue(accountNumber, out var account))
            {
                return OrderError.NotFound("Account");
            }

            if (!dryRun && !string.IsNullOrEmpty(request.ExternalIdentifier))
            {
                var existing = _orders.Values.LastOrDefault(o => o.AccountNumber == accountNumber && o.ExternalIdentifier == request.ExternalIdentifier);
                if (existing is not null)
                {
                    return new PlacedOrderResponse { Order = existing.ToModel(), Warnings = [] };
                }
            }

            var now = _market.Clock.NowEastern;
            if (Build(account, request, dryRun ? 0 : _nextOrderId, now, null, null, null, out var order) is { } error)
            {
                return error;
            }

            var (effect, fees, problems) = Price(account, order!);
            if (dryRun)
            {
                return new PlacedOrderResponse { Order = order!.ToModel(dryRun: true), BuyingPowerEffect = effect, FeeCalculation = fees, Warnings = [], Errors = problems };
            }

            _nextOrderId++;
            _orders.Add(order!.Id, order);
            if (problems.Count > 0)
            {
                Finish(order, OrderStatuses.Rejected, now);
                order.RejectReason = problems[0].Message;
            }
            else
            {
                order.Status = OrderStatuses.Routed;
            }

            PublishOrder(order);
            return new PlacedOrderResponse { Order = order.ToModel(), BuyingPowerEffect = effect, FeeCalculation = fees, Warnings = [] };
        }
    }

    /// <summary>Cancel-replace: the working order is cancelled and a new order with the request's price/type/TIF
    /// (and the original's legs, for the unfilled units) is placed with a new id.</summary>
    public OrderResult<Order> Replace(string accountNumber, long id, OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (!_accounts.TryGetValue(accountNumber, out var account) || !_orders.TryGetValue(id, out var original) || original.AccountNumber != accountNumber)
            {
                return OrderError.NotFound("Order");
            }

            if (original.IsTerminal || original.Status == OrderStatuses.CancelRequested || original.ComplexOrderId is not null)
            {
                return OrderError.Preflight("order_not_editable", $"Order {id} is {original.Status} and cannot be replaced.");
            }

            var now = _market.Clock.NowEastern;
            var replacement = request with
            {
                Legs = LegsOf(original),
                ExternalIdentifier = request.ExternalIdentifier ?? original.ExternalIdentifier,
                Source = request.Source ?? original.Source,
            };
            if (Build(account, replacement, _nextOrderId, now, original.Id, null, null, out var order) is { } error)
            {
                return error;
            }

            var (_, _, problems) = Price(account, order!);
            if (problems.Count > 0)
            {
                return OrderError.Preflight(problems[0].Code ?? "preflight_check_failure", problems[0].Message ?? "rejected");
            }

            _nextOrderId++;
            _orders.Add(order!.Id, order);
            original.ReplacingOrderId = order.Id;
            original.CancelledAt = now;
            Finish(original, OrderStatuses.Cancelled, now);
            order.Status = OrderStatuses.Routed;
            PublishOrder(original);
            PublishOrder(order);
            return order.ToModel();
        }
    }

    /// <summary>Prices a replacement without placing it (<c>POST …/orders/{id}/dry-run</c>): the new order's
    /// buying-power effect and fees for the original's unfilled units.</summary>
    public OrderResult<PlacedOrderResponse> DryRunReplace(string accountNumber, long id, OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (!_accounts.TryGetValue(accountNumber, out var account) || !_orders.TryGetValue(id, out var original) || original.AccountNumber != accountNumber)
            {
                return OrderError.NotFound("Order");
            }

            if (original.IsTerminal)
            {
                return OrderError.Preflight("order_not_editable", $"Order {id} is {original.Status} and cannot be replaced.");
            }

            var replacement = request with { Legs = LegsOf(original), ExternalIdentifier = request.ExternalIdentifier ?? original.ExternalIdentifier };
            if (Build(account, replacement, 0, _market.Clock.NowEastern, original.Id, null, null, out var order) is { } error)
            {
                return error;
            }

            var (effect, fees, problems) = Price(account, order!);
            return new PlacedOrderResponse { Order = order!.ToModel(dryRun: true), BuyingPowerEffect = effect, FeeCalculation = fees, Warnings = [], Errors = problems };
        }
    }

    /// <summary>Requests a cancel: the order answers <c>Cancel Requested</c> and is <c>Cancelled</c> at the next step.</summary>
    public OrderResult<Order> Cancel(string accountNumber, long id)
    {
        lock (_gate)
        {
            if (!_orders.TryGetValue(id, out var order) || order.AccountNumber != accountNumber)
            {
                return OrderError.NotFound("Order");
            }

            if (order.IsTerminal)
            {
                return OrderError.Preflight("order_not_cancellable", $"Order {id} is {order.Status} and cannot be cancelled.");
            }

            if (order.ComplexOrderId is not null)
            {
                return OrderError.Preflight("complex_order_component", $"Order {id} belongs to complex order {order.ComplexOrderId}; cancel it through /complex-orders.");
            }

            if (order.Status != OrderStatuses.CancelRequested)
            {
                order.Status = OrderStatuses.CancelRequested;
                order.UpdatedAt = _market.Clock.NowEastern;
                PublishOrder(order);
            }

            return order.ToModel();
        }
    }

    /// <summary>One order.</summary>
    public OrderResult<Order> Get(string accountNumber, long id)
    {
        lock (_gate)
        {
            return _orders.TryGetValue(id, out var order) && order.AccountNumber == accountNumber ? order.ToModel() : OrderError.NotFound("Order");
        }
    }

    /// <summary>Orders received today (any status) and older orders still working, newest first.</summary>
    public IReadOnlyList<Order> Live(string accountNumber)
    {
        lock (_gate)
        {
            var today = _market.Today;
            return [.. _orders.Values.Reverse()
                .Where(o => o.AccountNumber == accountNumber && (!o.IsTerminal || DateOnly.FromDateTime(o.ReceivedAt) == today))
                .Select(o => o.ToModel())];
        }
    }

    /// <summary>Orders matching a search (unpaged; the endpoint pages).</summary>
    public IReadOnlyList<Order> Search(string accountNumber, OrderQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IEnumerable<EmulatedOrder> found = _orders.Values.Where(o => o.AccountNumber == accountNumber
                && (query.Statuses.Count == 0 || query.Statuses.Contains(o.Status))
                && (query.StartDate is null || DateOnly.FromDateTime(o.ReceivedAt) >= query.StartDate)
                && (query.EndDate is null || DateOnly.FromDateTime(o.ReceivedAt) <= query.EndDate)
                && (query.UnderlyingSymbol is null || string.Equals(o.UnderlyingSymbol, query.UnderlyingSymbol, StringComparison.Ordinal)));
            if (!query.Ascending)
            {
                found = found.Reverse();
            }

            return [.. found.Select(o => o.ToModel())];
        }
    }

    /// <summary>The account's balance object now.</summary>
    public OrderResult<AccountBalance> Balance(string accountNumber)
    {
        lock (_gate)
        {
            return _accounts.TryGetValue(accountNumber, out var account) ? BalanceOf(account) : OrderError.NotFound("Account");
        }
    }

    /// <summary>The account's open positions (closed ones are not listed).</summary>
    public OrderResult<IReadOnlyList<Position>> Positions(string accountNumber)
    {
        lock (_gate)
        {
            if (!_accounts.TryGetValue(accountNumber, out var account))
            {
                return OrderError.NotFound("Account");
            }

            var today = _market.Today;
            return new OrderResult<IReadOnlyList<Position>>([.. account.Positions.Values.Where(p => p.Quantity != 0)
                .Select(p => p.ToModel(account.AccountNumber, Mark(p.Instrument), today))], null);
        }
    }

    /// <summary>The account's transactions (one per leg execution), newest first.</summary>
    public OrderResult<IReadOnlyList<Transaction>> Transactions(string accountNumber)
    {
        lock (_gate)
        {
            return _accounts.TryGetValue(accountNumber, out var account)
                ? new OrderResult<IReadOnlyList<Transaction>>([.. Enumerable.Reverse(account.Transactions)], null)
                : OrderError.NotFound("Account");
        }
    }

    /// <summary>
    /// Works every order once at the clock's time: expiries, pending cancels, Routed → Live, triggers and fills, then
    /// settles held options whose settlement time has passed (the host calls it on a timer; tests call it directly).
    /// Returns how many orders and positions changed.
    /// </summary>
    public int Step()
    {
        lock (_gate)
        {
            var now = _market.Clock.NowEastern;
            int changed = 0;
            foreach (var order in _orders.Values.Where(o => !o.IsTerminal).ToArray())
            {
                if (order.IsTerminal)
                {
                    continue;
                }

                if (order.Status == OrderStatuses.CancelRequested)
                {
                    order.CancelledAt = now;
                    Finish(order, OrderStatuses.Cancelled, now);
                    PublishOrder(order);
                    OnComplexChange(order, now);
                    changed++;
                }
                else if (IsExpired(order, now))
                {
                    Finish(order, OrderStatuses.Expired, now);
                    PublishOrder(order);
                    OnComplexChange(order, now);
                    changed++;
                }
                else if (order.Status is OrderStatuses.Received or OrderStatuses.Routed)
                {
                    order.Status = OrderStatuses.Live;
                    order.LiveAt = now;
                    order.UpdatedAt = now;
                    PublishOrder(order);
                    changed++;
                }
                else if (order.Status == OrderStatuses.Live && EmulatorClock.IsOpenAt(now) && TryFill(order, now))
                {
                    OnComplexChange(order, now);
                    changed++;
                }
            }

            return changed + SettleExpired(now);
        }
    }

    /// <summary>The legs of an order's unfilled units, as a request (replacements keep the original's legs).</summary>
    private static OrderLegRequest[] LegsOf(EmulatedOrder original) =>
    [
        .. original.Legs.Select(l => new OrderLegRequest
        {
            InstrumentType = l.Instrument.InstrumentType,
            Symbol = l.Instrument.Symbol,
            Action = l.Action,
            Quantity = Math.Abs(l.Ratio) * original.RemainingUnits,
        }),
    ];

    private static bool IsExpired(EmulatedOrder order, DateTime now)
    {
        DateOnly lastDay;
        if (order.TimeInForce == TimeInForces.Gtd && order.GtcDate is { } gtd)
        {
            lastDay = gtd;
        }
        else if (order.TimeInForce is TimeInForces.Day or TimeInForces.Ext)
        {
            var received = DateOnly.FromDateTime(order.ReceivedAt);
            bool beforeClose = NyseCalendar.IsTradingDay(received) && TimeOnly.FromDateTime(order.ReceivedAt) < NyseCalendar.CloseOn(received);
            lastDay = beforeClose ? received : NyseCalendar.NextTradingDay(received);
        }
        else
        {
            return false;
        }

        return now >= lastDay.ToDateTime(NyseCalendar.CloseOn(lastDay));
    }

    private static void Finish(EmulatedOrder order, string status, DateTime now)
    {
        order.Status = status;
        order.TerminalAt = now;
        order.UpdatedAt = now;
    }

    private void PublishOrder(EmulatedOrder order) =>
        _events.Publish(new OrderChangedEvent(order.AccountNumber, _events.NextSequence(), EmulatorClock.ToUtc(order.UpdatedAt), order.ToModel()));

    private void PublishAccount(EmulatedAccount account, IEnumerable<EmulatedPosition> positions, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        foreach (var p in positions)
        {
            _events.Publish(new PositionChangedEvent(account.AccountNumber, _events.NextSequence(), EmulatorClock.ToUtc(now), p.ToModel(account.AccountNumber, Mark(p.Instrument), today)));
        }

        _events.Publish(new BalanceChangedEvent(account.AccountNumber, _events.NextSequence(), EmulatorClock.ToUtc(now), BalanceOf(account)));
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}

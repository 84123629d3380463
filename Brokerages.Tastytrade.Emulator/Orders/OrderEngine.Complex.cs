using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Events;
using TomKing.Brokerages.Tastytrade.Emulator.Market;

namespace TomKing.Brokerages.Tastytrade.Emulator.Orders;

/// <summary>
/// Complex orders. OCO: both orders work; when one fills completely the other is cancelled. OTO/OTOCO: the
/// trigger works and the others wait <c>Contingent</c>; when the trigger fills they are routed (and, for OTOCO,
/// behave as an OCO). Cancelling the complex order cancels every component that is not terminal.
/// </summary>
public sealed partial class OrderEngine
{
    /// <summary>Places (or dry-runs) a complex order.</summary>
    public OrderResult<PlacedOrderResponse> PlaceComplex(string accountNumber, ComplexOrderRequest request, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (!_accounts.TryGetValue(accountNumber, out var account))
            {
                return OrderError.NotFound("Account");
            }

            bool hasTrigger = request.Type is ComplexOrderTypes.Oto or ComplexOrderTypes.Otoco;
            int expected = request.Type switch
            {
                ComplexOrderTypes.Oco => 2,
                ComplexOrderTypes.Otoco => 2,
                ComplexOrderTypes.Oto => 1,
                _ => -1,
            };
            if (expected < 0)
            {
                return OrderError.Validation("type", "must be OCO, OTO or OTOCO");
            }

            if (request.Orders.Count != expected || (request.TriggerOrder is null) == hasTrigger)
            {
                return OrderError.Validation("orders", $"{request.Type} takes {(hasTrigger ? "a trigger-order and " : string.Empty)}{expected} orders");
            }

            if (!dryRun && !string.IsNullOrEmpty(request.ExternalIdentifier))
            {
                var existing = _complex.Values.LastOrDefault(c => c.AccountNumber == accountNumber && c.ExternalIdentifier == request.ExternalIdentifier);
                if (existing is not null)
                {
                    return new PlacedOrderResponse { ComplexOrder = existing.ToModel(), Warnings = [] };
                }
            }

            var now = _market.Clock.NowEastern;
            long complexId = dryRun ? 0 : _nextComplexId;
            long nextId = _nextOrderId;
            EmulatedOrder? trigger = null;
            if (request.TriggerOrder is { } t)
            {
                if (Build(account, t, dryRun ? 0 : nextId++, now, null, complexId, request.Type + "::trigger-order", out trigger) is { } e)
                {
                    return e;
                }
            }

            var orders = new List<EmulatedOrder>();
            for (int i = 0; i < request.Orders.Count; i++)
            {
                if (Build(account, request.Orders[i], dryRun ? 0 : nextId++, now, null, complexId, $"{request.Type}::order-{i + 1}", out var o) is { } e)
                {
                    return e;
                }

                orders.Add(o!);
            }

            var complex = new EmulatedComplexOrder
            {
                Id = complexId,
                AccountNumber = accountNumber,
                Type = request.Type!,
                ExternalIdentifier = request.ExternalIdentifier,
                Trigger = trigger,
                Orders = orders,
            };
            var first = trigger ?? orders[0];
            var (effect, fees, problems) = Price(account, first);
            if (dryRun)
            {
                return new PlacedOrderResponse { ComplexOrder = complex.ToModel(dryRun: true), BuyingPowerEffect = effect, FeeCalculation = fees, Warnings = [], Errors = problems };
            }

            if (problems.Count > 0)
            {
                return OrderError.Preflight(problems[0].Code ?? "preflight_check_failure", problems[0].Message ?? "rejected");
            }

            _nextOrderId = nextId;
            _nextComplexId++;
            _complex.Add(complexId, complex);
            foreach (var o in complex.All)
            {
                _orders.Add(o.Id, o);
                o.Status = hasTrigger && o != trigger ? OrderStatuses.Contingent : OrderStatuses.Routed;
                PublishOrder(o);
            }

            PublishComplex(complex);
            return new PlacedOrderResponse { ComplexOrder = complex.ToModel(), BuyingPowerEffect = effect, FeeCalculation = fees, Warnings = [] };
        }
    }

    /// <summary>Cancels every non-terminal component of a complex order.</summary>
    public OrderResult<ComplexOrder> CancelComplex(string accountNumber, long id)
    {
        lock (_gate)
        {
            if (!_complex.TryGetValue(id, out var complex) || complex.AccountNumber != accountNumber)
            {
                return OrderError.NotFound("Complex order");
            }

            if (complex.IsTerminal)
            {
                return OrderError.Preflight("order_not_cancellable", $"Complex order {id} is finished.");
            }

            var now = _market.Clock.NowEastern;
            foreach (var o in complex.All.Where(o => !o.IsTerminal))
            {
                o.CancelledAt = now;
                Finish(o, OrderStatuses.Cancelled, now);
                PublishOrder(o);
            }

            complex.TerminalAt = now;
            PublishComplex(complex);
            return complex.ToModel();
        }
    }

    /// <summary>One complex order.</summary>
    public OrderResult<ComplexOrder> GetComplex(string accountNumber, long id)
    {
        lock (_gate)
        {
            return _complex.TryGetValue(id, out var c) && c.AccountNumber == accountNumber ? c.ToModel() : OrderError.NotFound("Complex order");
        }
    }

    /// <summary>The account's complex orders, newest first (only working ones when <paramref name="liveOnly"/>).</summary>
    public IReadOnlyList<ComplexOrder> ListComplex(string accountNumber, bool liveOnly)
    {
        lock (_gate)
        {
            return [.. _complex.Values.Reverse().Where(c => c.AccountNumber == accountNumber && (!liveOnly || !c.IsTerminal)).Select(c => c.ToModel())];
        }
    }

    private void OnComplexChange(EmulatedOrder order, DateTime now)
    {
        if (order.ComplexOrderId is not { } id || !_complex.TryGetValue(id, out var complex))
        {
            return;
        }

        if (order == complex.Trigger)
        {
            if (order.Status == OrderStatuses.Filled)
            {
                foreach (var o in complex.Orders.Where(o => o.Status == OrderStatuses.Contingent))
                {
                    o.Status = OrderStatuses.Routed;
                    o.UpdatedAt = now;
                    PublishOrder(o);
                }
            }
            else if (order.IsTerminal)
            {
                CancelRest(complex, now);
            }
        }
        else if (order.Status == OrderStatuses.Filled && complex.Type != ComplexOrderTypes.Oto)
        {
            CancelRest(complex, now);
        }

        if (complex.IsTerminal && complex.TerminalAt is null)
        {
            complex.TerminalAt = now;
        }

        PublishComplex(complex);
    }

    private void CancelRest(EmulatedComplexOrder complex, DateTime now)
    {
        foreach (var o in complex.All.Where(o => !o.IsTerminal))
        {
            o.CancelledAt = now;
            Finish(o, OrderStatuses.Cancelled, now);
            PublishOrder(o);
        }
    }

    private void PublishComplex(EmulatedComplexOrder complex) =>
        _events.Publish(new ComplexOrderChangedEvent(complex.AccountNumber, _events.NextSequence(), EmulatorClock.ToUtc(_market.Clock.NowEastern), complex.ToModel()));
}

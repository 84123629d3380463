using System.Globalization;
using TomKing.Algorithm.Domain;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Market;

namespace TomKing.Brokerages.Tastytrade.Emulator.Orders;

/// <summary>Fills (the rule is on <see cref="OrderEngineSettings"/>), bookings and transactions.</summary>
public sealed partial class OrderEngine
{
    private const string Venue = "EMULATOR";

    private bool TryFill(EmulatedOrder order, DateTime now)
    {
        int n = order.Legs.Count;
        var quotes = new Quote[n];
        double natural = 0.0;
        double mid = 0.0;
        for (int i = 0; i < n; i++)
        {
            var leg = order.Legs[i];
            if (!_market.TryQuote(leg.Instrument, out quotes[i]))
            {
                return false;
            }

            var q = quotes[i];
            if (leg.IsBuy && !(q.Ask > 0.0))
            {
                return false;
            }

            double legMid = q.IsUsable ? q.Mid : q.Ask / 2.0;
            double side = leg.IsBuy ? q.Ask : Math.Max(q.Bid, 0.0);
            int size = Math.Abs(leg.Ratio);
            natural += (leg.IsBuy ? 1 : -1) * side * size;
            mid += (leg.IsBuy ? 1 : -1) * legMid * size;
        }

        if (order.OrderType is OrderTypes.Stop or OrderTypes.StopLimit && !order.StopTriggered)
        {
            var first = order.Legs[0];
            double mark = quotes[0].IsUsable ? quotes[0].Mid : quotes[0].Ask;
            double trigger = (double)order.StopTrigger!.Value;
            if (!(first.IsBuy ? mark >= trigger : mark <= trigger))
            {
                return false;
            }

            order.StopTriggered = true;
        }

        // a = 1: every leg at its bid/ask (natural); 0 < a < 1: legs between mid and side, summing to the limit.
        double a = 1.0;
        if (order.Price is { } price)
        {
            double limit = (double)price * (order.PriceEffect == PriceEffects.Credit ? -1.0 : 1.0);
            if (limit < natural - 1e-9)
            {
                if (!(natural > mid) || limit <= mid)
                {
                    return false;
                }

                a = (limit - mid) / (natural - mid);
                if (a < Settings.PassiveFillThreshold)
                {
                    return false;
                }
            }
        }

        int units = Math.Min(order.RemainingUnits, Settings.MaxUnitsPerFill is > 0 and var max ? max : int.MaxValue);
        var account = _accounts[order.AccountNumber];
        var touched = new List<EmulatedPosition>(n);
        string group = (_nextFill).ToString(CultureInfo.InvariantCulture);
        for (int i = 0; i < n; i++)
        {
            var leg = order.Legs[i];
            var q = quotes[i];
            double legMid = q.IsUsable ? q.Mid : q.Ask / 2.0;
            double side = leg.IsBuy ? q.Ask : Math.Max(q.Bid, 0.0);
            decimal fillPrice = Math.Max(Math.Round((decimal)(legMid + (a * (side - legMid))), 4), 0m);
            int quantity = Math.Abs(leg.Ratio) * units;
            int signed = leg.IsBuy ? quantity : -quantity;
            var (commission, clearing, proprietary) = LegFees(account, leg, signed);
            long fillNumber = _nextFill++;
            string fillId = string.Create(CultureInfo.InvariantCulture, $"EMU::{order.Id}::{fillNumber}");
            leg.Fills.Add(new OrderFill
            {
                FillId = fillId,
                FillPrice = fillPrice,
                FilledAt = EmulatorClock.ToUtc(now),
                Quantity = quantity,
                DestinationVenue = Venue,
                ExtExecId = fillNumber.ToString(CultureInfo.InvariantCulture),
                ExtGroupFillId = group,
            });
            var position = account.Book(leg.Instrument, signed, fillPrice, commission + clearing + proprietary, now);
            position.LastOrderId = order.Id;
            touched.Add(position);
            account.Transactions.Add(TransactionOf(account, order, leg, fillNumber, quantity, fillPrice, commission, clearing, proprietary, now, group));
        }

        order.FilledUnits += units;
        order.UpdatedAt = now;
        if (order.RemainingUnits == 0)
        {
            Finish(order, OrderStatuses.Filled, now);
        }

        PublishOrder(order);
        PublishAccount(account, touched, now);
        return true;
    }

    private Transaction TransactionOf(EmulatedAccount account, EmulatedOrder order, EmulatedLeg leg, long fillNumber, int quantity, decimal price,
        decimal commission, decimal clearing, decimal proprietary, DateTime now, string group)
    {
        bool isFuture = leg.Instrument.InstrumentType == InstrumentTypes.Future;
        decimal value = isFuture ? 0m : price * quantity * leg.Instrument.Multiplier;
        decimal fees = commission + clearing + proprietary;
        decimal net = (leg.IsBuy ? -value : value) - fees;
        return new Transaction
        {
            Id = _nextTransaction++,
            AccountNumber = account.AccountNumber,
            TransactionType = "Trade",
            TransactionSubType = leg.Action,
            Description = string.Create(CultureInfo.InvariantCulture, $"{(leg.IsBuy ? "Bought" : "Sold")} {quantity} {leg.Instrument.Symbol} @ {price}"),
            ExecutedAt = EmulatorClock.ToUtc(now),
            TransactionDate = DateOnly.FromDateTime(now),
            Symbol = leg.Instrument.Symbol,
            InstrumentType = leg.Instrument.InstrumentType,
            UnderlyingSymbol = leg.Instrument.UnderlyingSymbol,
            Action = leg.Action,
            Quantity = quantity,
            Price = price,
            Value = value,
            ValueEffect = value == 0m ? PriceEffects.None : leg.IsBuy ? PriceEffects.Debit : PriceEffects.Credit,
            NetValue = Math.Abs(net),
            NetValueEffect = net > 0m ? PriceEffects.Credit : net < 0m ? PriceEffects.Debit : PriceEffects.None,
            Commission = commission,
            CommissionEffect = commission > 0m ? PriceEffects.Debit : PriceEffects.None,
            ClearingFees = clearing,
            ClearingFeesEffect = clearing > 0m ? PriceEffects.Debit : PriceEffects.None,
            RegulatoryFees = 0m,
            RegulatoryFeesEffect = PriceEffects.None,
            ProprietaryIndexOptionFees = proprietary,
            ProprietaryIndexOptionFeesEffect = proprietary > 0m ? PriceEffects.Debit : PriceEffects.None,
            IsEstimatedFee = false,
            OrderId = order.Id,
            ExecId = fillNumber.ToString(CultureInfo.InvariantCulture),
            ExtExecId = fillNumber.ToString(CultureInfo.InvariantCulture),
            ExtGroupFillId = group,
            Exchange = Venue,
            DestinationVenue = Venue,
            LegCount = order.Legs.Count,
        };
    }
}

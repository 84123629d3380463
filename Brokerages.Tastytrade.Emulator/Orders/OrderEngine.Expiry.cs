using System.Globalization;
using TomKing.Algorithm.Domain;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Market;
using TomKing.Engine.Synthetic;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Emulator.Orders;

/// <summary>
/// Option expiry. At the settlement instant (the close of the expiry day for PM-settled options, the 09:30 open for
/// AM-settled SPX) every held option leaves the account: out of the money it expires (<c>Expiration</c>); in the money
/// a cash-settled option pays its intrinsic value (<c>Cash Settled Exercise</c>/<c>Cash Settled Assignment</c>), an
/// equity option becomes shares at the strike and a futures option a future at the strike (<c>Exercise</c> /
/// <c>Assignment</c>). The settlement price is the synthetic close (PM) or open (AM) of the expiry day; futures options
/// settle on the delivered future. Each change is a <c>Receive Deliver</c> transaction and a position event.
/// </summary>
public sealed partial class OrderEngine
{
    private int SettleExpired(DateTime now)
    {
        int settled = 0;
        foreach (var account in _accounts.Values)
        {
            var touched = new List<EmulatedPosition>();
            foreach (var p in account.Positions.Values.Where(p => p.Quantity != 0 && p.Instrument.IsOption).ToArray())
            {
                var i = p.Instrument;
                if (!i.TryGetContract(out var contract) || now < SettlementTime(contract) || !TrySettlementPrice(i, contract, out double s))
                {
                    continue;
                }

                decimal strike = contract.Strike;
                decimal intrinsic = Math.Max(contract.Right == OptionRight.Call ? (decimal)s - strike : strike - (decimal)s, 0m);
                int quantity = p.Quantity;
                bool itm = intrinsic > 0m;
                string subType = !itm ? "Expiration" : contract.Settlement.Delivery == DeliveryKind.Cash
                    ? (quantity > 0 ? "Cash Settled Exercise" : "Cash Settled Assignment")
                    : (quantity > 0 ? "Exercise" : "Assignment");

                // The option leaves at 0 (its premium was booked at the trade); the delivery is booked separately.
                account.Book(i, -quantity, 0m, 0m, now);
                p.LastOrderId = null;
                touched.Add(p);
                decimal cash = 0m;
                if (itm)
                {
                    switch (contract.Settlement.Delivery)
                    {
                        case DeliveryKind.Cash:
                            cash = intrinsic * i.Multiplier * quantity;
                            account.Cash += cash;
                            break;
                        case DeliveryKind.Shares when _market.TryEquity(i.Product, out var shares):
                        {
                            int delivered = (contract.Right == OptionRight.Call ? 1 : -1) * quantity * (int)i.Multiplier;
                            touched.Add(account.Book(shares, delivered, strike, 0m, now));
                            break;
                        }

                        case DeliveryKind.Future when _market.TryResolve(i.UnderlyingSymbol, out var future):
                        {
                            int delivered = (contract.Right == OptionRight.Call ? 1 : -1) * quantity;
                            touched.Add(account.Book(future, delivered, strike, 0m, now));
                            break;
                        }
                    }
                }

                account.Transactions.Add(new Transaction
                {
                    Id = _nextTransaction++,
                    AccountNumber = account.AccountNumber,
                    TransactionType = "Receive Deliver",
                    TransactionSubType = subType,
                    Description = string.Create(CultureInfo.InvariantCulture, $"{subType} of {Math.Abs(quantity)} {i.Symbol} at {Math.Round((decimal)s, 4)}"),
                    ExecutedAt = EmulatorClock.ToUtc(now),
                    TransactionDate = DateOnly.FromDateTime(now),
                    Symbol = i.Symbol,
                    InstrumentType = i.InstrumentType,
                    UnderlyingSymbol = i.UnderlyingSymbol,
                    Action = quantity > 0 ? OrderActions.SellToClose : OrderActions.BuyToClose,
                    Quantity = Math.Abs(quantity),
                    Price = 0m,
                    Value = Math.Abs(cash),
                    ValueEffect = cash > 0m ? PriceEffects.Credit : cash < 0m ? PriceEffects.Debit : PriceEffects.None,
                    NetValue = Math.Abs(cash),
                    NetValueEffect = cash > 0m ? PriceEffects.Credit : cash < 0m ? PriceEffects.Debit : PriceEffects.None,
                    Commission = 0m,
                    CommissionEffect = PriceEffects.None,
                    ClearingFees = 0m,
                    ClearingFeesEffect = PriceEffects.None,
                    IsEstimatedFee = false,
                });
                settled++;
            }

            if (touched.Count > 0)
            {
                PublishAccount(account, touched.Distinct(), now);
            }
        }

        return settled;
    }

    private static DateTime SettlementTime(in OptionContract contract) =>
        contract.Settlement.Style == SettlementStyle.AmOpen
            ? contract.Expiry.ToDateTime(NyseCalendar.Open)
            : contract.Expiry.ToDateTime(NyseCalendar.CloseOn(contract.Expiry));

    private bool TrySettlementPrice(EmulatorInstrument instrument, OptionContract contract, out double price)
    {
        var at = SettlementTime(contract);
        double p = double.NaN;
        bool ok = _market.Read(m => instrument.InstrumentType == InstrumentTypes.FutureOption
            ? m.TryGetOptionUnderlyingPrice(instrument.Root, contract.Expiry, at, out p)
            : contract.Settlement.Style == SettlementStyle.AmOpen
                ? m.TryGetSessionOpen(instrument.Product, contract.Expiry, out p)
                : m.TryGetDailyClose(instrument.Product, contract.Expiry, out p));
        price = p;
        return ok && double.IsFinite(p) && p > 0.0;
    }
}

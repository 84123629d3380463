using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Market;

namespace TomKing.Brokerages.Tastytrade.Emulator.Orders;

/// <summary>Request validation: malformed fields are 400 <c>validation_error</c> (domain/reason); unknown
/// symbols and unsupported combinations are 422 <c>preflight_check_failure</c> (code/message).</summary>
public sealed partial class OrderEngine
{
    private static readonly HashSet<string> KnownTypes = new(StringComparer.Ordinal)
    {
        OrderTypes.Limit, OrderTypes.Market, OrderTypes.MarketableLimit, OrderTypes.Stop, OrderTypes.StopLimit,
    };

    private static readonly HashSet<string> KnownTifs = new(StringComparer.Ordinal)
    {
        TimeInForces.Day, TimeInForces.Gtc, TimeInForces.Gtd, TimeInForces.Ext, TimeInForces.GtcExt,
    };

    private OrderError? Build(EmulatedAccount account, OrderRequest request, long id, DateTime now, long? replaces, long? complexId, string? tag, out EmulatedOrder? order)
    {
        order = null;
        if (request.OrderType == OrderTypes.NotionalMarket)
        {
            return OrderError.Preflight("order_type_not_supported", "Notional Market orders are not supported by the emulator.");
        }

        if (!KnownTypes.Contains(request.OrderType))
        {
            return OrderError.Validation("order-type", "does not have a valid value");
        }

        if (!KnownTifs.Contains(request.TimeInForce))
        {
            return OrderError.Validation("time-in-force", "does not have a valid value");
        }

        if (request.TimeInForce == TimeInForces.Gtd && request.GtcDate is null)
        {
            return OrderError.Validation("gtc-date", "is required for GTD orders");
        }

        bool isMarket = request.OrderType is OrderTypes.Market or OrderTypes.Stop;
        if (request.OrderType == OrderTypes.Market && request.TimeInForce != TimeInForces.Day)
        {
            return OrderError.Preflight("gtc_market_orders_not_supported", "GTC/GTD Market orders are not supported.");
        }

        if (request.Price is < 0m)
        {
            return OrderError.Validation("price", "does not have a valid value");
        }

        if (!isMarket && (request.Price is null || request.PriceEffect is not (PriceEffects.Debit or PriceEffects.Credit)))
        {
            return request.Price is null ? OrderError.Validation("price", "is required for limit orders") : OrderError.Validation("price-effect", "must be Debit or Credit");
        }

        if (request.OrderType is OrderTypes.Stop or OrderTypes.StopLimit && request.StopTrigger is not > 0m)
        {
            return OrderError.Validation("stop-trigger", "is required for stop orders");
        }

        if (request.Legs is not { Count: > 0 and <= 4 } requestLegs)
        {
            return OrderError.Validation("legs", "must have 1 to 4 legs");
        }

        var legs = new List<EmulatedLeg>(requestLegs.Count);
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        foreach (var leg in requestLegs)
        {
            if (leg.Quantity is not { } q || q <= 0m || q != decimal.Truncate(q) || q > 1_000_000m)
            {
                return OrderError.Validation("quantity", "must be a positive whole number");
            }

            if (!_market.TryResolve(leg.Symbol, out var instrument))
            {
                return OrderError.Preflight("invalid_symbol", $"Symbol '{leg.Symbol}' is not a valid symbol.");
            }

            if (instrument.InstrumentType == InstrumentTypes.Index)
            {
                return OrderError.Preflight("invalid_symbol", $"'{leg.Symbol}' is an index and is not tradable.");
            }

            if (!string.Equals(leg.InstrumentType, instrument.InstrumentType, StringComparison.Ordinal))
            {
                return OrderError.Validation("instrument-type", $"'{leg.InstrumentType}' does not match symbol '{leg.Symbol}' ({instrument.InstrumentType})");
            }

            bool isFuture = instrument.InstrumentType == InstrumentTypes.Future;
            bool validAction = isFuture
                ? leg.Action is OrderActions.Buy or OrderActions.Sell
                : leg.Action is OrderActions.BuyToOpen or OrderActions.SellToOpen or OrderActions.BuyToClose or OrderActions.SellToClose;
            if (!validAction)
            {
                return OrderError.Validation("action", isFuture ? "futures use Buy or Sell" : "must be Buy/Sell to Open/Close");
            }

            if (!symbols.Add(instrument.Symbol))
            {
                return OrderError.Validation("legs", "the same symbol appears in two legs");
            }

            if (request.AdvancedInstructions?.StrictPositionEffectValidation == true && leg.Action is OrderActions.BuyToClose or OrderActions.SellToClose)
            {
                int held = account.Positions.TryGetValue(instrument.Symbol, out var p) ? p.Quantity : 0;
                bool closesShort = leg.Action == OrderActions.BuyToClose;
                if ((closesShort ? -held : held) < q)
                {
                    return OrderError.Preflight("position_effect_mismatch", $"'{leg.Action}' {q} {instrument.Symbol}: the account holds {held}.");
                }
            }

            legs.Add(new EmulatedLeg { Instrument = instrument, Action = leg.Action!, Quantity = (int)q });
        }

        int size = legs.Select(l => l.Quantity).Aggregate(Gcd);
        var sized = legs.Select(l => new EmulatedLeg
        {
            Instrument = l.Instrument,
            Action = l.Action,
            Quantity = l.Quantity,
            Ratio = (l.IsBuy ? 1 : -1) * (l.Quantity / size),
        }).ToArray();
        bool opening = sized.Any(l => !l.IsClosing);
        order = new EmulatedOrder
        {
            Id = id,
            AccountNumber = account.AccountNumber,
            OrderType = request.OrderType,
            TimeInForce = request.TimeInForce,
            GtcDate = request.GtcDate,
            Price = isMarket ? null : request.Price,
            PriceEffect = isMarket ? null : request.PriceEffect,
            StopTrigger = request.StopTrigger,
            Source = request.Source,
            ExternalIdentifier = request.ExternalIdentifier,
            ReceivedAt = now,
            UpdatedAt = now,
            ReplacesOrderId = replaces,
            ComplexOrderId = complexId,
            ComplexOrderTag = tag,
            Legs = sized,
            Size = size,
            BuyingPowerPerUnit = opening ? BuyingPowerPerUnit(sized) : 0m,
        };
        return null;

        static int Gcd(int a, int b)
        {
            while (b != 0)
            {
                (a, b) = (b, a % b);
            }

            return a;
        }
    }
}

using TomKing.Algorithm.Domain;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Market;
using TomKing.Engine.Venue;

namespace TomKing.Brokerages.Tastytrade.Emulator.Orders;

/// <summary>
/// Buying power and fees. An order's requirement is the strategy core's <c>MarginModel</c> per unit of its option
/// legs (one structure per underlying: the first named shape the legs fit in request order — iron condor, put or
/// call credit spread, 1-1-2, strangle, LEAP + short call, single put — else the generic adjustment rule) × units,
/// plus 50 % of the value of shares bought and 6 % of the notional of futures; closing-only orders need none. The
/// account's used buying power is the same model over its held option legs per underlying (as an adjustment),
/// 50 % of share value and futures margins. Fees follow the simulated venue's Tastytrade schedule.
/// </summary>
public sealed partial class OrderEngine
{
    private const decimal ShareRequirement = 0.5m;
    private const decimal FutureRequirement = 0.06m;

    /// <summary>The structure the option legs of an order form, per unit (ratios as signed contracts per unit).</summary>
    internal static bool TryStructure(IReadOnlyList<Leg> legs, out OptionStructure structure)
    {
        var span = legs.ToArray().AsSpan();
        foreach (var kind in NamedKinds)
        {
            if (OptionStructure.TryCreate(kind, span, out structure, out _))
            {
                return true;
            }
        }

        return OptionStructure.TryCreate(StructureKind.Adjustment, span, out structure, out _);
    }

    private decimal BuyingPowerPerUnit(IReadOnlyList<EmulatedLeg> legs)
    {
        decimal total = 0m;
        var options = new List<(Leg Leg, EmulatedLeg Source)>();
        foreach (var leg in legs)
        {
            if (leg.Instrument.TryGetContract(out var contract))
            {
                options.Add((new Leg(contract, leg.Ratio), leg));
            }
            else
            {
                total += NonOptionRequirement(leg.Instrument, leg.Ratio);
            }
        }

        foreach (var group in options.GroupBy(o => o.Leg.Contract.Underlying))
        {
            foreach (var chunk in group.Chunk(OptionStructure.MaxLegs))
            {
                total += OptionRequirement([.. chunk.Select(c => c.Leg)], [.. chunk.Select(c => c.Source.Instrument)]);
            }
        }

        return Math.Round(total, 2);
    }

    private decimal OptionRequirement(Leg[] legs, IReadOnlyList<EmulatorInstrument> instruments)
    {
        if (TryStructure(legs, out var structure) && _market.TryBuyingPower(structure, out decimal bp))
        {
            return bp;
        }

        // Fallback when the margin model lacks an input: longs cost their ask, shorts 20 % of the underlying.
        decimal total = 0m;
        for (int i = 0; i < legs.Length; i++)
        {
            var instrument = instruments[i];
            if (legs[i].Ratio > 0)
            {
                total += _market.TryQuote(instrument, out var q) && q.Ask > 0 ? (decimal)q.Ask * instrument.Multiplier * legs[i].Ratio : 0m;
            }
            else
            {
                total += _market.TryGetPrice(instrument.Product, out double s) ? 0.2m * (decimal)s * instrument.Multiplier * -legs[i].Ratio : 0m;
            }
        }

        return total;
    }

    private decimal NonOptionRequirement(EmulatorInstrument instrument, int signedQuantity)
    {
        double mark = Mark(instrument);
        if (!double.IsFinite(mark))
        {
            return 0m;
        }

        decimal value = (decimal)mark * instrument.Multiplier * Math.Abs(signedQuantity);
        return instrument.InstrumentType == InstrumentTypes.Future ? value * FutureRequirement : value * ShareRequirement;
    }

    /// <summary>The mid (or the one side there is) of an instrument now; NaN when it cannot be quoted.</summary>
    private double Mark(EmulatorInstrument instrument)
    {
        if (!_market.TryQuote(instrument, out var q))
        {
            return double.NaN;
        }

        return q.IsUsable ? q.Mid : q.Ask > 0 ? q.Ask / 2.0 : double.NaN;
    }

    private decimal UsedBuyingPower(EmulatedAccount account)
    {
        decimal total = 0m;
        var options = new List<(Leg Leg, EmulatorInstrument Instrument)>();
        foreach (var p in account.Positions.Values.Where(p => p.Quantity != 0))
        {
            if (p.TryGetLeg(out var leg))
            {
                options.Add((leg, p.Instrument));
            }
            else
            {
                total += NonOptionRequirement(p.Instrument, p.Quantity);
            }
        }

        foreach (var group in options.GroupBy(o => o.Leg.Contract.Underlying))
        {
            foreach (var chunk in group.Chunk(OptionStructure.MaxLegs))
            {
                var legs = chunk.Select(c => c.Leg).ToArray();
                if (OptionStructure.TryCreate(StructureKind.Adjustment, legs, out var s, out _) && _market.TryBuyingPower(s, out decimal bp))
                {
                    total += bp;
                }
                else
                {
                    total += OptionRequirement(legs, [.. chunk.Select(c => c.Instrument)]);
                }
            }
        }

        return Math.Round(total, 2);
    }

    private AccountBalance BalanceOf(EmulatedAccount account)
    {
        decimal longEquity = 0m, shortEquity = 0m, longDerivative = 0m, shortDerivative = 0m, futuresPnl = 0m;
        foreach (var p in account.Positions.Values.Where(p => p.Quantity != 0))
        {
            double mark = Mark(p.Instrument);
            decimal m = double.IsFinite(mark) ? (decimal)mark : p.AverageOpenPrice;
            decimal value = m * p.Instrument.Multiplier * Math.Abs(p.Quantity);
            switch (p.Instrument.InstrumentType)
            {
                case InstrumentTypes.Future:
                    futuresPnl += (m - p.AverageOpenPrice) * p.Instrument.Multiplier * p.Quantity;
                    break;
                case InstrumentTypes.Equity:
                    if (p.Quantity > 0)
                    {
                        longEquity += value;
                    }
                    else
                    {
                        shortEquity += value;
                    }

                    break;
                default:
                    if (p.Quantity > 0)
                    {
                        longDerivative += value;
                    }
                    else
                    {
                        shortDerivative += value;
                    }

                    break;
            }
        }

        decimal netLiq = Math.Round(account.Cash + longEquity - shortEquity + longDerivative - shortDerivative + futuresPnl, 2);
        decimal used = UsedBuyingPower(account);
        decimal buyingPower = Math.Max(netLiq - used, 0m);
        var now = _market.Clock.NowEastern;
        return new AccountBalance
        {
            AccountNumber = account.AccountNumber,
            Currency = "USD",
            CashBalance = Math.Round(account.Cash, 2),
            CashSettleBalance = Math.Round(account.Cash, 2),
            NetLiquidatingValue = netLiq,
            AvailableTradingFunds = buyingPower,
            EquityBuyingPower = buyingPower,
            DerivativeBuyingPower = buyingPower,
            DayTradingBuyingPower = buyingPower,
            UsedDerivativeBuyingPower = used,
            MarginEquity = netLiq,
            MaintenanceRequirement = used,
            MaintenanceExcess = buyingPower,
            MaintenanceCallValue = 0m,
            RegTCallValue = 0m,
            RegTMarginRequirement = used,
            DayTradingCallValue = 0m,
            DayEquityCallValue = 0m,
            DayTradeExcess = buyingPower,
            FuturesMarginRequirement = 0m,
            FuturesOvernightMarginRequirement = 0m,
            FuturesIntradayMarginRequirement = 0m,
            LongEquityValue = Math.Round(longEquity, 2),
            ShortEquityValue = Math.Round(shortEquity, 2),
            LongDerivativeValue = Math.Round(longDerivative, 2),
            ShortDerivativeValue = Math.Round(shortDerivative, 2),
            LongFuturesValue = 0m,
            ShortFuturesValue = 0m,
            LongMargineableValue = Math.Round(longEquity, 2),
            ShortMargineableValue = Math.Round(shortEquity, 2),
            CashAvailableToWithdraw = Math.Max(Math.Min(Math.Round(account.Cash, 2), buyingPower), 0m),
            PendingCash = 0m,
            PendingCashEffect = PriceEffects.None,
            BuyingPowerAdjustment = 0m,
            BuyingPowerAdjustmentEffect = PriceEffects.None,
            SnapshotDate = DateOnly.FromDateTime(now),
        };
    }

    /// <summary>Buying-power effect, fees and the problems that would reject the order (market closed, buying power).</summary>
    private (BuyingPowerEffect Effect, FeeCalculation Fees, List<ApiMessage> Problems) Price(EmulatedAccount account, EmulatedOrder order)
    {
        var balance = BalanceOf(account);
        decimal current = balance.DerivativeBuyingPower ?? 0m;
        decimal required = order.BuyingPowerPerUnit * order.RemainingUnits;
        string effect = required > 0m ? PriceEffects.Debit : PriceEffects.None;
        var bp = new BuyingPowerEffect
        {
            ChangeInMarginRequirement = required,
            ChangeInMarginRequirementEffect = effect,
            ChangeInBuyingPower = required,
            ChangeInBuyingPowerEffect = effect,
            CurrentBuyingPower = current,
            CurrentBuyingPowerEffect = PriceEffects.Credit,
            NewBuyingPower = Math.Abs(current - required),
            NewBuyingPowerEffect = current - required >= 0m ? PriceEffects.Credit : PriceEffects.Debit,
            IsolatedOrderMarginRequirement = required,
            IsolatedOrderMarginRequirementEffect = effect,
            IsSpread = order.Legs.Count(l => l.Instrument.IsOption) > 1,
            Impact = required,
            Effect = effect,
        };

        var problems = new List<ApiMessage>();
        if (Settings.RejectWhenMarketClosed && !EmulatorClock.IsOpenAt(order.ReceivedAt))
        {
            problems.Add(new ApiMessage { Code = "market_closed", Message = "Market is closed" });
        }

        if (required > current)
        {
            problems.Add(new ApiMessage
            {
                Code = "insufficient_buying_power",
                Message = $"Insufficient buying power: the order requires {Text(required)} USD, {Text(current)} USD available",
            });
        }

        return (bp, FeesOf(account, order, order.RemainingUnits), problems);
    }

    private static FeeCalculation FeesOf(EmulatedAccount account, EmulatedOrder order, int units)
    {
        decimal commission = 0m, clearing = 0m, proprietary = 0m;
        foreach (var leg in order.Legs)
        {
            var (c, cl, p) = LegFees(account, leg, leg.Ratio * units);
            commission += c;
            clearing += cl;
            proprietary += p;
        }

        decimal total = commission + clearing + proprietary;
        return new FeeCalculation
        {
            RegulatoryFees = 0m,
            RegulatoryFeesEffect = PriceEffects.None,
            RegulatoryFeesBreakdown = [new FeeBreakdown { Name = "sec", Value = 0m, Effect = PriceEffects.None }],
            ClearingFees = clearing,
            ClearingFeesEffect = Effect(clearing),
            ClearingFeesBreakdown = [new FeeBreakdown { Name = "clearing", Value = clearing, Effect = Effect(clearing) }],
            Commission = commission,
            CommissionEffect = Effect(commission),
            CommissionBreakdown = [new FeeBreakdown { Name = "brokerage", Value = commission, Effect = Effect(commission) }],
            ProprietaryIndexOptionFees = proprietary,
            ProprietaryIndexOptionFeesEffect = Effect(proprietary),
            ProprietaryFeesBreakdown = [new FeeBreakdown { Name = "proprietary", Value = proprietary, Effect = Effect(proprietary) }],
            TotalFees = total,
            TotalFeesEffect = Effect(total),
            Rebates = 0m,
            RebatesEffect = PriceEffects.None,
            RebatesBreakdown = [],
            PerQuantity = false,
        };

        static string Effect(decimal v) => v > 0m ? PriceEffects.Debit : PriceEffects.None;
    }

    /// <summary>(commission, clearing, proprietary index fee) of executing <paramref name="signedQuantity"/> of a leg.</summary>
    private static (decimal Commission, decimal Clearing, decimal Proprietary) LegFees(EmulatedAccount account, EmulatedLeg leg, int signedQuantity)
    {
        var settings = VenueSettings.Default;
        int contracts = Math.Abs(signedQuantity);
        var instrument = leg.Instrument;
        int held = account.Positions.TryGetValue(instrument.Symbol, out var p) ? p.Quantity : 0;
        switch (instrument.InstrumentType)
        {
            case InstrumentTypes.Future:
                return (settings.FuturesPerContract * contracts, 0m, 0m);
            case InstrumentTypes.FutureOption:
            {
                bool micro = InstrumentCatalogue.TryGet(instrument.Product, out var product) && product.IsMicro;
                decimal commission = (micro ? settings.MicroFuturesOptionPerContract : settings.FuturesOptionPerContract) * contracts;
                decimal exchange = (micro ? settings.MicroFuturesOptionExchangePerContract : settings.FuturesOptionExchangePerContract) * contracts;
                return (commission, exchange, 0m);
            }

            case InstrumentTypes.EquityOption when instrument.TryGetContract(out var contract):
            {
                decimal total = SimulatedVenue.Fee(settings, contract, signedQuantity, held);
                decimal clearing = settings.OptionClearingPerContract * contracts;
                decimal proprietary = (settings.IndexExchangeFeePerContract.TryGetValue(instrument.Root, out decimal e) ? e : 0m) * contracts;
                return (total - clearing - proprietary, clearing, proprietary);
            }

            default:
                return (0m, 0m, 0m);
        }
    }
}

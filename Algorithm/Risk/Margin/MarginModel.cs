using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk.Rules;
using TomKing.Greeks;

namespace TomKing.Algorithm.Risk.Margin;

/// <summary>
/// The project's buying-power model: <see cref="MarginCalculator"/>'s formulas fed from the market view
/// (leg mids, the underlying or delivered-future price, |delta| for futures options) and, for futures
/// options, the exchange initial margin in force on the chain's date from a <see cref="FuturesMarginBook"/>.
/// Strategies size with it and the risk engine checks P-1 with it, so both see the same number.
/// Allocation-free.
/// </summary>
public sealed class MarginModel : IBuyingPowerModel
{
    private readonly FuturesMarginBook _futures;
    private readonly MarginParameters _parameters;

    /// <summary>Creates the model.</summary>
    /// <param name="futures">Exchange margins of the futures whose options are traded (empty: futures options cannot be margined).</param>
    /// <param name="parameters">Model numbers (null: defaults).</param>
    public MarginModel(FuturesMarginBook? futures = null, MarginParameters? parameters = null)
    {
        _futures = futures ?? FuturesMarginBook.Empty;
        _parameters = parameters ?? MarginParameters.Default;
    }

    /// <summary>The model numbers.</summary>
    public MarginParameters Parameters => _parameters;

    /// <inheritdoc />
    /// <remarks>False when a leg is not listed in the market's chain, a leg has no price to value it by,
    /// the underlying price is unknown, or (futures options) no exchange margin is known for the
    /// future on the chain's date.</remarks>
    public bool TryPerUnit(in OptionStructure unit, IMarketView market, out decimal buyingPower)
    {
        ArgumentNullException.ThrowIfNull(market);
        return TryPerUnitGeneric(in unit, market, out buyingPower);
    }

    /// <summary>
    /// The risk engine's path: buying power per unit of the entry being checked, in whole cents (the same
    /// number <see cref="TryPerUnit(in OptionStructure, IMarketView, out decimal)"/> gives, × 100; false also
    /// when that number is too large for whole cents to be exact in a double, beyond 9 × 10^13 USD). The legs'
    /// chain places and asset class come from the check (resolved once and shared with P-7), premiums are
    /// read straight from the chain arrays, and nothing is computed in decimal.
    /// </summary>
    internal bool TryPerUnitCents(EntryCheck check, out long cents)
    {
        cents = 0;
        if (!check.TryResolveLegs())
        {
            return false;
        }

        ref readonly var unit = ref check.Structure;
        int count = unit.Count;
        if (count == 0)
        {
            return false;
        }

        var legs = new LegInputs(check.MarginAssetClass, check.NearestExpiry);
        for (int i = 0; i < count; i++)
        {
            if (!legs.TryAdd(i, in unit.LegRef(i), check.LegChain(i), check.LegExpiry(i), check.LegStrike(i)))
            {
                return false;
            }
        }

        double multiplier = ContractLookup.Multiplier(check.LegExpiry(0), in unit.LegRef(0).ContractRef);
        return TryUsd(in unit, check.Context.Market, ref legs, multiplier, out double usd)
            && MoneyMath.TryWholeCents(Math.Max(usd, 0.0), out cents);
    }

    private bool TryPerUnitGeneric(in OptionStructure unit, IMarketView market, out decimal buyingPower)
    {
        buyingPower = 0m;
        if (unit.Count == 0)
        {
            return false;
        }

        ref readonly var first = ref unit.LegRef(0).ContractRef;
        var assetClass = InstrumentCatalogue.TryGet(first.Underlying, out var instrument) ? instrument.AssetClass
            : first.Settlement.Delivery == DeliveryKind.Future ? AssetClass.Future
            : AssetClass.Equity;
        var legs = new LegInputs(assetClass, unit.NearestExpiry);
        for (int i = 0; i < unit.Count; i++)
        {
            ref readonly var leg = ref unit.LegRef(i);
            if (!ContractLookup.TryFind(market, leg.Contract, out OptionChain chain, out ChainExpiry expiry, out int k)
                || !legs.TryAdd(i, in leg, chain, expiry, k))
            {
                return false;
            }
        }

        if (!TryUsd(in unit, market, ref legs, (double)first.Multiplier, out double usd))
        {
            return false;
        }

        buyingPower = MoneyMath.Cents(Math.Max(usd, 0.0));
        return true;
    }

    /// <summary>The formulas on the gathered legs (<see cref="MarginCalculator.PerUnitUsd"/>), after the
    /// underlying price and, for futures options, the initial margin in force on the chain's date; false
    /// when either is missing or the structure kind has no formula.</summary>
    private bool TryUsd(in OptionStructure unit, IMarketView market, ref LegInputs legs, double multiplier, out double usd)
    {
        usd = double.NaN;
        int count = unit.Count;
        if (!TryUnderlyingAndMargin(in unit, market, legs.AssetClass, legs.AsOfChain, ref legs.Underlying, out double initial))
        {
            return false;
        }

        usd = MarginCalculator.PerUnitUsd(unit, legs.Strikes[..count], multiplier, legs.Underlying, legs.Premiums[..count], legs.Deltas[..count],
            legs.AssetClass, initial, _parameters);
        return double.IsFinite(usd);
    }

    private bool TryUnderlyingAndMargin(in OptionStructure unit, IMarketView market, AssetClass assetClass, OptionChain? asOfChain, ref double underlying, out double initial)
    {
        initial = 0.0;
        if (!(underlying > 0.0) || !double.IsFinite(underlying))
        {
            if (!market.TryGetPrice(unit.LegRef(0).ContractRef.Underlying, out underlying) || !(underlying > 0.0))
            {
                return false;
            }
        }

        if (assetClass == AssetClass.Future && NeedsFuturesMargin(unit))
        {
            var asOf = asOfChain is null ? default : DateOnly.FromDateTime(asOfChain.AsOf);
            if (!_futures.TryGetAsOf(unit.LegRef(0).ContractRef.Underlying, asOf, out var margin))
            {
                return false;
            }

            initial = (double)margin.Initial;
        }

        return true;
    }

    /// <summary>What the formulas need from each leg, gathered by both paths (the check's resolved legs, or
    /// legs looked up in the market): its premium, its |delta| when it is a short futures option, its listed
    /// strike, and the underlying price and chain of the nearest expiry (a futures option's own future; the
    /// chain dates the futures margin).</summary>
    private struct LegInputs(AssetClass assetClass, DateOnly nearest)
    {
        public InlineLegs Premiums;
        public InlineLegs Deltas;
        public InlineLegs Strikes;
        public double Underlying = double.NaN;
        public OptionChain? AsOfChain;

        public readonly AssetClass AssetClass => assetClass;

        public bool TryAdd(int i, in Leg leg, OptionChain chain, ChainExpiry expiry, int k)
        {
            var right = leg.ContractRef.Right;
            if (!ContractLookup.TryPremium(expiry, k, right, leg.Ratio > 0, out Premiums[i]))
            {
                return false;
            }

            Deltas[i] = assetClass == AssetClass.Future && leg.Ratio < 0 ? expiry.GreeksAt(k, right).AbsDelta : double.NaN;
            Strikes[i] = expiry.Strikes[k];
            if (double.IsNaN(Underlying) || expiry.Expiry == nearest)
            {
                Underlying = expiry.UnderlyingPrice;
                AsOfChain = chain;
            }

            return true;
        }
    }

    /// <summary>One double per leg, inline (no allocation).</summary>
    [System.Runtime.CompilerServices.InlineArray(OptionStructure.MaxLegs)]
    private struct InlineLegs
    {
        private double _first;
    }

    /// <summary>Structures that may hold a naked short (an adjustment: any short leg, it may be uncovered).</summary>
    private static bool NeedsFuturesMargin(in OptionStructure unit)
    {
        if (unit.Kind is StructureKind.Strangle or StructureKind.OneOneTwo or StructureKind.SinglePut)
        {
            return true;
        }

        if (unit.Kind != StructureKind.Adjustment)
        {
            return false;
        }

        for (int i = 0; i < unit.Count; i++)
        {
            if (unit[i].Ratio < 0)
            {
                return true;
            }
        }

        return false;
    }

}

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

    /// <summary>P-1's fast path: the entry's legs already found in the chains by the check.</summary>
    /// <summary>
    /// The risk engine's path: buying power per unit of the entry being checked, in whole cents (the same
    /// number <see cref="TryPerUnit(in OptionStructure, IMarketView, out decimal)"/> gives, × 100; false also
    /// when that number is too large for whole cents to be exact in a double, beyond 9 × 10^13 USD). The legs'
    /// chain places, strikes and asset class come from the check (resolved once and shared with P-7),
    /// premiums are read straight from the chain arrays, and nothing is computed in decimal.
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

        Span<double> premiums = stackalloc double[OptionStructure.MaxLegs];
        Span<double> deltas = stackalloc double[OptionStructure.MaxLegs];
        var assetClass = check.MarginAssetClass;
        var nearest = check.NearestExpiry;
        double underlying = double.NaN;
        OptionChain? asOfChain = null;
        for (int i = 0; i < count; i++)
        {
            ref readonly var leg = ref unit.LegRef(i);
            var expiry = check.LegExpiry(i);
            int k = check.LegStrike(i);
            var right = leg.ContractRef.Right;
            if (!ContractLookup.TryPremium(expiry, k, right, leg.Ratio > 0, out premiums[i]))
            {
                return false;
            }

            deltas[i] = assetClass == AssetClass.Future && leg.Ratio < 0 ? expiry.GreeksAt(k, right).AbsDelta : double.NaN;
            if (double.IsNaN(underlying) || expiry.Expiry == nearest)
            {
                underlying = expiry.UnderlyingPrice;
                asOfChain = check.LegChain(i);
            }
        }

        if (!TryUnderlyingAndMargin(in unit, check.Context.Market, assetClass, asOfChain, ref underlying, out double initial))
        {
            return false;
        }

        double usd = MarginCalculator.PerUnitUsd(unit, check.LegStrikeValues, check.LegExpiry(0).MultiplierValue, underlying, premiums[..count], deltas[..count],
            assetClass, initial, _parameters);
        if (!double.IsFinite(usd))
        {
            return false;
        }

        return MoneyMath.TryWholeCents(Math.Max(usd, 0.0), out cents);
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

    private bool TryPerUnitGeneric(in OptionStructure unit, IMarketView market, out decimal buyingPower)
    {
        buyingPower = 0m;
        if (unit.Count == 0)
        {
            return false;
        }

        Span<double> premiums = stackalloc double[OptionStructure.MaxLegs];
        Span<double> deltas = stackalloc double[OptionStructure.MaxLegs];
        var first = unit.LegRef(0).Contract;
        var assetClass = InstrumentCatalogue.TryGet(first.Underlying, out var instrument) ? instrument.AssetClass
            : first.Settlement.Delivery == DeliveryKind.Future ? AssetClass.Future
            : AssetClass.Equity;
        var nearest = unit.NearestExpiry;
        double underlying = double.NaN;
        OptionChain? asOfChain = null;
        for (int i = 0; i < unit.Count; i++)
        {
            ref readonly var leg = ref unit.LegRef(i);
            if (!ContractLookup.TryFind(market, leg.Contract, out OptionChain chain, out ChainExpiry expiry, out int k))
            {
                return false;
            }

            if (!ContractLookup.TryPremium(expiry, k, leg.Contract.Right, leg.Ratio > 0, out premiums[i]))
            {
                return false;
            }

            deltas[i] = assetClass == AssetClass.Future && leg.Ratio < 0 ? expiry.GreeksAt(k, leg.Contract.Right).AbsDelta : double.NaN;
            if (double.IsNaN(underlying) || expiry.Expiry == nearest)
            {
                underlying = expiry.UnderlyingPrice;
                asOfChain = chain;
            }
        }

        if (!TryUnderlyingAndMargin(in unit, market, assetClass, asOfChain, ref underlying, out double initial))
        {
            return false;
        }

        buyingPower = MarginCalculator.PerUnit(unit, underlying, premiums[..unit.Count], deltas[..unit.Count], assetClass, (decimal)initial, _parameters);
        return buyingPower != decimal.MaxValue;
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

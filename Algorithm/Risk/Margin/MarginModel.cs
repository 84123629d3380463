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
        return TryPerUnit(unit, market, null, out buyingPower);
    }

    /// <summary>P-1's fast path: the entry's legs already found in the chains by the check.</summary>
    internal bool TryPerUnit(EntryCheck check, out decimal buyingPower) =>
        check.TryResolveLegs() ? TryPerUnit(in check.Structure, check.Context.Market, check, out buyingPower) : Fail(out buyingPower);

    private static bool Fail(out decimal buyingPower)
    {
        buyingPower = 0m;
        return false;
    }

    private bool TryPerUnit(in OptionStructure unit, IMarketView market, EntryCheck? resolved, out decimal buyingPower)
    {
        buyingPower = 0m;
        if (unit.Count == 0)
        {
            return false;
        }

        Span<double> premiums = stackalloc double[OptionStructure.MaxLegs];
        Span<double> deltas = stackalloc double[OptionStructure.MaxLegs];
        var first = unit.LegRef(0).Contract;
        bool catalogued = resolved is not null ? resolved.HasInstrument : InstrumentCatalogue.TryGet(first.Underlying, out _);
        var assetClass = catalogued ? (resolved is not null ? resolved.Instrument : InstrumentCatalogue.Get(first.Underlying)).AssetClass
            : first.Settlement.Delivery == DeliveryKind.Future ? AssetClass.Future
            : AssetClass.Equity;
        var nearest = resolved is not null ? resolved.NearestExpiry : unit.NearestExpiry;
        double underlying = double.NaN;
        OptionChain? asOfChain = null;
        for (int i = 0; i < unit.Count; i++)
        {
            ref readonly var leg = ref unit.LegRef(i);
            OptionChain chain;
            ChainExpiry expiry;
            int k;
            if (resolved is not null)
            {
                chain = resolved.LegChain(i);
                expiry = resolved.LegExpiry(i);
                k = resolved.LegStrike(i);
            }
            else if (!ContractLookup.TryFind(market, leg.Contract, out chain, out expiry, out k))
            {
                return false;
            }

            if (!ContractLookup.TryPremium(expiry, k, leg.Contract.Right, leg.Ratio > 0, out premiums[i]))
            {
                return false;
            }

            deltas[i] = double.NaN;
            if (assetClass == AssetClass.Future && leg.Ratio < 0)
            {
                deltas[i] = expiry.GreeksAt(k, leg.Contract.Right).AbsDelta;
            }

            if (double.IsNaN(underlying) || expiry.Expiry == nearest)
            {
                underlying = expiry.UnderlyingPrice;
                asOfChain = chain;
            }
        }

        if (!(underlying > 0.0) || !double.IsFinite(underlying))
        {
            if (!market.TryGetPrice(first.Underlying, out underlying) || !(underlying > 0.0))
            {
                return false;
            }
        }

        decimal initial = 0m;
        if (assetClass == AssetClass.Future && NeedsFuturesMargin(unit))
        {
            var asOf = asOfChain is null ? default : DateOnly.FromDateTime(asOfChain.AsOf);
            if (!_futures.TryGetAsOf(first.Underlying, asOf, out var margin))
            {
                return false;
            }

            initial = margin.Initial;
        }

        buyingPower = MarginCalculator.PerUnit(unit, underlying, premiums[..unit.Count], deltas[..unit.Count], assetClass, initial, _parameters);
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

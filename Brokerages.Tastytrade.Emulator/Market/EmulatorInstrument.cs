using TomKing.Algorithm.Domain;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Emulator.Market;

/// <summary>
/// One instrument the emulator lists: its order symbol and DXLink streamer symbol in Tastytrade's formats,
/// its <c>instrument-type</c> wire value and, for options, the contract facts the synthetic market quotes by.
/// </summary>
/// <param name="Symbol">Order/position symbol (<c>SPY</c>, <c>SPY   240621C00500000</c>, <c>/ESM4</c>, <c>./ESM4 ESM4  240621P5000</c>).</param>
/// <param name="StreamerSymbol">DXLink symbol (<c>.SPY240621C500</c>, <c>/ESM24:XCME</c>, <c>./ESM24P5000:XCME</c>).</param>
/// <param name="InstrumentType">Wire value: <c>Equity</c>, <c>Index</c>, <c>Equity Option</c>, <c>Future</c>, <c>Future Option</c>.</param>
/// <param name="UnderlyingSymbol">The underlying's order symbol (SPX for SPXW options, <c>/ESM4</c> for an ES option).</param>
/// <param name="Product">The synthetic product priced (SPY, SPX, ES…).</param>
/// <param name="Root">Option root (SPXW, SPY, ES) or the product for non-options.</param>
/// <param name="Expiration">Expiry of an option or a future.</param>
/// <param name="Strike">Option strike.</param>
/// <param name="Right">Option right.</param>
/// <param name="Multiplier">USD per 1.0 of price per contract (100 for equity options, 50 for ES, 1 for shares).</param>
/// <param name="TickSize">Price increment.</param>
public sealed record EmulatorInstrument(
    string Symbol,
    string StreamerSymbol,
    string InstrumentType,
    string UnderlyingSymbol,
    string Product,
    string Root,
    DateOnly? Expiration,
    decimal? Strike,
    OptionRight? Right,
    decimal Multiplier,
    decimal TickSize)
{
    /// <summary>True for equity and future options.</summary>
    public bool IsOption => Right is not null;

    /// <summary>The option as the strategy core names it (root, expiry, strike, right, catalogue defaults).</summary>
    public bool TryGetContract(out OptionContract contract)
    {
        contract = default;
        if (Right is not { } right || Expiration is not { } expiry || Strike is not { } strike || !InstrumentCatalogue.TryGet(Root, out var root))
        {
            return false;
        }

        contract = OptionContract.FromCatalogue(root, expiry, strike, right);
        return true;
    }
}

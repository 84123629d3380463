using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Strategies.Core;

/// <summary>
/// Builds the legs of an adjustment (a roll, a buy-back) as an <see cref="OptionStructure"/> whose kind
/// truly describes them. Today's structure kinds cover vertical rolls (a put or call vertical in one
/// expiry) and a LEAP calendar roll; single-leg buy-backs and short-option calendar rolls have no kind
/// yet (a contract change is requested), and the caller falls back to the safer action or records why.
/// </summary>
internal static class AdjustmentStructures
{
    /// <summary>A same-expiry put vertical: sell <paramref name="sellHigher"/>, buy <paramref name="buyLower"/>.</summary>
    public static bool TryPutVertical(in OptionContract sellHigher, in OptionContract buyLower, out OptionStructure structure) =>
        OptionStructure.TryCreate(StructureKind.PutCreditSpread, [Leg.Sell(sellHigher), Leg.Buy(buyLower)], out structure, out _);

    /// <summary>A same-expiry call vertical: sell <paramref name="sellLower"/>, buy <paramref name="buyHigher"/>.</summary>
    public static bool TryCallVertical(in OptionContract sellLower, in OptionContract buyHigher, out OptionStructure structure) =>
        OptionStructure.TryCreate(StructureKind.CallCreditSpread, [Leg.Sell(sellLower), Leg.Buy(buyHigher)], out structure, out _);
}

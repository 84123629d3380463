using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Strategies.Core;

/// <summary>
/// Builds the legs of an adjustment (a buy-back, a roll, a weekly call sold against a held LEAP) as one
/// <see cref="StructureKind.Adjustment"/> structure, legs exactly as they are to be traded and per unit of
/// the position (the intent's quantity is the position's units), so the pipeline sends one combo (P-10).
/// </summary>
internal static class AdjustmentStructures
{
    /// <summary>Buys back a short leg: <paramref name="size"/> contracts per unit (2 for the L112 naked puts).</summary>
    public static OptionStructure BuyBack(in OptionContract shortContract, int size = 1) =>
        OptionStructure.Adjustment([Leg.Buy(shortContract, size)]);

    /// <summary>Sells <paramref name="size"/> contracts per unit (a weekly call against a held LEAP).</summary>
    public static OptionStructure Sell(in OptionContract contract, int size = 1) =>
        OptionStructure.Adjustment([Leg.Sell(contract, size)]);

    /// <summary>Rolls a short leg: buys back <paramref name="oldShort"/> and sells <paramref name="newShort"/>,
    /// legs in that order. False when both are the same contract (nothing to roll).</summary>
    public static bool TryRollShort(in OptionContract oldShort, in OptionContract newShort, int size, out OptionStructure structure) =>
        OptionStructure.TryCreate(StructureKind.Adjustment, [Leg.Buy(oldShort, size), Leg.Sell(newShort, size)], out structure, out _);

    /// <summary>Rolls a long leg: sells <paramref name="oldLong"/> and buys <paramref name="newLong"/>,
    /// legs in that order. False when both are the same contract.</summary>
    public static bool TryRollLong(in OptionContract oldLong, in OptionContract newLong, int size, out OptionStructure structure) =>
        OptionStructure.TryCreate(StructureKind.Adjustment, [Leg.Sell(oldLong, size), Leg.Buy(newLong, size)], out structure, out _);

    /// <summary>Two legs as given (e.g. sell the long put and buy back the short put of a debit spread).</summary>
    public static bool TryPair(in Leg first, in Leg second, out OptionStructure structure) =>
        OptionStructure.TryCreate(StructureKind.Adjustment, [first, second], out structure, out _);
}

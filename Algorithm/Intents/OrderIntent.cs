using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Intents;

/// <summary>
/// What a strategy (or the risk engine's continuous checks) wants done, before risk checks and order
/// construction: one structure, a size, and how to price it. The pipeline turns an approved intent
/// into exactly one combo order (P-10: never leg by leg).
/// </summary>
/// <remarks>
/// Prices are net combo prices per unit in premium points with LEAN's sign convention (Σ ratio × price:
/// a credit is negative), as on <see cref="Ports.ComboOrderRequest"/>. For <see cref="IntentKind.Close"/>
/// the <see cref="Structure"/> is the position's structure as held and <see cref="Quantity"/> the units
/// to close (the pipeline reverses the legs); its prices are in the HELD structure's convention too:
/// Σ held ratio × closing-side price (buying back a short iron condor for 0.40 is −0.40 at mid, its
/// natural more negative) — the same numbers <c>RiskEngine.ClosingPrices</c> produces; for <see cref="IntentKind.Adjust"/> the structure is the
/// legs to trade as they are to be traded (e.g. buying back one short leg is a one-leg structure with a
/// positive ratio). <see cref="RuleIds"/> must be a constant string (no allocation on the hot path).
/// </remarks>
/// <param name="Strategy">Owning strategy.</param>
/// <param name="Kind">Open, close or adjust.</param>
/// <param name="Position">The position closed or adjusted; default (empty) for an open.</param>
/// <param name="Structure">Legs per unit (see remarks).</param>
/// <param name="Quantity">Units (&gt; 0).</param>
/// <param name="MidPrice">Net combo mid per unit at decision time (signed, see remarks).</param>
/// <param name="NaturalPrice">Net combo natural per unit (buy at the asks, sell at the bids), signed.</param>
/// <param name="Pricing">Mid-then-ladder or natural at once (P-10).</param>
/// <param name="WindowEnd">Eastern time at which an unfilled order is cancelled (F0-1: 11:00 for F0 entries);
/// <see cref="DateTime.MaxValue"/> when the order may work until the session ends.</param>
/// <param name="RuleIds">The rule IDs that produced it, e.g. "F0-2 F0-3" or "P-5".</param>
public readonly record struct OrderIntent(
    StrategyId Strategy,
    IntentKind Kind,
    PositionId Position,
    OptionStructure Structure,
    int Quantity,
    double MidPrice,
    double NaturalPrice,
    PricingPolicy Pricing,
    DateTime WindowEnd,
    string RuleIds)
{
    private readonly OptionStructure _structure = Structure;

    /// <summary>Legs per unit (see remarks).</summary>
    public OptionStructure Structure
    {
        get => _structure;
        init => _structure = value;
    }

    /// <summary>The structure by reference (the risk check reads legs without copying them).</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    internal ref readonly OptionStructure StructureRef => ref _structure;
}

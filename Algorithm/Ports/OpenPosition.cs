using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Ports;

/// <summary>
/// What the risk engine and strategies need to know about one open structure: who owns it, its legs
/// and size, where it sits for P-3/P-4, what it ties up (P-1) and how it is doing (P-5 closes losers).
/// </summary>
/// <param name="Id">The position.</param>
/// <param name="Strategy">The owning strategy.</param>
/// <param name="Structure">Its legs per unit.</param>
/// <param name="Quantity">Units open (a positive number; the legs carry the signs).</param>
/// <param name="Group">Its P-3 group.</param>
/// <param name="OpenedAt">Eastern time of the first fill.</param>
/// <param name="EntryPrice">Net price per unit at entry (negative = credit received), as on the combo order.</param>
/// <param name="BuyingPower">Buying power it uses, USD.</param>
/// <param name="UnrealizedPnl">Mark-to-market P&amp;L, USD.</param>
public readonly record struct OpenPosition(
    PositionId Id,
    StrategyId Strategy,
    OptionStructure Structure,
    int Quantity,
    CorrelationGroup Group,
    DateTime OpenedAt,
    decimal EntryPrice,
    decimal BuyingPower,
    decimal UnrealizedPnl)
{
    /// <summary>
    /// Average fill price per unit of each leg at entry, in the structure's leg order (premium points,
    /// positive numbers; the leg's side says paid or received). Leg-level exits need them (L112-5 naked
    /// puts at 90 % of their own credit, IPMCC-4 weekly call, IPMCC-5 LEAP cost). The portfolio fills
    /// them from fills and the journal, so they survive restarts; <c>default</c> (all zero) means unknown.
    /// </summary>
    public Decisions.LegValues LegEntryPrices { get; init; }
}

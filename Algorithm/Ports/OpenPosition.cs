using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Ports;

/// <summary>
/// What the risk engine and strategies need to know about one open structure: who owns it, its legs
/// and size, where it sits for P-3/P-4, what it ties up (P-1) and how it is doing (P-5 closes losers).
/// </summary>
/// <param name="Id">The position.</param>
/// <param name="Strategy">The owning strategy.</param>
/// <param name="Structure">The legs it holds now, per unit: after adjustments (buy-backs, rolls, a weekly
/// call sold against a LEAP) the held legs, keeping the entry's kind while they still have its shape,
/// otherwise an <see cref="StructureKind.Adjustment"/> of the held legs (see <c>PortfolioLedger</c>).
/// Closing <c>Structure × Quantity</c> closes exactly what is held. Find legs by right/side/expiry.</param>
/// <param name="Quantity">Units open (a positive number; the legs carry the signs); 0 for a working
/// entry (<see cref="IPortfolioView.WorkingEntries"/>).</param>
/// <param name="Group">Its P-3 group.</param>
/// <param name="OpenedAt">Eastern time of the first fill.</param>
/// <param name="EntryPrice">Net open price per unit of the held structure (negative = credit received):
/// Σ leg ratio × <see cref="LegEntryPrices"/>, LEAN's combo sign.</param>
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
    /// Average open fill price per contract of each held leg, in <see cref="Structure"/>'s leg order (premium
    /// points, positive numbers; the leg's side says paid or received; a leg added by an adjustment has
    /// its own fill price; 0 beyond the structure's legs). Leg-level exits need them (L112-5 naked
    /// puts at 90 % of their own credit, IPMCC-4 weekly call, IPMCC-5 LEAP cost). The portfolio fills
    /// them from fills and the journal, so they survive restarts; <c>default</c> (all zero) means unknown.
    /// </summary>
    public Decisions.LegValues LegEntryPrices { get; init; }
}

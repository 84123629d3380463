using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Portfolio;

/// <summary>The lifecycle of a position in the ledger.</summary>
public enum PositionStatus : byte
{
    /// <summary>Reserved for an entry order; no fill yet (not counted as open).</summary>
    Pending = 0,

    /// <summary>At least one leg is held.</summary>
    Open = 1,

    /// <summary>Every leg is flat again.</summary>
    Closed = 2,
}

/// <summary>One position's books: P&amp;L split into realized (net of fees) and unrealized, USD.</summary>
/// <param name="Id">The position.</param>
/// <param name="Strategy">Owner.</param>
/// <param name="Status">Pending, open or closed.</param>
/// <param name="Units">Units held (0 when pending or closed).</param>
/// <param name="RealizedPnl">Closed-out P&amp;L minus every fee paid, USD.</param>
/// <param name="UnrealizedPnl">Mark value minus cost basis of what is held, USD.</param>
/// <param name="Fees">Fees paid, USD.</param>
/// <param name="MarketValue">Σ mark × multiplier × signed contracts, USD (negative for net short premium).</param>
/// <param name="BuyingPower">Buying power in use, USD.</param>
public readonly record struct PositionSnapshot(
    PositionId Id,
    StrategyId Strategy,
    PositionStatus Status,
    int Units,
    decimal RealizedPnl,
    decimal UnrealizedPnl,
    decimal Fees,
    decimal MarketValue,
    decimal BuyingPower);

/// <summary>A contract held by a position (after adjustments it may differ from the entry structure).</summary>
/// <param name="Contract">The option.</param>
/// <param name="Contracts">Signed contracts held (+ long, − short).</param>
/// <param name="AveragePrice">Average open price per contract, points.</param>
/// <param name="Mark">Latest mark, points.</param>
public readonly record struct HeldLeg(OptionContract Contract, int Contracts, decimal AveragePrice, double Mark);

/// <summary>A position that has closed, kept for reports.</summary>
/// <param name="Id">The position.</param>
/// <param name="Strategy">Owner.</param>
/// <param name="Kind">Its entry structure's kind.</param>
/// <param name="OpenedAt">First fill, Eastern.</param>
/// <param name="ClosedAt">Last fill, Eastern.</param>
/// <param name="RealizedPnl">Total P&amp;L net of fees, USD.</param>
/// <param name="Fees">Fees paid, USD.</param>
public readonly record struct ClosedPosition(PositionId Id, StrategyId Strategy, StructureKind Kind, DateTime OpenedAt, DateTime ClosedAt, decimal RealizedPnl, decimal Fees);

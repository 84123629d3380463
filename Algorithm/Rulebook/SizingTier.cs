namespace TomKing.Algorithm.Rulebook;

/// <summary>One row of a net-liq sizing table (F0-4): from this net liq (inclusive) upward, this many contracts.</summary>
/// <param name="FromNetLiquidation">Lower bound of net liq, inclusive, USD.</param>
/// <param name="Contracts">Contracts at this size.</param>
public sealed record SizingTier(decimal FromNetLiquidation, int Contracts);

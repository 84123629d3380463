namespace TomKing.Algorithm.Risk;

/// <summary>The result of a pre-trade check.</summary>
public enum RiskOutcome : byte
{
    /// <summary>Approved at the requested quantity.</summary>
    Approved = 0,

    /// <summary>Approved at a smaller quantity (F0-4/L112-4 "then capped by P-1..P-7", P-5 halving).</summary>
    Reduced = 1,

    /// <summary>Refused.</summary>
    Denied = 2,
}

namespace TomKing.Algorithm.Rulebook;

/// <summary>The P-1 volatility regime, which sets the buying-power ceiling and (EXTREME) lowers group
/// limits (P-3) and closes strangles (FS-5).</summary>
public enum VixRegime : byte
{
    /// <summary>No valid VIX reading (missing or not a finite positive number): no new entries.</summary>
    Unknown = 0,

    /// <summary>VIX &lt; 13.</summary>
    VeryLow = 1,

    /// <summary>13 ≤ VIX &lt; 18.</summary>
    Low = 2,

    /// <summary>18 ≤ VIX &lt; 25.</summary>
    Normal = 3,

    /// <summary>25 ≤ VIX &lt; 30.</summary>
    High = 4,

    /// <summary>VIX ≥ 30.</summary>
    Extreme = 5,
}

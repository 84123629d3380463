namespace TomKing.Algorithm.Rulebook;

/// <summary>The P-2 account phase by net liq; it gates instruments, strategies, position counts and
/// Greeks limits (P-7).</summary>
public enum AccountPhase : byte
{
    /// <summary>Net liq &lt; 40,000.</summary>
    Phase1 = 1,

    /// <summary>40,000 ≤ net liq &lt; 60,000.</summary>
    Phase2 = 2,

    /// <summary>60,000 ≤ net liq &lt; 100,000.</summary>
    Phase3 = 3,

    /// <summary>Net liq ≥ 100,000.</summary>
    Phase4 = 4,
}

namespace TomKing.Algorithm.Decisions;

/// <summary>The stages a decision's wall-clock cost is split into (RULEBOOK section 3).</summary>
public enum DecisionStage : byte
{
    /// <summary>Reading the market view (prices, chain scans, lazy Greeks).</summary>
    MarketView = 0,

    /// <summary>Strategy logic (rules, strike selection, sizing).</summary>
    Strategy = 1,

    /// <summary>Risk checks (P-1..P-9).</summary>
    Risk = 2,

    /// <summary>Building the combo order.</summary>
    OrderConstruction = 3,
}

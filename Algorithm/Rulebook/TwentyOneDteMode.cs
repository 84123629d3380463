namespace TomKing.Algorithm.Rulebook;

/// <summary>What P-9 does with an LT112 or strangle position at ≤ 21 DTE.</summary>
public enum TwentyOneDteMode : byte
{
    /// <summary>Close it (the default).</summary>
    Close = 0,

    /// <summary>Close it if profitable; otherwise keep it and flag it for the user.</summary>
    CloseIfProfitableElseFlag = 1,
}

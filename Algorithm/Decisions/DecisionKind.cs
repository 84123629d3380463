namespace TomKing.Algorithm.Decisions;

/// <summary>The four kinds of strategy decision the rulebook (section 3) records.</summary>
public enum DecisionKind : byte
{
    /// <summary>An entry was decided (an open intent was produced).</summary>
    Enter = 0,

    /// <summary>An entry was due but did not happen; the reason says which rule stopped it.</summary>
    Skip = 1,

    /// <summary>Part of a position is changed (roll, defence, partial exit).</summary>
    Adjust = 2,

    /// <summary>A position is closed.</summary>
    Exit = 3,
}

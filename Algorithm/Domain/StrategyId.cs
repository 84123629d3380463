namespace TomKing.Algorithm.Domain;

/// <summary>The strategies of the rulebook (section 2). Every position, order and decision carries one.</summary>
public enum StrategyId : byte
{
    /// <summary>Friday 0DTE (F0-1..F0-5).</summary>
    F0 = 0,

    /// <summary>Long-term 1-1-2 (L112-1..L112-5).</summary>
    L112 = 1,

    /// <summary>Futures strangles (FS-1..FS-6).</summary>
    FS = 2,

    /// <summary>Income poor man's covered call (IPMCC-1..IPMCC-5).</summary>
    IPMCC = 3,

    /// <summary>LEAP put ladder (LPL-1..LPL-4).</summary>
    LPL = 4,
}

namespace TomKing.Algorithm.Intents;

/// <summary>What an order intent does to a position.</summary>
public enum IntentKind : byte
{
    /// <summary>Opens a new position (entries: F0-2, L112-1, FS-1, IPMCC-2/3, LPL-1).</summary>
    Open = 0,

    /// <summary>Closes all or part of an existing position (profit targets, stops, time exits, risk exits).</summary>
    Close = 1,

    /// <summary>Changes part of a position: buys back or sells some legs (rolls, FS-5 defence, L112-5 partial exits).</summary>
    Adjust = 2,
}

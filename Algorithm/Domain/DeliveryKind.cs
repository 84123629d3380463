namespace TomKing.Algorithm.Domain;

/// <summary>What an exercised option delivers; it decides assignment risk and how a position is
/// margined after expiry.</summary>
public enum DeliveryKind : byte
{
    /// <summary>Cash difference against the settlement value (index options).</summary>
    Cash = 0,

    /// <summary>Shares of the underlying (equity and ETF options).</summary>
    Shares = 1,

    /// <summary>One futures contract per option (futures options).</summary>
    Future = 2,
}

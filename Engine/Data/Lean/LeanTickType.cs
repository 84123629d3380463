namespace TomKing.Engine.Data.Lean;

/// <summary>What a LEAN file's rows are: trade bars, quote bars (bid and ask OHLC) or open interest.</summary>
public enum LeanTickType
{
    /// <summary><c>time,open,high,low,close,volume</c>.</summary>
    Trade = 0,

    /// <summary><c>time,bidOpen,bidHigh,bidLow,bidClose,bidSize,askOpen,askHigh,askLow,askClose,askSize</c>.</summary>
    Quote = 1,

    /// <summary><c>time,openInterest</c>.</summary>
    OpenInterest = 2,
}

/// <summary>Facts about <see cref="LeanTickType"/>.</summary>
public static class LeanTickTypeFacts
{
    /// <summary>The file and entry-name token (<c>openinterest</c>).</summary>
    public static string FileToken(this LeanTickType tickType) => tickType switch
    {
        LeanTickType.Trade => "trade",
        LeanTickType.Quote => "quote",
        LeanTickType.OpenInterest => "openinterest",
        _ => throw new ArgumentOutOfRangeException(nameof(tickType), tickType, "Unknown tick type."),
    };

    /// <summary>The number of comma-separated fields in one row.</summary>
    public static int FieldCount(this LeanTickType tickType) => tickType switch
    {
        LeanTickType.Trade => 6,
        LeanTickType.Quote => 11,
        LeanTickType.OpenInterest => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(tickType), tickType, "Unknown tick type."),
    };
}

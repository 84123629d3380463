namespace TomKing.Brokerages.Tastytrade.Streaming.DxLink;

/// <summary>The DXLink event types this client parses.</summary>
public enum DxEventType : byte
{
    /// <summary>An event type the client does not parse (its values are skipped).</summary>
    Unknown = 0,

    /// <summary>Best bid and ask.</summary>
    Quote = 1,

    /// <summary>Last trade.</summary>
    Trade = 2,

    /// <summary>Option Greeks and volatility computed by the feed.</summary>
    Greeks = 3,

    /// <summary>Daily summary (open interest, day prices).</summary>
    Summary = 4,

    /// <summary>OHLCV bars (history snapshots and live updates).</summary>
    Candle = 5,
}

/// <summary>Wire names of <see cref="DxEventType"/>.</summary>
public static class DxEventTypes
{
    /// <summary>The wire name ("Quote", "Trade", …).</summary>
    public static string Name(DxEventType type) => type switch
    {
        DxEventType.Quote => "Quote",
        DxEventType.Trade => "Trade",
        DxEventType.Greeks => "Greeks",
        DxEventType.Summary => "Summary",
        DxEventType.Candle => "Candle",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a parsed event type."),
    };

    /// <summary>The event type of a UTF-8 wire name; <see cref="DxEventType.Unknown"/> otherwise.</summary>
    public static DxEventType Parse(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("Quote"u8))
        {
            return DxEventType.Quote;
        }

        if (name.SequenceEqual("Trade"u8))
        {
            return DxEventType.Trade;
        }

        if (name.SequenceEqual("Greeks"u8))
        {
            return DxEventType.Greeks;
        }

        if (name.SequenceEqual("Summary"u8))
        {
            return DxEventType.Summary;
        }

        return name.SequenceEqual("Candle"u8) ? DxEventType.Candle : DxEventType.Unknown;
    }

    /// <summary>The event type of a wire name; <see cref="DxEventType.Unknown"/> otherwise.</summary>
    public static DxEventType Parse(string name) => name switch
    {
        "Quote" => DxEventType.Quote,
        "Trade" => DxEventType.Trade,
        "Greeks" => DxEventType.Greeks,
        "Summary" => DxEventType.Summary,
        "Candle" => DxEventType.Candle,
        _ => DxEventType.Unknown,
    };
}

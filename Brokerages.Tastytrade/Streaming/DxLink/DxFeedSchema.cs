using System.Collections.Frozen;

namespace TomKing.Brokerages.Tastytrade.Streaming.DxLink;

/// <summary>The event fields the parser understands (a COMPACT column is mapped to one of these; any other
/// column is skipped).</summary>
internal enum DxField : byte
{
    Skip = 0,
    EventSymbol,
    EventType,
    EventTime,
    EventFlags,
    Time,
    BidTime,
    AskTime,
    Sequence,
    Index,
    BidPrice,
    AskPrice,
    BidSize,
    AskSize,
    Price,
    Size,
    Change,
    DayVolume,
    Volatility,
    Delta,
    Gamma,
    Theta,
    Rho,
    Vega,
    OpenInterest,
    DayOpenPrice,
    DayHighPrice,
    DayLowPrice,
    DayClosePrice,
    PrevDayClosePrice,
    Open,
    High,
    Low,
    Close,
    Volume,
    Vwap,
    ImpVolatility,
    Count,
}

/// <summary>
/// The COMPACT column order per event type, as negotiated: the client's requested
/// <c>acceptEventFields</c> until the server's <c>FEED_CONFIG.eventFields</c> arrives, which is authoritative.
/// Immutable; a new schema is built per FEED_CONFIG.
/// </summary>
public sealed class DxFeedSchema
{
    private static readonly FrozenDictionary<string, DxField> FieldsByName = new Dictionary<string, DxField>(StringComparer.Ordinal)
    {
        ["eventSymbol"] = DxField.EventSymbol,
        ["eventType"] = DxField.EventType,
        ["eventTime"] = DxField.EventTime,
        ["eventFlags"] = DxField.EventFlags,
        ["time"] = DxField.Time,
        ["bidTime"] = DxField.BidTime,
        ["askTime"] = DxField.AskTime,
        ["sequence"] = DxField.Sequence,
        ["index"] = DxField.Index,
        ["bidPrice"] = DxField.BidPrice,
        ["askPrice"] = DxField.AskPrice,
        ["bidSize"] = DxField.BidSize,
        ["askSize"] = DxField.AskSize,
        ["price"] = DxField.Price,
        ["size"] = DxField.Size,
        ["change"] = DxField.Change,
        ["dayVolume"] = DxField.DayVolume,
        ["volatility"] = DxField.Volatility,
        ["delta"] = DxField.Delta,
        ["gamma"] = DxField.Gamma,
        ["theta"] = DxField.Theta,
        ["rho"] = DxField.Rho,
        ["vega"] = DxField.Vega,
        ["openInterest"] = DxField.OpenInterest,
        ["dayOpenPrice"] = DxField.DayOpenPrice,
        ["dayHighPrice"] = DxField.DayHighPrice,
        ["dayLowPrice"] = DxField.DayLowPrice,
        ["dayClosePrice"] = DxField.DayClosePrice,
        ["prevDayClosePrice"] = DxField.PrevDayClosePrice,
        ["open"] = DxField.Open,
        ["high"] = DxField.High,
        ["low"] = DxField.Low,
        ["close"] = DxField.Close,
        ["volume"] = DxField.Volume,
        ["vwap"] = DxField.Vwap,
        ["VWAP"] = DxField.Vwap,
        ["impVolatility"] = DxField.ImpVolatility,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly DxField[][] _fields;
    private readonly string[][] _names;

    private DxFeedSchema(string[][] names)
    {
        _names = names;
        _fields = Array.ConvertAll(names, n => Array.ConvertAll(n, f => FieldsByName.TryGetValue(f, out var k) ? k : DxField.Skip));
    }

    /// <summary>The fields this client asks for (<c>acceptEventFields</c>), also the schema used until the
    /// server's FEED_CONFIG arrives.</summary>
    public static DxFeedSchema Default { get; } = Create(new Dictionary<DxEventType, string[]>
    {
        [DxEventType.Quote] = ["eventType", "eventSymbol", "bidPrice", "askPrice", "bidSize", "askSize", "bidTime", "askTime"],
        [DxEventType.Trade] = ["eventType", "eventSymbol", "price", "size", "dayVolume", "change", "time"],
        [DxEventType.Greeks] = ["eventType", "eventSymbol", "eventFlags", "time", "price", "volatility", "delta", "gamma", "theta", "rho", "vega"],
        [DxEventType.Summary] = ["eventType", "eventSymbol", "openInterest", "dayOpenPrice", "dayHighPrice", "dayLowPrice", "dayClosePrice", "prevDayClosePrice"],
        [DxEventType.Candle] = ["eventType", "eventFlags", "eventSymbol", "time", "open", "high", "low", "close", "volume", "openInterest", "vwap", "impVolatility"],
    });

    /// <summary>A schema from per-type field name lists (FEED_CONFIG <c>eventFields</c>); types not named keep no
    /// columns (their events are skipped as malformed).</summary>
    public static DxFeedSchema Create(IReadOnlyDictionary<DxEventType, string[]> eventFields)
    {
        ArgumentNullException.ThrowIfNull(eventFields);
        var names = new string[(int)DxEventType.Candle + 1][];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = eventFields.TryGetValue((DxEventType)i, out var f) ? [.. f] : [];
        }

        return new DxFeedSchema(names);
    }

    /// <summary>This schema with some types' field lists replaced (FEED_CONFIG may name only some types).</summary>
    public DxFeedSchema With(IReadOnlyDictionary<DxEventType, string[]> eventFields)
    {
        ArgumentNullException.ThrowIfNull(eventFields);
        var names = (string[][])_names.Clone();
        foreach (var (type, fields) in eventFields)
        {
            if (type != DxEventType.Unknown)
            {
                names[(int)type] = [.. fields];
            }
        }

        return new DxFeedSchema(names);
    }

    /// <summary>The field names of a type, in COMPACT column order.</summary>
    public IReadOnlyList<string> FieldNames(DxEventType type) => _names[(int)type];

    internal ReadOnlySpan<DxField> Fields(DxEventType type) => _fields[(int)type];
}

using System.Runtime.CompilerServices;
using System.Text.Json;

namespace TomKing.Brokerages.Tastytrade.Streaming.DxLink;

/// <summary>What one <see cref="DxCompactParser.Parse{THandler}"/> call found.</summary>
/// <param name="Events">Events delivered to the handler.</param>
/// <param name="UnknownSymbols">Events skipped because their symbol was not registered.</param>
/// <param name="Skipped">Events of types the parser does not read, or incomplete trailing events.</param>
public readonly record struct DxParseResult(int Events, int UnknownSymbols, int Skipped);

/// <summary>
/// Parses DXLink <c>FEED_DATA</c> messages in COMPACT format —
/// <c>{"type":"FEED_DATA","channel":1,"data":["Quote",["SPY",450.1,450.2,100,200,…],"Trade",[…]]}</c> —
/// straight from UTF-8 bytes with <see cref="Utf8JsonReader"/> into structs handed to a handler. No allocation
/// per event: symbols are mapped to ids through <see cref="DxSymbolTable"/> on the raw bytes. Non-finite numbers
/// arrive as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>; <c>null</c> and any other string in
/// a numeric column read as NaN (0 for integer columns).
/// </summary>
public static class DxCompactParser
{
    private const int MaxSymbolBytes = 256;

    /// <summary>Parses one DXLink message; any message whose <c>data</c> is not a COMPACT array yields nothing.</summary>
    /// <exception cref="JsonException">The message is not valid JSON.</exception>
    public static DxParseResult Parse<THandler>(ReadOnlySpan<byte> message, DxFeedSchema schema, DxSymbolTable symbols, ref THandler handler)
        where THandler : IDxFeedHandler, allows ref struct
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(symbols);
        var reader = new Utf8JsonReader(message, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return default;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isData = reader.ValueTextEquals("data"u8);
            reader.Read();
            if (isData && reader.TokenType == JsonTokenType.StartArray)
            {
                return ParseDataArray(ref reader, schema, symbols, ref handler);
            }

            reader.TrySkip();
        }

        return default;
    }

    /// <summary>Parses the value of <c>data</c> alone: <c>["Quote",[…],"Trade",[…]]</c>.</summary>
    public static DxParseResult ParseData<THandler>(ReadOnlySpan<byte> data, DxFeedSchema schema, DxSymbolTable symbols, ref THandler handler)
        where THandler : IDxFeedHandler, allows ref struct
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(symbols);
        var reader = new Utf8JsonReader(data);
        return reader.Read() && reader.TokenType == JsonTokenType.StartArray
            ? ParseDataArray(ref reader, schema, symbols, ref handler)
            : default;
    }

    private static DxParseResult ParseDataArray<THandler>(ref Utf8JsonReader reader, DxFeedSchema schema, DxSymbolTable symbols, ref THandler handler)
        where THandler : IDxFeedHandler, allows ref struct
    {
        int events = 0, unknown = 0, skipped = 0;
        var type = DxEventType.Unknown;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                type = DxEventTypes.Parse(reader.ValueSpan);
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.TrySkip();
                continue;
            }

            var fields = schema.Fields(type);
            if (type == DxEventType.Unknown || fields.Length == 0)
            {
                reader.TrySkip();
                skipped++;
                continue;
            }

            ParseEvents(ref reader, type, fields, symbols, ref handler, ref events, ref unknown, ref skipped);
        }

        return new DxParseResult(events, unknown, skipped);
    }

    private static void ParseEvents<THandler>(ref Utf8JsonReader reader, DxEventType type, ReadOnlySpan<DxField> fields, DxSymbolTable symbols, ref THandler handler, ref int events, ref int unknown, ref int skipped)
        where THandler : IDxFeedHandler, allows ref struct
    {
        var values = default(FieldValues);
        int column = 0;
        int symbolId = -1;
        Reset(ref values);
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (token == JsonTokenType.EndArray)
            {
                if (column != 0)
                {
                    skipped++;
                }

                return;
            }

            var field = fields[column];
            switch (field)
            {
                case DxField.EventSymbol:
                    symbolId = token == JsonTokenType.String ? FindSymbol(ref reader, symbols) : -1;
                    break;
                case DxField.Skip:
                case DxField.EventType:
                    if (token is JsonTokenType.StartArray or JsonTokenType.StartObject)
                    {
                        reader.TrySkip();
                    }

                    break;
                default:
                    values[(int)field] = ReadDouble(ref reader, token);
                    break;
            }

            if (++column == fields.Length)
            {
                column = 0;
                if (symbolId < 0)
                {
                    unknown++;
                }
                else
                {
                    Emit(type, symbolId, ref values, ref handler);
                    events++;
                }

                symbolId = -1;
                Reset(ref values);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reset(ref FieldValues values) => ((Span<double>)values).Fill(double.NaN);

    private static void Emit<THandler>(DxEventType type, int id, ref FieldValues v, ref THandler handler)
        where THandler : IDxFeedHandler, allows ref struct
    {
        switch (type)
        {
            case DxEventType.Quote:
                long bidTime = ToLong(v[(int)DxField.BidTime]);
                long askTime = ToLong(v[(int)DxField.AskTime]);
                long time = Math.Max(Math.Max(bidTime, askTime), ToLong(v[(int)DxField.Time]));
                handler.OnQuote(new DxQuote(id, v[(int)DxField.BidPrice], v[(int)DxField.AskPrice], v[(int)DxField.BidSize], v[(int)DxField.AskSize], ToLong(v[(int)DxField.EventTime]), time));
                break;
            case DxEventType.Trade:
                handler.OnTrade(new DxTrade(id, v[(int)DxField.Price], v[(int)DxField.Size], v[(int)DxField.DayVolume], v[(int)DxField.Change], ToLong(v[(int)DxField.Time])));
                break;
            case DxEventType.Greeks:
                handler.OnGreeks(new DxGreeks(id, v[(int)DxField.Price], v[(int)DxField.Volatility], v[(int)DxField.Delta], v[(int)DxField.Gamma], v[(int)DxField.Theta], v[(int)DxField.Rho], v[(int)DxField.Vega], ToLong(v[(int)DxField.Time]), (int)ToLong(v[(int)DxField.EventFlags])));
                break;
            case DxEventType.Summary:
                handler.OnSummary(new DxSummary(id, v[(int)DxField.OpenInterest], v[(int)DxField.DayOpenPrice], v[(int)DxField.DayHighPrice], v[(int)DxField.DayLowPrice], v[(int)DxField.DayClosePrice], v[(int)DxField.PrevDayClosePrice]));
                break;
            case DxEventType.Candle:
                handler.OnCandle(new DxCandle(id, (int)ToLong(v[(int)DxField.EventFlags]), ToLong(v[(int)DxField.Time]), v[(int)DxField.Open], v[(int)DxField.High], v[(int)DxField.Low], v[(int)DxField.Close], v[(int)DxField.Volume], v[(int)DxField.OpenInterest], v[(int)DxField.Vwap], v[(int)DxField.ImpVolatility]));
                break;
            default:
                break;
        }
    }

    /// <summary>Integer columns (times in ms, flags) travel in doubles here: exact below 2^53, which covers
    /// epoch milliseconds and flags; NaN means absent (0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long ToLong(double value) => double.IsFinite(value) ? (long)value : 0L;

    private static int FindSymbol(ref Utf8JsonReader reader, DxSymbolTable symbols)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return symbols.Find(reader.ValueSpan);
        }

        Span<byte> buffer = stackalloc byte[MaxSymbolBytes];
        int length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxSymbolBytes)
        {
            return -1;
        }

        int written = reader.CopyString(buffer);
        return symbols.Find(buffer[..written]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ReadDouble(ref Utf8JsonReader reader, JsonTokenType token)
    {
        switch (token)
        {
            case JsonTokenType.Number:
                return reader.TryGetDouble(out double d) ? d : double.NaN;
            case JsonTokenType.String:
                var s = reader.ValueSpan;
                if (s.SequenceEqual("Infinity"u8))
                {
                    return double.PositiveInfinity;
                }

                if (s.SequenceEqual("-Infinity"u8))
                {
                    return double.NegativeInfinity;
                }

                return double.NaN;
            case JsonTokenType.True:
                return 1.0;
            case JsonTokenType.False:
                return 0.0;
            case JsonTokenType.StartArray:
            case JsonTokenType.StartObject:
                reader.TrySkip();
                return double.NaN;
            default:
                return double.NaN;
        }
    }

    [InlineArray((int)DxField.Count)]
    private struct FieldValues
    {
        private double _element0;
    }
}

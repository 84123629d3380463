using System.Buffers;
using System.Text.Json;

namespace TomKing.Brokerages.Tastytrade.Streaming.DxLink;

/// <summary>DXLink message types (the <c>type</c> property).</summary>
internal enum DxMessageType
{
    Other = 0,
    Setup,
    AuthState,
    Auth,
    ChannelRequest,
    ChannelOpened,
    ChannelClosed,
    ChannelCancel,
    FeedSetup,
    FeedConfig,
    FeedSubscription,
    FeedData,
    Keepalive,
    Error,
}

/// <summary>The top-level scalar properties of a DXLink message (everything but the payload arrays).</summary>
internal readonly record struct DxHeader(DxMessageType Type, int Channel, string? State, string? Error, string? Message);

/// <summary>Reads and writes DXLink control messages (allocation here is fine: they are rare).</summary>
internal static class DxLinkProtocol
{
    public static DxMessageType ParseType(ReadOnlySpan<byte> type)
    {
        if (type.SequenceEqual("FEED_DATA"u8))
        {
            return DxMessageType.FeedData;
        }

        if (type.SequenceEqual("KEEPALIVE"u8))
        {
            return DxMessageType.Keepalive;
        }

        if (type.SequenceEqual("SETUP"u8))
        {
            return DxMessageType.Setup;
        }

        if (type.SequenceEqual("AUTH_STATE"u8))
        {
            return DxMessageType.AuthState;
        }

        if (type.SequenceEqual("AUTH"u8))
        {
            return DxMessageType.Auth;
        }

        if (type.SequenceEqual("CHANNEL_REQUEST"u8))
        {
            return DxMessageType.ChannelRequest;
        }

        if (type.SequenceEqual("CHANNEL_OPENED"u8))
        {
            return DxMessageType.ChannelOpened;
        }

        if (type.SequenceEqual("CHANNEL_CLOSED"u8))
        {
            return DxMessageType.ChannelClosed;
        }

        if (type.SequenceEqual("CHANNEL_CANCEL"u8))
        {
            return DxMessageType.ChannelCancel;
        }

        if (type.SequenceEqual("FEED_SETUP"u8))
        {
            return DxMessageType.FeedSetup;
        }

        if (type.SequenceEqual("FEED_CONFIG"u8))
        {
            return DxMessageType.FeedConfig;
        }

        if (type.SequenceEqual("FEED_SUBSCRIPTION"u8))
        {
            return DxMessageType.FeedSubscription;
        }

        return type.SequenceEqual("ERROR"u8) ? DxMessageType.Error : DxMessageType.Other;
    }

    /// <summary>Reads the header; only strings of control messages are materialized (FEED_DATA and KEEPALIVE
    /// read without allocating when <c>type</c> comes first, as servers send it).</summary>
    public static DxHeader ReadHeader(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return default;
        }

        var type = DxMessageType.Other;
        int channel = 0;
        string? state = null, error = null, text = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.TokenType == JsonTokenType.String ? ParseType(reader.ValueSpan) : DxMessageType.Other;
                if (type is DxMessageType.FeedData or DxMessageType.Keepalive)
                {
                    // The hot path: the payload parser reads the rest; the channel does not matter for one channel.
                    return new DxHeader(type, channel, null, null, null);
                }

                continue;
            }

            if (reader.ValueTextEquals("channel"u8))
            {
                reader.Read();
                channel = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int c) ? c : 0;
                continue;
            }

            if (reader.ValueTextEquals("state"u8))
            {
                reader.Read();
                state = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                continue;
            }

            if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                continue;
            }

            if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                continue;
            }

            reader.Read();
            reader.TrySkip();
        }

        return new DxHeader(type, channel, state, error, text);
    }

    /// <summary>The <c>eventFields</c> object of a FEED_CONFIG (or a FEED_SETUP's <c>acceptEventFields</c>).</summary>
    public static Dictionary<DxEventType, string[]> ReadEventFields(ReadOnlySpan<byte> message, string property)
    {
        var result = new Dictionary<DxEventType, string[]>();
        var reader = new Utf8JsonReader(message);
        using var doc = JsonDocument.ParseValue(ref reader);
        if (!doc.RootElement.TryGetProperty(property, out var fields) || fields.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var p in fields.EnumerateObject())
        {
            var type = DxEventTypes.Parse(p.Name);
            if (type == DxEventType.Unknown || p.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            result[type] = [.. p.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
        }

        return result;
    }

    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Setup(string version, int keepaliveTimeout) => Write(w =>
    {
        w.WriteString("type", "SETUP");
        w.WriteNumber("channel", 0);
        w.WriteString("version", version);
        w.WriteNumber("keepaliveTimeout", keepaliveTimeout);
        w.WriteNumber("acceptKeepaliveTimeout", keepaliveTimeout);
    });

    public static byte[] Auth(string token) => Write(w =>
    {
        w.WriteString("type", "AUTH");
        w.WriteNumber("channel", 0);
        w.WriteString("token", token);
    });

    public static byte[] ChannelRequest(int channel) => Write(w =>
    {
        w.WriteString("type", "CHANNEL_REQUEST");
        w.WriteNumber("channel", channel);
        w.WriteString("service", "FEED");
        w.WriteStartObject("parameters");
        w.WriteString("contract", "AUTO");
        w.WriteEndObject();
    });

    public static byte[] FeedSetup(int channel, double aggregationPeriod, DxFeedSchema fields) => Write(w =>
    {
        w.WriteString("type", "FEED_SETUP");
        w.WriteNumber("channel", channel);
        w.WriteNumber("acceptAggregationPeriod", aggregationPeriod);
        w.WriteString("acceptDataFormat", "COMPACT");
        w.WriteStartObject("acceptEventFields");
        foreach (var type in (ReadOnlySpan<DxEventType>)[DxEventType.Quote, DxEventType.Trade, DxEventType.Greeks, DxEventType.Summary, DxEventType.Candle])
        {
            var names = fields.FieldNames(type);
            if (names.Count == 0)
            {
                continue;
            }

            w.WriteStartArray(DxEventTypes.Name(type));
            foreach (string n in names)
            {
                w.WriteStringValue(n);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    });

    public static readonly byte[] Keepalive = "{\"type\":\"KEEPALIVE\",\"channel\":0}"u8.ToArray();

    public static byte[] Subscription(int channel, IReadOnlyList<DxSubscription> entries, bool remove, DxSymbolTable symbols) => Write(w =>
    {
        w.WriteString("type", "FEED_SUBSCRIPTION");
        w.WriteNumber("channel", channel);
        w.WriteStartArray(remove ? "remove" : "add");
        foreach (var e in entries)
        {
            w.WriteStartObject();
            w.WriteString("type", DxEventTypes.Name(e.Type));
            w.WriteString("symbol", symbols.NameOf(e.SymbolId));
            if (e.Type == DxEventType.Candle && !remove)
            {
                w.WriteNumber("fromTime", e.FromTime);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    });
}

/// <summary>One subscription: an event type for a registered symbol.</summary>
/// <param name="Type">Event type.</param>
/// <param name="SymbolId">Symbol id.</param>
/// <param name="FromTime">Candles: history start, epoch ms (0 otherwise).</param>
internal readonly record struct DxSubscription(DxEventType Type, int SymbolId, long FromTime);

using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using TomKing.Algorithm.Domain;

namespace TomKing.Brokerages.Tastytrade.Emulator.Streaming;

/// <summary>
/// Server side of one DXLink connection: SETUP echo, AUTH_STATE UNAUTHORIZED → AUTH → AUTHORIZED, BAD_ACTION on
/// even channels, CHANNEL_OPENED, FEED_CONFIG echoing the requested fields (COMPACT), FEED_SUBSCRIPTION
/// add/remove/reset, KEEPALIVE both ways, ERROR TIMEOUT after client silence, FEED_DATA for subscribed Quote
/// and Trade symbols (and Summary symbols when <see cref="StreamingEndpointOptions.Summaries"/> is set) every
/// <see cref="StreamingEndpointOptions.QuoteInterval"/> (NaN as the string "NaN"; event times are the quotes' own
/// times, i.e. the emulator's market clock, not the machine's),
/// token expiry (AUTH_STATE UNAUTHORIZED, data paused until a valid AUTH), and the stream faults.
/// </summary>
internal sealed class DxLinkConnection(StreamingServer server, WebSocket socket) : StreamConnection(server, socket)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _quotes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _trades = new(StringComparer.Ordinal);
    private readonly HashSet<string> _summaries = new(StringComparer.Ordinal);
    private readonly HashSet<(string Type, string Symbol)> _all = [];
    private Dictionary<string, string[]> _fields = new(StringComparer.Ordinal);
    private volatile bool _authorized;
    private int _channel;

    public async Task ExpireTokenAsync()
    {
        _authorized = false;
        await SendAsync(AuthState(false), faultable: false).ConfigureAwait(false);
    }

    protected override async Task RunCoreAsync()
    {
        Server.CountDxSession();
        var buffer = new byte[1 << 20];
        var keepalive = KeepaliveLoopAsync();
        var data = DataLoopAsync();
        try
        {
            while (true)
            {
                byte[]? message;
                try
                {
                    message = await ReceiveAsync(buffer).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    await SendAsync(Error("TIMEOUT", "No keepalive from the client."), faultable: false).ConfigureAwait(false);
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "timeout", CancellationToken.None).ConfigureAwait(false);
                    return;
                }

                if (message is null)
                {
                    return;
                }

                if (!Frozen)
                {
                    await HandleAsync(message).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await Lifetime.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(keepalive, data).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(byte[] message)
    {
        using var doc = JsonDocument.Parse(message);
        var root = doc.RootElement;
        string? type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        int channel = root.TryGetProperty("channel", out var c) && c.TryGetInt32(out int ch) ? ch : 0;
        switch (type)
        {
            case "SETUP":
                await SendAsync(Write(w =>
                {
                    w.WriteString("type", "SETUP");
                    w.WriteNumber("channel", 0);
                    w.WriteString("version", "1.0-TomKing-Emulator");
                    w.WriteNumber("keepaliveTimeout", (int)Server.Options.ClientSilenceTimeout.TotalSeconds);
                    w.WriteNumber("acceptKeepaliveTimeout", (int)Server.Options.ClientSilenceTimeout.TotalSeconds);
                }), faultable: false).ConfigureAwait(false);
                await SendAsync(AuthState(false), faultable: false).ConfigureAwait(false);
                break;
            case "AUTH":
                Server.CountDxAuth();
                string token = root.TryGetProperty("token", out var tk) ? tk.GetString() ?? string.Empty : string.Empty;
                _authorized = Server.Options.ValidateQuoteToken(token);
                await SendAsync(AuthState(_authorized), faultable: false).ConfigureAwait(false);
                break;
            case "KEEPALIVE":
                Server.CountDxKeepalive();
                break;
            case "CHANNEL_REQUEST":
                if (!_authorized)
                {
                    await SendAsync(Error("UNAUTHORIZED", "Authorize first."), faultable: false).ConfigureAwait(false);
                }
                else if (channel <= 0 || channel % 2 == 0)
                {
                    await SendAsync(Error("BAD_ACTION", "Protocol violation with an even channel usage."), faultable: false).ConfigureAwait(false);
                }
                else
                {
                    _channel = channel;
                    await SendAsync(Write(w =>
                    {
                        w.WriteString("type", "CHANNEL_OPENED");
                        w.WriteNumber("channel", channel);
                        w.WriteString("service", "FEED");
                        w.WriteStartObject("parameters");
                        w.WriteString("contract", "AUTO");
                        w.WriteEndObject();
                    }), faultable: false).ConfigureAwait(false);
                }

                break;
            case "FEED_SETUP" when channel == _channel:
                var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
                if (root.TryGetProperty("acceptEventFields", out var accept) && accept.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in accept.EnumerateObject())
                    {
                        fields[p.Name] = [.. p.Value.EnumerateArray().Select(e => e.GetString() ?? string.Empty)];
                    }
                }

                lock (_gate)
                {
                    _fields = fields;
                }

                await SendAsync(Write(w =>
                {
                    w.WriteString("type", "FEED_CONFIG");
                    w.WriteNumber("channel", channel);
                    w.WriteNumber("aggregationPeriod", 0.1);
                    w.WriteString("dataFormat", "COMPACT");
                    w.WriteStartObject("eventFields");
                    foreach (var (name, list) in fields)
                    {
                        w.WriteStartArray(name);
                        foreach (string f in list)
                        {
                            w.WriteStringValue(f);
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndObject();
                }), faultable: false).ConfigureAwait(false);
                break;
            case "FEED_SUBSCRIPTION" when channel == _channel:
                Server.CountDxSubscription();
                lock (_gate)
                {
                    if (root.TryGetProperty("reset", out var reset) && reset.ValueKind == JsonValueKind.True)
                    {
                        _quotes.Clear();
                        _trades.Clear();
                        _summaries.Clear();
                        _all.Clear();
                    }

                    Apply(root, "add", add: true);
                    Apply(root, "remove", add: false);
                    Server.LastDxSubscriptionCount = _all.Count;
                }

                break;
            case "CHANNEL_CANCEL":
                await SendAsync(Write(w =>
                {
                    w.WriteString("type", "CHANNEL_CLOSED");
                    w.WriteNumber("channel", channel);
                }), faultable: false).ConfigureAwait(false);
                break;
            default:
                break;
        }
    }

    private void Apply(JsonElement root, string property, bool add)
    {
        if (!root.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var e in list.EnumerateArray())
        {
            string type = e.TryGetProperty("type", out var t) ? t.GetString() ?? string.Empty : string.Empty;
            string symbol = e.TryGetProperty("symbol", out var s) ? s.GetString() ?? string.Empty : string.Empty;
            var set = type switch { "Quote" => _quotes, "Trade" => _trades, "Summary" => _summaries, _ => null };
            if (add)
            {
                _all.Add((type, symbol));
                set?.Add(symbol);
            }
            else
            {
                _all.Remove((type, symbol));
                set?.Remove(symbol);
            }
        }
    }

    private async Task KeepaliveLoopAsync()
    {
        using var timer = new PeriodicTimer(Server.Options.DxKeepaliveInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(Lifetime.Token).ConfigureAwait(false))
            {
                await SendAsync("{\"type\":\"KEEPALIVE\",\"channel\":0}"u8.ToArray()).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private async Task DataLoopAsync()
    {
        using var timer = new PeriodicTimer(Server.Options.QuoteInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(Lifetime.Token).ConfigureAwait(false))
            {
                if (!_authorized || Frozen)
                {
                    continue;
                }

                byte[]? message = BuildFeedData();
                if (message is not null)
                {
                    await SendAsync(message).ConfigureAwait(false);
                    Server.CountDxFeedData();
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private byte[]? BuildFeedData()
    {
        string[] quotes, trades, summaries;
        string[]? quoteFields, tradeFields, summaryFields;
        lock (_gate)
        {
            quotes = [.. _quotes];
            trades = [.. _trades];
            summaries = Server.Options.Summaries is null ? [] : [.. _summaries];
            _fields.TryGetValue("Quote", out quoteFields);
            _fields.TryGetValue("Trade", out tradeFields);
            _fields.TryGetValue("Summary", out summaryFields);
        }

        if ((quotes.Length == 0 || quoteFields is null) && (trades.Length == 0 || tradeFields is null)
            && (summaries.Length == 0 || summaryFields is null))
        {
            return null;
        }

        long nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        int written = 0;
        var bytes = Write(w =>
        {
            w.WriteString("type", "FEED_DATA");
            w.WriteNumber("channel", _channel);
            w.WriteStartArray("data");
            written += WriteEvents(w, "Quote", quotes, quoteFields, nowMs);
            written += WriteEvents(w, "Trade", trades, tradeFields, nowMs);
            written += WriteSummaries(w, summaries, summaryFields);
            w.WriteEndArray();
        });
        return written > 0 ? bytes : null;
    }

    private int WriteEvents(Utf8JsonWriter w, string type, string[] symbols, string[]? fields, long nowMs)
    {
        if (symbols.Length == 0 || fields is null)
        {
            return 0;
        }

        int n = 0;
        w.WriteStringValue(type);
        w.WriteStartArray();
        foreach (string symbol in symbols)
        {
            if (!Server.Options.Quotes(symbol, out Quote q))
            {
                continue;
            }

            n++;
            long timeMs = q.Time == default ? nowMs : new DateTimeOffset(Greeks.UsEastern.ToUtc(q.Time), TimeSpan.Zero).ToUnixTimeMilliseconds();
            foreach (string f in fields)
            {
                switch (f)
                {
                    case "eventType": w.WriteStringValue(type); break;
                    case "eventSymbol": w.WriteStringValue(symbol); break;
                    case "bidPrice": Number(w, q.Bid); break;
                    case "askPrice": Number(w, q.Ask); break;
                    case "bidSize": Number(w, q.BidSize); break;
                    case "askSize": Number(w, q.AskSize); break;
                    case "price": Number(w, q.IsUsable ? q.Mid : double.NaN); break;
                    case "size": Number(w, double.NaN); break;
                    case "eventTime" or "time" or "bidTime" or "askTime": w.WriteNumberValue(timeMs); break;
                    default: Number(w, double.NaN); break;
                }
            }
        }

        w.WriteEndArray();
        return n;
    }

    private int WriteSummaries(Utf8JsonWriter w, string[] symbols, string[]? fields)
    {
        var source = Server.Options.Summaries;
        if (symbols.Length == 0 || fields is null || source is null)
        {
            return 0;
        }

        int n = 0;
        w.WriteStringValue("Summary");
        w.WriteStartArray();
        foreach (string symbol in symbols)
        {
            if (!source(symbol, out double open, out double previousClose))
            {
                continue;
            }

            n++;
            foreach (string f in fields)
            {
                switch (f)
                {
                    case "eventType": w.WriteStringValue("Summary"); break;
                    case "eventSymbol": w.WriteStringValue(symbol); break;
                    case "dayOpenPrice": Number(w, open); break;
                    case "prevDayClosePrice": Number(w, previousClose); break;
                    default: Number(w, double.NaN); break;
                }
            }
        }

        w.WriteEndArray();
        return n;
    }

    private static void Number(Utf8JsonWriter w, double value)
    {
        if (double.IsNaN(value))
        {
            w.WriteStringValue("NaN");
        }
        else if (double.IsPositiveInfinity(value))
        {
            w.WriteStringValue("Infinity");
        }
        else if (double.IsNegativeInfinity(value))
        {
            w.WriteStringValue("-Infinity");
        }
        else
        {
            w.WriteNumberValue(value);
        }
    }

    private static byte[] AuthState(bool authorized) => Write(w =>
    {
        w.WriteString("type", "AUTH_STATE");
        w.WriteNumber("channel", 0);
        w.WriteString("state", authorized ? "AUTHORIZED" : "UNAUTHORIZED");
        if (authorized)
        {
            w.WriteString("userId", "emulator");
        }
    });

    private static byte[] Error(string error, string message) => Write(w =>
    {
        w.WriteString("type", "ERROR");
        w.WriteNumber("channel", 0);
        w.WriteString("error", error);
        w.WriteString("message", message);
    });

    internal static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

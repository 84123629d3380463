using System.Buffers;
using System.Net.WebSockets;
using System.Globalization;
using System.Text.Json;
using TomKing.Algorithm.Domain;
using TomKing.Brokerages.Tastytrade.Emulator.Market;

namespace TomKing.Brokerages.Tastytrade.Emulator.Streaming;

/// <summary>
/// Server side of one DXLink connection: SETUP echo, AUTH_STATE UNAUTHORIZED → AUTH → AUTHORIZED, BAD_ACTION on
/// even channels, CHANNEL_OPENED, FEED_CONFIG echoing the requested fields (COMPACT), FEED_SUBSCRIPTION
/// add/remove/reset, KEEPALIVE both ways, ERROR TIMEOUT after client silence, FEED_DATA for subscribed Quote
/// and Trade symbols (and Summary, Greeks and Candle symbols when <see cref="StreamingEndpointOptions.Summaries"/>,
/// <see cref="StreamingEndpointOptions.Greeks"/> and <see cref="StreamingEndpointOptions.Candles"/> are set) every
/// <see cref="StreamingEndpointOptions.QuoteInterval"/> (NaN as the string "NaN"; event times are the quotes' own
/// times, i.e. the emulator's market clock, not the machine's),
/// daily candles (<c>SYMBOL{=d}</c>, DXLink's candle symbol syntax) as a snapshot from the subscription's
/// <c>fromTime</c> — newest first, SNAPSHOT_BEGIN on the first event and SNAPSHOT_END on the last, one event flagged
/// BEGIN|END|REMOVE with NaN prices when empty or for a period other than a day — then updates of the last two bars
/// (flags 0) whenever they change (today's bar while the session runs; yesterday's once more at the rollover),
/// token expiry (AUTH_STATE UNAUTHORIZED, data paused until a valid AUTH), and the stream faults.
/// </summary>
internal sealed class DxLinkConnection(StreamingServer server, WebSocket socket) : StreamConnection(server, socket)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _quotes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _trades = new(StringComparer.Ordinal);
    private readonly HashSet<string> _summaries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _greeks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CandleSubscription> _candles = new(StringComparer.Ordinal);
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
                        _greeks.Clear();
                        _candles.Clear();
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
            var set = type switch { "Quote" => _quotes, "Trade" => _trades, "Summary" => _summaries, "Greeks" => _greeks, _ => null };
            if (add)
            {
                _all.Add((type, symbol));
                set?.Add(symbol);
                if (type == "Candle")
                {
                    long from = e.TryGetProperty("fromTime", out var ft) && ft.TryGetInt64(out long f) ? f : 0L;
                    _candles[symbol] = new CandleSubscription(from); // a new add is a new snapshot, as on DXLink
                }
            }
            else
            {
                _all.Remove((type, symbol));
                set?.Remove(symbol);
                if (type == "Candle")
                {
                    _candles.Remove(symbol);
                }
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
        string[] quotes, trades, summaries, greeks;
        KeyValuePair<string, CandleSubscription>[] candles;
        string[]? quoteFields, tradeFields, summaryFields, greeksFields, candleFields;
        lock (_gate)
        {
            quotes = [.. _quotes];
            trades = [.. _trades];
            summaries = Server.Options.Summaries is null ? [] : [.. _summaries];
            greeks = Server.Options.Greeks is null ? [] : [.. _greeks];
            candles = [.. _candles];
            _fields.TryGetValue("Quote", out quoteFields);
            _fields.TryGetValue("Trade", out tradeFields);
            _fields.TryGetValue("Summary", out summaryFields);
            _fields.TryGetValue("Greeks", out greeksFields);
            _fields.TryGetValue("Candle", out candleFields);
        }

        if ((quotes.Length == 0 || quoteFields is null) && (trades.Length == 0 || tradeFields is null)
            && (summaries.Length == 0 || summaryFields is null) && (greeks.Length == 0 || greeksFields is null)
            && (candles.Length == 0 || candleFields is null))
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
            written += WriteGreeks(w, greeks, greeksFields, nowMs);
            written += WriteCandles(w, candles, candleFields, nowMs);
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

    private int WriteGreeks(Utf8JsonWriter w, string[] symbols, string[]? fields, long nowMs)
    {
        var source = Server.Options.Greeks;
        if (symbols.Length == 0 || fields is null || source is null)
        {
            return 0;
        }

        int n = 0;
        foreach (string symbol in symbols)
        {
            if (!source(symbol, out var g))
            {
                continue;
            }

            if (n++ == 0)
            {
                w.WriteStringValue("Greeks");
                w.WriteStartArray();
            }

            long timeMs = g.Time == default ? nowMs : new DateTimeOffset(Greeks.UsEastern.ToUtc(g.Time), TimeSpan.Zero).ToUnixTimeMilliseconds();
            foreach (string f in fields)
            {
                switch (f)
                {
                    case "eventType": w.WriteStringValue("Greeks"); break;
                    case "eventSymbol": w.WriteStringValue(symbol); break;
                    case "eventFlags" or "sequence": w.WriteNumberValue(0); break;
                    case "eventTime" or "time": w.WriteNumberValue(timeMs); break;
                    case "index": w.WriteNumberValue(timeMs << 22); break;
                    case "price": Number(w, g.Price); break;
                    case "volatility": Number(w, g.Volatility); break;
                    case "delta": Number(w, g.Delta); break;
                    case "gamma": Number(w, g.Gamma); break;
                    case "theta": Number(w, g.Theta); break;
                    case "rho": Number(w, g.Rho); break;
                    case "vega": Number(w, g.Vega); break;
                    default: Number(w, double.NaN); break;
                }
            }
        }

        if (n > 0)
        {
            w.WriteEndArray();
        }

        return n;
    }

    private int WriteCandles(Utf8JsonWriter w, KeyValuePair<string, CandleSubscription>[] subscriptions, string[]? fields, long nowMs)
    {
        if (subscriptions.Length == 0 || fields is null)
        {
            return 0;
        }

        int n = 0;
        var bars = new List<EmulatorCandle>();
        foreach (var (symbol, sub) in subscriptions)
        {
            bool daily = TryParseDailyCandleSymbol(symbol, out string baseSymbol);
            var source = Server.Options.Candles;
            if (!sub.SnapshotSent)
            {
                if (!daily || source is null || !source(baseSymbol, sub.FromTime, bars))
                {
                    bars.Clear();
                }

                if (bars.Count == 0)
                {
                    WriteCandle(w, fields, symbol, SnapshotBegin | SnapshotEnd | RemoveEvent, default, nowMs, empty: true, ref n);
                }

                for (int i = bars.Count - 1; i >= 0; i--)
                {
                    int flags = (i == bars.Count - 1 ? SnapshotBegin : 0) | (i == 0 ? SnapshotEnd : 0);
                    WriteCandle(w, fields, symbol, flags, bars[i], nowMs, empty: false, ref n);
                }

                sub.Remember(bars);
                sub.SnapshotSent = true;
                continue;
            }

            if (!daily || source is null || sub.Last.Count == 0)
            {
                continue;
            }

            // updates: every bar from the older of the last two sent that is new or changed (today's while it runs,
            // yesterday's final bar at the rollover, any session the clock skipped over)
            long from = sub.Last.Count > 1 ? sub.Last[^2].TimeMs : sub.Last[^1].TimeMs;
            if (!source(baseSymbol, Math.Max(from, sub.FromTime), bars))
            {
                continue;
            }

            for (int i = 0; i < bars.Count; i++)
            {
                if (!sub.Last.Contains(bars[i]))
                {
                    WriteCandle(w, fields, symbol, 0, bars[i], nowMs, empty: false, ref n);
                }
            }

            sub.Remember(bars);
        }

        if (n > 0)
        {
            w.WriteEndArray();
        }

        return n;
    }

    private static void WriteCandle(Utf8JsonWriter w, string[] fields, string symbol, int flags, in EmulatorCandle bar, long nowMs, bool empty, ref int n)
    {
        if (n++ == 0)
        {
            w.WriteStringValue("Candle");
            w.WriteStartArray();
        }

        long time = empty ? 0L : bar.TimeMs;
        foreach (string f in fields)
        {
            switch (f)
            {
                case "eventType": w.WriteStringValue("Candle"); break;
                case "eventSymbol": w.WriteStringValue(symbol); break;
                case "eventFlags": w.WriteNumberValue(flags); break;
                case "eventTime": w.WriteNumberValue(nowMs); break;
                case "time": w.WriteNumberValue(time); break;
                case "index": w.WriteNumberValue(time << 22); break;
                case "sequence": w.WriteNumberValue(0); break;
                case "count": Number(w, empty ? double.NaN : 1); break;
                case "open": Number(w, empty ? double.NaN : bar.Open); break;
                case "high": Number(w, empty ? double.NaN : bar.High); break;
                case "low": Number(w, empty ? double.NaN : bar.Low); break;
                case "close": Number(w, empty ? double.NaN : bar.Close); break;
                default: Number(w, double.NaN); break; // volume, VWAP, open interest, implied vol: not modelled
            }
        }
    }

    /// <summary>A daily candle symbol: <c>SPY{=d}</c>, <c>SPY{=1d}</c>, <c>/ESZ26:XCME{=d,tho=true}</c> (other attributes
    /// are ignored: the synthetic market has regular hours only).</summary>
    internal static bool TryParseDailyCandleSymbol(string symbol, out string baseSymbol)
    {
        baseSymbol = symbol;
        int brace = symbol.IndexOf('{', StringComparison.Ordinal);
        if (brace <= 0 || !symbol.EndsWith('}'))
        {
            return false;
        }

        baseSymbol = symbol[..brace];
        foreach (string attribute in symbol[(brace + 1)..^1].Split(','))
        {
            if (attribute.StartsWith('='))
            {
                string period = attribute[1..].Trim();
                return period is "d" or "1d" or "D" or "1D";
            }
        }

        return false;
    }

    private const int RemoveEvent = 0x2;
    private const int SnapshotBegin = 0x4;
    private const int SnapshotEnd = 0x8;

    /// <summary>One Candle subscription: its <c>fromTime</c>, whether its snapshot went out, the last two bars sent.</summary>
    private sealed class CandleSubscription(long fromTime)
    {
        public long FromTime { get; } = fromTime;

        public bool SnapshotSent { get; set; }

        public List<EmulatorCandle> Last { get; } = [];

        public void Remember(List<EmulatorCandle> bars)
        {
            Last.Clear();
            for (int i = Math.Max(0, bars.Count - 2); i < bars.Count; i++)
            {
                Last.Add(bars[i]);
            }
        }
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

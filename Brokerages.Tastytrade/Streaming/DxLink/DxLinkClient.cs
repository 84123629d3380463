using System.Buffers;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TomKing.Brokerages.Tastytrade.Streaming;

namespace TomKing.Brokerages.Tastytrade.Streaming.DxLink;

/// <summary>
/// DXLink market-data client over one WebSocket: SETUP → AUTH_STATE → AUTH (quote token) → AUTHORIZED →
/// CHANNEL_REQUEST (odd channel, contract AUTO) → FEED_SETUP (COMPACT, <c>acceptEventFields</c>) → FEED_CONFIG
/// (authoritative column order) → FEED_SUBSCRIPTION in chunks; KEEPALIVE every
/// <see cref="DxLinkOptions.KeepaliveInterval"/>; an inbound-silence watchdog (no message for
/// <see cref="DxLinkOptions.SilenceTimeout"/> ⇒ frozen ⇒ reconnect); reconnect with exponential backoff and a full
/// resubscribe; a new quote token before expiry and after every UNAUTHORIZED.
/// </summary>
/// <remarks>
/// Quotes, trades, Greeks and summaries land in per-symbol <see cref="ConflatingStore{T}"/>s (latest wins,
/// bounded by <see cref="DxLinkOptions.MaxSymbols"/>); consumers drain them at their own pace. Candles go to
/// <see cref="DxLinkOptions.OnCandle"/> when set, else to <see cref="Candles"/>, unconflated. Parsing is allocation-free per event.
/// </remarks>
public sealed class DxLinkClient : IAsyncDisposable
{
    private const int MaxMessageBytes = 64 * 1024 * 1024;

    private readonly DxLinkOptions _options;
    private readonly DxLinkQuoteTokenProvider _tokenProvider;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _subsGate = new();
    private readonly Dictionary<(DxEventType Type, int SymbolId), long> _subscriptions = [];
    private readonly List<(DxSubscription Entry, bool Remove)> _pending = [];
    private readonly SemaphoreSlim _subsSignal = new(0, int.MaxValue);
    private DxLinkQuoteToken? _token;
    private DxFeedSchema _schema;
    private CancellationTokenSource? _runCts;
    private Task? _run;
    private volatile DxLinkState _state;
    private volatile ClientWebSocket? _socket;
    private long _connections;
    private long _watchdogTrips;
    private long _tokenFetches;
    private long _unauthorized;
    private long _keepalivesSent;
    private long _messages;
    private long _events;
    private long _unknownSymbolEvents;
    private long _subscriptionMessages;

    /// <summary>A client; call <see cref="Start"/> to connect.</summary>
    /// <param name="options">Settings.</param>
    /// <param name="tokenProvider">The REST quote-token call.</param>
    /// <param name="logger">Logger (tokens are never logged).</param>
    /// <param name="timeProvider">Clock for token expiry (default: system).</param>
    public DxLinkClient(DxLinkOptions options, DxLinkQuoteTokenProvider tokenProvider, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        options.Validate();
        _options = options;
        _tokenProvider = tokenProvider;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _schema = options.RequestedFields;
        Symbols = new DxSymbolTable(options.MaxSymbols);
        Quotes = new ConflatingStore<DxQuote>(options.MaxSymbols);
        Trades = new ConflatingStore<DxTrade>(options.MaxSymbols);
        Greeks = new ConflatingStore<DxGreeks>(options.MaxSymbols);
        Summaries = new ConflatingStore<DxSummary>(options.MaxSymbols);
        Candles = new DxCandleBuffer(options.MaxQueuedCandles);
    }

    /// <summary>Symbol ids (shared by every store).</summary>
    public DxSymbolTable Symbols { get; }

    /// <summary>Latest quote per symbol.</summary>
    public ConflatingStore<DxQuote> Quotes { get; }

    /// <summary>Latest trade per symbol.</summary>
    public ConflatingStore<DxTrade> Trades { get; }

    /// <summary>Latest Greeks per symbol.</summary>
    public ConflatingStore<DxGreeks> Greeks { get; }

    /// <summary>Latest summary per symbol.</summary>
    public ConflatingStore<DxSummary> Summaries { get; }

    /// <summary>Candles in arrival order (when <see cref="DxLinkOptions.OnCandle"/> is not set).</summary>
    public DxCandleBuffer Candles { get; }

    /// <summary>Connection state.</summary>
    public DxLinkState State => _state;

    /// <summary>Times a connection reached <see cref="DxLinkState.Streaming"/> (the first connect counts).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Connections aborted because nothing arrived within the silence timeout.</summary>
    public long WatchdogTrips => Interlocked.Read(ref _watchdogTrips);

    /// <summary>Quote tokens fetched.</summary>
    public long TokenFetches => Interlocked.Read(ref _tokenFetches);

    /// <summary>UNAUTHORIZED answers after an AUTH was sent (token expired or refused).</summary>
    public long UnauthorizedCount => Interlocked.Read(ref _unauthorized);

    /// <summary>KEEPALIVE messages sent.</summary>
    public long KeepalivesSent => Interlocked.Read(ref _keepalivesSent);

    /// <summary>Messages received.</summary>
    public long MessagesReceived => Interlocked.Read(ref _messages);

    /// <summary>Events parsed into the stores or the candle sink.</summary>
    public long EventsReceived => Interlocked.Read(ref _events);

    /// <summary>Events for symbols that were never registered (skipped).</summary>
    public long UnknownSymbolEvents => Interlocked.Read(ref _unknownSymbolEvents);

    /// <summary>FEED_SUBSCRIPTION messages sent.</summary>
    public long SubscriptionMessagesSent => Interlocked.Read(ref _subscriptionMessages);

    /// <summary>The close status of the last connection the server closed (e.g. 1012 service restart).</summary>
    public WebSocketCloseStatus? LastCloseStatus { get; private set; }

    /// <summary>The column order in force (the server's FEED_CONFIG once received).</summary>
    public DxFeedSchema Schema => Volatile.Read(ref _schema);

    /// <summary>Subscribes a symbol to an event type (idempotent); sent at once when streaming, and again after
    /// every reconnect. Returns the symbol id to read the stores with. A Candle subscription asked again with an earlier
    /// <paramref name="fromTime"/> is sent again with it (the server answers with a new snapshot).</summary>
    /// <param name="type">Event type.</param>
    /// <param name="symbol">Streamer symbol (<c>SPX</c>, <c>.SPXW250718C3500</c>, <c>AAPL{=d}</c>).</param>
    /// <param name="fromTime">Candles: history start, epoch ms.</param>
    public int Subscribe(DxEventType type, string symbol, long fromTime = 0)
    {
        if (type == DxEventType.Unknown)
        {
            throw new ArgumentOutOfRangeException(nameof(type));
        }

        int id = Symbols.Register(symbol, out bool reused);
        if (reused)
        {
            // the id held a symbol released a while ago: its last values must not be read as this symbol's
            Quotes.Clear(id);
            Trades.Clear(id);
            Greeks.Clear(id);
            Summaries.Clear(id);
        }

        lock (_subsGate)
        {
            if (_subscriptions.TryAdd((type, id), fromTime))
            {
                _pending.Add((new DxSubscription(type, id, fromTime), false));
            }
            else if (type == DxEventType.Candle && fromTime < _subscriptions[(type, id)])
            {
                _subscriptions[(type, id)] = fromTime;
                _pending.Add((new DxSubscription(type, id, fromTime), false));
            }
        }

        _subsSignal.Release();
        return id;
    }

    /// <summary>Removes a subscription (no-op when absent).</summary>
    public void Unsubscribe(DxEventType type, string symbol)
    {
        int id = Symbols.Find(symbol);
        if (id < 0)
        {
            return;
        }

        lock (_subsGate)
        {
            if (_subscriptions.Remove((type, id), out long from))
            {
                _pending.Add((new DxSubscription(type, id, from), true));
                bool stillUsed = false;
                foreach (var other in Enum.GetValues<DxEventType>())
                {
                    stillUsed |= _subscriptions.ContainsKey((other, id));
                }

                if (!stillUsed)
                {
                    Symbols.Release(id); // reused only after the table's reuse delay, long after this unsubscription went out
                }
            }
        }

        _subsSignal.Release();
    }

    /// <summary>Subscriptions held (what a reconnect resubscribes).</summary>
    public int SubscriptionCount
    {
        get
        {
            lock (_subsGate)
            {
                return _subscriptions.Count;
            }
        }
    }

    /// <summary>Starts the connect/reconnect loop in the background.</summary>
    public void Start()
    {
        if (_run is not null)
        {
            throw new InvalidOperationException("Already started.");
        }

        _runCts = new CancellationTokenSource();
        _run = Task.Run(() => RunAsync(_runCts.Token));
    }

    /// <summary>Aborts the current connection (as if the network dropped); the client reconnects.</summary>
    public void AbortConnection() => _socket?.Abort();

    /// <summary>Stops the client and closes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_runCts is null)
        {
            return;
        }

        await _runCts.CancelAsync().ConfigureAwait(false);
        _socket?.Abort();
        try
        {
            await _run!.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _runCts.Dispose();
        _runCts = null;
        _state = DxLinkState.Stopped;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        int attempt = 0;
        while (!ct.IsCancellationRequested)
        {
            bool streamed = false;
            try
            {
                _state = DxLinkState.Connecting;
                streamed = await RunSessionAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is WebSocketException or TimeoutException or IOException or InvalidOperationException or OperationCanceledException
                or System.Text.Json.JsonException or HttpRequestException or Api.TastytradeApiException or Http.TastytradeDisconnectedException)
            {
                // a refused or failed quote-token request (a 5xx, a 429, an expired login) is a disconnect like a dropped
                // socket: back off and reconnect; before, it ended the client's loop and market data stopped for good
                StreamingLog.DxConnectionEnded(_logger, ex.Message);
            }

            _state = DxLinkState.Reconnecting;
            attempt = streamed ? 0 : attempt + 1;
            var delay = Backoff(attempt);
            try
            {
                await Task.Delay(delay, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _state = DxLinkState.Stopped;
    }

    private TimeSpan Backoff(int attempt)
    {
        double ms = _options.InitialReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16));
        ms = Math.Min(ms, _options.MaxReconnectDelay.TotalMilliseconds);
#pragma warning disable CA5394 // jitter, not security
        ms *= 0.8 + (0.4 * Random.Shared.NextDouble());
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(ms);
    }

    private async ValueTask<DxLinkQuoteToken> GetTokenAsync(bool force, CancellationToken ct)
    {
        var token = _token;
        if (!force && token is not null && token.ExpiresAt - _options.TokenRefreshMargin > _time.GetUtcNow())
        {
            return token;
        }

        token = await _tokenProvider(ct).ConfigureAwait(false) ?? throw new InvalidOperationException("The quote-token provider returned null.");
        Interlocked.Increment(ref _tokenFetches);
        _token = token;
        return token;
    }

    /// <summary>One connection; returns whether it reached streaming.</summary>
    private async Task<bool> RunSessionAsync(CancellationToken ct)
    {
        var token = await GetTokenAsync(false, ct).ConfigureAwait(false);
        using var ws = new ClientWebSocket();
        ws.Options.KeepAliveInterval = TimeSpan.Zero;
        using var sessionCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using (var connectCts = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            connectCts.CancelAfter(_options.ConnectTimeout);
            await ws.ConnectAsync(token.Url, connectCts.Token).ConfigureAwait(false);
        }

        _socket = ws;
        var session = new Session(ws, sessionCts.Token);
        Task? keepalive = null, pump = null;
        try
        {
            await session.SendAsync(DxLinkProtocol.Setup(_options.Version, _options.KeepaliveTimeoutSeconds)).ConfigureAwait(false);
            keepalive = KeepaliveLoopAsync(session);
            pump = SubscriptionPumpAsync(session);
            return await ReceiveLoopAsync(session, token, ct).ConfigureAwait(false);
        }
        finally
        {
            await sessionCts.CancelAsync().ConfigureAwait(false);
            ws.Abort();
            _socket = null;
            await WhenQuiet(keepalive).ConfigureAwait(false);
            await WhenQuiet(pump).ConfigureAwait(false);
            session.Dispose();
        }
    }

    private static async Task WhenQuiet(Task? task)
    {
        if (task is null)
        {
            return;
        }

        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private async Task KeepaliveLoopAsync(Session session)
    {
        using var timer = new PeriodicTimer(_options.KeepaliveInterval);
        while (await timer.WaitForNextTickAsync(session.Token).ConfigureAwait(false))
        {
            await session.SendAsync(DxLinkProtocol.Keepalive).ConfigureAwait(false);
            Interlocked.Increment(ref _keepalivesSent);
        }
    }

    private async Task SubscriptionPumpAsync(Session session)
    {
        while (!session.Token.IsCancellationRequested)
        {
            await _subsSignal.WaitAsync(session.Token).ConfigureAwait(false);
            if (!session.Streaming)
            {
                continue;
            }

            List<(DxSubscription Entry, bool Remove)> batch;
            lock (_subsGate)
            {
                batch = [.. _pending];
                _pending.Clear();
            }

            await SendChunkedAsync(session, [.. batch.Where(b => !b.Remove).Select(b => b.Entry)], remove: false).ConfigureAwait(false);
            await SendChunkedAsync(session, [.. batch.Where(b => b.Remove).Select(b => b.Entry)], remove: true).ConfigureAwait(false);
        }
    }

    private async Task ResubscribeAllAsync(Session session)
    {
        List<DxSubscription> all;
        lock (_subsGate)
        {
            all = [.. _subscriptions.Select(kv => new DxSubscription(kv.Key.Type, kv.Key.SymbolId, kv.Value))];
            _pending.Clear();
        }

        await SendChunkedAsync(session, all, remove: false).ConfigureAwait(false);
    }

    private async Task SendChunkedAsync(Session session, List<DxSubscription> entries, bool remove)
    {
        int chunk = _options.SubscriptionChunkSize;
        for (int i = 0; i < entries.Count; i += chunk)
        {
            var part = entries.GetRange(i, Math.Min(chunk, entries.Count - i));
            await session.SendAsync(DxLinkProtocol.Subscription(_options.Channel, part, remove, Symbols)).ConfigureAwait(false);
            Interlocked.Increment(ref _subscriptionMessages);
        }
    }

    private async Task<bool> ReceiveLoopAsync(Session session, DxLinkQuoteToken token, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(session.Token);
        long started = _time.GetTimestamp();
        bool authSent = false, authorized = false, channelOpened = false, reachedStreaming = false;
        int authRetries = 0;
        var handler = new StoreHandler(this);
        try
        {
            while (true)
            {
                int count = 0;
                WebSocketReceiveResult? closed = null;
                while (true)
                {
                    if (count == buffer.Length)
                    {
                        if (buffer.Length >= MaxMessageBytes)
                        {
                            throw new InvalidOperationException("DXLink message too large.");
                        }

                        byte[] bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, count).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    silence.CancelAfter(_options.SilenceTimeout);
                    ValueWebSocketReceiveResult r;
                    try
                    {
                        r = await session.Socket.ReceiveAsync(buffer.AsMemory(count), silence.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested && silence.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref _watchdogTrips);
                        StreamingLog.DxSilence(_logger, _options.SilenceTimeout);
                        throw new TimeoutException("DXLink inbound silence.");
                    }

                    if (r.MessageType == WebSocketMessageType.Close)
                    {
                        closed = new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, session.Socket.CloseStatus, session.Socket.CloseStatusDescription);
                        break;
                    }

                    count += r.Count;
                    if (r.EndOfMessage)
                    {
                        break;
                    }
                }

                if (closed is not null)
                {
                    LastCloseStatus = closed.CloseStatus;
                    StreamingLog.DxClosed(_logger, closed.CloseStatus, closed.CloseStatusDescription);
                    return reachedStreaming;
                }

                Interlocked.Increment(ref _messages);
                var message = buffer.AsSpan(0, count);
                var header = DxLinkProtocol.ReadHeader(message);
                switch (header.Type)
                {
                    case DxMessageType.FeedData:
                        var result = DxCompactParser.Parse(message, Schema, Symbols, ref handler);
                        Interlocked.Add(ref _events, result.Events);
                        if (result.UnknownSymbols != 0)
                        {
                            Interlocked.Add(ref _unknownSymbolEvents, result.UnknownSymbols);
                        }

                        break;
                    case DxMessageType.Keepalive:
                    case DxMessageType.Setup:
                        break;
                    case DxMessageType.AuthState when header.State == "AUTHORIZED":
                        authorized = true;
                        _state = session.Streaming ? DxLinkState.Streaming : DxLinkState.Authorized;
                        if (!channelOpened)
                        {
                            await session.SendAsync(DxLinkProtocol.ChannelRequest(_options.Channel)).ConfigureAwait(false);
                        }
                        else if (session.Streaming)
                        {
                            await ResubscribeAllAsync(session).ConfigureAwait(false);
                        }

                        break;
                    case DxMessageType.AuthState:
                        if (authSent)
                        {
                            Interlocked.Increment(ref _unauthorized);
                            if (++authRetries > 3)
                            {
                                throw new InvalidOperationException("DXLink refused the quote token repeatedly.");
                            }

                            StreamingLog.DxUnauthorized(_logger);
                            token = await GetTokenAsync(true, ct).ConfigureAwait(false);
                        }

                        if (authorized)
                        {
                            authorized = false;
                        }

                        await session.SendAsync(DxLinkProtocol.Auth(token.Token)).ConfigureAwait(false);
                        authSent = true;
                        break;
                    case DxMessageType.ChannelOpened when header.Channel == _options.Channel:
                        channelOpened = true;
                        await session.SendAsync(DxLinkProtocol.FeedSetup(_options.Channel, _options.AggregationPeriodSeconds, _options.RequestedFields)).ConfigureAwait(false);
                        break;
                    case DxMessageType.FeedConfig when header.Channel == _options.Channel:
                        var fields = DxLinkProtocol.ReadEventFields(message, "eventFields");
                        if (fields.Count > 0)
                        {
                            Volatile.Write(ref _schema, _options.RequestedFields.With(fields));
                        }

                        if (!session.Streaming)
                        {
                            session.Streaming = true;
                            reachedStreaming = true;
                            authRetries = 0;
                            _state = DxLinkState.Streaming;
                            await ResubscribeAllAsync(session).ConfigureAwait(false);
                            Interlocked.Increment(ref _connections);
                            _subsSignal.Release();
                        }

                        break;
                    case DxMessageType.ChannelClosed when header.Channel == _options.Channel:
                        throw new InvalidOperationException("DXLink closed the feed channel.");
                    case DxMessageType.Error:
                        StreamingLog.DxError(_logger, header.Error, header.Message);
                        if (header.Error == "UNAUTHORIZED" && authSent)
                        {
                            Interlocked.Increment(ref _unauthorized);
                            token = await GetTokenAsync(true, ct).ConfigureAwait(false);
                            await session.SendAsync(DxLinkProtocol.Auth(token.Token)).ConfigureAwait(false);
                        }
                        else if (header.Error == "TIMEOUT")
                        {
                            throw new TimeoutException("DXLink reported a keepalive timeout.");
                        }

                        break;
                    default:
                        break;
                }

                if (!session.Streaming && _time.GetElapsedTime(started) > _options.ConnectTimeout)
                {
                    throw new TimeoutException("DXLink handshake did not complete in time.");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Feeds parsed events into the client's stores.</summary>
    private readonly struct StoreHandler(DxLinkClient client) : IDxFeedHandler
    {
        public void OnQuote(in DxQuote quote) => client.Quotes.Put(quote.SymbolId, quote);

        public void OnTrade(in DxTrade trade) => client.Trades.Put(trade.SymbolId, trade);

        public void OnGreeks(in DxGreeks greeks) => client.Greeks.Put(greeks.SymbolId, greeks);

        public void OnSummary(in DxSummary summary) => client.Summaries.Put(summary.SymbolId, summary);

        public void OnCandle(in DxCandle candle)
        {
            if (client._options.OnCandle is { } sink)
            {
                sink(candle);
            }
            else
            {
                client.Candles.Enqueue(candle);
            }
        }
    }

    /// <summary>One connection: its socket, a send lock (keepalive, pump and handshake share the socket) and token.</summary>
    private sealed class Session(ClientWebSocket socket, CancellationToken token) : IDisposable
    {
        private readonly SemaphoreSlim _send = new(1, 1);

        public ClientWebSocket Socket { get; } = socket;

        public CancellationToken Token { get; } = token;

        public volatile bool Streaming;

        public async Task SendAsync(byte[] message)
        {
            await _send.WaitAsync(Token).ConfigureAwait(false);
            try
            {
                await Socket.SendAsync(message, WebSocketMessageType.Text, true, Token).ConfigureAwait(false);
            }
            finally
            {
                _send.Release();
            }
        }

        public void Dispose() => _send.Dispose();
    }
}

using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Auth;
using TomKing.Brokerages.Tastytrade.Http;

namespace TomKing.Brokerages.Tastytrade.Streaming.Account;

/// <summary>Settings of <see cref="AccountStreamerClient"/>.</summary>
public sealed record AccountStreamerOptions
{
    /// <summary>The account-streamer WebSocket URL.</summary>
    public required Uri Url { get; init; }

    /// <summary>Accounts to subscribe with <c>connect</c>.</summary>
    public required IReadOnlyList<string> AccountNumbers { get; init; }

    /// <summary>Interval of <c>heartbeat</c> actions (the server drops a silent client after about 60 s).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>No inbound message (heartbeat acks included) for this long ⇒ reconnect.</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Bound on connecting and on the <c>connect</c> acknowledgement.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay (doubles per failed attempt).</summary>
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest reconnect delay.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Queue depth above which a warning is logged (events are never dropped).</summary>
    public int QueueWarningDepth { get; init; } = 10_000;
}

/// <summary>
/// Tastytrade account streamer client: <c>connect</c> with the access token and account numbers, <c>heartbeat</c>
/// every <see cref="AccountStreamerOptions.HeartbeatInterval"/>, Order / AccountBalance / CurrentPosition
/// notifications (single or wrapped in <c>results</c>), an inbound-silence watchdog, reconnect with backoff and,
/// after EVERY (re)connect, the reconcile delegate (REST re-read of orders and positions, applied through the
/// same <see cref="OrderTracker"/>, so fills missed during the gap are emitted once and repeats are not).
/// Every action carries the token source's current access token (heartbeats fetch it each time, so a refreshed
/// token is used as soon as it exists). A refused <c>connect</c> or <c>heartbeat</c> invalidates the token that
/// action carried and ends the connection, so the reconnect refreshes first instead of re-sending a token the
/// server has revoked; a failed refresh is a disconnect that retries with backoff, never the end of the client.
/// </summary>
/// <remarks>
/// Delivery: an unbounded channel, monitored (<see cref="QueueDepth"/>, <see cref="MaxQueueDepth"/>, a warning
/// above <see cref="AccountStreamerOptions.QueueWarningDepth"/>). Order and fill events must never be dropped or
/// conflated, and back-pressure would stall the socket reader (and with it heartbeats, ending in a disconnect);
/// order traffic is small, so a consumer that falls behind shows up as depth, not as loss.
/// </remarks>
public sealed class AccountStreamerClient : IAsyncDisposable
{
    private readonly AccountStreamerOptions _options;
    private readonly AccessTokenProvider _tokenProvider;
    private readonly Action<string>? _invalidateToken;
    private readonly AccountReconciler? _reconciler;
    private readonly ILogger _logger;
    private readonly Channel<AccountStreamEvent> _events = Channel.CreateUnbounded<AccountStreamEvent>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    private readonly Lock _trackerGate = new();
    private readonly OrderTracker _tracker = new();
    private CancellationTokenSource? _runCts;
    private Task? _run;
    private volatile ClientWebSocket? _socket;
    private long _depth;
    private long _maxDepth;
    private long _connections;
    private long _reconciles;
    private long _heartbeats;
    private long _requestId;
    private long _refused;

    /// <summary>A client over a token source (the usual wiring: the same <see cref="OAuthTokenSource"/> as the REST
    /// client, so a token the streamer saw refused is refreshed for both); call <see cref="Start"/>.</summary>
    /// <param name="options">Settings.</param>
    /// <param name="tokens">Access tokens: read for every action, invalidated when the server refuses one.</param>
    /// <param name="reconciler">REST re-read after every (re)connect; null to skip (tests).</param>
    /// <param name="logger">Logger (tokens are never logged).</param>
    public AccountStreamerClient(AccountStreamerOptions options, IAccessTokenSource tokens, AccountReconciler? reconciler, ILogger? logger = null)
        : this(options, (tokens ?? throw new ArgumentNullException(nameof(tokens))).GetAccessTokenAsync, reconciler, logger, tokens.Invalidate)
    {
    }

    /// <summary>A client over a token delegate; call <see cref="Start"/>. Without <paramref name="invalidateToken"/>
    /// a token the server refused cannot be marked stale, and a provider that caches it hands it out again until it
    /// expires by its own clock: pass the source's invalidation (or use the <see cref="IAccessTokenSource"/> overload).</summary>
    /// <param name="options">Settings.</param>
    /// <param name="tokenProvider">Access token source (called for every connection and heartbeat).</param>
    /// <param name="reconciler">REST re-read after every (re)connect; null to skip (tests).</param>
    /// <param name="logger">Logger (tokens are never logged).</param>
    /// <param name="invalidateToken">Called with a token the server refused, before reconnecting.</param>
    public AccountStreamerClient(AccountStreamerOptions options, AccessTokenProvider tokenProvider, AccountReconciler? reconciler, ILogger? logger = null, Action<string>? invalidateToken = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        _options = options;
        _tokenProvider = tokenProvider;
        _invalidateToken = invalidateToken;
        _reconciler = reconciler;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Actions the server refused (a refused <c>connect</c> or <c>heartbeat</c> ends the connection).</summary>
    public long RefusedActions => Interlocked.Read(ref _refused);

    /// <summary>Events waiting to be read.</summary>
    public long QueueDepth => Interlocked.Read(ref _depth);

    /// <summary>Highest <see cref="QueueDepth"/> seen.</summary>
    public long MaxQueueDepth => Interlocked.Read(ref _maxDepth);

    /// <summary>Connections acknowledged by the server (1 = first connect).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Reconciles completed.</summary>
    public long Reconciles => Interlocked.Read(ref _reconciles);

    /// <summary>Heartbeats sent.</summary>
    public long HeartbeatsSent => Interlocked.Read(ref _heartbeats);

    /// <summary>Duplicate fills ignored.</summary>
    public long DuplicateFillsIgnored
    {
        get
        {
            lock (_trackerGate)
            {
                return _tracker.DuplicateFillsIgnored;
            }
        }
    }

    /// <summary>Stale or out-of-order statuses ignored.</summary>
    public long StaleStatusesIgnored
    {
        get
        {
            lock (_trackerGate)
            {
                return _tracker.StaleIgnored;
            }
        }
    }

    /// <summary>The next event, if one is waiting.</summary>
    public bool TryRead(out AccountStreamEvent? streamEvent)
    {
        if (_events.Reader.TryRead(out streamEvent))
        {
            Interlocked.Decrement(ref _depth);
            return true;
        }

        return false;
    }

    /// <summary>Waits until an event is available (false once the client is disposed and drained).</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => _events.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Starts connecting in the background.</summary>
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

    /// <summary>Runs an order (e.g. from a REST read) through the tracker, emitting only what is new.</summary>
    public void ApplyOrder(Order order)
    {
        var output = new List<AccountStreamEvent>();
        lock (_trackerGate)
        {
            _tracker.Apply(order, output);
            foreach (var e in output)
            {
                Publish(e);
            }
        }
    }

    /// <summary>Stops the client.</summary>
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
        _events.Writer.TryComplete();
    }

    private void Publish(AccountStreamEvent e)
    {
        long depth = Interlocked.Increment(ref _depth);
        long max;
        while (depth > (max = Interlocked.Read(ref _maxDepth)) && Interlocked.CompareExchange(ref _maxDepth, depth, max) != max)
        {
        }

        if (depth == _options.QueueWarningDepth)
        {
            StreamingLog.AccountQueueDeep(_logger, depth);
        }

        _events.Writer.TryWrite(e);
    }

    private async Task RunAsync(CancellationToken ct)
    {
        int attempt = 0;
        while (!ct.IsCancellationRequested)
        {
            bool connected = false;
            try
            {
                connected = await RunSessionAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is WebSocketException or TimeoutException or IOException or InvalidOperationException or OperationCanceledException or JsonException or HttpRequestException or TastytradeDisconnectedException or Api.TastytradeApiException)
            {
                StreamingLog.AccountConnectionEnded(_logger, ex.Message);
            }

            attempt = connected ? 0 : attempt + 1;
            double ms = Math.Min(_options.InitialReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16)), _options.MaxReconnectDelay.TotalMilliseconds);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(ms), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private byte[] Action(string action, string token, IReadOnlyList<string>? accounts, Dictionary<long, string> sent)
    {
        long id = Interlocked.Increment(ref _requestId);
        lock (sent)
        {
            sent[id] = token;
            if (sent.Count > 256)
            {
                // A server that never echoes request ids must not make this grow without bound.
                foreach (long old in sent.Keys.Where(k => k < id - 128).ToList())
                {
                    sent.Remove(old);
                }
            }
        }
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("action", action);
            if (accounts is not null)
            {
                w.WriteStartArray("value");
                foreach (string a in accounts)
                {
                    w.WriteStringValue(a);
                }

                w.WriteEndArray();
            }

            w.WriteString("auth-token", "Bearer " + token);
            w.WriteNumber("request-id", id);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task<bool> RunSessionAsync(CancellationToken ct)
    {
        string token = await _tokenProvider(ct).ConfigureAwait(false);
        using var ws = new ClientWebSocket();
        ws.Options.KeepAliveInterval = TimeSpan.Zero;
        using var sessionCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using (var connectCts = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            connectCts.CancelAfter(_options.ConnectTimeout);
            await ws.ConnectAsync(_options.Url, connectCts.Token).ConfigureAwait(false);
        }

        _socket = ws;
        using var sendLock = new SemaphoreSlim(1, 1);
        async Task SendAsync(byte[] bytes)
        {
            await sendLock.WaitAsync(sessionCts.Token).ConfigureAwait(false);
            try
            {
                await ws.SendAsync(bytes, WebSocketMessageType.Text, true, sessionCts.Token).ConfigureAwait(false);
            }
            finally
            {
                sendLock.Release();
            }
        }

        Task? heartbeat = null, reconcile = null;
        bool acknowledged = false;
        var sent = new Dictionary<long, string>();
        try
        {
            await SendAsync(Action("connect", token, _options.AccountNumbers, sent)).ConfigureAwait(false);
            heartbeat = HeartbeatLoopAsync(SendAsync, sent, sessionCts.Token);
            byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            using var silence = CancellationTokenSource.CreateLinkedTokenSource(sessionCts.Token);
            long started = Environment.TickCount64;
            try
            {
                while (true)
                {
                    int count = 0;
                    bool closed = false;
                    while (true)
                    {
                        if (count == buffer.Length)
                        {
                            byte[] bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                            buffer.AsSpan(0, count).CopyTo(bigger);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = bigger;
                        }

                        silence.CancelAfter(acknowledged ? _options.SilenceTimeout : _options.ConnectTimeout);
                        ValueWebSocketReceiveResult r;
                        try
                        {
                            r = await ws.ReceiveAsync(buffer.AsMemory(count), silence.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (!ct.IsCancellationRequested && silence.IsCancellationRequested)
                        {
                            StreamingLog.AccountSilence(_logger, _options.SilenceTimeout);
                            throw new TimeoutException("Account streamer inbound silence.");
                        }

                        if (r.MessageType == WebSocketMessageType.Close)
                        {
                            closed = true;
                            break;
                        }

                        count += r.Count;
                        if (r.EndOfMessage)
                        {
                            break;
                        }
                    }

                    if (closed)
                    {
                        StreamingLog.AccountClosed(_logger, ws.CloseStatus, ws.CloseStatusDescription);
                        return acknowledged;
                    }

                    if (heartbeat.IsFaulted)
                    {
                        // The heartbeat could not get a token (a failed refresh): a disconnect, retried.
                        await heartbeat.ConfigureAwait(false);
                    }

                    if (Handle(buffer.AsSpan(0, count), ref acknowledged, sent) && reconcile is null)
                    {
                        long n = Interlocked.Increment(ref _connections);
                        Publish(new ConnectedEvent(n));
                        reconcile = ReconcileAsync(sessionCts.Token);
                    }

                    if (!acknowledged && Environment.TickCount64 - started > _options.ConnectTimeout.TotalMilliseconds)
                    {
                        throw new TimeoutException("The account streamer did not acknowledge connect.");
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        finally
        {
            await sessionCts.CancelAsync().ConfigureAwait(false);
            ws.Abort();
            _socket = null;
            await Quiet(heartbeat).ConfigureAwait(false);
            await Quiet(reconcile).ConfigureAwait(false);
        }
    }

    private static async Task Quiet(Task? task)
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

    private async Task HeartbeatLoopAsync(Func<byte[], Task> send, Dictionary<long, string> sent, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            string token = await _tokenProvider(ct).ConfigureAwait(false);
            await send(Action("heartbeat", token, null, sent)).ConfigureAwait(false);
            Interlocked.Increment(ref _heartbeats);
        }
    }

    private async Task ReconcileAsync(CancellationToken ct)
    {
        if (_reconciler is null)
        {
            Interlocked.Increment(ref _reconciles);
            return;
        }

        try
        {
            var snapshot = await _reconciler(ct).ConfigureAwait(false);
            foreach (var order in snapshot.Orders)
            {
                ApplyOrder(order);
            }

            Publish(new PositionsSnapshotEvent(snapshot.Positions));
            Interlocked.Increment(ref _reconciles);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Unknown is not rejected: orders stay in flight until a later reconcile settles them.
            StreamingLog.ReconcileFailed(_logger, ex.Message);
        }
    }

    /// <summary>Handles one message; returns true when it is the <c>connect</c> acknowledgement.</summary>
    /// <exception cref="InvalidOperationException">The server refused <c>connect</c> or <c>heartbeat</c> (the token
    /// that action carried has been invalidated; the connection ends and is re-established).</exception>
    private bool Handle(ReadOnlySpan<byte> message, ref bool acknowledged, Dictionary<long, string> sent)
    {
        JsonDocument doc;
        try
        {
            var reader = new Utf8JsonReader(message);
            doc = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            StreamingLog.AccountBadMessage(_logger, ex.Message);
            return false;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (root.TryGetProperty("action", out var action) && root.TryGetProperty("status", out var status))
            {
                string? a = action.GetString();
                string? token = null;
                if (root.TryGetProperty("request-id", out var rid) && rid.TryGetInt64(out long requestId))
                {
                    lock (sent)
                    {
                        sent.Remove(requestId, out token);
                    }
                }

                if (status.GetString() != "ok")
                {
                    Interlocked.Increment(ref _refused);
                    StreamingLog.AccountActionRefused(_logger, a, root.TryGetProperty("message", out var m) ? LogRedaction.Text(m.ToString(), null, token) : null);
                    if (a is "connect" or "heartbeat")
                    {
                        // Tastytrade answers a revoked or expired token with a plain "failed": never send it again.
                        InvalidateSent(token, sent);
                        throw new InvalidOperationException($"The account streamer refused {a}; reconnecting with a fresh token.");
                    }

                    return false;
                }

                if (a == "connect" && !acknowledged)
                {
                    acknowledged = true;
                    return true;
                }

                return false;
            }

            if (root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in results.EnumerateArray())
                {
                    HandleNotification(item);
                }
            }
            else
            {
                HandleNotification(root);
            }
        }

        return false;
    }

    /// <summary>Marks the refused token stale; when the refusal named no request, every token this connection sent.</summary>
    private void InvalidateSent(string? token, Dictionary<long, string> sent)
    {
        if (_invalidateToken is null)
        {
            return;
        }

        if (token is not null)
        {
            _invalidateToken(token);
            return;
        }

        string[] all;
        lock (sent)
        {
            all = [.. sent.Values.Distinct(StringComparer.Ordinal)];
        }

        foreach (string t in all)
        {
            _invalidateToken(t);
        }
    }

    private void HandleNotification(JsonElement notification)
    {
        if (notification.ValueKind != JsonValueKind.Object || !notification.TryGetProperty("type", out var typeElement) || !notification.TryGetProperty("data", out var data))
        {
            return;
        }

        try
        {
            switch (typeElement.GetString())
            {
                case "Order":
                    var order = data.Deserialize(TastytradeJsonContext.Default.Order);
                    if (order is not null)
                    {
                        ApplyOrder(order);
                    }

                    break;
                case "AccountBalance":
                    var balance = data.Deserialize(TastytradeJsonContext.Default.AccountBalance);
                    if (balance is not null)
                    {
                        Publish(new BalanceEvent(balance));
                    }

                    break;
                case "CurrentPosition":
                    var position = data.Deserialize(TastytradeJsonContext.Default.Position);
                    if (position is not null)
                    {
                        Publish(new PositionEvent(position));
                    }

                    break;
                default:
                    break; // ComplexOrder, TradingStatus, … : not needed here, and unknown types are not errors.
            }
        }
        catch (JsonException ex)
        {
            StreamingLog.AccountBadMessage(_logger, ex.Message);
        }
    }
}

using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TomKing.Brokerages.Tastytrade.Emulator.Faults;

namespace TomKing.Brokerages.Tastytrade.Emulator.Streaming;

/// <summary>The emulator's streaming endpoints and what they observed (tests read the counters).</summary>
public sealed class StreamingServer
{
    private readonly Lock _gate = new();
    private readonly List<StreamConnection> _open = [];
    private long _dxSessions;
    private long _dxSubscriptionMessages;
    private long _dxKeepalivesReceived;
    private long _dxAuthAttempts;
    private long _dxFeedDataSent;
    private long _accountSessions;
    private long _heartbeatsReceived;
    private long _notificationsSent;

    internal StreamingServer(StreamingEndpointOptions options)
    {
        Options = options;
        options.Faults.StreamFaultRaised += (_, fault) => ApplyToAll(fault);
        options.Faults.TokensExpired += (_, _) => ExpireQuoteTokens();
    }

    /// <summary>The settings.</summary>
    public StreamingEndpointOptions Options { get; }

    /// <summary>DXLink connections accepted.</summary>
    public long DxSessions => Interlocked.Read(ref _dxSessions);

    /// <summary>FEED_SUBSCRIPTION messages received.</summary>
    public long DxSubscriptionMessages => Interlocked.Read(ref _dxSubscriptionMessages);

    /// <summary>KEEPALIVE messages received.</summary>
    public long DxKeepalivesReceived => Interlocked.Read(ref _dxKeepalivesReceived);

    /// <summary>AUTH messages received.</summary>
    public long DxAuthAttempts => Interlocked.Read(ref _dxAuthAttempts);

    /// <summary>FEED_DATA messages sent.</summary>
    public long DxFeedDataSent => Interlocked.Read(ref _dxFeedDataSent);

    /// <summary>Account-streamer connections accepted.</summary>
    public long AccountSessions => Interlocked.Read(ref _accountSessions);

    /// <summary>Heartbeats received.</summary>
    public long HeartbeatsReceived => Interlocked.Read(ref _heartbeatsReceived);

    /// <summary>Notifications sent (duplicates included).</summary>
    public long NotificationsSent => Interlocked.Read(ref _notificationsSent);

    /// <summary>Symbols subscribed (any type) on the most recent DXLink connection.</summary>
    public int LastDxSubscriptionCount { get; internal set; }

    internal void CountDxSession() => Interlocked.Increment(ref _dxSessions);

    internal void CountDxSubscription() => Interlocked.Increment(ref _dxSubscriptionMessages);

    internal void CountDxKeepalive() => Interlocked.Increment(ref _dxKeepalivesReceived);

    internal void CountDxAuth() => Interlocked.Increment(ref _dxAuthAttempts);

    internal void CountDxFeedData() => Interlocked.Increment(ref _dxFeedDataSent);

    internal void CountAccountSession() => Interlocked.Increment(ref _accountSessions);

    internal void CountHeartbeat() => Interlocked.Increment(ref _heartbeatsReceived);

    internal void CountNotification() => Interlocked.Increment(ref _notificationsSent);

    internal void Register(StreamConnection connection)
    {
        lock (_gate)
        {
            _open.Add(connection);
        }
    }

    internal void Unregister(StreamConnection connection)
    {
        lock (_gate)
        {
            _open.Remove(connection);
        }
    }

    private StreamConnection[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _open];
        }
    }

    private void ApplyToAll(StreamFault fault)
    {
        foreach (var c in Snapshot())
        {
            _ = c.ApplyFaultAsync(fault);
        }
    }

    private void ExpireQuoteTokens()
    {
        foreach (var c in Snapshot())
        {
            if (c is DxLinkConnection dx)
            {
                _ = dx.ExpireTokenAsync();
            }
        }
    }
}

/// <summary>Maps the emulator's WebSockets.</summary>
public static class StreamingEndpointExtensions
{
    /// <summary>
    /// Maps the account streamer (<see cref="StreamingEndpointOptions.AccountStreamerPath"/>) and DXLink
    /// (<see cref="StreamingEndpointOptions.DxLinkPath"/>). The app must call <c>app.UseWebSockets()</c> first.
    /// </summary>
    public static StreamingServer MapTastytradeStreaming(this IEndpointRouteBuilder app, StreamingEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        var server = new StreamingServer(options);
        app.Map(options.AccountStreamerPath, async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            using var connection = new AccountStreamerConnection(server, socket);
            await connection.RunAsync(context.RequestAborted).ConfigureAwait(false);
        });
        app.Map(options.DxLinkPath, async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            using var connection = new DxLinkConnection(server, socket);
            await connection.RunAsync(context.RequestAborted).ConfigureAwait(false);
        });
        return server;
    }
}

/// <summary>One server-side socket: serialized sends, faults (drop, freeze, 1012), message reading.</summary>
internal abstract class StreamConnection : IDisposable
{
    private readonly SemaphoreSlim _send = new(1, 1);
    private volatile bool _frozen;

    protected StreamConnection(StreamingServer server, WebSocket socket)
    {
        Server = server;
        Socket = socket;
    }

    protected StreamingServer Server { get; }

    protected WebSocket Socket { get; }

    protected CancellationTokenSource Lifetime { get; } = new();

    public bool Frozen => _frozen;

    public async Task RunAsync(CancellationToken requestAborted)
    {
        using var link = requestAborted.Register(() => Lifetime.Cancel());
        Server.Register(this);
        try
        {
            await RunCoreAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            Server.Unregister(this);
            await Lifetime.CancelAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        Lifetime.Dispose();
        _send.Dispose();
    }

    protected abstract Task RunCoreAsync();

    /// <summary>Sends unless frozen; asks the fault switches first when <paramref name="faultable"/>.</summary>
    protected async Task SendAsync(byte[] message, bool faultable = true)
    {
        if (faultable)
        {
            var fault = Server.Options.Faults.NextStreamFault();
            if (fault != StreamFault.None)
            {
                await ApplyFaultAsync(fault).ConfigureAwait(false);
                return;
            }
        }

        if (_frozen || Socket.State != WebSocketState.Open)
        {
            return;
        }

        await _send.WaitAsync(Lifetime.Token).ConfigureAwait(false);
        try
        {
            await Socket.SendAsync(message, WebSocketMessageType.Text, true, Lifetime.Token).ConfigureAwait(false);
        }
        finally
        {
            _send.Release();
        }
    }

    public async Task ApplyFaultAsync(StreamFault fault)
    {
        try
        {
            switch (fault)
            {
                case StreamFault.Freeze:
                    _frozen = true;
                    break;
                case StreamFault.Drop:
                    _frozen = true;
                    Socket.Abort();
                    await Lifetime.CancelAsync().ConfigureAwait(false);
                    break;
                case StreamFault.Close1012:
                    _frozen = true;
                    using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
                    {
                        // Not concurrently with a data send; then let the client answer the close (bounded).
                        await _send.WaitAsync(timeout.Token).ConfigureAwait(false);
                        try
                        {
                            await Socket.CloseOutputAsync((WebSocketCloseStatus)1012, "Service restart: reconnection is required", timeout.Token).ConfigureAwait(false);
                        }
                        finally
                        {
                            _send.Release();
                        }
                    }

                    Lifetime.CancelAfter(TimeSpan.FromSeconds(2));
                    break;
                default:
                    break;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Reads one text message, or null at close. Throws on <see cref="StreamingEndpointOptions.ClientSilenceTimeout"/>.</summary>
    protected async Task<byte[]?> ReceiveAsync(byte[] buffer)
    {
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(Lifetime.Token);
        silence.CancelAfter(Server.Options.ClientSilenceTimeout);
        int count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                throw new WebSocketException(WebSocketError.Faulted, "Client message too large.");
            }

            ValueWebSocketReceiveResult r;
            try
            {
                r = await Socket.ReceiveAsync(buffer.AsMemory(count), silence.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!Lifetime.IsCancellationRequested)
            {
                throw new TimeoutException("Client silent.");
            }

            if (r.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            count += r.Count;
            if (r.EndOfMessage)
            {
                return buffer.AsSpan(0, count).ToArray();
            }
        }
    }
}

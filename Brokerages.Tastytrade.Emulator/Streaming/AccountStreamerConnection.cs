using System.Net.WebSockets;
using System.Text.Json;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Events;

namespace TomKing.Brokerages.Tastytrade.Emulator.Streaming;

/// <summary>
/// Server side of one account-streamer connection: <c>connect</c> (token and accounts checked, acknowledged with a
/// new <c>web-socket-session-id</c> and the <c>request-id</c>), <c>heartbeat</c> acks, then the order engine's
/// events as <c>{"type","data","timestamp"}</c> notifications for the connected accounts — no replay of earlier
/// events — through the fault switches: duplicates and out-of-order (held back one message), dropped, frozen
/// and 1012-closed sockets. A client silent for <see cref="StreamingEndpointOptions.ClientSilenceTimeout"/> is closed.
/// </summary>
internal sealed class AccountStreamerConnection(StreamingServer server, WebSocket socket) : StreamConnection(server, socket)
{
    private readonly string _sessionId = Guid.NewGuid().ToString("N")[..8];
    private EmulatorEventSubscription? _subscription;
    private Task? _pump;

    protected override async Task RunCoreAsync()
    {
        Server.CountAccountSession();
        var buffer = new byte[1 << 16];
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
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "heartbeat timeout", CancellationToken.None).ConfigureAwait(false);
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
            _subscription?.Dispose();
            if (_pump is not null)
            {
                await _pump.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(byte[] message)
    {
        using var doc = JsonDocument.Parse(message);
        var root = doc.RootElement;
        string action = root.TryGetProperty("action", out var a) ? a.GetString() ?? string.Empty : string.Empty;
        long? requestId = root.TryGetProperty("request-id", out var r) && r.TryGetInt64(out long rid) ? rid : null;
        string auth = root.TryGetProperty("auth-token", out var t) ? t.GetString() ?? string.Empty : string.Empty;
        if (auth.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            auth = auth["Bearer ".Length..];
        }

        if (!Server.Options.ValidateAccessToken(auth))
        {
            await SendAsync(Ack(action, "error", requestId, null, "failed"), faultable: false).ConfigureAwait(false);
            return;
        }

        switch (action)
        {
            case "connect":
                string[] accounts = root.TryGetProperty("value", out var v)
                    ? v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray().Select(e => e.GetString() ?? string.Empty)] : [v.GetString() ?? string.Empty]
                    : [];
                await SendAsync(Ack(action, "ok", requestId, accounts, null), faultable: false).ConfigureAwait(false);
                if (_subscription is null)
                {
                    _subscription = Server.Options.Events.Subscribe(accounts);
                    _pump = PumpAsync(_subscription);
                }

                break;
            case "heartbeat":
                Server.CountHeartbeat();
                await SendAsync(Ack(action, "ok", requestId, null, null), faultable: false).ConfigureAwait(false);
                break;
            default:
                await SendAsync(Ack(action, "ok", requestId, null, null), faultable: false).ConfigureAwait(false);
                break;
        }
    }

    private async Task PumpAsync(EmulatorEventSubscription subscription)
    {
        var shuffler = Server.Options.Faults.CreateNotificationShuffler<byte[]>();
        var reader = subscription.Reader;
        try
        {
            while (!Lifetime.IsCancellationRequested)
            {
                if (!reader.TryRead(out var e))
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(Lifetime.Token);
                    idle.CancelAfter(Server.Options.ShuffleFlushDelay);
                    try
                    {
                        if (!await reader.WaitToReadAsync(idle.Token).ConfigureAwait(false))
                        {
                            return;
                        }
                    }
                    catch (OperationCanceledException) when (!Lifetime.IsCancellationRequested)
                    {
                        if (shuffler.Flush(out byte[] held))
                        {
                            await SendNotificationAsync(held).ConfigureAwait(false);
                        }
                    }

                    continue;
                }

                foreach (byte[] m in shuffler.Next(Serialize(e)))
                {
                    await SendNotificationAsync(m).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private async Task SendNotificationAsync(byte[] message)
    {
        await SendAsync(message).ConfigureAwait(false);
        Server.CountNotification();
    }

    private static byte[] Serialize(EmulatorEvent e) => DxLinkConnection.Write(w =>
    {
        w.WriteString("type", e.NotificationType);
        w.WritePropertyName("data");
        switch (e)
        {
            case OrderChangedEvent o:
                JsonSerializer.Serialize(w, o.Order, TastytradeJsonContext.Default.Order);
                break;
            case BalanceChangedEvent b:
                JsonSerializer.Serialize(w, b.Balance, TastytradeJsonContext.Default.AccountBalance);
                break;
            case PositionChangedEvent p:
                JsonSerializer.Serialize(w, p.Position, TastytradeJsonContext.Default.Position);
                break;
            case ComplexOrderChangedEvent c:
                JsonSerializer.Serialize(w, c.ComplexOrder, TastytradeJsonContext.Default.ComplexOrder);
                break;
            default:
                w.WriteNullValue();
                break;
        }

        w.WriteNumber("timestamp", e.Timestamp.ToUnixTimeMilliseconds());
    });

    private byte[] Ack(string action, string status, long? requestId, string[]? value, string? message) => DxLinkConnection.Write(w =>
    {
        w.WriteString("status", status);
        w.WriteString("action", action);
        w.WriteString("web-socket-session-id", _sessionId);
        if (value is not null)
        {
            w.WriteStartArray("value");
            foreach (string s in value)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
        }

        if (requestId is long id)
        {
            w.WriteNumber("request-id", id);
        }

        if (message is not null)
        {
            w.WriteString("message", message);
        }
    });
}

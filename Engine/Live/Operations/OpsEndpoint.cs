using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TomKing.Engine.Live.Operations;

/// <summary>
/// The operators' HTTP endpoint on the loopback interface: <c>GET /metrics</c> (Prometheus text 0.0.4) and
/// <c>GET /health</c> (JSON; 200 when ok or degraded, 503 when down); 404 for any other path, 405 for any
/// other method on those paths.
/// </summary>
/// <remarks>
/// A minimal HTTP/1.1 server over a <see cref="TcpListener"/> (the engine has no ASP.NET Core reference):
/// one request per connection, answered with <c>Connection: close</c>. It is bounded so that no client can
/// hold resources for long: at most <see cref="MaxConnections"/> connections are served at once (more are
/// closed at once and counted), a request head is at most 8 KiB, and reading the request plus writing the
/// answer must finish within <see cref="RequestTimeout"/>. It runs on thread-pool threads and reads kernel
/// state only through <see cref="LiveMetrics"/> (lock-free for the kernel) and the health delegate, so a
/// slow or hostile client can never block the kernel.
/// </remarks>
public sealed class OpsEndpoint : IAsyncDisposable
{
    /// <summary>Connections served at once; further connections are closed unanswered.</summary>
    public const int MaxConnections = 8;

    /// <summary>The most a request head (request line and headers) may take.</summary>
    public const int MaxRequestHeadBytes = 8 * 1024;

    /// <summary>Time allowed to read one request and write its answer.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly LiveMetrics _metrics;
    private readonly Func<HealthReport> _health;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _slots = new(MaxConnections, MaxConnections);
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly Task _acceptLoop;
    private long _served;
    private long _refused;
    private long _failed;
    private int _disposed;

    private OpsEndpoint(LiveMetrics metrics, Func<HealthReport> health, TcpListener listener)
    {
        _metrics = metrics;
        _health = health;
        _listener = listener;
        var ep = (IPEndPoint)listener.LocalEndpoint;
        string host = ep.Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ep.Address}]" : ep.Address.ToString();
        Address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{ep.Port}/"));
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The endpoint's base address, e.g. <c>http://127.0.0.1:9464/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Requests answered (any status).</summary>
    public long RequestsServed => Interlocked.Read(ref _served);

    /// <summary>Connections closed unanswered because <see cref="MaxConnections"/> were being served.</summary>
    public long ConnectionsRefused => Interlocked.Read(ref _refused);

    /// <summary>Connections that ended in an error or a timeout.</summary>
    public long ConnectionsFailed => Interlocked.Read(ref _failed);

    /// <summary>Starts the endpoint on 127.0.0.1.</summary>
    /// <param name="metrics">The metrics to serve.</param>
    /// <param name="port">TCP port; 0 picks a free one (see <see cref="Address"/>).</param>
    /// <param name="health">Makes the health report (called on an endpoint thread per request; typically
    /// <c>() =&gt; HealthReport.Derive(metrics, metrics.NowUtc)</c>).</param>
    public static OpsEndpoint Start(LiveMetrics metrics, int port, Func<HealthReport> health) =>
        Start(metrics, IPAddress.Loopback, port, health);

    /// <summary>Starts the endpoint on <paramref name="bindAddress"/>: "localhost" or a loopback IP address
    /// ("127.0.0.1", "::1"); anything else is refused with an <see cref="ArgumentException"/>.</summary>
    public static OpsEndpoint Start(LiveMetrics metrics, string bindAddress, int port, Func<HealthReport> health)
    {
        ArgumentNullException.ThrowIfNull(bindAddress);
        IPAddress address = string.Equals(bindAddress, "localhost", StringComparison.OrdinalIgnoreCase)
            ? IPAddress.Loopback
            : IPAddress.TryParse(bindAddress, out var parsed)
                ? parsed
                : throw new ArgumentException($"ops endpoint: '{bindAddress}' is not a loopback address; it binds to 127.0.0.1, ::1 or localhost only.", nameof(bindAddress));
        return Start(metrics, address, port, health);
    }

    /// <summary>Starts the endpoint on <paramref name="address"/>, which must be a loopback address; any
    /// other (0.0.0.0, a LAN address) is refused with an <see cref="ArgumentException"/>: the endpoint has no
    /// authentication and must not be reachable from another machine.</summary>
    public static OpsEndpoint Start(LiveMetrics metrics, IPAddress address, int port, Func<HealthReport> health)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"ops endpoint: refusing to bind to {address}, which is not a loopback address; it binds to 127.0.0.1, ::1 or localhost only.", nameof(address));
        }

        var listener = new TcpListener(address, port);
        listener.Start(backlog: 16);
        return new OpsEndpoint(metrics, health, listener);
    }

    /// <summary>Stops accepting, cancels connections in progress and waits for them (bounded by
    /// <see cref="RequestTimeout"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(_inFlight.Keys).WaitAsync(RequestTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        _slots.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref _failed);
                continue;
            }

            if (!_slots.Wait(0, CancellationToken.None))
            {
                Interlocked.Increment(ref _refused);
                client.Dispose();
                continue;
            }

            var task = ServeAsync(client, ct);
            _inFlight.TryAdd(task, 0);
            _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stop)
    {
        await Task.Yield();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using (client)
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                var (status, contentType, body, extraHeader) = await AnswerAsync(stream, timeout.Token).ConfigureAwait(false);
                var head = new StringBuilder(256);
                head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {Reason(status)}\r\n");
                head.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
                head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
                head.Append("Cache-Control: no-store\r\nConnection: close\r\n");
                if (extraHeader is not null)
                {
                    head.Append(extraHeader).Append("\r\n");
                }

                head.Append("\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), timeout.Token).ConfigureAwait(false);
                await stream.WriteAsync(body, timeout.Token).ConfigureAwait(false);
                await stream.FlushAsync(timeout.Token).ConfigureAwait(false);
                client.Client.Shutdown(SocketShutdown.Send);
                Interlocked.Increment(ref _served);
                await LingerAsync(stream, stop).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // a connection's failure (timeout, reset, anything) ends that connection only
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failed);
        }
        finally
        {
            try
            {
                _slots.Release();
            }
            catch (ObjectDisposedException)
            {
                // disposed while this connection was finishing
            }
        }
    }

    /// <summary>Reads and discards what the client still sends (an unread request body) for up to a second,
    /// so closing the socket does not reset the connection before the client has read the answer.</summary>
    private static async Task LingerAsync(NetworkStream stream, CancellationToken stop)
    {
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(stop);
        linger.CancelAfter(TimeSpan.FromSeconds(1));
        var sink = new byte[4096];
        int total = 0;
        try
        {
            int n;
            while (total < 64 * 1024 && (n = await stream.ReadAsync(sink, linger.Token).ConfigureAwait(false)) > 0)
            {
                total += n;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // the client went away or kept sending: close anyway
        }
    }

    private async Task<(int Status, string ContentType, byte[] Body, string? Header)> AnswerAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[MaxRequestHeadBytes];
        int filled = 0;
        int end;
        while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (filled == buffer.Length)
            {
                return Text(431, "request head too large\n");
            }

            int n = await stream.ReadAsync(buffer.AsMemory(filled), ct).ConfigureAwait(false);
            if (n == 0)
            {
                return Text(400, "incomplete request\n");
            }

            filled += n;
        }

        var line = buffer.AsSpan(0, buffer.AsSpan(0, end + 2).IndexOf("\r\n"u8));
        string requestLine = Encoding.ASCII.GetString(line);
        string[] parts = requestLine.Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return Text(400, "malformed request line\n");
        }

        string method = parts[0];
        string path = parts[1];
        int q = path.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            path = path[..q];
        }

        bool known = path is "/metrics" or "/health";
        if (!known)
        {
            return Text(404, "not found; try /metrics or /health\n");
        }

        if (method != "GET")
        {
            return (405, "text/plain; charset=utf-8", "method not allowed\n"u8.ToArray(), "Allow: GET");
        }

        if (path == "/metrics")
        {
            string text = PrometheusText.Format(_metrics, _metrics.NowUtc);
            return (200, PrometheusText.ContentType, Encoding.UTF8.GetBytes(text), null);
        }

        HealthReport report;
        try
        {
            report = _health();
        }
#pragma warning disable CA1031 // a failing health delegate is itself the health answer: down
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (503, "application/json", FailedHealthJson(e), null);
        }

        return (report.HttpStatusCode, "application/json", report.ToJson(), null);
    }

    private static byte[] FailedHealthJson(Exception e)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("status", "down");
            w.WriteStartArray("reasons");
            w.WriteStringValue($"health check failed: {e.GetType().Name}: {e.Message}");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static (int, string, byte[], string?) Text(int status, string text) =>
        (status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text), null);

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Status",
    };
}

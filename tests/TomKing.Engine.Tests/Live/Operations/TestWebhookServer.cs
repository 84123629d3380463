using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TomKing.Engine.Tests.Live.Operations;

/// <summary>A one-request-per-connection HTTP server on 127.0.0.1 for the webhook tests: records each
/// request and answers with the next scripted status (200 when the script is empty, or never answers when
/// the status is 0).</summary>
internal sealed class TestWebhookServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<int> _script;
    private readonly Task _loop;

    public TestWebhookServer(params int[] statuses)
    {
        _script = new ConcurrentQueue<int>(statuses);
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hooks/tomking");
        _loop = Task.Run(LoopAsync);
    }

    public sealed record Request(string Method, string Path, string? ContentType, string Body);

    public Uri Url { get; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    public SemaphoreSlim Received { get; } = new(0);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        Received.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var s = client.GetStream();
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await s.ReadAsync(one, _stop.Token) == 0)
                {
                    return;
                }

                head.Append((char)one[0]);
            }

            var lines = head.ToString().Split("\r\n");
            var parts = lines[0].Split(' ');
            string? contentType = null;
            int length = 0;
            foreach (var l in lines.Skip(1))
            {
                int colon = l.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    continue;
                }

                string name = l[..colon].Trim();
                string value = l[(colon + 1)..].Trim();
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    contentType = value;
                }
                else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(value, CultureInfo.InvariantCulture);
                }
            }

            var body = new byte[length];
            await s.ReadExactlyAsync(body, _stop.Token);
            Requests.Enqueue(new Request(parts[0], parts[1], contentType, Encoding.UTF8.GetString(body)));
            Received.Release();
            int status = _script.TryDequeue(out int st) ? st : 200;
            if (status == 0)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                return;
            }

            byte[] answer = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            await s.WriteAsync(answer, _stop.Token);
        }
    }
}

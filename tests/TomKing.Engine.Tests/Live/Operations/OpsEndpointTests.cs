using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using TomKing.Engine.Live.Operations;

namespace TomKing.Engine.Tests.Live.Operations;

[CancelAfter(30_000)]
public sealed class OpsEndpointTests
{
    private static readonly DateTime Start = new(2024, 3, 15, 14, 0, 0, DateTimeKind.Utc);

    private static HttpClient Client() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    [Test]
    public async Task Get_Metrics_ServesTheExpositionWithItsContentType()
    {
        var m = new LiveMetrics(null, new ManualTime(Start));
        m.RecordFill();
        m.RecordFill();
        m.RecordFill();
        await using var ep = OpsEndpoint.Start(m, 0, () => HealthReport.Derive(m, m.NowUtc));
        Assert.That(ep.Address.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(ep.Address.Port, Is.GreaterThan(0));

        using var http = Client();
        using var response = await http.GetAsync(new Uri(ep.Address, "metrics"));
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo("text/plain; version=0.0.4; charset=utf-8"));
        Assert.That(PromParser.Parse(body).Value("tomking_fills_total"), Is.EqualTo(3));
    }

    [Test]
    public async Task Get_Health_OkIs200AndDownIs503()
    {
        var m = new LiveMetrics(null, new ManualTime(Start));
        foreach (var link in LiveLinkNames.All)
        {
            m.SetLinkState(link, LinkState.Connected, Start);
        }

        await using var ep = OpsEndpoint.Start(m, 0, () => HealthReport.Derive(m, m.NowUtc));
        using var http = Client();
        using (var ok = await http.GetAsync(new Uri(ep.Address, "health")))
        {
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ok.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
            using var doc = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
            Assert.That(doc.RootElement.GetProperty("status").GetString(), Is.EqualTo("ok"));
        }

        m.SetCircuitBreakers(CircuitBreakerState.Monthly);
        using (var down = await http.GetAsync(new Uri(ep.Address, "health?verbose=1")))
        {
            Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            using var doc = JsonDocument.Parse(await down.Content.ReadAsStringAsync());
            Assert.That(doc.RootElement.GetProperty("status").GetString(), Is.EqualTo("down"));
            Assert.That(doc.RootElement.GetProperty("reasons")[0].GetString(), Does.Contain("monthly"));
        }
    }

    [Test]
    public async Task Get_Health_DegradedIs200()
    {
        var m = new LiveMetrics(null, new ManualTime(Start));
        await using var ep = OpsEndpoint.Start(m, 0, () => HealthReport.Derive(m, Start.AddSeconds(5)));
        using var http = Client();
        using var r = await http.GetAsync(new Uri(ep.Address, "health"));
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(doc.RootElement.GetProperty("status").GetString(), Is.EqualTo("degraded"));
    }

    [Test]
    public async Task Get_Health_ThrowingDelegate_Is503Down()
    {
        var m = new LiveMetrics();
        await using var ep = OpsEndpoint.Start(m, 0, () => throw new InvalidOperationException("boom"));
        using var http = Client();
        using var r = await http.GetAsync(new Uri(ep.Address, "health"));
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("boom"));
    }

    [Test]
    public async Task Request_OtherPathOrMethod_Is404Or405()
    {
        var m = new LiveMetrics();
        await using var ep = OpsEndpoint.Start(m, 0, () => HealthReport.Derive(m, m.NowUtc));
        using var http = Client();
        using var notFound = await http.GetAsync(new Uri(ep.Address, "orders"));
        using var root = await http.GetAsync(ep.Address);
        using var post = await http.PostAsync(new Uri(ep.Address, "metrics"), new StringContent("x"));
        Assert.That(notFound.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(root.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [TestCase("0.0.0.0")]
    [TestCase("::")]
    [TestCase("192.168.1.10")]
    [TestCase("example.com")]
    public void Start_NonLoopbackAddress_IsRefused(string address)
    {
        var m = new LiveMetrics();
        var e = Assert.Throws<ArgumentException>(() => OpsEndpoint.Start(m, address, 0, () => HealthReport.Derive(m, m.NowUtc)));
        Assert.That(e!.Message, Does.Contain("loopback"));
    }

    [Test]
    public void Start_AnyAddress_IsRefused()
    {
        var m = new LiveMetrics();
        Assert.Throws<ArgumentException>(() => OpsEndpoint.Start(m, IPAddress.Any, 0, () => HealthReport.Derive(m, m.NowUtc)));
    }

    [Test]
    public async Task Start_Localhost_BindsToLoopback()
    {
        var m = new LiveMetrics();
        await using var ep = OpsEndpoint.Start(m, "localhost", 0, () => HealthReport.Derive(m, m.NowUtc));
        Assert.That(ep.Address.Host, Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public async Task SilentClients_DoNotBlockOtherRequests_AndTimeOut()
    {
        var m = new LiveMetrics();
        await using var ep = OpsEndpoint.Start(m, 0, () => HealthReport.Derive(m, m.NowUtc));
        var silent = new List<TcpClient>();
        try
        {
            // occupy all but one slot with clients that connect and send nothing
            for (int i = 0; i < OpsEndpoint.MaxConnections - 1; i++)
            {
                var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, ep.Address.Port);
                await c.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET /metr"));
                silent.Add(c);
            }

            await Task.Delay(200);
            using var http = Client();
            var sw = Stopwatch.StartNew();
            using var r = await http.GetAsync(new Uri(ep.Address, "metrics"));
            sw.Stop();
            TestContext.Out.WriteLine($"/metrics with {silent.Count} silent clients: {sw.Elapsed.TotalMilliseconds:0.0} ms");
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(sw.Elapsed, Is.LessThan(OpsEndpoint.RequestTimeout), "answered before the silent clients time out");

            // the silent clients are cut off after the request timeout
            var buffer = new byte[64];
            var read = silent[0].GetStream().ReadAsync(buffer).AsTask();
            var finished = await Task.WhenAny(read, Task.Delay(OpsEndpoint.RequestTimeout + TimeSpan.FromSeconds(5)));
            Assert.That(finished, Is.SameAs(read), "the server closed the silent connection");
            Assert.That(read.Result, Is.EqualTo(0));
            Assert.That(ep.ConnectionsFailed, Is.GreaterThanOrEqualTo(1));
        }
        finally
        {
            foreach (var c in silent)
            {
                c.Dispose();
            }
        }
    }

    [Test]
    public async Task Request_HeadTooLarge_Is431()
    {
        var m = new LiveMetrics();
        await using var ep = OpsEndpoint.Start(m, 0, () => HealthReport.Derive(m, m.NowUtc));
        using var c = new TcpClient();
        await c.ConnectAsync(IPAddress.Loopback, ep.Address.Port);
        var s = c.GetStream();
        string head = "GET /metrics HTTP/1.1\r\nX-Big: ";
        await s.WriteAsync(Encoding.ASCII.GetBytes(head + new string('a', OpsEndpoint.MaxRequestHeadBytes - head.Length)));
        using var reader = new StreamReader(s);
        string? status = await reader.ReadLineAsync();
        Assert.That(status, Is.EqualTo("HTTP/1.1 431 Request Header Fields Too Large"));
    }
}

using System.Diagnostics;
using System.Text.Json;
using TomKing.Engine.Live.Operations;

namespace TomKing.Engine.Tests.Live.Operations;

[CancelAfter(60_000)]
public sealed class AlertSinkTests
{
    private static readonly DateTime At = new(2024, 8, 5, 13, 31, 0, DateTimeKind.Utc);

    private static Alert Sample(string message = "market-data link down for 31 s (now connecting)") =>
        new(AlertKind.LinkDisconnected, AlertSeverity.Critical, "market-data", message, At);

    private static HttpClient Client() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };

    [Test]
    public async Task Webhook_Publish_PostsTheAlertJson()
    {
        await using var server = new TestWebhookServer();
        using var http = Client();
        await using var sink = new WebhookAlertSink(server.Url, client: http);
        var alert = Sample();
        Assert.That(sink.Publish(alert), Is.True);
        Assert.That(await sink.CloseAsync(TimeSpan.FromSeconds(20)), Is.True);

        Assert.That(server.Requests, Has.Count.EqualTo(1));
        server.Requests.TryPeek(out var r);
        Assert.That((r!.Method, r.Path), Is.EqualTo(("POST", "/hooks/tomking")));
        Assert.That(r.ContentType, Does.StartWith("application/json"));
        using var doc = JsonDocument.Parse(r.Body);
        var root = doc.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("kind").GetString(), Is.EqualTo("link-disconnected"));
            Assert.That(root.GetProperty("severity").GetString(), Is.EqualTo("critical"));
            Assert.That(root.GetProperty("subject").GetString(), Is.EqualTo("market-data"));
            Assert.That(root.GetProperty("message").GetString(), Is.EqualTo(alert.Message));
            Assert.That(root.GetProperty("time").GetDateTime(), Is.EqualTo(At));
            Assert.That((sink.Delivered, sink.Failed, sink.Dropped), Is.EqualTo((1L, 0L, 0L)));
        });
    }

    [Test]
    public async Task Webhook_ServerErrorsThenOk_RetriesTwiceAndDelivers()
    {
        await using var server = new TestWebhookServer(500, 503);
        using var http = Client();
        await using var sink = new WebhookAlertSink(server.Url, client: http, retryDelay: TimeSpan.FromMilliseconds(10));
        sink.Publish(Sample());
        await sink.CloseAsync(TimeSpan.FromSeconds(20));
        Assert.That(server.Requests, Has.Count.EqualTo(3));
        Assert.That((sink.Delivered, sink.Failed), Is.EqualTo((1L, 0L)));
    }

    [Test]
    public async Task Webhook_ServerErrorsThreeTimes_FailsAfterTwoRetriesAndLogs()
    {
        await using var server = new TestWebhookServer(500, 500, 500, 500);
        using var http = Client();
        var logText = new StringWriter();
        using var log = new StructuredLog(logText);
        await using var sink = new WebhookAlertSink(server.Url, client: http, retryDelay: TimeSpan.FromMilliseconds(10), log: log);
        sink.Publish(Sample());
        await sink.CloseAsync(TimeSpan.FromSeconds(20));
        Assert.That(server.Requests, Has.Count.EqualTo(3));
        Assert.That((sink.Delivered, sink.Failed), Is.EqualTo((0L, 1L)));
        Assert.That(logText.ToString(), Does.Contain("\"event\":\"alert.failed\"").And.Contain("HTTP 500"));
    }

    [Test]
    public async Task Webhook_ClientError_IsNotRetried()
    {
        await using var server = new TestWebhookServer(400);
        using var http = Client();
        await using var sink = new WebhookAlertSink(server.Url, client: http, retryDelay: TimeSpan.FromMilliseconds(10));
        sink.Publish(Sample());
        await sink.CloseAsync(TimeSpan.FromSeconds(20));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
        Assert.That(sink.Failed, Is.EqualTo(1));
    }

    [Test]
    public async Task Webhook_ServerNeverAnswers_TimesOutPerAttempt()
    {
        await using var server = new TestWebhookServer(0, 0);
        using var http = Client();
        await using var sink = new WebhookAlertSink(server.Url, timeout: TimeSpan.FromMilliseconds(300), retries: 1, client: http,
            retryDelay: TimeSpan.FromMilliseconds(10));
        var sw = Stopwatch.StartNew();
        sink.Publish(Sample());
        await sink.CloseAsync(TimeSpan.FromSeconds(20));
        TestContext.Out.WriteLine($"two timed-out attempts took {sw.Elapsed.TotalMilliseconds:0} ms");
        Assert.That(server.Requests, Has.Count.EqualTo(2));
        Assert.That(sink.Failed, Is.EqualTo(1));
        Assert.That(sw.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task Webhook_QueueFull_PublishDropsWithoutBlocking()
    {
        await using var server = new TestWebhookServer(0, 0, 0, 0, 0, 0);
        using var http = Client();
        await using var sink = new WebhookAlertSink(server.Url, timeout: TimeSpan.FromMilliseconds(200), retries: 0, client: http, capacity: 2);
        var sw = Stopwatch.StartNew();
        int accepted = 0;
        for (int i = 0; i < 6; i++)
        {
            accepted += sink.Publish(Sample()) ? 1 : 0;
        }

        sw.Stop();
        await sink.CloseAsync(TimeSpan.FromSeconds(20));
        TestContext.Out.WriteLine($"6 publishes took {sw.Elapsed.TotalMicroseconds:0} µs; accepted {accepted}");
        Assert.That(accepted, Is.InRange(2, 3), "2 queued, plus 1 if delivery had already taken one");
        Assert.That(sink.Dropped, Is.EqualTo(6 - accepted));
        Assert.That(sink.Failed, Is.EqualTo(accepted));
        Assert.That(sw.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void Webhook_MoreThanTwoRetries_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WebhookAlertSink(new Uri("http://127.0.0.1:1/"), retries: 3));
        Assert.Throws<ArgumentException>(() => new WebhookAlertSink(new Uri("file:///tmp/x")));
    }

    [Test]
    public async Task Command_Publish_RunsTheCommandWithJsonOnStdinAndEnvironment()
    {
        RequireShell();
        string dir = Directory.CreateTempSubdirectory("tomking-alert-").FullName;
        try
        {
            string json = Path.Combine(dir, "alert.json");
            string env = Path.Combine(dir, "env.txt");
            await using var sink = new CommandAlertSink("/bin/sh",
                ["-c", "cat > \"$1\"; printf '%s|%s' \"$TOMKING_ALERT_KIND\" \"$TOMKING_ALERT_MESSAGE\" > \"$2\"", "sh", json, env]);
            var alert = Sample();
            sink.Publish(alert);
            await sink.CloseAsync(TimeSpan.FromSeconds(20));

            Assert.That((sink.Delivered, sink.Failed), Is.EqualTo((1L, 0L)));
            Assert.That(File.ReadAllBytes(json), Is.EqualTo(alert.ToJson()));
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            Assert.That(doc.RootElement.GetProperty("kind").GetString(), Is.EqualTo("link-disconnected"));
            Assert.That(File.ReadAllText(env), Is.EqualTo("link-disconnected|" + alert.Message));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public async Task Command_HostileMessage_IsPassedVerbatimAndNeverRunByAShell()
    {
        RequireShell();
        string dir = Directory.CreateTempSubdirectory("tomking-alert-").FullName;
        try
        {
            string marker = Path.Combine(dir, "pwned");
            string env = Path.Combine(dir, "env.txt");
            string hostile = $"x\"; touch {marker}; echo \"$(touch {marker})`touch {marker}`'";
            await using var sink = new CommandAlertSink("/bin/sh", ["-c", "cat > /dev/null; printf '%s' \"$TOMKING_ALERT_MESSAGE\" > \"$1\"", "sh", env]);
            sink.Publish(Sample(hostile));
            await sink.CloseAsync(TimeSpan.FromSeconds(20));
            Assert.That(sink.Delivered, Is.EqualTo(1));
            Assert.That(File.ReadAllText(env), Is.EqualTo(hostile));
            Assert.That(File.Exists(marker), Is.False);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public async Task Command_NonZeroExit_IsCountedAsFailedWithItsStderr()
    {
        RequireShell();
        var logText = new StringWriter();
        using var log = new StructuredLog(logText);
        await using var sink = new CommandAlertSink("/bin/sh", ["-c", "echo 'no pager configured' >&2; exit 3"], log: log);
        sink.Publish(Sample());
        await sink.CloseAsync(TimeSpan.FromSeconds(20));
        Assert.That((sink.Delivered, sink.Failed), Is.EqualTo((0L, 1L)));
        Assert.That(logText.ToString(), Does.Contain("exit code 3: no pager configured"));
    }

    [Test]
    public async Task Command_RunsTooLong_IsKilledAfterTheTimeout()
    {
        RequireShell();
        await using var sink = new CommandAlertSink("/bin/sh", ["-c", "sleep 30"], timeout: TimeSpan.FromMilliseconds(300));
        var sw = Stopwatch.StartNew();
        sink.Publish(Sample());
        await sink.CloseAsync(TimeSpan.FromSeconds(20));
        TestContext.Out.WriteLine($"killed after {sw.Elapsed.TotalMilliseconds:0} ms");
        Assert.That(sink.Failed, Is.EqualTo(1));
        Assert.That(sw.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task Command_MissingProgram_IsCountedAsFailed()
    {
        await using var sink = new CommandAlertSink("/nonexistent/tomking-alert-hook");
        sink.Publish(Sample());
        await sink.CloseAsync(TimeSpan.FromSeconds(20));
        Assert.That(sink.Failed, Is.EqualTo(1));
    }

    private static void RequireShell()
    {
        if (!File.Exists("/bin/sh"))
        {
            Assert.Ignore("/bin/sh is not present on this machine; the command sink tests need a POSIX shell.");
        }
    }
}

using System.Diagnostics;
using System.Net;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Faults;

namespace TomKing.Brokerages.Tastytrade.Tests.EmulatorTests;

/// <summary>Injected REST faults produce the documented envelopes; the spec parser; the streaming helpers.</summary>
[TestFixture]
public class EmulatorFaultTests
{
    private static string BalancesPath => $"/accounts/{EmulatorSession.Account}/balances";

    [Test]
    public async Task Queued429_HasRetryAfterAndEnvelope_ThenRecovers()
    {
        await using var s = await EmulatorSession.StartAsync();
        s.Host.Faults.Update(f => f with { RetryAfter = TimeSpan.FromSeconds(2) });
        s.Host.Faults.FailNextRequests(429);
        using (var limited = await s.SendAsync(HttpMethod.Get, BalancesPath))
        {
            Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(limited.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
            var error = await EmulatorSession.ReadAsync<ApiErrorEnvelope>(limited);
            Assert.That(error.Error!.Code, Is.EqualTo("rate_limit_exceeded"));
        }

        using var ok = await s.SendAsync(HttpMethod.Get, BalancesPath);
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    public async Task Queued5xx_IsErrorEnvelope(int status)
    {
        await using var s = await EmulatorSession.StartAsync();
        s.Host.Faults.FailNextRequests(status, count: 2);
        for (int i = 0; i < 2; i++)
        {
            using var failed = await s.SendAsync(HttpMethod.Get, BalancesPath);
            Assert.That((int)failed.StatusCode, Is.EqualTo(status));
            Assert.That((await EmulatorSession.ReadAsync<ApiErrorEnvelope>(failed)).Error!.Message, Is.Not.Empty);
        }

        using var ok = await s.SendAsync(HttpMethod.Get, BalancesPath);
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ProbabilityOne429_FailsEveryRequestButTheTokenCall()
    {
        await using var s = await EmulatorSession.StartAsync();
        s.Host.Faults.Update(f => f with { Http429 = 1.0 });
        using (var limited = await s.SendAsync(HttpMethod.Get, BalancesPath))
        {
            Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        }

        Assert.That(await s.NewTokenAsync(), Is.Not.Empty);
        s.Host.Faults.Reset();
        using var ok = await s.SendAsync(HttpMethod.Get, BalancesPath);
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Latency_DelaysResponses()
    {
        await using var s = await EmulatorSession.StartAsync();
        s.Host.Faults.Update(f => f with { Latency = TimeSpan.FromMilliseconds(150) });
        var watch = Stopwatch.StartNew();
        using var response = await s.SendAsync(HttpMethod.Get, BalancesPath);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(140)));
    }

    [Test]
    public void Spec_ParsesEveryName()
    {
        var f = FaultSpec.Parse("latency=50ms, http429=0.1,http5xx=0.05,http5xx-status=502,retry-after=2s,duplicate=0.2,out-of-order=0.3,drop=0.01,freeze=0.02,close1012=0.03,seed=7");
        Assert.That(f.Latency, Is.EqualTo(TimeSpan.FromMilliseconds(50)));
        Assert.That((f.Http429, f.Http5xx, f.Http5xxStatus, f.RetryAfter), Is.EqualTo((0.1, 0.05, 502, TimeSpan.FromSeconds(2))));
        Assert.That((f.DuplicateNotifications, f.OutOfOrderNotifications, f.DropSocket, f.FreezeSocket, f.Close1012, f.Seed), Is.EqualTo((0.2, 0.3, 0.01, 0.02, 0.03, 7UL)));
        Assert.That(FaultSpec.Parse(""), Is.EqualTo(FaultSettings.None));
        Assert.That(FaultSpec.Parse("latency=20").Latency, Is.EqualTo(TimeSpan.FromMilliseconds(20)));
    }

    [TestCase("http429=1.5", "between 0 and 1")]
    [TestCase("latency=fast", "duration")]
    [TestCase("bogus=1", "unknown fault 'bogus'")]
    [TestCase("http429", "expected name=value")]
    [TestCase("http5xx-status=404", "500 to 599")]
    public void Spec_Errors_SayWhatIsWrong(string spec, string message)
    {
        Assert.That(() => FaultSpec.Parse(spec), Throws.TypeOf<FormatException>().With.Message.Contains(message));
    }

    [Test]
    public void Shuffler_DuplicatesAndReorders_AsTold()
    {
        var faults = new FaultInjector(new FaultSettings { DuplicateNotifications = 1.0 });
        var dup = faults.CreateNotificationShuffler<int>();
        Assert.That(dup.Next(1), Is.EqualTo(new[] { 1, 1 }));

        faults.Settings = new FaultSettings { OutOfOrderNotifications = 1.0 };
        var reorder = faults.CreateNotificationShuffler<int>();
        Assert.That(reorder.Next(1), Is.Empty);
        Assert.That(reorder.Next(2), Is.EqualTo(new[] { 2, 1 }));
        Assert.That(reorder.Next(3), Is.Empty);
        Assert.That(reorder.Flush(out int held), Is.True);
        Assert.That(held, Is.EqualTo(3));
        Assert.That(reorder.Flush(out _), Is.False);
    }

    [Test]
    public void StreamFaults_QueuedFirst_ThenProbabilities()
    {
        var faults = new FaultInjector();
        Assert.That(faults.NextStreamFault(), Is.EqualTo(StreamFault.None));
        faults.QueueStreamFault(StreamFault.Close1012);
        Assert.That(faults.NextStreamFault(), Is.EqualTo(StreamFault.Close1012));
        faults.Settings = new FaultSettings { FreezeSocket = 1.0 };
        Assert.That(faults.NextStreamFault(), Is.EqualTo(StreamFault.Freeze));
        StreamFault raised = StreamFault.None;
        faults.StreamFaultRaised += (_, f) => raised = f;
        faults.DropAllStreams();
        Assert.That(raised, Is.EqualTo(StreamFault.Drop));
    }
}

using System.Text.Json;
using TomKing.Algorithm.Rulebook;
using TomKing.Engine.Live.Operations;

namespace TomKing.Engine.Tests.Live.Operations;

public sealed class HealthReportTests
{
    private static readonly DateTime Start = new(2024, 3, 15, 14, 0, 0, DateTimeKind.Utc);

    private static LiveMetrics AllConnected()
    {
        var m = new LiveMetrics(null, new ManualTime(Start));
        foreach (var link in LiveLinkNames.All)
        {
            m.SetLinkState(link, LinkState.Connected, Start.AddSeconds(1));
        }

        return m;
    }

    [Test]
    public void Derive_AllConnected_IsOkWithNoReasons()
    {
        var r = HealthReport.Derive(AllConnected(), Start.AddMinutes(5));
        Assert.That((r.Status, r.Reasons.Count, r.HttpStatusCode), Is.EqualTo((HealthStatus.Ok, 0, 200)));
        Assert.That(r.Uptime, Is.EqualTo(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public void Derive_LinkDisconnected_DegradedUntilTheThresholdThenDown()
    {
        var m = AllConnected();
        m.SetLinkState(LiveLink.AccountStream, LinkState.Disconnected, Start.AddSeconds(100));
        m.SetLinkState(LiveLink.AccountStream, LinkState.Connecting, Start.AddSeconds(101));
        var t = new HealthThresholds { LinkDownAfter = TimeSpan.FromSeconds(30) };
        var early = HealthReport.Derive(m, Start.AddSeconds(130), t);
        var late = HealthReport.Derive(m, Start.AddSeconds(131), t);
        Assert.That(early.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(late.Status, Is.EqualTo(HealthStatus.Down));
        Assert.That(late.HttpStatusCode, Is.EqualTo(503));
        Assert.That(late.Reasons, Has.Count.EqualTo(1));
        Assert.That(late.Reasons[0], Does.StartWith("account-stream connecting, down for 31 s"));
    }

    [Test]
    public void Derive_StaleLinkOrJournalBehind_IsDegraded()
    {
        var m = AllConnected();
        m.SetLinkState(LiveLink.MarketData, LinkState.Stale, Start.AddSeconds(5));
        Assert.That(HealthReport.Derive(m, Start.AddSeconds(10)).Status, Is.EqualTo(HealthStatus.Degraded));

        var j = AllConnected();
        j.SetJournalBehind(TimeSpan.FromSeconds(0.5));
        Assert.That(HealthReport.Derive(j, Start.AddSeconds(10)).Status, Is.EqualTo(HealthStatus.Ok));
        j.SetJournalBehind(TimeSpan.FromSeconds(2));
        var r = HealthReport.Derive(j, Start.AddSeconds(10));
        Assert.That(r.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(r.Reasons, Is.EqualTo(new[] { "journal behind by 2 s" }));
    }

    [Test]
    public void Derive_CircuitBreakerLatched_IsDown()
    {
        var m = AllConnected();
        m.SetCircuitBreakers(CircuitBreakerState.Daily);
        var r = HealthReport.Derive(m, Start.AddSeconds(10));
        Assert.That(r.Status, Is.EqualTo(HealthStatus.Down));
        Assert.That(r.Reasons, Is.EqualTo(new[] { "P-6 daily loss circuit breaker latched; new entries halted" }));
    }

    [Test]
    public void ToJson_Report_HasStatusReasonsLinksPhaseRegimeUptime()
    {
        var m = AllConnected();
        m.SetLinkState(LiveLink.Rest, LinkState.Stale, Start.AddSeconds(3));
        m.SetPhase(AccountPhase.Phase3);
        m.SetRegime(VixRegime.Extreme);
        using var doc = JsonDocument.Parse(HealthReport.Derive(m, Start.AddSeconds(42.5)).ToJson());
        var root = doc.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("degraded"));
            Assert.That(root.GetProperty("reasons").GetArrayLength(), Is.EqualTo(1));
            Assert.That(root.GetProperty("links").GetProperty("rest").GetProperty("state").GetString(), Is.EqualTo("stale"));
            Assert.That(root.GetProperty("links").GetProperty("rest").GetProperty("since").GetDateTime(), Is.EqualTo(Start.AddSeconds(3)));
            Assert.That(root.GetProperty("links").GetProperty("market-data").GetProperty("state").GetString(), Is.EqualTo("connected"));
            Assert.That(root.GetProperty("phase").GetInt32(), Is.EqualTo(3));
            Assert.That(root.GetProperty("regime").GetString(), Is.EqualTo("Extreme"));
            Assert.That(root.GetProperty("uptimeSeconds").GetDouble(), Is.EqualTo(42.5));
        });
    }
}

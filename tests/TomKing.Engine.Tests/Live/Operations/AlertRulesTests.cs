using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Rulebook;
using TomKing.Engine.Live.Operations;

namespace TomKing.Engine.Tests.Live.Operations;

public sealed class AlertRulesTests
{
    private static readonly DateTime T0 = new(2024, 8, 5, 13, 30, 0, DateTimeKind.Utc);

    private static DateTime S(double seconds) => T0.AddSeconds(seconds);

    private static (LiveMetrics M, AlertRules Rules, RecordingSink Sink) Setup(AlertSettings? settings = null)
    {
        var m = new LiveMetrics(null, new ManualTime(T0));
        foreach (var link in LiveLinkNames.All)
        {
            m.SetLinkState(link, LinkState.Connected, T0);
        }

        var sink = new RecordingSink();
        return (m, new AlertRules(settings, [sink]), sink);
    }

    private static string Kinds(IReadOnlyList<Alert> alerts) => string.Join(",", alerts.Select(a => a.KindName + ":" + a.Subject));

    [Test]
    public void LinkDown_FiresOnceAfterTheThresholdThenRecovered()
    {
        var (m, rules, sink) = Setup(new AlertSettings { LinkDownAfter = TimeSpan.FromSeconds(30) });
        Assert.That(rules.Evaluate(m, S(1)), Is.Empty);

        m.SetLinkState(LiveLink.MarketData, LinkState.Disconnected, S(10));
        Assert.That(rules.Evaluate(m, S(11)), Is.Empty);
        m.SetLinkState(LiveLink.MarketData, LinkState.Connecting, S(12));
        m.SetLinkState(LiveLink.MarketData, LinkState.Disconnected, S(20));
        m.SetLinkState(LiveLink.MarketData, LinkState.Connecting, S(25));
        Assert.That(rules.Evaluate(m, S(40)), Is.Empty, "30 s down is not longer than 30 s");

        var fired = rules.Evaluate(m, S(41));
        Assert.That(Kinds(fired), Is.EqualTo("link-disconnected:market-data"));
        Assert.That(fired[0].Severity, Is.EqualTo(AlertSeverity.Critical));
        Assert.That(fired[0].Message, Is.EqualTo("market-data link down for 31 s (now connecting)"));
        Assert.That(fired[0].TimeUtc, Is.EqualTo(S(41)));

        for (int t = 42; t < 100; t++)
        {
            Assert.That(rules.Evaluate(m, S(t)), Is.Empty, $"no repeat at {t} s");
        }

        m.SetLinkState(LiveLink.MarketData, LinkState.Connected, S(100));
        var recovered = rules.Evaluate(m, S(101));
        Assert.That(Kinds(recovered), Is.EqualTo("link-recovered:market-data"));
        Assert.That(recovered[0].Message, Is.EqualTo("market-data link recovered after 90 s down"));
        Assert.That(rules.Evaluate(m, S(102)), Is.Empty);
        Assert.That(sink.Alerts, Has.Count.EqualTo(2));
    }

    [Test]
    public void LinkDown_ShortOutage_FiresNothing()
    {
        var (m, rules, sink) = Setup();
        m.SetLinkState(LiveLink.Rest, LinkState.Disconnected, S(10));
        rules.Evaluate(m, S(20));
        m.SetLinkState(LiveLink.Rest, LinkState.Connected, S(25));
        rules.Evaluate(m, S(26));
        rules.Evaluate(m, S(100));
        Assert.That(sink.Alerts, Is.Empty);
    }

    [Test]
    public void LinkDown_RecoversAndDropsAgainBetweenEvaluations_RecoveredThenANewOutage()
    {
        var (m, rules, _) = Setup();
        m.SetLinkState(LiveLink.AccountStream, LinkState.Disconnected, S(0));
        Assert.That(Kinds(rules.Evaluate(m, S(31))), Is.EqualTo("link-disconnected:account-stream"));
        m.SetLinkState(LiveLink.AccountStream, LinkState.Connected, S(40));
        m.SetLinkState(LiveLink.AccountStream, LinkState.Disconnected, S(40.5));
        Assert.That(Kinds(rules.Evaluate(m, S(41))), Is.EqualTo("link-recovered:account-stream"));
        Assert.That(rules.Evaluate(m, S(70)), Is.Empty);
        Assert.That(Kinds(rules.Evaluate(m, S(71))), Is.EqualTo("link-disconnected:account-stream"));
    }

    [Test]
    public void LinkNeverConnected_FiresAfterTheThresholdFromStart()
    {
        var m = new LiveMetrics(null, new ManualTime(T0));
        var rules = new AlertRules(null, []);
        var fired = rules.Evaluate(m, S(31));
        Assert.That(Kinds(fired), Is.EqualTo("link-disconnected:rest,link-disconnected:market-data,link-disconnected:account-stream"));
    }

    [Test]
    public void OrderRejected_FiresPerRejectionWithAQuietPeriodThatSumsTheRest()
    {
        var (m, rules, _) = Setup(new AlertSettings { RejectQuietPeriod = TimeSpan.FromSeconds(30) });
        Assert.That(rules.Evaluate(m, S(1)), Is.Empty);
        m.RecordOrderTransition(OrderState.Submitted, OrderState.Rejected, "C1 F0 IronCondor: margin");
        var first = rules.Evaluate(m, S(2));
        Assert.That(Kinds(first), Is.EqualTo("order-rejected:orders"));
        Assert.That(first[0].Message, Is.EqualTo("order rejected: C1 F0 IronCondor: margin"));
        Assert.That(rules.Evaluate(m, S(3)), Is.Empty, "the same rejection does not fire twice");

        m.RecordOrderTransition(OrderState.Submitted, OrderState.Rejected, "C2 L112: price");
        m.RecordOrderTransition(OrderState.Submitted, OrderState.Rejected, "C3 L112: price");
        Assert.That(rules.Evaluate(m, S(10)), Is.Empty, "inside the quiet period");
        m.RecordOrderTransition(OrderState.Submitted, OrderState.Rejected, "C4 FS: closed market");
        var summed = rules.Evaluate(m, S(32));
        Assert.That(Kinds(summed), Is.EqualTo("order-rejected:orders"));
        Assert.That(summed[0].Message, Is.EqualTo("3 orders rejected; last: C4 FS: closed market"));
        Assert.That(rules.Evaluate(m, S(100)), Is.Empty);
    }

    [Test]
    public void OrderRejected_NoQuietPeriod_FiresAtEachEvaluationWithNewRejections()
    {
        var (m, rules, _) = Setup(new AlertSettings { RejectQuietPeriod = TimeSpan.Zero });
        m.RecordOrderTransition(OrderState.Submitted, OrderState.Rejected, "C1");
        Assert.That(rules.Evaluate(m, S(1)), Has.Count.EqualTo(1));
        m.RecordOrderTransition(OrderState.Submitted, OrderState.Rejected, "C2");
        Assert.That(rules.Evaluate(m, S(2)), Has.Count.EqualTo(1));
        Assert.That(rules.Evaluate(m, S(3)), Is.Empty);
    }

    [Test]
    public void CircuitBreaker_FiresOncePerLatchAndAgainAfterItClears()
    {
        var (m, rules, _) = Setup();
        m.SetCircuitBreakers(CircuitBreakerState.Daily);
        var fired = rules.Evaluate(m, S(1));
        Assert.That(Kinds(fired), Is.EqualTo("circuit-breaker:daily"));
        Assert.That(fired[0].Message, Is.EqualTo("P-6 daily loss circuit breaker tripped: no new entries for the rest of the day"));
        Assert.That(rules.Evaluate(m, S(2)), Is.Empty);

        m.SetCircuitBreakers(CircuitBreakerState.Daily | CircuitBreakerState.Weekly);
        Assert.That(Kinds(rules.Evaluate(m, S(3))), Is.EqualTo("circuit-breaker:weekly"));

        m.SetCircuitBreakers(CircuitBreakerState.Weekly); // next day: the daily latch cleared
        Assert.That(rules.Evaluate(m, S(4)), Is.Empty);
        m.SetCircuitBreakers(CircuitBreakerState.Daily | CircuitBreakerState.Weekly);
        Assert.That(Kinds(rules.Evaluate(m, S(5))), Is.EqualTo("circuit-breaker:daily"));
    }

    [Test]
    public void Drawdown_EachLevelFiresOnceUntilRecovered()
    {
        var (m, rules, _) = Setup(new AlertSettings { DrawdownLevels = [0.05, 0.10, 0.15], DrawdownRearmMargin = 0.01 });
        // hand-scripted net liq against a 100,000 high-water mark, one evaluation per second
        (decimal NetLiq, string Expected)[] series =
        [
            (100_000m, ""),
            (96_000m, ""),                 // -4 %
            (95_000m, "drawdown:5%"),      // -5 %: exactly on the level
            (94_500m, ""),
            (95_500m, ""),                 // -4.5 %: back above the level but inside the margin
            (95_000m, ""),                 // -5 % again: not re-armed, no repeat
            (88_000m, "drawdown:10%"),     // -12 %: one alert, the deepest new level
            (96_500m, ""),                 // -3.5 %: 5 % and 10 % re-arm
            (94_900m, "drawdown:5%"),      // -5.1 %
            (84_000m, "drawdown:15%"),     // -16 %: 10 % and 15 % fire as one alert naming 15 %
            (84_000m, ""),
        ];
        for (int i = 0; i < series.Length; i++)
        {
            m.SetAccount(10_000m, series[i].NetLiq, 100_000m);
            Assert.That(Kinds(rules.Evaluate(m, S(i))), Is.EqualTo(series[i].Expected), $"step {i}: net liq {series[i].NetLiq}");
        }

        m.SetAccount(10_000m, 84_000m, 100_000m);
        m.SetAccount(10_000m, 83_000m, 100_000m);
        var last = rules.Evaluate(m, S(20));
        Assert.That(last, Is.Empty);
    }

    [Test]
    public void Drawdown_Messages_NameTheLevelAndSeverityRisesAtTheDeepest()
    {
        var (m, rules, _) = Setup();
        m.SetAccount(0m, 94_000m, 100_000m);
        var five = rules.Evaluate(m, S(1)).Single();
        Assert.That(five.Severity, Is.EqualTo(AlertSeverity.Warning));
        Assert.That(five.Message, Is.EqualTo("drawdown 6.0 % from the high-water mark 100000.00 crossed the 5% level (net liq 94000.00)"));
        m.SetAccount(0m, 80_000m, 100_000m);
        Assert.That(rules.Evaluate(m, S(2)).Single().Severity, Is.EqualTo(AlertSeverity.Critical));
    }

    [Test]
    public void RegimeChange_FirstRegimeIsTheBaselineAndFlapsInsideTheQuietPeriodAreSwallowed()
    {
        var (m, rules, _) = Setup(new AlertSettings { RegimeQuietPeriod = TimeSpan.FromSeconds(60) });
        Assert.That(rules.Evaluate(m, S(0)), Is.Empty, "Unknown before the first VIX reading");
        m.SetRegime(VixRegime.Normal);
        Assert.That(rules.Evaluate(m, S(1)), Is.Empty, "the first known regime is the baseline");

        m.SetRegime(VixRegime.High);
        var up = rules.Evaluate(m, S(2));
        Assert.That(Kinds(up), Is.EqualTo("regime-change:Normal->High"));
        Assert.That(up[0].Message, Is.EqualTo("VIX regime changed from Normal to High"));

        m.SetRegime(VixRegime.Normal);
        Assert.That(rules.Evaluate(m, S(10)), Is.Empty, "inside the quiet period");
        m.SetRegime(VixRegime.High);
        Assert.That(rules.Evaluate(m, S(20)), Is.Empty);
        Assert.That(rules.Evaluate(m, S(70)), Is.Empty, "flipped back to High: nothing changed since the last alert");

        m.SetRegime(VixRegime.Extreme);
        var extreme = rules.Evaluate(m, S(80));
        Assert.That(Kinds(extreme), Is.EqualTo("regime-change:High->Extreme"));
        Assert.That(extreme[0].Severity, Is.EqualTo(AlertSeverity.Warning));
        m.SetRegime(VixRegime.High);
        Assert.That(rules.Evaluate(m, S(100)), Is.Empty);
        Assert.That(Kinds(rules.Evaluate(m, S(140))), Is.EqualTo("regime-change:Extreme->High"), "held change fires when the period ends");
    }

    [Test]
    public void Evaluate_PublishesEveryAlertToEverySinkAndLogsIt()
    {
        var m = new LiveMetrics(null, new ManualTime(T0));
        var a = new RecordingSink();
        var b = new RecordingSink();
        var text = new StringWriter();
        using var log = new StructuredLog(text);
        var rules = new AlertRules(null, [a, b], log);
        m.SetCircuitBreakers(CircuitBreakerState.Monthly);
        foreach (var link in LiveLinkNames.All)
        {
            m.SetLinkState(link, LinkState.Connected, T0);
        }

        var fired = rules.Evaluate(m, S(1));
        Assert.That(a.Alerts, Is.EqualTo(fired));
        Assert.That(b.Alerts, Is.EqualTo(fired));
        Assert.That(rules.AlertsFired, Is.EqualTo(1));
        Assert.That(text.ToString(), Does.Contain("\"event\":\"alert\"").And.Contain("\"kind\":\"circuit-breaker\""));
    }

    [Test]
    public void Constructor_BadDrawdownLevels_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new AlertRules(new AlertSettings { DrawdownLevels = [0.1, 0.1] }, []));
        Assert.Throws<ArgumentException>(() => new AlertRules(new AlertSettings { DrawdownLevels = [10] }, []));
    }

    private sealed class RecordingSink : IAlertSink
    {
        public List<Alert> Alerts { get; } = [];

        public bool Publish(Alert alert)
        {
            Alerts.Add(alert);
            return true;
        }
    }
}

using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Risk.Rules;
using TomKing.Engine.Live.Operations;

namespace TomKing.Engine.Tests.Live.Operations;

public sealed class LiveMetricsTests
{
    private static readonly DateTime Start = new(2024, 3, 15, 14, 0, 0, DateTimeKind.Utc);

    [Test]
    public void SetLinkState_ReconnectLoop_KeepsTheOutageStartUntilConnected()
    {
        var m = new LiveMetrics(null, new ManualTime(Start));
        Assert.That(m.GetLink(LiveLink.MarketData), Is.EqualTo(new LinkStatus(LinkState.Disconnected, Start, Start)));

        m.SetLinkState(LiveLink.MarketData, LinkState.Connected, Start.AddSeconds(1));
        m.SetLinkState(LiveLink.MarketData, LinkState.Disconnected, Start.AddSeconds(10));
        m.SetLinkState(LiveLink.MarketData, LinkState.Connecting, Start.AddSeconds(11));
        m.SetLinkState(LiveLink.MarketData, LinkState.Disconnected, Start.AddSeconds(12));
        var s = m.GetLink(LiveLink.MarketData);
        Assert.That(s, Is.EqualTo(new LinkStatus(LinkState.Disconnected, Start.AddSeconds(12), Start.AddSeconds(10))));
        Assert.That(s.DownFor(Start.AddSeconds(40)), Is.EqualTo(TimeSpan.FromSeconds(30)));

        m.SetLinkState(LiveLink.MarketData, LinkState.Stale, Start.AddSeconds(50));
        Assert.That(m.GetLink(LiveLink.MarketData).DownSinceUtc, Is.Null, "stale is still connected");
        m.SetLinkState(LiveLink.MarketData, LinkState.Stale, Start.AddSeconds(60));
        Assert.That(m.GetLink(LiveLink.MarketData).SinceUtc, Is.EqualTo(Start.AddSeconds(50)), "a repeat keeps the original time");
    }

    [Test]
    public void RecordOrderTransition_Lifecycle_CountsOrdersByStateAndRejects()
    {
        var m = new LiveMetrics(null, new ManualTime(Start));
        m.RecordOrderTransition(null, OrderState.New);
        m.RecordOrderTransition(OrderState.New, OrderState.Submitted);
        m.RecordOrderTransition(OrderState.Submitted, OrderState.Working);
        m.RecordOrderTransition(OrderState.Working, OrderState.PartiallyFilled);
        m.RecordOrderTransition(OrderState.PartiallyFilled, OrderState.Filled);
        m.RecordOrderTransition(null, OrderState.New);
        m.RecordOrderTransition(OrderState.New, OrderState.Submitted);
        m.RecordOrderTransition(OrderState.Submitted, OrderState.Rejected, "C2: insufficient buying power");
        Assert.Multiple(() =>
        {
            Assert.That(m.OrdersIn(OrderState.Filled), Is.EqualTo(1));
            Assert.That(m.OrdersIn(OrderState.Rejected), Is.EqualTo(1));
            Assert.That(m.OrdersIn(OrderState.New), Is.EqualTo(0));
            Assert.That(m.OrdersIn(OrderState.Submitted), Is.EqualTo(0));
            Assert.That(m.OrdersIn(OrderState.Working), Is.EqualTo(0));
            Assert.That(m.RejectsTotal, Is.EqualTo(1));
            Assert.That(m.LastRejection, Is.EqualTo(new OrderRejection(1, "C2: insufficient buying power", Start)));
        });
    }

    [Test]
    public void SetQuoteQueueDepth_RisesAndFalls_MaxKeepsThePeak()
    {
        var m = new LiveMetrics();
        m.SetQuoteQueueDepth(3);
        m.SetQuoteQueueDepth(17);
        m.SetQuoteQueueDepth(2);
        Assert.That((m.QuoteQueueDepth, m.QuoteQueueDepthMax), Is.EqualTo((2L, 17L)));
    }

    [Test]
    public void Account_ReadWhileTheKernelWrites_IsNeverTorn()
    {
        // the writer always writes (x, 2x, 3x); a torn read would break the ratios
        var m = new LiveMetrics();
        m.SetAccount(1m, 2m, 3m);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        long writes = 0;
        var writer = Task.Run(() =>
        {
            for (int i = 1; i <= 300_000 && !stop.IsCancellationRequested; i++)
            {
                m.SetAccount(i, 2m * i, 3m * i);
                writes++;
            }
        });
        long reads = 0, torn = 0;
        while (!writer.IsCompleted)
        {
            var a = m.Account;
            if (a.NetLiquidation != 2 * a.BuyingPowerInUse || a.HighWaterMark != 3 * a.BuyingPowerInUse)
            {
                torn++;
            }

            reads++;
        }

        writer.Wait();
        TestContext.Out.WriteLine($"{writes} writes, {reads} concurrent reads");
        Assert.That(torn, Is.EqualTo(0));
        Assert.That(m.Account.BuyingPowerInUse, Is.EqualTo(writes));
    }

    [Test]
    public void AccountReading_Drawdown_IsTheFallFromTheMark()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new AccountReading(0, 90_000, 100_000).Drawdown, Is.EqualTo(0.1).Within(1e-15));
            Assert.That(new AccountReading(0, 110_000, 100_000).Drawdown, Is.EqualTo(0));
            Assert.That(new AccountReading(0, 50_000, 0).Drawdown, Is.EqualTo(0));
            Assert.That(new AccountReading(20_000, 50_000, 0).BuyingPowerFraction, Is.EqualTo(0.4));
        });
    }

    [Test]
    public void CircuitBreakerStates_Of_ReadsTheRulesLatchesForToday()
    {
        var rule = new CircuitBreakerRule();
        var wednesday = new DateOnly(2024, 3, 13);
        rule.Restore(dayHalt: wednesday, weekHalt: new DateOnly(2024, 3, 11), monthHalt: new DateOnly(2024, 2, 1));
        Assert.Multiple(() =>
        {
            Assert.That(CircuitBreakerStates.Of(rule, wednesday), Is.EqualTo(CircuitBreakerState.Daily | CircuitBreakerState.Weekly));
            Assert.That(CircuitBreakerStates.Of(rule, wednesday.AddDays(1)), Is.EqualTo(CircuitBreakerState.Weekly));
            Assert.That(CircuitBreakerStates.Of(rule, new DateOnly(2024, 3, 18)), Is.EqualTo(CircuitBreakerState.None));
            Assert.That(CircuitBreakerStates.Of(rule, new DateOnly(2024, 2, 29)), Is.EqualTo(CircuitBreakerState.Monthly));
        });
    }
}

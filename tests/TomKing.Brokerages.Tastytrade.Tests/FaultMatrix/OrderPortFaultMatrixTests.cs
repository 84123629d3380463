using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Faults;
using TomKing.Brokerages.Tastytrade.Tests.Adapters;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Tests.FaultMatrix;

/// <summary>
/// Issue 5's fault matrix: for each emulator fault (seeded), one scripted trading sequence through the order port —
/// open three structures (a put credit spread at a marketable limit, an iron condor and a short put resting), reprice
/// the condor to marketable, cancel the put, let fills happen, close the spread — must end with zero lost and zero
/// duplicated orders (exactly one emulator order per client order id, found by external identifier, and at most one
/// accepted POST each), the sink's fills equal to the emulator's fills (each fill id once), and the positions built
/// from the sink's fills equal to the emulator's positions read over REST.
/// </summary>
[TestFixture]
[CancelAfter(90_000)]
public class OrderPortFaultMatrixTests
{
    public static IEnumerable<TestCaseData> Faults()
    {
        yield return Case("latency", new FaultSettings { Latency = TimeSpan.FromMilliseconds(40) }, h => !h.Requests.Statuses.IsEmpty);
        yield return Case("http429", new FaultSettings { Http429 = 0.3, RetryAfter = TimeSpan.FromSeconds(1), Seed = 429 }, h => h.Requests.Posts.Any(p => p.Status == 429));
        yield return Case("http5xx", new FaultSettings { Http5xx = 0.3, Http5xxStatus = 503, Seed = 503 }, h => h.Requests.Posts.Any(p => p.Status == 503) && h.Port.Resubmits > 0);
        yield return Case("drop", new FaultSettings { DropSocket = 0.15, Seed = 11 }, h => h.Streamer.Connections > 1);
        yield return Case("freeze", new FaultSettings { FreezeSocket = 0.10, Seed = 12 }, h => h.Streamer.Connections > 1);
        yield return Case("close1012", new FaultSettings { Close1012 = 0.15, Seed = 13 }, h => h.Streamer.Connections > 1);
        yield return Case("duplicate", new FaultSettings { DuplicateNotifications = 0.6, Seed = 14 }, h => h.Streamer.DuplicateFillsIgnored > 0);
        yield return Case("out-of-order", new FaultSettings { OutOfOrderNotifications = 0.5, Seed = 15 }, _ => true);
        yield return Case("token-expiry", FaultSettings.None, h => h.Tokens.Refreshes > 1, expireTokens: true);
        yield return Case("token-expiry+drop", new FaultSettings { DropSocket = 0.15, Seed = 11 }, h => h.Streamer.Connections > 1, expireTokens: true);
        yield return Case("lost-answers", FaultSettings.None, h => h.Port.Reconciliations >= 4, loseAnswers: true);
    }

    private static TestCaseData Case(string name, FaultSettings settings, Func<OrderPortHarness, bool> happened, bool expireTokens = false, bool loseAnswers = false) =>
        new TestCaseData(new FaultCase(name, settings, happened, expireTokens, loseAnswers)).SetName("Script_Under_" + name + "_LosesAndDuplicatesNothing");

    [TestCaseSource(nameof(Faults))]
    public async Task Script_UnderFault_LosesAndDuplicatesNothing(FaultCase fault)
    {
        await using var h = await OrderPortHarness.StartAsync(fault.Settings);
        if (fault.LoseAnswers)
        {
            foreach (string ext in new[] { "tk-C101", "tk-C102", "tk-C103", "tk-C104" })
            {
                h.Requests.LoseAnswerOf[ext] = 1;
            }
        }

        void Poke()
        {
            if (fault.ExpireTokens)
            {
                h.Host.Faults.ExpireAllTokens();
            }
        }

        var spread = OptionStructure.PutCreditSpread(
            OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Put, 0.96)),
            OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Put, 0.93)));
        var condor = OptionStructure.IronCondor(
            OrderPortHarness.ContractOf(h.EquityOption("SPY", 45, OptionRight.Put, 0.92)),
            OrderPortHarness.ContractOf(h.EquityOption("SPY", 45, OptionRight.Put, 0.95)),
            OrderPortHarness.ContractOf(h.EquityOption("SPY", 45, OptionRight.Call, 1.04)),
            OrderPortHarness.ContractOf(h.EquityOption("SPY", 45, OptionRight.Call, 1.07)));
        var put = OptionStructure.SinglePut(OrderPortHarness.ContractOf(h.EquityOption("QQQ", 30, OptionRight.Put, 0.95)));

        Poke();
        var s1 = h.Port.Submit(h.Request(101, spread, +1, marketable: true));
        var s2 = h.Port.Submit(h.Request(102, condor, +1, marketable: false));
        var s3 = h.Port.Submit(h.Request(103, put, +1, marketable: false));
        string Trace() => string.Join(" | ", h.Sink.Updates.Select(u => $"{u.Order}:{u.Status}{(u.Message is null ? string.Empty : "(" + u.Message + ")")}"));
        Assert.That(await h.PumpUntilAsync(() => h.Sink.LastStatus(s1) == BrokerOrderStatus.Filled
            && h.Sink.LastStatus(s2) == BrokerOrderStatus.Working && h.Sink.LastStatus(s3) == BrokerOrderStatus.Working, 15), Is.True, Trace());

        Poke();
        h.Port.Replace(s2, h.Request(102, condor, +1, marketable: true).LimitPrice);
        h.Port.Cancel(s3);
        Assert.That(await h.PumpUntilAsync(() => h.Sink.LastStatus(s2) == BrokerOrderStatus.Filled && h.Sink.LastStatus(s3) == BrokerOrderStatus.Cancelled, 15), Is.True, Trace());

        Poke();
        var s4 = h.Port.Submit(h.Request(104, spread, -1, marketable: true));
        Assert.That(await h.PumpUntilAsync(() => h.Sink.LastStatus(s4) == BrokerOrderStatus.Filled, 15), Is.True, Trace());

        // Orders: exactly one emulator order per client order id (a replacement links to it), one accepted POST each.
        foreach (long c in new long[] { 101, 102, 103, 104 })
        {
            string ext = "tk-C" + c;
            var orders = h.EmulatorOrders(ext);
            Assert.That(orders.Count(o => o.ReplacesOrderId is null), Is.EqualTo(1), ext);
            Assert.That(h.Requests.Posts.Count(p => p.ExternalId == ext && p.Status is >= 200 and < 300), Is.EqualTo(1), ext + ": a POST accepted twice would be two orders at Tastytrade");
        }

        Assert.That(h.EmulatorOrders("tk-C102").Select(o => o.Status), Is.EqualTo(new[] { OrderStatuses.Cancelled, OrderStatuses.Filled }), "condor: original replaced, replacement filled");
        Assert.That(h.EmulatorOrders("tk-C103").Single().Status, Is.EqualTo(OrderStatuses.Cancelled));

        // Fills: the sink's fill ids are the emulator's, each exactly once (waiting for the streamer to catch up after a gap).
        var emulatorFills = h.Host.Orders.Search(OrderPortHarness.Account, new Emulator.Orders.OrderQuery([]))
            .SelectMany(o => o.Legs.SelectMany(l => l.Fills.Select(f => f.FillId!))).ToHashSet();
        Assert.That(emulatorFills, Has.Count.EqualTo(2 + 4 + 2));
        Assert.That(await h.PumpUntilAsync(() => h.Sink.Fills.Select(f => f.ExecutionId).ToHashSet().SetEquals(emulatorFills), 10), Is.True);
        await Task.Delay(200);
        h.Port.Pump(h.Sink);
        var sinkIds = h.Sink.Fills.Select(f => f.ExecutionId).ToList();
        Assert.That(sinkIds, Is.Unique, "no fill delivered twice");
        Assert.That(sinkIds.ToHashSet().SetEquals(emulatorFills), Is.True);

        // Positions: from the sink's fills == the emulator's over REST (symbols resolved by the emulator's own instruments).
        var rest = await h.Rest.GetPositionsAsync(OrderPortHarness.Account);
        var brokerPositions = rest.ToDictionary(
            p => h.Host.Market.TryResolve(p.Symbol, out var i) && i.TryGetContract(out var c) ? c : throw new AssertionException("unmapped " + p.Symbol),
            p => (int)p.Quantity * (p.QuantityDirection == "Short" ? -1 : 1));
        Assert.That(h.Sink.Positions(), Is.EquivalentTo(brokerPositions));
        Assert.That(brokerPositions, Has.Count.EqualTo(4), "the condor remains; the spread was closed");
        Assert.That(fault.Happened(h), Is.True, "the fault was exercised (else this case proves nothing)");
        TestContext.Out.WriteLine($"{fault.Name}: posts {h.Port.Posts}, resubmits {h.Port.Resubmits}, reconciliations {h.Port.Reconciliations}, " +
            $"streamer connections {h.Streamer.Connections}, duplicate fills ignored {h.Streamer.DuplicateFillsIgnored}, stale statuses ignored {h.Streamer.StaleStatusesIgnored}, " +
            $"token refreshes {h.Tokens.Refreshes}, http {string.Join(",", h.Requests.Statuses.GroupBy(x => x).OrderBy(g => g.Key).Select(g => g.Key + "x" + g.Count()))}, unknown reports {h.Sink.Updates.Count(u => u.Status == BrokerOrderStatus.Unknown)}");
    }

    /// <summary>One row of the matrix.</summary>
    /// <param name="Name">Fault name.</param>
    /// <param name="Settings">Emulator fault settings (seeded).</param>
    /// <param name="Happened">Evidence that the fault occurred during the script.</param>
    /// <param name="ExpireTokens">Expire every access token before each step.</param>
    /// <param name="LoseAnswers">Lose the answer of each order's first POST after the server created the order.</param>
    public sealed record FaultCase(string Name, FaultSettings Settings, Func<OrderPortHarness, bool> Happened, bool ExpireTokens, bool LoseAnswers)
    {
        /// <inheritdoc />
        public override string ToString() => Name;
    }
}

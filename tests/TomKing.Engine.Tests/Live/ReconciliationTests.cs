using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Hosting;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;
using TomKing.Engine.Live;
using TomKing.Engine.Replay;
using TomKing.Greeks;

namespace TomKing.Engine.Tests.Live;

/// <summary>
/// <see cref="Reconciliation"/>'s policy, item by item, on hand-built journals and venue snapshots (the crash and
/// disconnect trials exercise it end to end; these pin each rule and its journaling). A journal holds an SPXW iron
/// condor entry (client id 1, broker id 9001) and, where a case needs it, its close (client id 2, broker id 9002).
/// </summary>
[TestFixture]
public sealed class ReconciliationTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);
    private static readonly DateTime Now = Today.ToDateTime(new TimeOnly(10, 45));
    private static readonly OptionStructure Condor = OptionStructure.IronCondor(Spxw(5_700m, OptionRight.Put), Spxw(5_725m, OptionRight.Put), Spxw(5_850m, OptionRight.Call), Spxw(5_875m, OptionRight.Call));

    [Test]
    public void AnOrderInFlightTheVenueFilled_FillsAreBookedAndJournaledFirst_StatusApplied_NeverResent()
    {
        var (core, journal, known) = Restore(Entry());
        var adopted = new List<(long Client, string Broker)>();
        var held = CondorHoldings(1).Select(h => new VenuePosition(h.Key.ToString(), h.Key, h.Value)).ToList();
        var snapshot = new VenueSnapshot([Venue(1, "9001", BrokerOrderStatus.Filled, 1, -1.20m, EntryFills("9001"))], held, 0m);

        var report = Run(core, journal, known, snapshot, adopted);

        Assert.Multiple(() =>
        {
            Assert.That(report.FillsBooked, Is.EqualTo(4));
            Assert.That(report.OrdersResolved, Is.EqualTo(1));
            Assert.That(adopted, Is.EqualTo(new[] { (1L, "9001") }), "the venue's order is adopted (so it can be managed), not re-sent");
            Assert.That(State(core, 1), Is.EqualTo(OrderState.Filled));
            Assert.That(LiveHoldings.Net(core.Ledger), Is.EquivalentTo(CondorHoldings(1)));
            Assert.That(journal.Added.Select(r => r.Kind), Is.EqualTo(Enumerable.Repeat(LiveRecordKind.Fill, 4)),
                "every booked fill is journaled (a crash during reconciliation is recoverable); the fills made it Filled, so no status report is needed");
            Assert.That(report.Discrepancies.Single().Action, Does.Contain("4 fill(s) booked"), "positions agree once the fills are booked");
        });
    }

    [Test]
    public void AnOrderInFlightTheVenueNeverReceived_IsMarkedCancelled_NotResent()
    {
        var (core, journal, known) = Restore(Entry(acknowledged: false));
        var report = Run(core, journal, known, Snapshot([]), []);

        Assert.Multiple(() =>
        {
            Assert.That(State(core, 1), Is.EqualTo(OrderState.Cancelled));
            Assert.That(report.OrdersResolved, Is.EqualTo(1));
            Assert.That(report.Discrepancies.Single().Action, Does.Contain("not re-sent"));
            Assert.That(LiveHoldings.Net(core.Ledger), Is.Empty);
            Assert.That(journal.Added.Single().Kind, Is.EqualTo(LiveRecordKind.Update));
        });
    }

    [Test]
    public void FillsTheJournalAlreadyHas_AreNotBookedTwice()
    {
        var records = Entry().Concat(EntryFills("9001").Select(f => new LiveRecord(LiveRecordKind.Fill, Now) { Fill = f, Client = f.ClientId })).ToList();
        var (core, journal, known) = Restore(records);
        var report = Run(core, journal, known, Snapshot([Venue(1, "9001", BrokerOrderStatus.Filled, 1, -1.20m, EntryFills("9001"))]), []);

        Assert.Multiple(() =>
        {
            Assert.That(report.FillsBooked, Is.Zero);
            Assert.That(LiveHoldings.Net(core.Ledger), Is.EquivalentTo(CondorHoldings(1)), "held once, not twice");
            Assert.That(State(core, 1), Is.EqualTo(OrderState.Filled));
        });
    }

    [Test]
    public void AnEndedOrderWithVenueFillsTheJournalLacks_GetsItsLateFillsBooked()
    {
        // the entry filled twice over: the journal saw one unit's fills and the final status, the second unit's fills raced the crash
        var records = Entry(quantity: 2).ToList();
        var first = EntryFills("9001", units: 1);
        records.AddRange(first.Select(f => new LiveRecord(LiveRecordKind.Fill, Now) { Fill = f, Client = f.ClientId }));
        records.Add(new LiveRecord(LiveRecordKind.Update, Now) { Client = new ClientOrderId(1), Update = new OrderUpdate(default, new ClientOrderId(1), BrokerOrderStatus.Cancelled, Now, 1, -1.20m, null) });
        var (core, journal, known) = Restore(records);
        var all = first.Concat(EntryFills("9001", units: 1, firstId: 5)).ToList();
        var report = Run(core, journal, known, Snapshot([Venue(1, "9001", BrokerOrderStatus.Filled, 2, -1.20m, all)]), []);

        Assert.Multiple(() =>
        {
            Assert.That(report.FillsBooked, Is.EqualTo(4));
            Assert.That(report.Discrepancies.Any(d => d.Action.Contains("late fill", StringComparison.Ordinal)), Is.True, string.Join("; ", report.Discrepancies));
            Assert.That(LiveHoldings.Net(core.Ledger), Is.EquivalentTo(CondorHoldings(2)));
        });
    }

    [Test]
    public void AnOrderTheJournalHasAsFilled_ButMissingFills_GetsThemBooked()
    {
        // the status report was journaled, the crash came before the fill messages were
        var records = Entry().Append(new LiveRecord(LiveRecordKind.Update, Now) { Client = new ClientOrderId(1), Update = new OrderUpdate(default, new ClientOrderId(1), BrokerOrderStatus.Filled, Now, 1, -1.20m, null) }).ToList();
        var (core, journal, known) = Restore(records);
        var report = Run(core, journal, known, Snapshot([Venue(1, "9001", BrokerOrderStatus.Filled, 1, -1.20m, EntryFills("9001"))]), []);

        Assert.Multiple(() =>
        {
            Assert.That(report.FillsBooked, Is.EqualTo(4));
            Assert.That(LiveHoldings.Net(core.Ledger), Is.EquivalentTo(CondorHoldings(1)));
        });
    }

    [Test]
    public void ALateFillForAPositionAlreadyClosed_IsReportedAsMatchingNothing()
    {
        var c2 = new ClientOrderId(2);
        var closeFills = Enumerable.Range(0, Condor.Count).Select(i => new LegFill(default, c2, Condor[i].Contract, -Condor[i].Ratio, 0.30m, 0m, Now, $"EMU::9002::{i + 1}")).ToList();
        var records = Entry().Concat(EntryFills("9001").Select(f => new LiveRecord(LiveRecordKind.Fill, Now) { Fill = f, Client = f.ClientId }))
            .Append(new LiveRecord(LiveRecordKind.Update, Now) { Client = new ClientOrderId(1), Update = new OrderUpdate(default, new ClientOrderId(1), BrokerOrderStatus.Filled, Now, 1, -1.20m, null) })
            .Concat(Close()).Concat(closeFills.Select(f => new LiveRecord(LiveRecordKind.Fill, Now) { Fill = f, Client = c2 }))
            .Append(new LiveRecord(LiveRecordKind.Update, Now) { Client = c2, Update = new OrderUpdate(default, c2, BrokerOrderStatus.Filled, Now, 1, -0.50m, null) }).ToList();
        var (core, journal, known) = Restore(records);
        Assert.That(LiveHoldings.Net(core.Ledger), Is.Empty, "the round trip is closed");
        var stray = new LegFill(default, c2, Condor[0].Contract, -1, 0.30m, 0m, Now, "EMU::9002::99");
        var report = Run(core, journal, known, Snapshot([Venue(2, "9002", BrokerOrderStatus.Filled, 1, 0.50m, [.. closeFills, stray])]), []);

        Assert.Multiple(() =>
        {
            Assert.That(report.Discrepancies.Any(d => d.Action.Contains("1 journaled but matching no open position", StringComparison.Ordinal)), Is.True, string.Join("; ", report.Discrepancies));
            Assert.That(journal.Added.Count(r => r.Kind == LiveRecordKind.Fill), Is.EqualTo(1), "journaled all the same: the venue made it");
        });
    }

    [Test]
    public void AVenueOrderWithAClientIdTheJournalNeverIssued_IsReportedNotAdopted()
    {
        var (core, journal, known) = Restore(Entry());
        var adopted = new List<(long Client, string Broker)>();
        var report = Run(core, journal, known, Snapshot([Venue(1, "9001", BrokerOrderStatus.Working, 0, -1.20m, []), Venue(7, "9007", BrokerOrderStatus.Working, 0, -1.00m, [])]), adopted);

        Assert.Multiple(() =>
        {
            Assert.That(adopted.Select(a => a.Client), Is.EqualTo(new[] { 1L }));
            Assert.That(report.Discrepancies.Any(d => d.Subject.Contains("9007", StringComparison.Ordinal) && d.Action.Contains("not adopted", StringComparison.Ordinal)), Is.True, string.Join("; ", report.Discrepancies));
        });
    }

    [Test]
    public void AClosingOrdersStatus_IsJournaledWithTheRequestsLimitSign()
    {
        // the close (quantity −1) trades as a 0.50 debit: the venue reports +0.50; the request's limit is −0.50
        var records = Entry().Concat(EntryFills("9001").Select(f => new LiveRecord(LiveRecordKind.Fill, Now) { Fill = f, Client = f.ClientId }))
            .Append(new LiveRecord(LiveRecordKind.Update, Now) { Client = new ClientOrderId(1), Update = new OrderUpdate(default, new ClientOrderId(1), BrokerOrderStatus.Filled, Now, 1, -1.20m, null) })
            .Concat(Close()).ToList();
        var (core, journal, known) = Restore(records);
        Run(core, journal, known, Snapshot([Venue(2, "9002", BrokerOrderStatus.Working, 0, 0.50m, [])]), []);

        var update = journal.Added.Single(r => r.Kind == LiveRecordKind.Update).Update;
        Assert.Multiple(() =>
        {
            Assert.That(update.Status, Is.EqualTo(BrokerOrderStatus.Working));
            Assert.That(update.LimitPrice, Is.EqualTo(-0.50m));
        });
    }

    [Test]
    public void AFillNamingNoContractTheBookKnows_IsReportedNeverDroppedSilently()
    {
        var (core, journal, known) = Restore(Entry());
        var order = Venue(1, "9001", BrokerOrderStatus.Filled, 1, -1.20m, []) with { UnmappedFills = 4 };
        var report = Run(core, journal, known, Snapshot([order]), []);

        Assert.That(report.Discrepancies.Any(d => d.Action.Contains("4 fill(s) name no contract", StringComparison.Ordinal)), Is.True, string.Join("; ", report.Discrepancies));
    }

    [Test]
    public void Positions_AnExpiredContractIsSettled_AnyOtherDifferenceIsReported()
    {
        var records = Entry().Concat(EntryFills("9001").Select(f => new LiveRecord(LiveRecordKind.Fill, Now) { Fill = f, Client = f.ClientId }))
            .Append(new LiveRecord(LiveRecordKind.Update, Now) { Client = new ClientOrderId(1), Update = new OrderUpdate(default, new ClientOrderId(1), BrokerOrderStatus.Filled, Now, 1, -1.20m, null) }).ToList();

        // the same day: the venue holds nothing, the contracts have not expired → four differences reported, nothing settled
        var (core, journal, known) = Restore(records);
        var settled = new List<OptionContract>();
        var sameDay = Run(core, journal, known, Snapshot([]), [], settle: c => { settled.Add(c); return true; });
        Assert.Multiple(() =>
        {
            Assert.That(sameDay.PositionMismatches, Is.EqualTo(4));
            Assert.That(settled, Is.Empty);
        });

        // the next morning: the venue holds nothing because they expired → settled in the book, no mismatch;
        // and a venue holding the book never opened is reported
        (core, journal, known) = Restore(records);
        var stranger = Spxw(6_000m, OptionRight.Call);
        var nextDay = new Reconciliation(core, (_, _) => default, journal, () => Now, known)
            .Run(new VenueSnapshot([], [new VenuePosition("SPXW  261120C06000000", stranger, 2)], 0m), 2, Now.AddDays(1), c => { settled.Add(c); return true; });
        Assert.Multiple(() =>
        {
            Assert.That(settled, Is.EquivalentTo(Enumerable.Range(0, Condor.Count).Select(i => Condor[i].Contract)));
            Assert.That(nextDay.PositionMismatches, Is.EqualTo(1));
            Assert.That(nextDay.Discrepancies.Any(d => d.Subject.Contains("6000", StringComparison.Ordinal) && d.Action.Contains("not opened by TomKing", StringComparison.Ordinal)), Is.True);
        });
    }

    private static ReconciliationReport Run(TradingCore core, MemoryJournal journal, HashSet<string> known, VenueSnapshot snapshot, List<(long, string)> adopted,
        Func<OptionContract, bool>? settle = null)
    {
        journal.Added.Clear();
        return new Reconciliation(core, (request, broker) =>
        {
            adopted.Add((request.ClientId.Value, broker));
            return new OrderId(100 + request.ClientId.Value);
        }, journal, () => Now, known).Run(snapshot, core.Pipeline.Orders.NextClientId - 1, Now, settle ?? (_ => false));
    }

    private static (TradingCore Core, MemoryJournal Journal, HashSet<string> Known) Restore(IEnumerable<LiveRecord> records)
    {
        var list = records.ToList();
        var core = new TradingCore(new ReplayClock(Now), Algorithm.Testing.EmptyMarketView.Instance, new LiveTrials.NoPort(), RulebookSettings.Default, 50_000m);
        JournalRestore.Apply(list, core, [], (_, _) => default);
        var known = new HashSet<string>(list.Where(r => r.Kind == LiveRecordKind.Fill).Select(r => r.Fill.ExecutionId), StringComparer.Ordinal);
        return (core, new MemoryJournal(), known);
    }

    private static IEnumerable<LiveRecord> Entry(bool acknowledged = true, int quantity = 1)
    {
        var c = new ClientOrderId(1);
        var order = new TrackedOrder(c, default, OrderState.Submitted, StrategyId.F0, IntentKind.Open, new PositionId(1), Condor, quantity, 0, -1.20m,
            PricingPolicy.MidThenLadder, 0, Now.AddMinutes(-15), Now.AddMinutes(-5), "F0-2", -1.25, -1.10);
        yield return new LiveRecord(LiveRecordKind.Submitted, Now) { Order = order, Client = c };
        if (acknowledged)
        {
            yield return new LiveRecord(LiveRecordKind.Acknowledged, Now) { Client = c, BrokerOrderId = "9001" };
        }
    }

    private static IEnumerable<LiveRecord> Close()
    {
        var c = new ClientOrderId(2);
        var order = new TrackedOrder(c, default, OrderState.Submitted, StrategyId.F0, IntentKind.Close, new PositionId(1), Condor, -1, 0, -0.50m,
            PricingPolicy.MidThenLadder, 0, Now.AddMinutes(-1), DateTime.MaxValue, "F0-5", -0.55, -0.45);
        yield return new LiveRecord(LiveRecordKind.Submitted, Now) { Order = order, Client = c };
        yield return new LiveRecord(LiveRecordKind.Acknowledged, Now) { Client = c, BrokerOrderId = "9002" };
    }

    private static List<LegFill> EntryFills(string broker, int units = 1, int firstId = 1) =>
        [.. Enumerable.Range(0, Condor.Count).Select(i => new LegFill(default, new ClientOrderId(1), Condor[i].Contract, Condor[i].Ratio * units, 0.40m + (0.2m * i), 0m, Now.AddMinutes(-14), $"EMU::{broker}::{firstId + i}"))];

    private static VenueOrder Venue(long client, string broker, BrokerOrderStatus status, int filled, decimal tradedLimit, IReadOnlyList<LegFill> fills) =>
        new(new ClientOrderId(client), broker, status, filled, tradedLimit, fills, null);

    private static VenueSnapshot Snapshot(IReadOnlyList<VenueOrder> orders) => new(orders, [], 0m);

    private static Dictionary<OptionContract, int> CondorHoldings(int units) =>
        Enumerable.Range(0, Condor.Count).ToDictionary(i => Condor[i].Contract, i => Condor[i].Ratio * units);

    private static OrderState State(TradingCore core, long client)
    {
        Assert.That(core.Pipeline.Orders.TryGet(new ClientOrderId(client), out var order), Is.True);
        return order.State;
    }

    private static OptionContract Spxw(decimal strike, OptionRight right) =>
        OptionContract.FromCatalogue(InstrumentCatalogue.Get(new Ticker("SPXW")), Today, strike, right);

    private sealed class MemoryJournal : ILiveJournal
    {
        public List<LiveRecord> Added { get; } = [];

        public long Append(LiveRecord record)
        {
            Added.Add(record);
            return Added.Count;
        }

        public Task WhenDurable(long sequence, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public IEnumerable<LiveRecord> ReadAll() => Added;

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}

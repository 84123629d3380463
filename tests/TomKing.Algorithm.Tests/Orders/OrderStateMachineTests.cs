using FsCheck;
using FsCheck.Fluent;
using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Ports;

namespace TomKing.Algorithm.Tests.Orders;

public sealed class OrderStateMachineTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1000);
    private static readonly OrderState[] States = Enum.GetValues<OrderState>();
    private static readonly OrderEventKind[] Events = Enum.GetValues<OrderEventKind>();

    [TestCase(OrderState.New, OrderEventKind.Submit, OrderState.Submitted)]
    [TestCase(OrderState.Submitted, OrderEventKind.Accepted, OrderState.Working)]
    [TestCase(OrderState.Working, OrderEventKind.PartialFill, OrderState.PartiallyFilled)]
    [TestCase(OrderState.PartiallyFilled, OrderEventKind.Fill, OrderState.Filled)]
    [TestCase(OrderState.Working, OrderEventKind.CancelRequest, OrderState.CancelRequested)]
    [TestCase(OrderState.CancelRequested, OrderEventKind.Cancelled, OrderState.Cancelled)]
    [TestCase(OrderState.CancelRequested, OrderEventKind.Fill, OrderState.Filled)]
    [TestCase(OrderState.Submitted, OrderEventKind.Rejected, OrderState.Rejected)]
    [TestCase(OrderState.Working, OrderEventKind.Unknown, OrderState.UnknownInFlight)]
    [TestCase(OrderState.UnknownInFlight, OrderEventKind.Accepted, OrderState.Working)]
    [TestCase(OrderState.UnknownInFlight, OrderEventKind.Rejected, OrderState.Rejected)]
    [TestCase(OrderState.UnknownInFlight, OrderEventKind.RequestRefused, OrderState.UnknownInFlight)]
    public void TryNext_LegalEvent_GivesTheTableState(OrderState from, OrderEventKind evt, OrderState expected)
    {
        Assert.That(OrderStateMachine.TryNext(from, evt, out var next), Is.True);
        Assert.That(next, Is.EqualTo(expected));
    }

    [TestCase(OrderState.New, OrderEventKind.Fill)]
    [TestCase(OrderState.Submitted, OrderEventKind.Submit)]
    [TestCase(OrderState.PartiallyFilled, OrderEventKind.Rejected)]
    [TestCase(OrderState.Filled, OrderEventKind.Accepted)]
    [TestCase(OrderState.Cancelled, OrderEventKind.Fill)]
    [TestCase(OrderState.Rejected, OrderEventKind.Unknown)]
    [TestCase(OrderState.Filled, OrderEventKind.CancelRequest)]
    public void TryNext_IllegalEvent_IsRefusedAndStateKept(OrderState from, OrderEventKind evt)
    {
        Assert.That(OrderStateMachine.TryNext(from, evt, out var next), Is.False);
        Assert.That(next, Is.EqualTo(from));
    }

    [Test]
    public void TryNext_EveryPair_OnlyABrokerRejectionLeadsToRejected()
    {
        foreach (var s in States)
        {
            foreach (var e in Events)
            {
                if (OrderStateMachine.TryNext(s, e, out var next) && next == OrderState.Rejected)
                {
                    Assert.That(e, Is.EqualTo(OrderEventKind.Rejected), $"{s} + {e}");
                }
            }
        }
    }

    [Test]
    public void TryNext_EveryPair_TerminalStatesStayTerminal()
    {
        foreach (var s in States.Where(x => x.IsTerminal()))
        {
            foreach (var e in Events)
            {
                if (OrderStateMachine.TryNext(s, e, out var next))
                {
                    Assert.That(next, Is.EqualTo(s), $"{s} + {e}");
                }
            }
        }
    }

    [Test]
    public void TryNext_EveryPair_TimeoutNeverRejectsAndAlwaysKeepsInFlightOrdersInFlight()
    {
        foreach (var s in States.Where(x => x.IsInFlight()))
        {
            Assert.That(OrderStateMachine.TryNext(s, OrderEventKind.Unknown, out var next), Is.True, s.ToString());
            Assert.That(next, Is.EqualTo(OrderState.UnknownInFlight));
        }
    }

    [Test]
    public void Resolve_WorkingWithFills_IsPartiallyFilled()
    {
        Assert.Multiple(() =>
        {
            Assert.That(OrderStateMachine.Resolve(OrderState.Working, 1), Is.EqualTo(OrderState.PartiallyFilled));
            Assert.That(OrderStateMachine.Resolve(OrderState.Working, 0), Is.EqualTo(OrderState.Working));
            Assert.That(OrderStateMachine.Resolve(OrderState.Cancelled, 1), Is.EqualTo(OrderState.Cancelled));
        });
    }

    // ---- FsCheck: random event sequences through the pipeline's order table ----

    private readonly record struct Op(int Kind, int A, int B, int C);

    private static Gen<Op> OpGen =>
        from kind in Gen.Choose(0, 3)
        from a in Gen.Choose(0, 7)
        from b in Gen.Choose(-1, 4)
        from c in Gen.Choose(0, 6)
        select new Op(kind, a, b, c);

    private static Gen<(int Quantity, Op[] Ops)> Scenario =>
        from q in Gen.Choose(1, 3)
        from ops in Gen.ArrayOf(OpGen)
        select (q, ops);

    /// <summary>Runs a scenario and checks the invariants after every event; returns the first violation or null.</summary>
    private static string? Violation(int quantity, Op[] ops)
    {
        var w = new PipelineWorld();
        var r = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(quantity), w.Context);
        var id = r.ClientId;
        var ic = PipelineWorld.IronCondor();
        for (int i = 0; i < ops.Length; i++)
        {
            var op = ops[i];
            var before = w.Order(id);
            TransitionOutcome outcome;
            BrokerOrderStatus? status = null;
            switch (op.Kind)
            {
                case 0: // venue status report with a (possibly absurd) cumulative fill
                    status = (BrokerOrderStatus)op.A;
                    outcome = w.Pipeline.ApplyUpdate(new OrderUpdate(before.Order, id, status.Value, w.Clock.Now, op.B, 0m, null));
                    break;
                case 1: // a leg fill, right or wrong side, execution ids from a small pool (duplicates happen)
                    var leg = ic[op.A % 4];
                    int qty = op.B == 0 ? leg.Ratio : op.B * Math.Sign(leg.Ratio) * (op.C % 3 == 0 ? -1 : 1);
                    outcome = w.Pipeline.ApplyFill(new LegFill(before.Order, id, leg.Contract, qty, 1m, 0m, w.Clock.Now, "E" + op.C));
                    break;
                case 2: // the pipeline cancels
                    outcome = w.Pipeline.Cancel(id);
                    break;
                default: // time passes: ladder steps, window-end cancel; timeouts never reject
                    w.Clock.Advance(TimeSpan.FromSeconds(op.A * 30));
                    w.Pipeline.OnTime(w.Clock.Now);
                    outcome = TransitionOutcome.Unchanged;
                    break;
            }

            var after = w.Order(id);
            string at = $"step {i} {op} {before.State}->{after.State} ({outcome})";
            if (after.FilledUnits > quantity || after.FilledUnits < before.FilledUnits)
            {
                return "fills out of range: " + at;
            }

            if (before.State.IsTerminal() && after.State != before.State)
            {
                return "left a terminal state: " + at;
            }

            if (after.State == OrderState.Rejected && before.State != OrderState.Rejected && status != BrokerOrderStatus.Rejected)
            {
                return "rejected without broker evidence: " + at;
            }

            if (outcome > TransitionOutcome.Unchanged && (after.State != before.State || after.FilledUnits != before.FilledUnits))
            {
                return "a refused event changed the order: " + at;
            }

            if (after.State != before.State && !Reachable(before.State, after.State, after.FilledUnits))
            {
                return "illegal transition applied: " + at;
            }
        }

        return null;
    }

    private static bool Reachable(OrderState from, OrderState to, int filled)
    {
        foreach (var e in Events)
        {
            if (OrderStateMachine.TryNext(from, e, out var next) && OrderStateMachine.Resolve(next, filled) == to)
            {
                return true;
            }
        }

        return false;
    }

    [Test]
    public void RandomEventSequences_InvariantsHoldAfterEveryEvent()
    {
        Prop.ForAll(Scenario.ToArbitrary(), s =>
        {
            string? v = Violation(s.Quantity, s.Ops);
            return v is null ? true.ToProperty() : false.Label(v);
        }).Check(Runs);
    }

    [Test]
    public void RandomEventSequences_FilledNeverExceedsQuantity()
    {
        Prop.ForAll(Scenario.ToArbitrary(), s =>
        {
            var w = new PipelineWorld();
            var id = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(s.Quantity), w.Context).ClientId;
            var ic = PipelineWorld.IronCondor();
            foreach (var op in s.Ops)
            {
                var leg = ic[op.A % 4];
                w.Pipeline.ApplyFill(new LegFill(default, id, leg.Contract, leg.Ratio * (1 + (op.C % 2)), 1m, 0m, w.Clock.Now, "F" + op.B + op.C + op.Kind));
                w.Pipeline.ApplyUpdate(new OrderUpdate(default, id, (BrokerOrderStatus)(op.Kind % 3), w.Clock.Now, op.B + 1, 0m, null));
                if (w.Order(id).FilledUnits > s.Quantity)
                {
                    return false;
                }
            }

            return true;
        }).Check(Runs);
    }

    [Test]
    public void RandomEventSequences_UnknownInFlightNeverRejectedWithoutBrokerEvidence()
    {
        var noRejection = from op in OpGen where !(op.Kind == 0 && op.A == (int)BrokerOrderStatus.Rejected) select op;
        Prop.ForAll(Gen.ArrayOf(noRejection).ToArbitrary(), ops =>
        {
            var w = new PipelineWorld();
            var id = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(2), w.Context).ClientId;
            w.Report(id, BrokerOrderStatus.Unknown);
            return Violation(2, ops) is null && Replay(w, id, ops) != OrderState.Rejected;
        }).Check(Runs);
    }

    private static OrderState Replay(PipelineWorld w, Ports.ClientOrderId id, Op[] ops)
    {
        foreach (var op in ops)
        {
            switch (op.Kind)
            {
                case 0:
                    w.Pipeline.ApplyUpdate(new OrderUpdate(default, id, (BrokerOrderStatus)op.A, w.Clock.Now, op.B, 0m, null));
                    break;
                case 2:
                    w.Pipeline.Cancel(id);
                    break;
                default:
                    w.Clock.Advance(TimeSpan.FromMinutes(op.A * 10));
                    w.Pipeline.OnTime(w.Clock.Now);
                    break;
            }
        }

        return w.Order(id).State;
    }
}

using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies;
using TomKing.Greeks;

namespace TomKing.Algorithm.Tests.Orders;

public sealed class OrderPipelineTests
{
    [Test]
    public void Submit_EntryIntent_LimitAtMidThenThreeStepsToNaturalP10()
    {
        var w = new PipelineWorld();
        var r = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(), w.Context);
        Assert.That(r.Outcome, Is.EqualTo(SubmitOutcome.Submitted));
        Assert.That(w.LastRequest.LimitPrice, Is.EqualTo(-1.25m));
        w.Report(r.ClientId, BrokerOrderStatus.Working, limit: -1.25m);

        var start = PipelineWorld.Friday1030;
        var seen = new List<(int Seconds, decimal Limit)>();
        for (int s = 1; s <= 300; s++)
        {
            w.Clock.Set(start.AddSeconds(s));
            int before = w.Port.Replaces.Count;
            w.Pipeline.OnTime(w.Clock.Now);
            if (w.Port.Replaces.Count > before)
            {
                seen.Add((s, w.Port.Replaces[^1].Limit));
            }
        }

        Assert.That(seen, Is.EqualTo(new[] { (60, -1.15m), (120, -1.10m), (180, -1.00m) }));
        Assert.That(w.Port.Replaces.Select(x => x.Order), Is.All.EqualTo(w.Order(r.ClientId).Order));
        Assert.That(w.Order(r.ClientId).StepsTaken, Is.EqualTo(3));
    }

    [Test]
    public void OnTime_WindowEnd_CancelsUnfilledEntryP10()
    {
        var w = new PipelineWorld();
        var r = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(), w.Context);
        w.Report(r.ClientId, BrokerOrderStatus.Working);

        w.Pipeline.OnTime(PipelineWorld.Friday1100.AddSeconds(-1));
        Assert.That(w.Port.Cancels, Is.Empty);
        w.Pipeline.OnTime(PipelineWorld.Friday1100);
        Assert.Multiple(() =>
        {
            Assert.That(w.Port.Cancels, Is.EqualTo(new[] { w.Order(r.ClientId).Order }));
            Assert.That(w.Order(r.ClientId).State, Is.EqualTo(OrderState.CancelRequested));
        });

        w.Pipeline.OnTime(PipelineWorld.Friday1100.AddMinutes(1));
        Assert.That(w.Port.Cancels, Has.Count.EqualTo(1), "one cancel, not one per tick");
        w.Report(r.ClientId, BrokerOrderStatus.Cancelled);
        Assert.That(w.Order(r.ClientId).State, Is.EqualTo(OrderState.Cancelled));
        Assert.That(w.Pipeline.Orders.ActiveCount, Is.Zero);
    }

    [Test]
    public void Submit_NaturalPolicy_CrossesAtOnceWithoutLadderP10()
    {
        var w = new PipelineWorld();
        var exit = PipelineWorld.IronCondorEntry(1, PricingPolicy.Natural) with { WindowEnd = DateTime.MaxValue };
        var r = w.Pipeline.Submit(exit, w.Context);
        w.Report(r.ClientId, BrokerOrderStatus.Working);
        for (int m = 1; m <= 10; m++)
        {
            w.Pipeline.OnTime(PipelineWorld.Friday1030.AddMinutes(m));
        }

        Assert.Multiple(() =>
        {
            Assert.That(w.LastRequest.LimitPrice, Is.EqualTo(-1.00m));
            Assert.That(w.Port.Replaces, Is.Empty);
            Assert.That(w.Port.Cancels, Is.Empty);
        });
    }

    [Test]
    public void Submit_IronCondor_OneComboOrderWithAllFourLegsP10()
    {
        var w = new PipelineWorld();
        w.Pipeline.Submit(PipelineWorld.IronCondorEntry(3), w.Context);
        Assert.That(w.Port.Submitted, Has.Count.EqualTo(1));
        var req = w.LastRequest;
        Assert.Multiple(() =>
        {
            Assert.That(req.Structure, Is.EqualTo(PipelineWorld.IronCondor()));
            Assert.That(req.Structure.Count, Is.EqualTo(4));
            Assert.That(req.Quantity, Is.EqualTo(3));
            Assert.That(req.Strategy, Is.EqualTo(StrategyId.F0));
            Assert.That(req.Tag, Is.SameAs(PipelineWorld.IronCondorEntry().RuleIds));
            Assert.That(req.ClientId, Is.EqualTo(new ClientOrderId(1)));
        });
    }

    [Test]
    public void Submit_CloseIntent_NegativeQuantityWithStructureAsHeld()
    {
        var w = new PipelineWorld();
        var close = new OrderIntent(StrategyId.F0, IntentKind.Close, new PositionId(7), PipelineWorld.IronCondor(), 2,
            -0.475, -0.60, PricingPolicy.MidThenLadder, DateTime.MaxValue, "F0-5");
        var r = w.Pipeline.Submit(close, w.Context);
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(SubmitOutcome.Submitted));
            Assert.That(w.LastRequest.Quantity, Is.EqualTo(-2));
            Assert.That(w.LastRequest.LimitPrice, Is.EqualTo(-0.45m));
            Assert.That(w.LastRequest.Position, Is.EqualTo(new PositionId(7)));
        });
    }

    [Test]
    public void Submit_WorkingExitAtTheNatural_NewExitAtANewNatural_RepricesInPlaceP10()
    {
        // A time exit at the natural (−0.60) that the market walked away from (natural now −0.80): before, the next
        // exit pass cancelled it and the position stayed open until the pass after; now the working order is
        // replaced at the new natural and nothing is cancelled.
        var w = new PipelineWorld();
        var exit = new OrderIntent(StrategyId.F0, IntentKind.Close, new PositionId(7), PipelineWorld.IronCondor(), 2,
            -0.475, -0.60, PricingPolicy.Natural, DateTime.MaxValue, "F0-5");
        var first = w.Pipeline.Submit(exit, w.Context);
        w.Report(first.ClientId, BrokerOrderStatus.Working);

        var same = w.Pipeline.Submit(exit, w.Context);
        var moved = w.Pipeline.Submit(exit with { MidPrice = -0.70, NaturalPrice = -0.80 }, w.Context);
        Assert.Multiple(() =>
        {
            Assert.That(w.LastRequest.LimitPrice, Is.EqualTo(-0.60m), "first exit at the natural");
            Assert.That(same.Outcome, Is.EqualTo(SubmitOutcome.PositionBusy));
            Assert.That(moved.Outcome, Is.EqualTo(SubmitOutcome.PositionBusy));
            Assert.That(moved.Reason, Does.Contain("repriced"));
            Assert.That(w.Pipeline.Orders.TryGet(first.ClientId, out var tracked), Is.True);
            Assert.That(w.Port.Replaces, Is.EqualTo(new[] { (tracked.Order, -0.80m) }), "one replace, at the new natural; none while the natural had not moved");
            Assert.That(tracked.LimitPrice, Is.EqualTo(-0.80m));
            Assert.That(w.Port.Cancels, Is.Empty);
            Assert.That(w.Port.Submitted, Has.Count.EqualTo(1), "never a second order for the position");
        });
    }

    [Test]
    public void Submit_WorkingTakeProfitAtMid_NewExit_StillCancelsP10()
    {
        var w = new PipelineWorld();
        var takeProfit = new OrderIntent(StrategyId.F0, IntentKind.Close, new PositionId(7), PipelineWorld.IronCondor(), 2,
            -0.475, -0.60, PricingPolicy.MidThenLadder, DateTime.MaxValue, "F0-5");
        var first = w.Pipeline.Submit(takeProfit, w.Context);
        w.Report(first.ClientId, BrokerOrderStatus.Working);
        var stop = w.Pipeline.Submit(takeProfit with { Pricing = PricingPolicy.Natural, NaturalPrice = -0.90 }, w.Context);
        Assert.Multiple(() =>
        {
            Assert.That(stop.Outcome, Is.EqualTo(SubmitOutcome.PositionBusy));
            Assert.That(w.Port.Cancels, Has.Count.EqualTo(1), "a different plan for the position: cancel, retry on the next pass");
            Assert.That(w.Port.Replaces, Is.Empty);
        });
    }

    [Test]
    public void Submit_PositionWithWorkingOrder_SendsNothingAndCancelsItP10()
    {
        // A second order for the same position used to be sent while the first still worked, and both filled
        // (a weekly call bought back twice, the second buy opening a long call).
        var w = new PipelineWorld();
        var adjust = new OrderIntent(StrategyId.IPMCC, IntentKind.Adjust, new PositionId(7), PipelineWorld.IronCondor(), 1,
            0.475, 0.60, PricingPolicy.MidThenLadder, DateTime.MaxValue, "IPMCC-4");
        var first = w.Pipeline.Submit(adjust, w.Context);
        w.Report(first.ClientId, BrokerOrderStatus.Working);

        var second = w.Pipeline.Submit(adjust, w.Context);
        var third = w.Pipeline.Submit(adjust, w.Context);
        Assert.Multiple(() =>
        {
            Assert.That(second.Outcome, Is.EqualTo(SubmitOutcome.PositionBusy));
            Assert.That(second.RuleIds, Is.EqualTo("P-10"));
            Assert.That(third.Outcome, Is.EqualTo(SubmitOutcome.PositionBusy));
            Assert.That(w.Port.Submitted, Has.Count.EqualTo(1), "no second order");
            Assert.That(w.Port.Cancels, Is.EqualTo(new[] { w.Order(first.ClientId).Order }), "the working order is asked to cancel once");
        });

        w.Report(first.ClientId, BrokerOrderStatus.Cancelled);
        var fourth = w.Pipeline.Submit(adjust, w.Context);
        var other = w.Pipeline.Submit(adjust with { Position = new PositionId(8) }, w.Context);
        Assert.Multiple(() =>
        {
            Assert.That(fourth.Outcome, Is.EqualTo(SubmitOutcome.Submitted), "sent again once the first is done");
            Assert.That(other.Outcome, Is.EqualTo(SubmitOutcome.Submitted), "other positions are not held up");
        });
    }

    [Test]
    public void Process_RiskDenied_NoOrderAndSkipRecordWithVerdictRuleIds()
    {
        var w = new PipelineWorld();
        w.Risk.Verdict = RiskVerdict.Deny("P-3", "group A2 is full");
        var output = new DecisionOutput(4);
        output.Add(PipelineWorld.IronCondorEntry(), Decision(DecisionKind.Enter));

        int sent = w.Pipeline.Process(w.Context, output);

        var d = output.Decisions[0];
        Assert.Multiple(() =>
        {
            Assert.That(sent, Is.Zero);
            Assert.That(w.Port.Submitted, Is.Empty);
            Assert.That(d.Kind, Is.EqualTo(DecisionKind.Skip));
            Assert.That(d.RuleIds, Is.EqualTo("P-3"));
            Assert.That(d.Reason, Is.EqualTo("group A2 is full"));
            Assert.That(d.Order, Is.EqualTo(default(ClientOrderId)));
            Assert.That(d.Quantity, Is.Zero);
            Assert.That(d.Cost.Risk, Is.GreaterThan(0));
            Assert.That(d.Cost.Strategy, Is.EqualTo(5), "the strategy's own cost is kept");
        });
    }

    [Test]
    public void Process_RiskReduced_SendsApprovedQuantityAndRecordsIt()
    {
        var w = new PipelineWorld();
        w.Risk.Verdict = RiskVerdict.Reduce(1, "P-5", "drawdown: sizes halved");
        var output = new DecisionOutput(4);
        output.Add(PipelineWorld.IronCondorEntry(2), Decision(DecisionKind.Enter));

        int sent = w.Pipeline.Process(w.Context, output);

        var d = output.Decisions[0];
        Assert.Multiple(() =>
        {
            Assert.That(sent, Is.EqualTo(1));
            Assert.That(w.LastRequest.Quantity, Is.EqualTo(1));
            Assert.That(d.Kind, Is.EqualTo(DecisionKind.Enter));
            Assert.That(d.RuleIds, Is.EqualTo("F0-2 F0-3"));
            Assert.That(d.Reason, Is.EqualTo("drawdown: sizes halved"));
            Assert.That(d.Quantity, Is.EqualTo(1));
            Assert.That(d.Order, Is.EqualTo(w.LastRequest.ClientId));
            Assert.That(d.Cost.Risk, Is.GreaterThan(0));
            Assert.That(d.Cost.OrderConstruction, Is.GreaterThan(0));
        });
    }

    [Test]
    public void Process_ApprovedAboveAsked_NeverSendsMoreThanTheIntent()
    {
        var w = new PipelineWorld();
        w.Risk.Verdict = RiskVerdict.Approve(9);
        w.Pipeline.Submit(PipelineWorld.IronCondorEntry(2), w.Context);
        Assert.That(w.LastRequest.Quantity, Is.EqualTo(2));
    }

    [Test]
    public void Process_TwoIntents_EachRecordGetsItsOwnOrder()
    {
        var w = new PipelineWorld();
        var output = new DecisionOutput(4);
        output.Record(Decision(DecisionKind.Skip));
        output.Add(PipelineWorld.IronCondorEntry(1), Decision(DecisionKind.Enter));
        output.Add(PipelineWorld.IronCondorEntry(2), Decision(DecisionKind.Enter));

        Assert.That(w.Pipeline.Process(w.Context, output), Is.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(output.Decisions[0].Order, Is.EqualTo(default(ClientOrderId)));
            Assert.That(output.Decisions[1].Order, Is.EqualTo(new ClientOrderId(1)));
            Assert.That(output.Decisions[2].Order, Is.EqualTo(new ClientOrderId(2)));
            Assert.That(output.Decisions[2].Quantity, Is.EqualTo(2));
        });
    }

    [Test]
    public void Submit_OpenAfterWindowEnd_SkipsWithP10()
    {
        var w = new PipelineWorld();
        w.Clock.Set(PipelineWorld.Friday1100);
        var r = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(), w.Context);
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(SubmitOutcome.WindowOver));
            Assert.That(r.RuleIds, Is.EqualTo("P-10"));
            Assert.That(w.Port.Submitted, Is.Empty);
        });
    }

    [Test]
    public void Submit_NaturalOnPassiveSideOfMid_IsUnpriceable()
    {
        var w = new PipelineWorld();
        var bad = PipelineWorld.IronCondorEntry() with { NaturalPrice = -1.50 };
        Assert.That(w.Pipeline.Submit(bad, w.Context).Outcome, Is.EqualTo(SubmitOutcome.Unpriceable));
        var nan = PipelineWorld.IronCondorEntry() with { MidPrice = double.NaN };
        Assert.That(w.Pipeline.Submit(nan, w.Context).Outcome, Is.EqualTo(SubmitOutcome.Unpriceable));
        Assert.That(w.Port.Submitted, Is.Empty);
    }

    [Test]
    public void OnOrderUpdate_PartialFillsThenFill_AccumulateAndStopTheLadder()
    {
        var w = new PipelineWorld();
        var r = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(3), w.Context);
        w.Report(r.ClientId, BrokerOrderStatus.Working);
        w.Report(r.ClientId, BrokerOrderStatus.PartiallyFilled, filled: 1);
        Assert.That(w.Order(r.ClientId).State, Is.EqualTo(OrderState.PartiallyFilled));

        w.Pipeline.OnTime(PipelineWorld.Friday1030.AddSeconds(60));
        Assert.That(w.Port.Replaces, Has.Count.EqualTo(1), "the rest keeps laddering");

        w.Report(r.ClientId, BrokerOrderStatus.PartiallyFilled, filled: 2);
        w.Report(r.ClientId, BrokerOrderStatus.PartiallyFilled, filled: 1); // stale, lower cumulative
        Assert.That(w.Order(r.ClientId).FilledUnits, Is.EqualTo(2));
        w.Report(r.ClientId, BrokerOrderStatus.Filled, filled: 3);
        Assert.Multiple(() =>
        {
            Assert.That(w.Order(r.ClientId).State, Is.EqualTo(OrderState.Filled));
            Assert.That(w.Order(r.ClientId).FilledUnits, Is.EqualTo(3));
            Assert.That(w.Pipeline.Orders.ActiveCount, Is.Zero);
        });

        w.Pipeline.OnTime(PipelineWorld.Friday1100.AddMinutes(5));
        Assert.Multiple(() =>
        {
            Assert.That(w.Port.Replaces, Has.Count.EqualTo(1));
            Assert.That(w.Port.Cancels, Is.Empty);
        });
    }

    [Test]
    public void OnFill_LegFillsPerUnit_FilledUnitsAreTheLegsCommonMinimum()
    {
        var w = new PipelineWorld();
        var r = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(2), w.Context);
        w.Report(r.ClientId, BrokerOrderStatus.Working);
        var ic = PipelineWorld.IronCondor();
        for (int leg = 0; leg < 4; leg++)
        {
            Assert.That(w.Pipeline.ApplyFill(Fill(w, r.ClientId, ic[leg].Contract, ic[leg].Ratio, "E1-" + leg)), Is.EqualTo(TransitionOutcome.Applied));
            Assert.That(w.Order(r.ClientId).FilledUnits, Is.EqualTo(leg == 3 ? 1 : 0));
        }

        Assert.That(w.Order(r.ClientId).State, Is.EqualTo(OrderState.PartiallyFilled));
        for (int leg = 0; leg < 4; leg++)
        {
            w.Pipeline.ApplyFill(Fill(w, r.ClientId, ic[leg].Contract, ic[leg].Ratio, "E2-" + leg));
        }

        Assert.That(w.Order(r.ClientId).State, Is.EqualTo(OrderState.Filled));
        Assert.That(w.Pipeline.ApplyFill(Fill(w, r.ClientId, ic[0].Contract, 1, "E3-0")), Is.EqualTo(TransitionOutcome.Overfill));
    }

    [Test]
    public void OnFill_DuplicateExecutionId_IsIgnored()
    {
        var w = new PipelineWorld();
        var r = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(2), w.Context);
        w.Report(r.ClientId, BrokerOrderStatus.Working);
        var leg = PipelineWorld.IronCondor()[1];
        var fill = Fill(w, r.ClientId, leg.Contract, -1, "EX-42");
        Assert.Multiple(() =>
        {
            Assert.That(w.Pipeline.ApplyFill(fill), Is.EqualTo(TransitionOutcome.Applied));
            Assert.That(w.Pipeline.ApplyFill(fill), Is.EqualTo(TransitionOutcome.DuplicateFill));
            Assert.That(w.Pipeline.ApplyFill(fill with { Quantity = -1 }), Is.EqualTo(TransitionOutcome.DuplicateFill));
            Assert.That(w.Pipeline.RefusedEvents, Is.EqualTo(2));
            Assert.That(w.Pipeline.LastRefusal.Outcome, Is.EqualTo(TransitionOutcome.DuplicateFill));
        });
    }

    [Test]
    public void OnFill_WrongSideOrForeignContract_IsRefused()
    {
        var w = new PipelineWorld();
        var r = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(2), w.Context);
        var shortPut = PipelineWorld.IronCondor()[1].Contract;
        Assert.Multiple(() =>
        {
            Assert.That(w.Pipeline.ApplyFill(Fill(w, r.ClientId, shortPut, +1, "X1")), Is.EqualTo(TransitionOutcome.ForeignFill));
            Assert.That(w.Pipeline.ApplyFill(Fill(w, r.ClientId, PipelineWorld.Spxw(3800, OptionRight.Call), 1, "X2")), Is.EqualTo(TransitionOutcome.ForeignFill));
            Assert.That(w.Order(r.ClientId).FilledUnits, Is.Zero);
        });
    }

    [Test]
    public void OnOrderUpdate_UnknownThenTime_StaysInFlightUntilBrokerEvidence()
    {
        var w = new PipelineWorld();
        var r = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(), w.Context);
        w.Report(r.ClientId, BrokerOrderStatus.Unknown);
        Assert.That(w.Order(r.ClientId).State, Is.EqualTo(OrderState.UnknownInFlight));

        w.Pipeline.OnTime(PipelineWorld.Friday1030.AddMinutes(5));
        Assert.Multiple(() =>
        {
            Assert.That(w.Order(r.ClientId).State, Is.EqualTo(OrderState.UnknownInFlight), "time alone settles nothing");
            Assert.That(w.Port.Replaces, Is.Empty, "no repricing of an order we cannot see");
        });

        w.Report(r.ClientId, BrokerOrderStatus.Working);
        Assert.That(w.Order(r.ClientId).State, Is.EqualTo(OrderState.Working));
        w.Report(r.ClientId, BrokerOrderStatus.Unknown);
        w.Report(r.ClientId, BrokerOrderStatus.Rejected);
        Assert.That(w.Order(r.ClientId).State, Is.EqualTo(OrderState.Rejected), "a broker rejection is evidence");
    }

    [Test]
    public void OnOrderUpdate_UnknownAfterPartialFill_ReconciledWorkingIsPartiallyFilled()
    {
        var w = new PipelineWorld();
        var r = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(3), w.Context);
        w.Report(r.ClientId, BrokerOrderStatus.PartiallyFilled, filled: 1);
        w.Report(r.ClientId, BrokerOrderStatus.Unknown, filled: 99);
        Assert.That(w.Order(r.ClientId).State, Is.EqualTo(OrderState.UnknownInFlight));
        w.Report(r.ClientId, BrokerOrderStatus.Working, filled: 1);
        Assert.Multiple(() =>
        {
            Assert.That(w.Order(r.ClientId).State, Is.EqualTo(OrderState.PartiallyFilled));
            Assert.That(w.Order(r.ClientId).FilledUnits, Is.EqualTo(1));
        });
    }

    [Test]
    public void OnTime_UnknownInFlightAtWindowEnd_StillRequestsTheCancel()
    {
        var w = new PipelineWorld();
        var r = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(), w.Context);
        w.Report(r.ClientId, BrokerOrderStatus.Unknown);
        w.Pipeline.OnTime(PipelineWorld.Friday1100);
        Assert.Multiple(() =>
        {
            Assert.That(w.Port.Cancels, Has.Count.EqualTo(1));
            Assert.That(w.Order(r.ClientId).State, Is.EqualTo(OrderState.CancelRequested));
        });
    }

    [Test]
    public void OnTime_LadderStepWhileNotYetAcknowledged_WaitsForWorking()
    {
        var w = new PipelineWorld();
        var r = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(), w.Context);
        w.Pipeline.OnTime(PipelineWorld.Friday1030.AddSeconds(90));
        Assert.That(w.Port.Replaces, Is.Empty);
        w.Report(r.ClientId, BrokerOrderStatus.Working);
        w.Pipeline.OnTime(PipelineWorld.Friday1030.AddSeconds(95));
        w.Pipeline.OnTime(PipelineWorld.Friday1030.AddSeconds(120));
        Assert.That(w.Port.Replaces.Select(x => x.Limit), Is.EqualTo(new[] { -1.15m, -1.10m }));
    }

    [Test]
    public void ApplyUpdate_ReportAfterFilled_IsRefusedAndCounted()
    {
        var w = new PipelineWorld();
        var r = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(1), w.Context);
        w.Report(r.ClientId, BrokerOrderStatus.Filled, filled: 1);
        var o = w.Order(r.ClientId);
        var outcome = w.Pipeline.ApplyUpdate(new OrderUpdate(o.Order, r.ClientId, BrokerOrderStatus.Working, w.Clock.Now, 1, -1.25m, null));
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(TransitionOutcome.Illegal));
            Assert.That(w.Order(r.ClientId).State, Is.EqualTo(OrderState.Filled));
            Assert.That(w.Pipeline.RefusedEvents, Is.EqualTo(1));
            Assert.That(w.Pipeline.LastRefusal, Is.EqualTo(new OrderEventRefusal(r.ClientId, TransitionOutcome.Illegal, OrderState.Filled, false)));
        });
    }

    [Test]
    public void ApplyUpdate_OverfilledCumulativeQuantity_IsRefused()
    {
        var w = new PipelineWorld();
        var r = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(2), w.Context);
        var o = w.Order(r.ClientId);
        Assert.That(w.Pipeline.ApplyUpdate(new OrderUpdate(o.Order, r.ClientId, BrokerOrderStatus.PartiallyFilled, w.Clock.Now, 3, 0m, null)),
            Is.EqualTo(TransitionOutcome.Overfill));
        Assert.That(w.Order(r.ClientId).FilledUnits, Is.Zero);
    }

    [Test]
    public void Cancel_RefusedByVenue_OrderWorksAgain()
    {
        var w = new PipelineWorld();
        var r = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(), w.Context);
        w.Report(r.ClientId, BrokerOrderStatus.Working);
        Assert.That(w.Pipeline.Cancel(r.ClientId), Is.EqualTo(TransitionOutcome.Applied));
        w.Report(r.ClientId, BrokerOrderStatus.RequestRefused);
        Assert.That(w.Order(r.ClientId).State, Is.EqualTo(OrderState.Working));
    }

    [Test]
    public void Submit_VenueAnswersSynchronously_ClientIdKnownBeforeSubmission()
    {
        var w = new PipelineWorld();
        w.Port.OnSubmit = (req, id) =>
        {
            ((IOrderEventSink)w.Pipeline).OnOrderUpdate(new OrderUpdate(id, req.ClientId, BrokerOrderStatus.Working, w.Clock.Now, 0, req.LimitPrice, null));
            ((IOrderEventSink)w.Pipeline).OnOrderUpdate(new OrderUpdate(id, req.ClientId, BrokerOrderStatus.Filled, w.Clock.Now, req.Quantity, req.LimitPrice, null));
        };
        var r = w.Pipeline.Submit(PipelineWorld.IronCondorEntry(2), w.Context);
        Assert.Multiple(() =>
        {
            Assert.That(w.Order(r.ClientId).State, Is.EqualTo(OrderState.Filled));
            Assert.That(w.Order(r.ClientId).Order, Is.EqualTo(new OrderId(1000)));
            Assert.That(w.Pipeline.RefusedEvents, Is.Zero);
        });
    }

    [Test]
    public void Submit_ManyOrdersThroughSmallTable_RecyclesTerminalSlotsAndKeepsIdsUnique()
    {
        var port = new RecordingOrderPort();
        var w = new PipelineWorld();
        var pipeline = new OrderPipeline(port, w.Risk, RulebookSettings.Default.Orders, new OrderTable(capacity: 4, firstClientId: 500));
        var ids = new List<ClientOrderId>();
        for (int i = 0; i < 20; i++)
        {
            var r = pipeline.Submit(PipelineWorld.IronCondorEntry(1), w.Context);
            ids.Add(r.ClientId);
            if (i % 2 == 0)
            {
                pipeline.ApplyUpdate(new OrderUpdate(default, r.ClientId, BrokerOrderStatus.Filled, w.Clock.Now, 1, 0m, null));
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(ids.Select(x => x.Value), Is.EqualTo(Enumerable.Range(500, 20).Select(x => (long)x)));
            Assert.That(pipeline.Orders.ActiveCount, Is.EqualTo(10));
            Assert.That(pipeline.Orders.Capacity, Is.GreaterThanOrEqualTo(10));
            Assert.That(pipeline.Orders.TryGet(ids[^1], out var last) && last.State == OrderState.Submitted, Is.True);
        });
    }

    [Test]
    public void Submit_SteadyState_AllocatesNothingPerIntent()
    {
        var w = new PipelineWorld();
        w.Port.Record = false;
        var intent = PipelineWorld.IronCondorEntry(1);
        var output = new DecisionOutput(4);

        void Round()
        {
            output.Clear();
            output.Add(intent, Decision(DecisionKind.Enter));
            w.Pipeline.Process(w.Context, output);
            var id = output.Decisions[0].Order;
            w.Pipeline.ApplyUpdate(new OrderUpdate(new OrderId(1), id, BrokerOrderStatus.Working, w.Clock.Now, 0, 0m, null));
            w.Pipeline.OnTime(PipelineWorld.Friday1030);
            w.Pipeline.ApplyUpdate(new OrderUpdate(new OrderId(1), id, BrokerOrderStatus.Filled, w.Clock.Now, 1, 0m, null));
        }

        for (int i = 0; i < 2000; i++)
        {
            Round();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            Round();
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    private static DecisionRecord Decision(DecisionKind kind) =>
        new(PipelineWorld.Friday1030, StrategyId.F0, kind, "F0-2 F0-3", "flat open: iron condor", 3800, 22, VixRegime.Normal, AccountPhase.Phase4,
            LegValues.None, LegValues.None, default, default, 0, new StageCost(1, 5, 0, 0));

    private static LegFill Fill(PipelineWorld w, ClientOrderId id, OptionContract contract, int quantity, string exec) =>
        new(w.Order(id).Order, id, contract, quantity, 1.0m, 0.5m, w.Clock.Now, exec);
}

public sealed class OrderPipelinePositionTests
{
    [Test]
    public void Process_EntryWithBinder_ReservesPositionAndBindsBeforeSubmission()
    {
        var w = new PipelineWorld();
        var binder = new RecordingBinder(w.Port);
        var pipeline = new OrderPipeline(w.Port, w.Risk, RulebookSettings.Default.Orders, positions: binder);
        var output = new DecisionOutput(4);
        output.Add(PipelineWorld.IronCondorEntry(), new DecisionRecord(PipelineWorld.Friday1030, StrategyId.F0, DecisionKind.Enter, "F0-2", "",
            3800, 22, VixRegime.Normal, AccountPhase.Phase4, LegValues.None, LegValues.None, default, default, 0, default));

        pipeline.Process(w.Context, output);

        Assert.Multiple(() =>
        {
            Assert.That(binder.Reserved, Has.Count.EqualTo(1));
            Assert.That(binder.Reserved[0].Structure, Is.EqualTo(PipelineWorld.IronCondor()));
            Assert.That(binder.Bound, Is.EqualTo(new[] { (new ClientOrderId(1), new PositionId(41), 0) }), "bound before the port saw the order");
            Assert.That(w.LastRequest.Position, Is.EqualTo(new PositionId(41)));
            Assert.That(output.Decisions[0].Position, Is.EqualTo(new PositionId(41)));
        });
    }

    [Test]
    public void Submit_CloseWithBinder_BindsToTheHeldPositionWithoutReserving()
    {
        var w = new PipelineWorld();
        var binder = new RecordingBinder(w.Port);
        var pipeline = new OrderPipeline(w.Port, w.Risk, RulebookSettings.Default.Orders, positions: binder);
        var close = new OrderIntent(StrategyId.F0, IntentKind.Close, new PositionId(7), PipelineWorld.IronCondor(), 1, -0.5, -0.6, PricingPolicy.Natural, DateTime.MaxValue, "F0-5");

        var r = pipeline.Submit(close, w.Context);

        Assert.Multiple(() =>
        {
            Assert.That(binder.Reserved, Is.Empty);
            Assert.That(binder.Bound, Is.EqualTo(new[] { (r.ClientId, new PositionId(7), 0) }));
        });
    }

    [Test]
    public void Submit_DeniedEntryWithBinder_ReservesNothing()
    {
        var w = new PipelineWorld();
        w.Risk.Verdict = RiskVerdict.Deny("P-2", "phase position limit");
        var binder = new RecordingBinder(w.Port);
        var pipeline = new OrderPipeline(w.Port, w.Risk, RulebookSettings.Default.Orders, positions: binder);
        pipeline.Submit(PipelineWorld.IronCondorEntry(), w.Context);
        Assert.That((binder.Reserved.Count, binder.Bound.Count), Is.EqualTo((0, 0)));
    }
}

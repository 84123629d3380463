using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Portfolio;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;
using TomKing.Algorithm.Risk.Margin;
using TomKing.Algorithm.Strategies;
using TomKing.Algorithm.Tests.Risk;
using TomKing.Greeks;
using static TomKing.Algorithm.Tests.Risk.RiskScenario;

namespace TomKing.Algorithm.Tests.Portfolio;

/// <summary>Adjustment fills rewrite what a position holds (structure, units, per-leg entry prices), and
/// working entries count for P-2/P-3/P-4.</summary>
public sealed class PortfolioAdjustmentTests
{
    private RiskScenario _s = null!;
    private PortfolioLedger _ledger = null!;
    private long _order;
    private int _exec;

    [SetUp]
    public void SetUp()
    {
        _s = new RiskScenario();
        _ledger = new PortfolioLedger(100_000m, _s.Market, new MarginModel());
    }

    private ClientOrderId Bind(PositionId id)
    {
        var client = new ClientOrderId(++_order);
        _ledger.BindOrder(client, id);
        return client;
    }

    private void Fill(ClientOrderId client, OptionContract c, int qty, decimal price) =>
        _ledger.OnFill(new LegFill(new OrderId(client.Value), client, c, qty, price, 0m, Now, "x" + (++_exec)));

    /// <summary>Fills every leg of <paramref name="unit"/> × <paramref name="units"/> at the given prices (one order).</summary>
    private void FillCombo(PositionId id, OptionStructure unit, int units, params decimal[] prices)
    {
        var client = Bind(id);
        for (int i = 0; i < unit.Count; i++)
        {
            Fill(client, unit[i].Contract, unit[i].Ratio * units, prices[i]);
        }
    }

    private OpenPosition Position(PositionId id)
    {
        foreach (var p in _ledger.OpenPositions)
        {
            if (p.Id == id)
            {
                return p;
            }
        }

        throw new AssertionException($"position {id} is not open");
    }

    private OptionContract Spy(DateOnly e, double k, OptionRight r) => _s.Contract("SPY", e, k, r);

    [Test]
    public void OnFill_IpmccWeeklySoldRolledAndBoughtBack_HeldStructureAndLegPricesFollow()
    {
        var leap = Spy(D79, 350, OptionRight.Call);
        var weekly = Spy(D16, 385, OptionRight.Call);
        var next = Spy(D21, 386, OptionRight.Call);
        var id = _ledger.ReservePosition(StrategyId.IPMCC, OptionStructure.LeapOnly(leap));
        FillCombo(id, OptionStructure.LeapOnly(leap), 1, 35.00m);

        // IPMCC-3: the weekly is an Adjustment [Sell(call)] of the position
        FillCombo(id, OptionStructure.Adjustment([Leg.Sell(weekly)]), 1, 2.00m);
        var p = Position(id);
        Assert.Multiple(() =>
        {
            Assert.That(p.Structure, Is.EqualTo(OptionStructure.LeapPlusShortCall(leap, weekly)), "the shape still fits the entry's kind");
            Assert.That(p.Quantity, Is.EqualTo(1));
            Assert.That(p.LegEntryPrices, Is.EqualTo(new LegValues(35.0, 2.0, 0, 0)));
            Assert.That(p.EntryPrice, Is.EqualTo(33.00m), "+35 − 2 per unit");
        });

        // IPMCC-4 roll in one combo: buy back the weekly, sell the next one
        FillCombo(id, OptionStructure.Adjustment([Leg.Buy(weekly), Leg.Sell(next)]), 1, 0.50m, 2.50m);
        p = Position(id);
        Assert.Multiple(() =>
        {
            Assert.That(p.Structure, Is.EqualTo(OptionStructure.LeapPlusShortCall(leap, next)));
            Assert.That(p.LegEntryPrices, Is.EqualTo(new LegValues(35.0, 2.5, 0, 0)));
            Assert.That(p.EntryPrice, Is.EqualTo(32.50m));
            Assert.That(_ledger.RealizedPnl(StrategyId.IPMCC), Is.EqualTo(150m), "(2.00 − 0.50) × 100 on the first weekly");
        });

        // IPMCC-4 buy-back alone: the LEAP is held alone again
        FillCombo(id, OptionStructure.Adjustment([Leg.Buy(next)]), 1, 0.20m);
        p = Position(id);
        Assert.That(p.Structure, Is.EqualTo(OptionStructure.LeapOnly(leap)));
        Assert.That(p.LegEntryPrices, Is.EqualTo(new LegValues(35.0, 0, 0, 0)));
    }

    [Test]
    public void OnFill_L112NakedPutsBoughtBack_HeldIsTheDebitSpreadAsAnAdjustment()
    {
        var unit = _s.OneOneTwo(D79);
        var id = _ledger.ReservePosition(StrategyId.L112, unit);
        FillCombo(id, unit, 3, 60m, 45m, 20m);
        Assert.That(Position(id).Structure, Is.EqualTo(unit));
        Assert.That(Position(id).Quantity, Is.EqualTo(3));

        FillCombo(id, OptionStructure.Adjustment([Leg.Buy(unit[2].Contract, 2)]), 3, 2m);
        var p = Position(id);
        Assert.Multiple(() =>
        {
            Assert.That(p.Structure.Kind, Is.EqualTo(StructureKind.Adjustment), "a put debit spread is no rulebook kind");
            Assert.That(p.Structure, Is.EqualTo(OptionStructure.Adjustment([Leg.Buy(unit[0].Contract), Leg.Sell(unit[1].Contract)])));
            Assert.That(p.Quantity, Is.EqualTo(3));
            Assert.That(p.LegEntryPrices, Is.EqualTo(new LegValues(60, 45, 0, 0)));
            Assert.That(p.EntryPrice, Is.EqualTo(15m));
        });
    }

    [Test]
    public void BuyingPowerInUse_AfterNakedBuyBack_IsTheMarginOfTheHeldDebitSpread()
    {
        var unit = _s.OneOneTwo(D79);
        var margin = new MarginModel();
        var id = _ledger.ReservePosition(StrategyId.L112, unit);
        FillCombo(id, unit, 3, 60m, 45m, 20m);
        Assert.That(margin.TryPerUnit(unit, _s.Market, out decimal entryBp), Is.True);
        Assert.That(_ledger.BuyingPowerInUse, Is.EqualTo(3 * entryBp));

        FillCombo(id, OptionStructure.Adjustment([Leg.Buy(unit[2].Contract, 2)]), 3, 2m);
        var held = Position(id).Structure;
        Assert.That(margin.TryPerUnit(held, _s.Market, out decimal heldBp), Is.True, "an Adjustment is priced");
        Assert.Multiple(() =>
        {
            Assert.That(_ledger.BuyingPowerInUse, Is.EqualTo(3 * heldBp), "P-1 BP in use follows the fill");
            Assert.That(heldBp, Is.LessThan(entryBp / 5), "only the debit spread is left");
            Assert.That(Position(id).BuyingPower, Is.EqualTo(3 * heldBp));
        });

        _ledger.RevalueBuyingPower();
        Assert.That(_ledger.BuyingPowerInUse, Is.EqualTo(3 * heldBp));
    }

    [Test]
    public void OnFill_StrangleUntestedSideRolled_StillAStrangleInFactoryOrder()
    {
        var unit = _s.Strangle("ES", D79, 3400, 4200);
        var newPut = _s.Contract("ES", D79, 3500, OptionRight.Put);
        var id = _ledger.ReservePosition(StrategyId.FS, unit);
        FillCombo(id, unit, 2, 10m, 12m);

        // FS-5 roll: sell the new put, buy back the old one (the old put's slot goes flat, the new one is appended)
        FillCombo(id, OptionStructure.Adjustment([Leg.Sell(newPut), Leg.Buy(unit[0].Contract)]), 2, 20m, 4m);
        var p = Position(id);
        Assert.Multiple(() =>
        {
            Assert.That(p.Structure, Is.EqualTo(OptionStructure.Strangle(newPut, unit[1].Contract)), "put first, call second");
            Assert.That(p.Quantity, Is.EqualTo(2));
            Assert.That(p.LegEntryPrices, Is.EqualTo(new LegValues(20, 12, 0, 0)), "in the held structure's leg order");
            Assert.That(p.EntryPrice, Is.EqualTo(-32m));
        });
    }

    [Test]
    public void Monitor_Vix31StrangleWithTestedSideClosed_ClosesExactlyTheHeldLegFS5()
    {
        var unit = _s.Strangle("ES", D79, 3400, 4200);
        var id = _ledger.ReservePosition(StrategyId.FS, unit);
        FillCombo(id, unit, 2, 10m, 12m);
        FillCombo(id, OptionStructure.Adjustment([Leg.Buy(unit[1].Contract)]), 2, 30m); // FS-5 0.25: tested call bought back
        _s.SetVix(31);
        var context = new DecisionContext(_s.Clock, _s.Market, _ledger, RelaxedGreeks) { BuyingPower = new MarginModel() };
        context.Refresh();
        var output = new DecisionOutput();
        Assert.That(new RiskEngine(new MarginModel()).Monitor(context, output), Is.EqualTo(1));
        var intent = output.Intents[0];
        Assert.Multiple(() =>
        {
            Assert.That(intent.Kind, Is.EqualTo(IntentKind.Close));
            Assert.That(intent.Structure, Is.EqualTo(OptionStructure.Adjustment([Leg.Sell(unit[0].Contract)])), "only the put is held");
            Assert.That(intent.Quantity, Is.EqualTo(2));
            Assert.That(intent.RuleIds, Is.EqualTo("P-1 FS-5"));
        });
    }

    [Test]
    public void OnFill_FifthHeldLeg_BookedAndReportedAsOverflowUntilBackToFour()
    {
        var ic = OptionStructure.IronCondor(Spy(D44, 360, OptionRight.Put), Spy(D44, 365, OptionRight.Put), Spy(D44, 395, OptionRight.Call), Spy(D44, 400, OptionRight.Call));
        var newShortCall = Spy(D44, 398, OptionRight.Call);
        var id = _ledger.ReservePosition(StrategyId.F0, ic);
        FillCombo(id, ic, 1, 0.5m, 1.0m, 1.0m, 0.5m);
        decimal cash = _ledger.Cash;

        // a roll of the short call, the new leg filled first: five legs held for a moment
        var roll = Bind(id);
        Fill(roll, newShortCall, -1, 0.30m);
        Assert.Multiple(() =>
        {
            Assert.That(_ledger.LegOverflows, Is.EqualTo(1));
            Assert.That(_ledger.OverflowingPositions, Is.EqualTo(1));
            Assert.That(_ledger.HasLegOverflow(id), Is.True);
            Assert.That(_ledger.Cash, Is.EqualTo(cash + 30m), "the fill is booked");
            Assert.That(_ledger.CopyHeldLegs(id, new HeldLeg[8]), Is.EqualTo(5));
            Assert.That(Position(id).Structure, Is.EqualTo(ic), "the last description that fit");
        });

        Fill(roll, ic[2].Contract, 1, 0.90m);
        var p = Position(id);
        Assert.Multiple(() =>
        {
            Assert.That(_ledger.HasLegOverflow(id), Is.False);
            Assert.That(_ledger.OverflowingPositions, Is.Zero);
            Assert.That(_ledger.LegOverflows, Is.EqualTo(1), "a count of events");
            Assert.That(p.Structure, Is.EqualTo(OptionStructure.IronCondor(ic[0].Contract, ic[1].Contract, newShortCall, ic[3].Contract)),
                "the rolled condor is a condor again, legs in factory order");
            Assert.That(p.LegEntryPrices, Is.EqualTo(new LegValues(0.5, 1.0, 0.3, 0.5)));
        });
    }

    [Test]
    public void OnFill_ManyWeeklyRolls_FlatLegSlotsAreRecycled()
    {
        var leap = Spy(D79, 350, OptionRight.Call);
        var id = _ledger.ReservePosition(StrategyId.IPMCC, OptionStructure.LeapOnly(leap));
        FillCombo(id, OptionStructure.LeapOnly(leap), 1, 35.00m);
        var previous = default(OptionContract);
        for (int week = 0; week < 20; week++)
        {
            var call = Spy(D44, 381 + week, OptionRight.Call);
            var roll = week == 0 ? OptionStructure.Adjustment([Leg.Sell(call)]) : OptionStructure.Adjustment([Leg.Buy(previous), Leg.Sell(call)]);
            FillCombo(id, roll, 1, week == 0 ? [2m] : [0.5m, 2m]);
            previous = call;
        }

        Assert.Multiple(() =>
        {
            Assert.That(_ledger.UnmatchedFills, Is.Zero);
            Assert.That(Position(id).Structure, Is.EqualTo(OptionStructure.LeapPlusShortCall(leap, previous)));
            Assert.That(_ledger.RealizedPnl(StrategyId.IPMCC), Is.EqualTo(19 * 150m));
        });
    }

    [Test]
    public void WorkingEntries_ReservedNotFilled_CountedUntilCancelledOrFilled()
    {
        var spread = _s.PutSpread("SPXW", D44, 3600, 3550);
        var a = _ledger.ReservePosition(StrategyId.F0, spread);
        var ca = Bind(a);
        var b = _ledger.ReservePosition(StrategyId.L112, _s.OneOneTwo(D79));
        var cb = new ClientOrderId(++_order);
        _ledger.BindOrder(cb, b, reservedBuyingPower: 4_000m);
        Assert.Multiple(() =>
        {
            Assert.That(_ledger.OpenPositions.Length, Is.Zero);
            Assert.That(_ledger.WorkingEntries.Length, Is.EqualTo(2));
            Assert.That(_ledger.WorkingEntries[0].Quantity, Is.Zero);
            Assert.That(_ledger.WorkingEntries[1].BuyingPower, Is.EqualTo(4_000m));
            Assert.That(_ledger.CountOpen(StrategyId.F0), Is.EqualTo(1));
            Assert.That(_ledger.CountOpen(CorrelationGroup.A2), Is.EqualTo(2));
        });

        _ledger.OnOrderUpdate(new OrderUpdate(new OrderId(cb.Value), cb, BrokerOrderStatus.Rejected, Now, 0, -1m, null));
        Fill(ca, spread[0].Contract, -1, 5m);
        Assert.Multiple(() =>
        {
            Assert.That(_ledger.WorkingEntries.Length, Is.Zero);
            Assert.That(_ledger.OpenPositions.Length, Is.EqualTo(1));
            Assert.That(_ledger.CountOpen(CorrelationGroup.A2), Is.EqualTo(1), "the rejected entry no longer counts; the filled one still does");
            Assert.That(_ledger.CountOpen(StrategyId.L112), Is.Zero);
            Assert.That(_ledger.BuyingPowerInUse, Is.Not.EqualTo(4_000m));
        });
    }

    private DecisionContext LedgerContext()
    {
        var context = new DecisionContext(_s.Clock, _s.Market, _ledger, RelaxedGreeks) { BuyingPower = new FixedBuyingPower(100m) };
        context.Refresh();
        return context;
    }

    [Test]
    public void Check_WorkingEntryOfSameStrategyGroupAndExpiry_DeniedByP4()
    {
        var engine = new RiskEngine(new FixedBuyingPower(100m));
        var first = Open(StrategyId.F0, _s.PutSpread("SPXW", D44, 3600, 3550));
        Assert.That(engine.Check(first, LedgerContext()).Outcome, Is.EqualTo(RiskOutcome.Approved));
        Bind(_ledger.ReservePosition(StrategyId.F0, first.Structure)); // in flight, not filled
        var v = engine.Check(Open(StrategyId.F0, _s.PutSpread("SPXW", D44, 3500, 3450)), LedgerContext());
        Assert.That((v.Outcome, v.RuleIds), Is.EqualTo((RiskOutcome.Denied, "P-4")));
    }

    [Test]
    public void Check_ThreeWorkingA2Entries_FourthDeniedByP3()
    {
        var engine = new RiskEngine(new FixedBuyingPower(100m));
        for (int i = 0; i < 3; i++)
        {
            var entry = Open(StrategyId.F0, _s.PutSpread("SPXW", i == 0 ? D16 : i == 1 ? D44 : D79, 3600, 3550));
            Assert.That(engine.Check(entry, LedgerContext()).Outcome, Is.EqualTo(RiskOutcome.Approved), $"entry {i}");
            Bind(_ledger.ReservePosition(entry.Strategy, entry.Structure));
        }

        var v = engine.Check(Open(StrategyId.LPL, OptionStructure.SinglePut(Spy(D79, 340, OptionRight.Put))), LedgerContext());
        Assert.That((v.Outcome, v.RuleIds), Is.EqualTo((RiskOutcome.Denied, "P-3")));
    }

    [Test]
    public void Check_Phase1ThreeWorkingEntries_FourthDeniedByP2()
    {
        _ledger = new PortfolioLedger(30_000m, _s.Market, new MarginModel());
        var engine = new RiskEngine(new FixedBuyingPower(100m));
        Bind(_ledger.ReservePosition(StrategyId.FS, _s.Strangle("ES", D79, 3400, 4200)));
        Bind(_ledger.ReservePosition(StrategyId.IPMCC, OptionStructure.LeapOnly(Spy(D79, 350, OptionRight.Call))));
        Bind(_ledger.ReservePosition(StrategyId.LPL, OptionStructure.SinglePut(Spy(D79, 340, OptionRight.Put))));
        var v = engine.Check(Open(StrategyId.F0, _s.PutSpread("SPY", D44, 360, 355)), LedgerContext());
        Assert.That((v.Outcome, v.RuleIds), Is.EqualTo((RiskOutcome.Denied, "P-2")));
        Assert.That(v.Reason, Does.Contain("maximum number of open positions"));
    }
}

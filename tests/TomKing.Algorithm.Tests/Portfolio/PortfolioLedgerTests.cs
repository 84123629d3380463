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

public sealed class PortfolioLedgerTests
{
    private RiskScenario _s = null!;
    private PortfolioLedger _ledger = null!;
    private OptionContract _short;
    private OptionContract _long;
    private PositionId _id;

    [SetUp]
    public void SetUp()
    {
        _s = new RiskScenario();
        _ledger = new PortfolioLedger(100_000m, _s.Market, new MarginModel());
        _short = _s.Contract("SPY", D44, 370, OptionRight.Put);
        _long = _s.Contract("SPY", D44, 365, OptionRight.Put);
        _id = _ledger.ReservePosition(StrategyId.F0, OptionStructure.PutCreditSpread(_short, _long));
        _ledger.BindOrder(new ClientOrderId(1), _id);
    }

    private void Fill(long order, OptionContract c, int qty, decimal price, decimal fee, string exec = "") =>
        _ledger.OnFill(new LegFill(new OrderId(order), new ClientOrderId(order), c, qty, price, fee, Now, exec));

    private void OpenTwoUnits()
    {
        Fill(1, _short, -1, 2.00m, 1m, "e1");
        Fill(1, _short, -1, 2.20m, 1m, "e2");
        Fill(1, _long, 2, 1.00m, 2m, "e3");
    }

    [Test]
    public void OnFill_PartialFills_AverageCostCashAndCounts()
    {
        Fill(1, _short, -1, 2.00m, 1m, "e1");
        Assert.That(_ledger.CountOpen(StrategyId.F0), Is.EqualTo(1), "the first fill opens the position");
        Fill(1, _short, -1, 2.20m, 1m, "e2");
        Fill(1, _long, 2, 1.00m, 2m, "e3");
        var legs = new HeldLeg[8];
        int n = _ledger.CopyHeldLegs(_id, legs);
        var open = _ledger.OpenPositions[0];
        Assert.Multiple(() =>
        {
            Assert.That(n, Is.EqualTo(2));
            Assert.That(legs[0].Contracts, Is.EqualTo(-2));
            Assert.That(legs[0].AveragePrice, Is.EqualTo(2.10m));
            Assert.That(_ledger.Cash, Is.EqualTo(100_000m + 200m + 220m - 200m - 4m));
            Assert.That(_ledger.CountOpen(CorrelationGroup.A2), Is.EqualTo(1));
            Assert.That(open.Quantity, Is.EqualTo(2));
            Assert.That(open.EntryPrice, Is.EqualTo(-1.10m), "net credit 1.10 per unit, LEAN sign");
            Assert.That(open.Id, Is.EqualTo(_id));
        });
    }

    [Test]
    public void UpdateMark_ShortLegRises_UnrealizedAndNetLiq()
    {
        OpenTwoUnits();
        Assert.That(_ledger.TryGetMarkSlot(_short, out int shortSlot) && _ledger.TryGetMarkSlot(_long, out int longSlot), Is.True);
        _ledger.TryGetMarkSlot(_long, out longSlot);
        _ledger.UpdateMark(shortSlot, 3.00);
        _ledger.UpdateMark(longSlot, 1.50);
        // value −2×3×100 + 2×1.5×100 = −300; cost basis −2×2.10×100 + 2×1×100 = −220
        Assert.Multiple(() =>
        {
            Assert.That(_ledger.OpenPositions[0].UnrealizedPnl, Is.EqualTo(-80m));
            Assert.That(_ledger.UnrealizedPnl(StrategyId.F0), Is.EqualTo(-80m));
            Assert.That(_ledger.NetLiquidation, Is.EqualTo(100_216m - 300m));
            Assert.That(_ledger.TryGetPosition(_id, out var snap), Is.True);
            Assert.That((snap.RealizedPnl, snap.Fees, snap.MarketValue), Is.EqualTo((-4m, 4m, -300m)));
        });
    }

    [Test]
    public void OnFill_ClosedAtProfit_RealizedNetOfFeesAndPositionClosed()
    {
        OpenTwoUnits();
        _ledger.BindOrder(new ClientOrderId(2), _id);
        Fill(2, _short, 2, 1.00m, 2m, "e4");
        Fill(2, _long, -2, 0.40m, 2m, "e5");
        // short: 2 × (1.00 − 2.10) × (−1) × 100 = +220; long: 2 × (0.40 − 1.00) × 100 = −120; fees 8
        Assert.Multiple(() =>
        {
            Assert.That(_ledger.ClosedPositions, Has.Count.EqualTo(1));
            Assert.That(_ledger.ClosedPositions[0].RealizedPnl, Is.EqualTo(92m));
            Assert.That(_ledger.ClosedPositions[0].Fees, Is.EqualTo(8m));
            Assert.That(_ledger.RealizedPnl(StrategyId.F0), Is.EqualTo(92m));
            Assert.That(_ledger.CountOpen(StrategyId.F0), Is.Zero);
            Assert.That(_ledger.OpenPositions.Length, Is.Zero);
            Assert.That(_ledger.NetLiquidation, Is.EqualTo(100_092m));
            Assert.That(_ledger.BuyingPowerInUse, Is.Zero);
        });
    }

    [Test]
    public void OnFill_PartialClose_RealizesOnlyTheClosedContracts()
    {
        OpenTwoUnits();
        _ledger.BindOrder(new ClientOrderId(2), _id);
        Fill(2, _short, 1, 1.60m, 0m, "e4");
        Assert.That(_ledger.TryGetPosition(_id, out var snap), Is.True);
        Assert.That(snap.RealizedPnl, Is.EqualTo(-4m + 50m), "1 × (1.60 − 2.10) × −1 × 100");
    }

    [Test]
    public void OnNewDay_SessionsAndHighWaterMark_ReferencePointsMove()
    {
        OpenTwoUnits();
        _ledger.TryGetMarkSlot(_short, out int slot);
        _ledger.UpdateMark(slot, 2.10); // marked at its average price: no unrealized P&L
        _ledger.OnNewDay(new DateOnly(2021, 9, 1)); // Wednesday
        Assert.That(_ledger.NetLiquidation, Is.EqualTo(100_216m - 420m + 200m));
        decimal start = _ledger.NetLiquidation;
        _ledger.UpdateMark(slot, 1.00); // short leg cheaper: +220
        Assert.That(_ledger.HighWaterMark, Is.EqualTo(start + 220m));
        _ledger.UpdateMark(slot, 4.00); // −300 from the start
        Assert.That(_ledger.HighWaterMark, Is.EqualTo(start + 220m), "the high-water mark never falls");
        _ledger.OnNewDay(new DateOnly(2021, 9, 2));
        Assert.Multiple(() =>
        {
            Assert.That(_ledger.StartOfDayNetLiquidation, Is.EqualTo(start - 380m));
            Assert.That(_ledger.StartOfWeekNetLiquidation, Is.EqualTo(start));
            Assert.That(_ledger.StartOfMonthNetLiquidation, Is.EqualTo(start));
        });
        _ledger.OnNewDay(new DateOnly(2021, 9, 6)); // Monday: new week
        Assert.That(_ledger.StartOfWeekNetLiquidation, Is.EqualTo(start - 380m));
        _ledger.UpdateMark(slot, 3.00);
        _ledger.OnNewDay(new DateOnly(2021, 10, 1));
        Assert.That(_ledger.StartOfMonthNetLiquidation, Is.EqualTo(start - 180m));
    }

    [Test]
    public void OnFill_DuplicateExecutionOrUnboundOrder_Ignored()
    {
        Fill(1, _short, -1, 2.00m, 1m, "e1");
        Fill(1, _short, -1, 2.00m, 1m, "e1");
        Fill(9, _short, -1, 2.00m, 1m, "e9");
        Assert.Multiple(() =>
        {
            Assert.That(_ledger.DuplicateFills, Is.EqualTo(1));
            Assert.That(_ledger.UnmatchedFills, Is.EqualTo(1));
            Assert.That(_ledger.Cash, Is.EqualTo(100_199m));
        });
    }

    [Test]
    public void OnOrderUpdate_EntryCancelledUnfilled_ReleasesReservationAndPosition()
    {
        var id = _ledger.ReservePosition(StrategyId.L112, _s.OneOneTwo(D79));
        _ledger.BindOrder(new ClientOrderId(7), id, reservedBuyingPower: 5_000m);
        Assert.That(_ledger.BuyingPowerInUse, Is.EqualTo(5_000m));
        _ledger.OnOrderUpdate(new OrderUpdate(new OrderId(7), new ClientOrderId(7), BrokerOrderStatus.Cancelled, Now, 0, -1m, null));
        Assert.That(_ledger.BuyingPowerInUse, Is.Zero);
        Assert.That(_ledger.TryGetPosition(id, out _), Is.False);
    }

    [Test]
    public void BuyingPowerInUse_OpenPutSpread_IsMarginModelTimesUnits()
    {
        OpenTwoUnits();
        Assert.That(new MarginModel().TryPerUnit(OptionStructure.PutCreditSpread(_short, _long), _s.Market, out decimal perUnit), Is.True);
        Assert.That(_ledger.BuyingPowerInUse, Is.EqualTo(2 * perUnit));
        Assert.That(_ledger.OpenPositions[0].BuyingPower, Is.EqualTo(2 * perUnit));
    }

    [Test]
    public void Weigh_QqqShortPut_HandComputedSpyShares()
    {
        // r = 1.15 × 350 / 450 = 0.894444…; Δ = −0.30 × (100 × −1) × r; Γ = 0.02 × −100 × r²
        var g = BetaWeighting.Weigh(-0.30, 0.02, 0.05, 0.40, -100, 1.15, 350, 450);
        double r = 1.15 * 350 / 450;
        Assert.Multiple(() =>
        {
            Assert.That(g.Delta, Is.EqualTo(26.8333333).Within(1e-6));
            Assert.That(g.Gamma, Is.EqualTo(-2.0 * r * r).Within(1e-12));
            Assert.That(g.Gamma, Is.EqualTo(-1.6000617).Within(1e-6));
            Assert.That(g.ThetaPerDay, Is.EqualTo(-5.0).Within(1e-12));
            Assert.That(g.Vega, Is.EqualTo(-0.4).Within(1e-12));
        });
    }

    [Test]
    public void BetaWeightedGreeks_ShortSpxwPut_TenSpyPerIndexPoint()
    {
        var put = _s.Contract("SPXW", D44, 3700, OptionRight.Put);
        var id = _ledger.ReservePosition(StrategyId.LPL, OptionStructure.SinglePut(put));
        _ledger.BindOrder(new ClientOrderId(3), id);
        Fill(3, put, -1, 40m, 1m);
        _s.Market.TryGetChain("SPXW", out var chain);
        chain.TryGetExpiry(D44, out var e);
        var g = e.GreeksAt(e.IndexOfStrike(3700), OptionRight.Put);
        var bw = _ledger.BetaWeightedGreeks;
        Assert.Multiple(() =>
        {
            Assert.That(bw.Delta, Is.EqualTo(g.Delta * -100 * 10).Within(1e-9), "β 1 × 3800 / 380 = 10 SPY shares per SPX point");
            Assert.That(bw.Gamma, Is.EqualTo(g.Greeks.Gamma * -100 * 100).Within(1e-9));
            Assert.That(bw.Delta, Is.GreaterThan(0), "a short put is long delta");
            Assert.That(_ledger.MissingGreeksLegs, Is.Zero);
        });
    }

    [Test]
    public void FillMarkAndRiskCheck_SteadyState_AllocateNothing()
    {
        var ledger = new PortfolioLedger(100_000m, _s.Market, new MarginModel(), dedupWindow: 16);
        var engine = new RiskEngine(new MarginModel());
        var context = new DecisionContext(_s.Clock, _s.Market, ledger, RelaxedGreeks) { BuyingPower = new MarginModel() };
        var id = ledger.ReservePosition(StrategyId.F0, OptionStructure.PutCreditSpread(_short, _long));
        ledger.BindOrder(new ClientOrderId(1), id);
        string[] exec = [.. Enumerable.Range(0, 64).Select(i => "x" + i)];
        var buy = new LegFill(new OrderId(1), new ClientOrderId(1), _long, 1, 1.00m, 0.5m, Now, "");
        var sell = new LegFill(new OrderId(1), new ClientOrderId(1), _short, -1, 2.00m, 0.5m, Now, "");
        ledger.OnFill(buy);
        ledger.OnFill(sell);
        ledger.TryGetMarkSlot(_short, out int slot);
        var entry = Open(StrategyId.L112, _s.OneOneTwo(D79));
        context.Refresh();

        void Work(int i)
        {
            ledger.OnFill(buy with { ExecutionId = exec[i % 64] });
            ledger.UpdateMark(slot, 2.0 + (0.01 * (i % 7)));
            _ = ledger.NetLiquidation;
            _ = engine.Check(entry, context);
        }

        for (int i = 0; i < 200; i++)
        {
            Work(i);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 200; i < 1200; i++)
        {
            Work(i);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}

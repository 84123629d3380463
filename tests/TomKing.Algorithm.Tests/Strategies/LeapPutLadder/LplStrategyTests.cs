using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Strategies.LeapPutLadder;
using TomKing.Greeks;

namespace TomKing.Algorithm.Tests.Strategies.LeapPutLadder;

public sealed class LplStrategyTests
{
    private static readonly DateOnly Monday = new(2021, 1, 11);
    private static readonly DateTime Monday1000 = Monday.ToDateTime(new TimeOnly(10, 0));
    private const double Spot = 380;

    private static StrategyScenario Scenario(DateTime now, double vix = 18, decimal netLiq = 50_000m, decimal bp = 800m, int[]? dtes = null)
    {
        var s = new StrategyScenario(now, netLiq) { BuyingPower = new FakeBuyingPower(bp) };
        var builder = new OptionChainBuilder(InstrumentCatalogue.Get("SPY")).AsOf(now).UnderlyingPrice(Spot);
        foreach (int dte in dtes ?? [140, 280, 330, 370, 420])
        {
            builder.AddModelQuotes(DateOnly.FromDateTime(now).AddDays(dte), StrategyScenario.Grid(200, 450, 1), StrategyScenario.Skew(Spot), 0.05);
        }

        s.Market.With(builder.Build());
        s.Market.Vix = vix;
        return s;
    }

    [Test]
    public void Evaluate_Monday1000_SellsSpyPutClosestTo013In365DteExpiryLPL_1()
    {
        var s = Scenario(Monday1000);
        var output = s.Run(new LplStrategy());
        var intent = output.Intents[0];
        var e = s.Market.Chains[new Ticker("SPY")].ExpiryAt(3);
        Assert.Multiple(() =>
        {
            Assert.That(intent.Structure.Kind, Is.EqualTo(StructureKind.SinglePut));
            Assert.That(intent.Structure[0].Contract.Expiry, Is.EqualTo(Monday.AddDays(370)));
            Assert.That(e.Expiry, Is.EqualTo(Monday.AddDays(370)));
            Assert.That((double)intent.Structure[0].Contract.Strike, Is.EqualTo(StrategyScenario.IndependentClosestDeltaStrike(e, OptionRight.Put, 0.13, 0.5, Monday1000, Spot)).Within(1.0),
                "the chain prices SPY (American seam: BSM on spot with q = 0) like the independent Black-76 on F = S at zero rates");
            Assert.That(intent.Quantity, Is.EqualTo(1));
            Assert.That(intent.MidPrice, Is.LessThan(0));
            Assert.That(output.Decisions[0].Deltas.Leg0, Is.EqualTo(-0.13).Within(0.01));
        });
    }

    [TestCase(2021, 1, 12, 10, 0, TestName = "Evaluate_Tuesday_NoDecisionLPL_1")]
    [TestCase(2021, 1, 11, 9, 59, TestName = "Evaluate_Monday0959_NoDecisionLPL_1")]
    public void Evaluate_OutsideSchedule_NoDecisionLPL_1(int y, int mo, int d, int h, int mi) =>
        Assert.That(Scenario(new DateTime(y, mo, d, h, mi, 0)).Run(new LplStrategy()).DecisionCount, Is.Zero);

    [Test]
    public void Evaluate_Phase1_SkipsLadderNotAllowedLPL_1()
    {
        var output = Scenario(Monday1000, netLiq: 30_000m).Run(new LplStrategy());
        Assert.That(output.Decisions[0].RuleIds, Is.EqualTo("LPL-1 P-2"));
    }

    [TestCase(14.99, 0, TestName = "Evaluate_VixBelow15_SkipsTheWeekLPL_2")]
    [TestCase(15.0, 1, TestName = "Evaluate_VixExactly15_SellsOneLPL_2")]
    [TestCase(20.0, 1, TestName = "Evaluate_VixExactly20_SellsOneLPL_2")]
    [TestCase(20.5, 2, TestName = "Evaluate_VixAbove20_SellsTwoLPL_2")]
    public void Evaluate_Vix_SetsRungsLPL_2(double vix, int contracts)
    {
        var output = Scenario(Monday1000, vix).Run(new LplStrategy());
        if (contracts == 0)
        {
            Assert.Multiple(() =>
            {
                Assert.That(output.IntentCount, Is.Zero);
                Assert.That(output.Decisions[0].RuleIds, Is.EqualTo("LPL-2"));
            });
        }
        else
        {
            Assert.That(output.Intents[0].Quantity, Is.EqualTo(contracts));
        }
    }

    private static OpenPosition Rung(long id, OptionContract put, decimal entry, int qty = 1, decimal bp = 800m) =>
        new(new PositionId(id), StrategyId.LPL, OptionStructure.SinglePut(put), qty, CorrelationGroup.A2, Monday1000.AddDays(-30), entry, bp, 0m);

    [Test]
    public void Evaluate_TenRungsOpen_SkipsLPL_4()
    {
        var s = Scenario(Monday1000);
        var e = s.Market.Chains[new Ticker("SPY")].ExpiryAt(4);
        s.Portfolio.Add(Rung(1, e.ContractAt(100, OptionRight.Put), (decimal)-e.QuoteAt(100, OptionRight.Put).Mid, qty: 10));
        var output = s.Run(new LplStrategy());
        Assert.Multiple(() =>
        {
            Assert.That(output.IntentCount, Is.Zero);
            Assert.That(output.Decisions[^1].RuleIds, Is.EqualTo("LPL-4"));
            Assert.That(output.Decisions[^1].Reason, Does.Contain("10 rungs"));
        });
    }

    [Test]
    public void Evaluate_RungAbove2PercentOfNetLiq_SkipsLPL_4()
    {
        var output = Scenario(Monday1000, bp: 1_001m).Run(new LplStrategy());
        Assert.That(output.Decisions[0].Reason, Does.Contain("2 %"));
    }

    [Test]
    public void Evaluate_LadderNear20Percent_SellsOnlyWhatFitsLPL_4()
    {
        var s = Scenario(Monday1000, vix: 22, bp: 1_000m);
        var e = s.Market.Chains[new Ticker("SPY")].ExpiryAt(4);
        s.Portfolio.Add(Rung(1, e.ContractAt(100, OptionRight.Put), (decimal)-e.QuoteAt(100, OptionRight.Put).Mid, qty: 1, bp: 9_000m));
        var output = s.Run(new LplStrategy());
        Assert.That(output.Intents[0].Quantity, Is.EqualTo(1), "20 % of 50k = 10k; 9k used leaves room for one 1k rung");
    }

    [Test]
    public void Evaluate_RungAt30PercentProfit_TakesProfitLPL_3()
    {
        var now = Monday1000.AddDays(1);
        var s = Scenario(now);
        var e = s.Market.Chains[new Ticker("SPY")].ExpiryAt(3);
        int i = e.IndexOfStrike(330);
        double mid = e.QuoteAt(i, OptionRight.Put).Mid;
        s.Portfolio.Add(Rung(5, e.ContractAt(i, OptionRight.Put), (decimal)(-mid / 0.65)));
        var output = s.Run(new LplStrategy());
        Assert.Multiple(() =>
        {
            Assert.That(output.Intents[0].Kind, Is.EqualTo(IntentKind.Close));
            Assert.That(output.Intents[0].MidPrice, Is.EqualTo(-mid).Within(1e-9), "held convention: the short put is worth −mid");
            Assert.That(output.Decisions[0].Kind, Is.EqualTo(DecisionKind.Exit));
        });
    }

    [Test]
    public void Evaluate_RungAt150Dte_RollsToNewLpl1RungInOneComboLPL_3()
    {
        // Behaviour change: one Adjustment combo (it used to be a close and a separate open).
        var now = Monday1000.AddDays(1);
        var s = Scenario(now, dtes: [150, 364]);
        var old = s.Market.Chains[new Ticker("SPY")].ExpiryAt(0);
        int i = old.IndexOfStrike(330);
        s.Portfolio.Add(Rung(6, old.ContractAt(i, OptionRight.Put), (decimal)-old.QuoteAt(i, OptionRight.Put).Mid, qty: 2));
        var output = s.Run(new LplStrategy());
        var intent = output.Intents[0];
        var fresh = s.Market.Chains[new Ticker("SPY")].ExpiryAt(1);
        Assert.Multiple(() =>
        {
            Assert.That(output.IntentCount, Is.EqualTo(1));
            Assert.That(intent.Kind, Is.EqualTo(IntentKind.Adjust));
            Assert.That(intent.Position, Is.EqualTo(new PositionId(6)));
            Assert.That(intent.Structure.Kind, Is.EqualTo(StructureKind.Adjustment));
            Assert.That(intent.Structure[0], Is.EqualTo(Leg.Buy(old.ContractAt(i, OptionRight.Put))), "buy back the old rung");
            Assert.That(intent.Structure[1].Ratio, Is.EqualTo(-1), "sell the new rung");
            Assert.That(intent.Structure[1].Contract.Expiry, Is.EqualTo(DateOnly.FromDateTime(now).AddDays(364)));
            Assert.That((double)intent.Structure[1].Contract.Strike,
                Is.EqualTo(StrategyScenario.IndependentClosestDeltaStrike(fresh, OptionRight.Put, 0.13, 0.5, now, Spot)).Within(1.0), "per LPL-1");
            Assert.That(intent.Quantity, Is.EqualTo(2));
            Assert.That(output.Decisions[0].Kind, Is.EqualTo(DecisionKind.Adjust));
            Assert.That(output.Decisions[0].RuleIds, Is.EqualTo("LPL-3 LPL-1"));
        });
    }

    [Test]
    public void Evaluate_RungAt150DteNoNewExpiry_BuysBackOnlyLPL_3()
    {
        var now = Monday1000.AddDays(1);
        var s = Scenario(now, dtes: [150, 280]);
        var old = s.Market.Chains[new Ticker("SPY")].ExpiryAt(0);
        int i = old.IndexOfStrike(330);
        s.Portfolio.Add(Rung(7, old.ContractAt(i, OptionRight.Put), (decimal)-old.QuoteAt(i, OptionRight.Put).Mid));
        var output = s.Run(new LplStrategy());
        Assert.Multiple(() =>
        {
            Assert.That(output.IntentCount, Is.EqualTo(1));
            Assert.That(output.Intents[0].Kind, Is.EqualTo(IntentKind.Close));
            Assert.That(output.Decisions[0].Reason, Does.Contain("no new LPL-1 rung"));
        });
    }
}

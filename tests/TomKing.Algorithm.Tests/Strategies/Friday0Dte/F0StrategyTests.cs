using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies;
using TomKing.Algorithm.Strategies.Friday0Dte;
using TomKing.Greeks;

namespace TomKing.Algorithm.Tests.Strategies.Friday0Dte;

public sealed class F0StrategyTests
{
    private static readonly DateOnly Friday = new(2021, 1, 8);
    private static readonly DateTime Friday1030 = Friday.ToDateTime(new TimeOnly(10, 30));
    private const double Spot = 3800;

    private static StrategyScenario Scenario(DateTime now, double moveFromOpen, decimal netLiq = 50_000m, string root = "SPXW", double spot = Spot, double step = 5)
    {
        var s = new StrategyScenario(now, netLiq);
        var chain = StrategyScenario.Chain(root, now, spot, DateOnly.FromDateTime(now), StrategyScenario.Grid(spot * 0.95, spot * 1.05, step));
        s.Market.With(chain);
        s.Market.Opens[chain.Underlying] = spot / (1.0 + moveFromOpen);
        s.Market.Vix = 20;
        return s;
    }

    private static ChainExpiry ExpiryOf(StrategyScenario s, string root = "SPXW") => s.Market.Chains[new Ticker(root)].ExpiryAt(0);

    [Test]
    public void Evaluate_Friday1030UpMove07_SellsCallCreditSpreadClosestTo016DeltaF0_2_F0_3()
    {
        var s = Scenario(Friday1030, 0.007);
        var output = s.Run(new F0Strategy());

        Assert.That(output.IntentCount, Is.EqualTo(1));
        var intent = output.Intents[0];
        var record = output.Decisions[output.IntentDecisionIndex[0]];
        double expectedShort = StrategyScenario.IndependentClosestDeltaStrike(ExpiryOf(s), OptionRight.Call, 0.16, 0.25, Friday1030, Spot);
        Assert.Multiple(() =>
        {
            Assert.That(intent.Kind, Is.EqualTo(IntentKind.Open));
            Assert.That(intent.Structure.Kind, Is.EqualTo(StructureKind.CallCreditSpread));
            Assert.That((double)intent.Structure[0].Contract.Strike, Is.EqualTo(expectedShort));
            Assert.That((double)intent.Structure[1].Contract.Strike, Is.EqualTo(expectedShort + 30), "5-point grid: the wing is exactly 30 points out");
            Assert.That(intent.Structure[0].Contract.Expiry, Is.EqualTo(Friday), "F0-3 expiry today");
            Assert.That(intent.MidPrice, Is.LessThan(0), "a credit is negative");
            Assert.That(intent.NaturalPrice, Is.GreaterThan(intent.MidPrice), "selling at the bid gets less credit than mid");
            Assert.That(intent.WindowEnd, Is.EqualTo(Friday.ToDateTime(new TimeOnly(11, 0))));
            Assert.That(record.Kind, Is.EqualTo(DecisionKind.Enter));
            Assert.That(record.RuleIds, Does.Contain("F0-2"));
            Assert.That(record.Strikes.Leg0, Is.EqualTo(expectedShort));
            Assert.That(Math.Abs(record.Deltas.Leg0), Is.EqualTo(0.16).Within(0.05).And.LessThanOrEqualTo(0.25));
            Assert.That(record.Spot, Is.EqualTo(Spot));
            Assert.That(record.Vix, Is.EqualTo(20));
            Assert.That(record.Phase, Is.EqualTo(AccountPhase.Phase2));
        });
    }

    [Test]
    public void Evaluate_Friday1030DownMove07_SellsPutCreditSpreadF0_2()
    {
        var s = Scenario(Friday1030, -0.007);
        var output = s.Run(new F0Strategy());

        var intent = output.Intents[0];
        double expectedShort = StrategyScenario.IndependentClosestDeltaStrike(ExpiryOf(s), OptionRight.Put, 0.16, 0.25, Friday1030, Spot);
        Assert.Multiple(() =>
        {
            Assert.That(intent.Structure.Kind, Is.EqualTo(StructureKind.PutCreditSpread));
            Assert.That((double)intent.Structure[0].Contract.Strike, Is.EqualTo(expectedShort));
            Assert.That((double)intent.Structure[1].Contract.Strike, Is.EqualTo(expectedShort - 30));
        });
    }

    [TestCase(0.0)]
    [TestCase(0.005)]
    [TestCase(-0.005)]
    public void Evaluate_Friday1030FlatMoveUpToHalfPercent_SellsIronCondorF0_2(double move)
    {
        var s = Scenario(Friday1030, move);
        var output = s.Run(new F0Strategy());

        var structure = output.Intents[0].Structure;
        var e = ExpiryOf(s);
        Assert.Multiple(() =>
        {
            Assert.That(structure.Kind, Is.EqualTo(StructureKind.IronCondor));
            Assert.That((double)structure[1].Contract.Strike, Is.EqualTo(StrategyScenario.IndependentClosestDeltaStrike(e, OptionRight.Put, 0.16, 0.25, Friday1030, Spot)));
            Assert.That((double)structure[2].Contract.Strike, Is.EqualTo(StrategyScenario.IndependentClosestDeltaStrike(e, OptionRight.Call, 0.16, 0.25, Friday1030, Spot)));
            Assert.That(structure[0].Contract.Strike, Is.EqualTo(structure[1].Contract.Strike - 30));
            Assert.That(structure[3].Contract.Strike, Is.EqualTo(structure[2].Contract.Strike + 30));
        });
    }

    [TestCase(2021, 1, 7, 10, 30, TestName = "Evaluate_Thursday1030_NoDecisionF0_1")]
    [TestCase(2021, 1, 8, 10, 29, TestName = "Evaluate_Friday1029_NoDecisionBeforeDecisionTimeF0_1")]
    [TestCase(2021, 1, 8, 11, 0, TestName = "Evaluate_Friday1100_NoEntryAtOrAfterWindowEndF0_1")]
    public void Evaluate_OutsideSchedule_NoDecisionF0_1(int y, int mo, int d, int h, int mi)
    {
        var now = new DateTime(y, mo, d, h, mi, 0);
        var s = Scenario(now, 0.007);
        var output = s.Run(new F0Strategy());
        Assert.That(output.DecisionCount, Is.Zero);
    }

    [Test]
    public void Evaluate_FirstEvaluationAt1045_EntersOnceThatDayF0_1()
    {
        var now = Friday.ToDateTime(new TimeOnly(10, 45));
        var s = Scenario(now, 0.007);
        var strategy = new F0Strategy();
        var first = s.Run(strategy);
        s.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = s.Run(strategy);
        Assert.Multiple(() =>
        {
            Assert.That(first.IntentCount, Is.EqualTo(1));
            Assert.That(second.DecisionCount, Is.Zero, "decided once per day");
        });
    }

    [Test]
    public void Evaluate_NoOpenCaptured_SkipsWithReasonF0_1()
    {
        var s = Scenario(Friday1030, 0.007);
        s.Market.Opens.Clear();
        var output = s.Run(new F0Strategy());
        Assert.Multiple(() =>
        {
            Assert.That(output.IntentCount, Is.Zero);
            Assert.That(output.Decisions[0].Kind, Is.EqualTo(DecisionKind.Skip));
            Assert.That(output.Decisions[0].RuleIds, Is.EqualTo("F0-1"));
            Assert.That(output.Decisions[0].Reason, Does.Contain("open"));
        });
    }

    [Test]
    public void Evaluate_ChainWithoutStrikesBelow025Delta_SkipsNeverAbove025F0_3()
    {
        // Strikes only within 5 points of spot: every call delta is far above 0.25.
        var s = new StrategyScenario(Friday1030);
        s.Market.With(StrategyScenario.Chain("SPXW", Friday1030, Spot, Friday, [3795, 3800, 3805]));
        s.Market.Opens[new Ticker("SPX")] = Spot / 1.007;
        var output = s.Run(new F0Strategy());
        Assert.Multiple(() =>
        {
            Assert.That(output.IntentCount, Is.Zero);
            Assert.That(output.Decisions[0].Kind, Is.EqualTo(DecisionKind.Skip));
            Assert.That(output.Decisions[0].RuleIds, Is.EqualTo("F0-3"));
            Assert.That(output.Decisions[0].Reason, Does.Contain("0.25"));
        });
    }

    [Test]
    public void Evaluate_SparseChainWithoutWingStrike_SkipsWithReasonF0_3()
    {
        var full = StrategyScenario.Chain("SPXW", Friday1030, Spot, Friday, StrategyScenario.Grid(3700, 3900, 5));
        double shortStrike = StrategyScenario.IndependentClosestDeltaStrike(full.ExpiryAt(0), OptionRight.Call, 0.16, 0.25, Friday1030, Spot);
        var s = new StrategyScenario(Friday1030);
        s.Market.With(StrategyScenario.Chain("SPXW", Friday1030, Spot, Friday, StrategyScenario.Grid(3700, shortStrike + 25, 5)));
        s.Market.Opens[new Ticker("SPX")] = Spot / 1.007;
        var output = s.Run(new F0Strategy());
        Assert.Multiple(() =>
        {
            Assert.That(output.IntentCount, Is.Zero);
            Assert.That(output.Decisions[0].RuleIds, Is.EqualTo("F0-3"));
            Assert.That(output.Decisions[0].Reason, Does.Contain("wing"));
        });
    }

    [Test]
    public void Evaluate_WideStrikeGrid_WingIsNearestStrikeAtLeast30PointsOutF0_3()
    {
        var s = Scenario(Friday1030, 0.007, step: 25);
        var intent = s.Run(new F0Strategy()).Intents[0];
        Assert.That(intent.Structure[1].Contract.Strike - intent.Structure[0].Contract.Strike, Is.EqualTo(50m), "25-point grid: 25 is too narrow, 50 is the nearest at least 30");
    }

    [Test]
    public void Evaluate_BestStrikeQuoteCrossed_IsNotACandidateF0_3()
    {
        var s = Scenario(Friday1030, 0.007);
        var e = ExpiryOf(s);
        double best = StrategyScenario.IndependentClosestDeltaStrike(e, OptionRight.Call, 0.16, 0.25, Friday1030, Spot);
        int i = e.IndexOfStrike(best);
        var q = e.QuoteAt(i, OptionRight.Call);
        e.UpdateQuote(i, OptionRight.Call, q with { Bid = q.Ask + 0.5 });
        var intent = s.Run(new F0Strategy()).Intents[0];
        Assert.That((double)intent.Structure[0].Contract.Strike, Is.Not.EqualTo(best));
    }

    [TestCase(30_000, 1)]
    [TestCase(45_000, 1)]
    [TestCase(80_000, 3)]
    [TestCase(120_000, 4)]
    [TestCase(150_000, 5)]
    public void Evaluate_NetLiq_SizesByTableThenPhaseCapF0_4(decimal netLiq, int contracts)
    {
        string root = netLiq < 40_000m ? "XSP" : "SPXW";
        double spot = root == "XSP" ? 380 : Spot;
        var s = Scenario(Friday1030, 0.007, netLiq, root, spot, root == "XSP" ? 1 : 5);
        var output = s.Run(new F0Strategy());
        Assert.That(output.Intents[0].Quantity, Is.EqualTo(contracts));
    }

    [Test]
    public void Evaluate_Phase1WithSpxwOnly_SkipsP2F0_4()
    {
        var s = Scenario(Friday1030, 0.007, netLiq: 30_000m);
        var output = s.Run(new F0Strategy());
        Assert.Multiple(() =>
        {
            Assert.That(output.IntentCount, Is.Zero);
            Assert.That(output.Decisions[0].Kind, Is.EqualTo(DecisionKind.Skip));
            Assert.That(output.Decisions[0].RuleIds, Does.Contain("P-2"));
        });
    }

    [Test]
    public void TryChoose_Phase1WithXspAndSpxw_ChoosesXspWithTenthWing()
    {
        var market = new FakeMarket()
            .With(StrategyScenario.Chain("SPXW", Friday1030, Spot, Friday, [3800]))
            .With(StrategyScenario.Chain("XSP", Friday1030, 380, Friday, [380]));
        var rules = RulebookSettings.Default.Phases;
        Assert.Multiple(() =>
        {
            Assert.That(F0Instrument.TryChoose(rules.Phase1, market, Friday, out var chain, out _), Is.True);
            Assert.That(chain.Root, Is.EqualTo(new Ticker("XSP")));
            Assert.That(F0Instrument.TryChoose(rules.Phase2, market, Friday, out var chain2, out _), Is.True);
            Assert.That(chain2.Root, Is.EqualTo(new Ticker("SPXW")));
            Assert.That(F0Instrument.TryChoose(rules.Phase2, market, Friday.AddDays(1), out _, out _), Is.False, "no expiry that day");
            Assert.That(F0Instrument.WingPointsFor(new Ticker("XSP"), 30), Is.EqualTo(3));
            Assert.That(F0Instrument.WingPointsFor(new Ticker("SPXW"), 30), Is.EqualTo(30));
        });
    }

    // ---- F0-5 exits on a hand-priced call credit spread 3830/3860 sold for 2.00 ----

    private static StrategyScenario ExitScenario(DateTime now, double shortMid, double longMid)
    {
        var s = new StrategyScenario(now);
        var chain = new OptionChainBuilder(InstrumentCatalogue.Get("SPXW")).AsOf(now).UnderlyingPrice(Spot)
            .AddQuote(Friday, 3830, OptionRight.Call, shortMid - 0.05, shortMid + 0.05)
            .AddQuote(Friday, 3860, OptionRight.Call, longMid - 0.05, longMid + 0.05)
            .Build();
        s.Market.With(chain);
        var e = chain.ExpiryAt(0);
        var structure = OptionStructure.CallCreditSpread(e.ContractAt(0, OptionRight.Call), e.ContractAt(1, OptionRight.Call));
        s.Portfolio.Add(new OpenPosition(new PositionId(7), StrategyId.F0, structure, 2, CorrelationGroup.A2, Friday1030, -2.00m, 5600m, 0m));
        return s;
    }

    [Test]
    public void Evaluate_CostToCloseHalfTheCredit_TakesProfitAtMidF0_5()
    {
        var s = ExitScenario(Friday.ToDateTime(new TimeOnly(12, 0)), 1.20, 0.20);
        var output = s.Run(new F0Strategy());
        var intent = output.Intents[0];
        Assert.Multiple(() =>
        {
            Assert.That(intent.Kind, Is.EqualTo(IntentKind.Close));
            Assert.That(intent.Position, Is.EqualTo(new PositionId(7)));
            Assert.That(intent.Quantity, Is.EqualTo(2));
            Assert.That(intent.MidPrice, Is.EqualTo(-1.00).Within(1e-9), "held convention: short 1.20, long 0.20 is worth −1.00");
            Assert.That(intent.NaturalPrice, Is.EqualTo(-(1.25 - 0.15)).Within(1e-9));
            Assert.That(intent.Pricing, Is.EqualTo(PricingPolicy.MidThenLadder));
            Assert.That(output.Decisions[0].Kind, Is.EqualTo(DecisionKind.Exit));
            Assert.That(output.Decisions[0].RuleIds, Is.EqualTo("F0-5"));
        });
    }

    [Test]
    public void Evaluate_CostToCloseBetweenTargets_HoldsF0_5()
    {
        var s = ExitScenario(Friday.ToDateTime(new TimeOnly(12, 0)), 2.50, 0.40);
        Assert.That(s.Run(new F0Strategy()).DecisionCount, Is.Zero);
    }

    [Test]
    public void Evaluate_CostToCloseThreeTimesCredit_StopsAtNaturalF0_5()
    {
        var s = ExitScenario(Friday.ToDateTime(new TimeOnly(12, 0)), 7.00, 1.00);
        var output = s.Run(new F0Strategy());
        Assert.Multiple(() =>
        {
            Assert.That(output.Intents[0].Kind, Is.EqualTo(IntentKind.Close));
            Assert.That(output.Intents[0].Pricing, Is.EqualTo(PricingPolicy.Natural));
            Assert.That(output.Decisions[0].Reason, Does.Contain("stop"));
        });
    }

    [Test]
    public void Evaluate_At1500_TimeExitClosesAtNaturalOnceF0_5()
    {
        var s = ExitScenario(Friday.ToDateTime(new TimeOnly(15, 0)), 2.50, 0.40);
        var strategy = new F0Strategy();
        var output = s.Run(strategy);
        s.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = s.Run(strategy);
        Assert.Multiple(() =>
        {
            Assert.That(output.Intents[0].Pricing, Is.EqualTo(PricingPolicy.Natural));
            Assert.That(output.Decisions[0].Reason, Does.Contain("15:00"));
            Assert.That(again.IntentCount, Is.Zero, "the working close is not re-issued every minute");
        });
    }

    [Test]
    public void Evaluate_NothingToDo_AllocatesNothingF0_1()
    {
        var s = Scenario(new DateTime(2021, 1, 7, 10, 30, 0), 0.0);
        var context = s.Context();
        var output = new DecisionOutput();
        var strategy = new F0Strategy();
        strategy.Evaluate(context, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            output.Clear();
            strategy.Evaluate(context, output);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Evaluate_EntryPathWarm_AllocatesNothingF0_2()
    {
        var s = Scenario(Friday1030, 0.007);
        var context = s.Context();
        var output = new DecisionOutput();
        new F0Strategy().Evaluate(context, output);
        var strategies = new F0Strategy[100];
        for (int i = 0; i < strategies.Length; i++)
        {
            strategies[i] = new F0Strategy();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var strategy in strategies)
        {
            output.Clear();
            strategy.Evaluate(context, output);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(output.IntentCount, Is.EqualTo(1));
        Assert.That(allocated, Is.Zero);
    }
}

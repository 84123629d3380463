using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Strategies.FuturesStrangle;
using TomKing.Greeks;

namespace TomKing.Algorithm.Tests.Strategies.FuturesStrangle;

public sealed class FsStrategyTests
{
    private static readonly DateOnly SecondTuesday = new(2021, 1, 12);
    private static readonly DateTime SecondTuesday1015 = SecondTuesday.ToDateTime(new TimeOnly(10, 15));
    private const double Spot = 3800;

    private static StrategyScenario Scenario(DateTime now, decimal netLiq = 80_000m, string root = "ES", int[]? dtes = null, decimal bp = 2_000m, double ivRank = 45)
    {
        var s = new StrategyScenario(now, netLiq) { BuyingPower = new FakeBuyingPower(bp) };
        var builder = new OptionChainBuilder(InstrumentCatalogue.Get(root)).AsOf(now).UnderlyingPrice(Spot);
        foreach (int dte in dtes ?? [60, 88, 95, 120])
        {
            builder.AddModelQuotes(DateOnly.FromDateTime(now).AddDays(dte), StrategyScenario.Grid(Spot * 0.6, Spot * 1.3, 5), StrategyScenario.Skew(Spot), 0.1);
        }

        var chain = builder.Build();
        s.Market.With(chain);
        s.Market.IvRanks[chain.Underlying] = ivRank;
        s.Market.Vix = 20;
        return s;
    }

    [Test]
    public void Evaluate_SecondTuesday1015_OneStranglePerAvailableProductOfThePhaseFS_1()
    {
        var s = Scenario(SecondTuesday1015);
        var output = s.Run(new FsStrategy());
        int skips = 0;
        foreach (var d in output.Decisions)
        {
            skips += d.Kind == DecisionKind.Skip ? 1 : 0;
        }

        Assert.Multiple(() =>
        {
            Assert.That(output.IntentCount, Is.EqualTo(1), "only ES has a chain");
            Assert.That(output.Intents[0].Structure.Kind, Is.EqualTo(StructureKind.Strangle));
            Assert.That(output.Intents[0].Structure.Underlying, Is.EqualTo(new Ticker("ES")));
            Assert.That(output.Intents[0].Quantity, Is.EqualTo(1));
            Assert.That(skips, Is.EqualTo(RulebookPhase3Count() - 1), "every other allowed product is a skip with a reason");
        });
    }

    private static int RulebookPhase3Count() => Algorithm.Rulebook.RulebookSettings.Default.Phases.Phase3.StrangleFutures.Count;

    [TestCase(2021, 1, 5, 10, 15, TestName = "Evaluate_FirstTuesday_NoDecisionFS_1")]
    [TestCase(2021, 1, 12, 10, 14, TestName = "Evaluate_SecondTuesday1014_NoDecisionFS_1")]
    [TestCase(2021, 1, 13, 10, 15, TestName = "Evaluate_SecondWednesday_NoDecisionFS_1")]
    public void Evaluate_OutsideSchedule_NoDecisionFS_1(int y, int mo, int d, int h, int mi)
    {
        var s = Scenario(new DateTime(y, mo, d, h, mi, 0));
        Assert.That(s.Run(new FsStrategy()).DecisionCount, Is.Zero);
    }

    [Test]
    public void Evaluate_Phase1_MicroProductsOnlyEsNotTradedFS_1()
    {
        var s = Scenario(SecondTuesday1015, netLiq: 30_000m);
        Assert.That(s.Run(new FsStrategy()).IntentCount, Is.Zero, "ES is not a Phase 1 strangle product");
    }

    [Test]
    public void Evaluate_Expiries_Closest90DteWithin75To105FS_2()
    {
        var s = Scenario(SecondTuesday1015);
        Assert.That(s.Run(new FsStrategy()).Intents[0].Structure[0].Contract.Expiry, Is.EqualTo(SecondTuesday.AddDays(88)));
        var none = Scenario(SecondTuesday1015, dtes: [60, 120]).Run(new FsStrategy());
        Assert.That(none.Decisions.ToArray().Any(d => d.RuleIds == "FS-2"), Is.True);
    }

    [Test]
    public void Evaluate_Strikes_PutClosestTo006CallClosestTo005FS_3()
    {
        var s = Scenario(SecondTuesday1015);
        var output = s.Run(new FsStrategy());
        var e = s.Market.Chains[new Ticker("ES")].ExpiryAt(1);
        var structure = output.Intents[0].Structure;
        Assert.Multiple(() =>
        {
            Assert.That((double)structure[0].Contract.Strike, Is.EqualTo(StrategyScenario.IndependentClosestDeltaStrike(e, OptionRight.Put, 0.06, 0.5, SecondTuesday1015, Spot)));
            Assert.That((double)structure[1].Contract.Strike, Is.EqualTo(StrategyScenario.IndependentClosestDeltaStrike(e, OptionRight.Call, 0.05, 0.5, SecondTuesday1015, Spot)));
            Assert.That(output.Decisions[output.IntentDecisionIndex[0]].Deltas.Leg0, Is.EqualTo(-0.06).Within(0.01));
            Assert.That(output.Decisions[output.IntentDecisionIndex[0]].Deltas.Leg1, Is.EqualTo(0.05).Within(0.01));
            Assert.That(output.Intents[0].MidPrice, Is.LessThan(0));
        });
    }

    [TestCase(29.9, TestName = "Evaluate_IvRankBelow30_SkipsFS_4")]
    [TestCase(double.NaN, TestName = "Evaluate_NoIvRank_SkipsWithReasonFS_4")]
    public void Evaluate_IvRank_GatesEntryFS_4(double ivRank)
    {
        var s = Scenario(SecondTuesday1015, ivRank: ivRank);
        if (double.IsNaN(ivRank))
        {
            s.Market.IvRanks.Clear();
        }

        var output = s.Run(new FsStrategy());
        Assert.Multiple(() =>
        {
            Assert.That(output.IntentCount, Is.Zero);
            Assert.That(output.Decisions.ToArray().Any(d => d.RuleIds == "FS-4"), Is.True);
        });
    }

    [Test]
    public void Evaluate_IvRankExactly30_EntersFS_4() =>
        Assert.That(Scenario(SecondTuesday1015, ivRank: 30).Run(new FsStrategy()).IntentCount, Is.EqualTo(1));

    [TestCase(80_000, "ES", 2_800, true, TestName = "Evaluate_BpAt3Point5Percent_EntersFS_6")]
    [TestCase(80_000, "ES", 2_801, false, TestName = "Evaluate_BpAbove3Point5Percent_SkipsFS_6")]
    [TestCase(50_000, "MES", 1_300, false, TestName = "Evaluate_MicroBpAbove2Point5Percent_SkipsFS_6")]
    [TestCase(50_000, "MES", 1_250, true, TestName = "Evaluate_MicroBpAt2Point5Percent_EntersFS_6")]
    public void Evaluate_BuyingPowerPerStrangle_CappedFS_6(decimal netLiq, string root, decimal bp, bool enters)
    {
        var s = Scenario(SecondTuesday1015, netLiq, root, bp: bp);
        var output = s.Run(new FsStrategy());
        Assert.That(output.IntentCount, Is.EqualTo(enters ? 1 : 0));
        if (!enters)
        {
            Assert.That(output.Decisions.ToArray().Any(d => d.RuleIds == "FS-6"), Is.True);
        }
    }

    // ---- FS-5 management on a 90-DTE ES chain at spot 3800 ----

    private static (StrategyScenario S, ChainExpiry E) Held(double putAbsDelta, double callAbsDelta, double entryCreditVsNow = 0)
    {
        var now = SecondTuesday1015.AddDays(10);
        var s = Scenario(now, dtes: [90]);
        var e = s.Market.Chains[new Ticker("ES")].ExpiryAt(0);
        int put = ClosestIndex(e, OptionRight.Put, putAbsDelta);
        int call = ClosestIndex(e, OptionRight.Call, callAbsDelta);
        var structure = OptionStructure.Strangle(e.ContractAt(put, OptionRight.Put), e.ContractAt(call, OptionRight.Call));
        double value = -(e.QuoteAt(put, OptionRight.Put).Mid + e.QuoteAt(call, OptionRight.Call).Mid);
        s.Portfolio.Add(new OpenPosition(new PositionId(21), StrategyId.FS, structure, 1, CorrelationGroup.A1, now, (decimal)(value - entryCreditVsNow), 2_000m, 0m));
        return (s, e);
    }

    private static int ClosestIndex(ChainExpiry e, OptionRight right, double absDelta)
    {
        int best = -1;
        for (int i = 0; i < e.Count; i++)
        {
            double d = e.GreeksAt(i, right).AbsDelta;
            if (!double.IsNaN(d) && (best < 0 || Math.Abs(d - absDelta) < Math.Abs(e.GreeksAt(best, right).AbsDelta - absDelta)))
            {
                best = i;
            }
        }

        return best;
    }

    [Test]
    public void Evaluate_TestedPutAt022_RollsUntestedCallTo016DeltaFS_5()
    {
        var (s, e) = Held(0.22, 0.03);
        var output = s.Run(new FsStrategy());
        var intent = output.Intents[0];
        double expectedCall = StrategyScenario.IndependentClosestDeltaStrike(e, OptionRight.Call, 0.16, 0.20, s.Clock.Now, Spot);
        Assert.Multiple(() =>
        {
            Assert.That(intent.Kind, Is.EqualTo(IntentKind.Adjust));
            Assert.That(intent.Structure[0].Ratio, Is.EqualTo(-1), "sell the new call");
            Assert.That((double)intent.Structure[0].Contract.Strike, Is.EqualTo(expectedCall));
            Assert.That(intent.Structure[1].Contract, Is.EqualTo(s.Portfolio.OpenPositions[0].Structure[1].Contract), "buy back the old call");
            Assert.That(output.Decisions[0].Kind, Is.EqualTo(DecisionKind.Adjust));
        });
    }

    [TestCase(0.16)]
    [TestCase(0.10)]
    public void Evaluate_TestedPutAt022_UntestedCallAlreadyNearTarget_NotRolledAgainFS_5(double untestedDelta)
    {
        // A call rolled to ~0.16 before (or any untested short at half the target delta or more) is left alone:
        // re-rolling it to a neighbouring strike every few minutes only paid spread and fees.
        var (s, _) = Held(0.22, untestedDelta);
        var output = s.Run(new FsStrategy());
        Assert.That(output.IntentCount, Is.Zero);
    }

    [Test]
    public void Evaluate_TestedPutAt027_BuysBackTheTestedPutAloneAsOneAdjustmentFS_5()
    {
        // Behaviour change: the tested side alone is bought back (it used to close the whole strangle).
        var (s, _) = Held(0.27, 0.03);
        var output = s.Run(new FsStrategy());
        var intent = output.Intents[0];
        var heldPut = s.Portfolio.OpenPositions[0].Structure[0].Contract;
        Assert.Multiple(() =>
        {
            Assert.That(output.IntentCount, Is.EqualTo(1));
            Assert.That(intent.Kind, Is.EqualTo(IntentKind.Adjust));
            Assert.That(intent.Position, Is.EqualTo(new PositionId(21)));
            Assert.That(intent.Structure.Kind, Is.EqualTo(StructureKind.Adjustment));
            Assert.That(intent.Structure.Count, Is.EqualTo(1));
            Assert.That(intent.Structure[0], Is.EqualTo(Leg.Buy(heldPut)), "buy back the tested short put only");
            Assert.That(intent.Quantity, Is.EqualTo(1));
            Assert.That(intent.Pricing, Is.EqualTo(PricingPolicy.Natural));
            Assert.That(intent.MidPrice, Is.GreaterThan(0), "a debit");
            Assert.That(output.Decisions[0].Kind, Is.EqualTo(DecisionKind.Adjust));
            Assert.That(output.Decisions[0].Reason, Does.Contain("0.25"));
            Assert.That(output.Decisions[0].Strikes.Leg0, Is.EqualTo((double)heldPut.Strike));
        });
    }

    [Test]
    public void Evaluate_OneShortLeftAt027_ClosesTheRestFS_5()
    {
        var (s, e) = Held(0.03, 0.27);
        var held = s.Portfolio.OpenPositions[0];
        var s2 = new StrategyScenario(s.Clock.Now, 80_000m);
        s2.Market.With(s.Market.Chains[new Ticker("ES")]);
        s2.Portfolio.Add(held with { Structure = OptionStructure.Adjustment([Leg.Sell(held.Structure[1].Contract)]), EntryPrice = -100m });
        var output = s2.Run(new FsStrategy());
        Assert.Multiple(() =>
        {
            Assert.That(output.Intents[0].Kind, Is.EqualTo(IntentKind.Close));
            Assert.That(output.Intents[0].Pricing, Is.EqualTo(PricingPolicy.Natural));
            Assert.That(e.Count, Is.GreaterThan(0));
        });
    }

    [Test]
    public void Evaluate_TestedPutAt022_UntestedRollIsOneAdjustmentComboFS_5()
    {
        var (s, e) = Held(0.22, 0.03);
        var output = s.Run(new FsStrategy());
        var intent = output.Intents[0];
        var record = output.Decisions[output.IntentDecisionIndex[0]];
        Assert.Multiple(() =>
        {
            Assert.That(output.IntentCount, Is.EqualTo(1), "one combo, not a close and an open");
            Assert.That(intent.Structure.Kind, Is.EqualTo(StructureKind.Adjustment));
            Assert.That(intent.Structure.Count, Is.EqualTo(2));
            Assert.That(intent.Structure[1].Ratio, Is.EqualTo(1), "buy back the old call");
            Assert.That(intent.Quantity, Is.EqualTo(1));
            Assert.That(intent.Pricing, Is.EqualTo(PricingPolicy.MidThenLadder));
            Assert.That(record.Deltas.Leg0, Is.EqualTo(0.16).Within(0.02), "the new call's delta");
            Assert.That(record.Strikes.Leg1, Is.EqualTo((double)s.Portfolio.OpenPositions[0].Structure[1].Contract.Strike));
            Assert.That(e.Count, Is.GreaterThan(0));
        });
    }

    [Test]
    public void Evaluate_TestedSideClosedThenAgainWithinFiveMinutes_NotReissuedFS_5()
    {
        var (s, _) = Held(0.27, 0.03);
        var strategy = new FsStrategy();
        Assert.That(s.Run(strategy).IntentCount, Is.EqualTo(1));
        s.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(s.Run(strategy).IntentCount, Is.Zero, "the working buy-back is not duplicated");
    }

    [Test]
    public void Evaluate_TestedCallAt032_ClosesWholeStrangleFS_5()
    {
        var (s, _) = Held(0.02, 0.32);
        var output = s.Run(new FsStrategy());
        Assert.Multiple(() =>
        {
            Assert.That(output.Intents[0].Kind, Is.EqualTo(IntentKind.Close));
            Assert.That(output.Decisions[0].Reason, Does.Contain("0.30"));
        });
    }

    [Test]
    public void Evaluate_HalfTheCreditCaptured_TakesProfitFS_5()
    {
        // Entry credit = value now + x where the position has gained half: credit 2v, now worth v.
        var (s, e) = Held(0.06, 0.05);
        var p = s.Portfolio.OpenPositions[0];
        double nowCost = -(double)p.EntryPrice;
        var s2 = new StrategyScenario(s.Clock.Now, 80_000m);
        s2.Market.With(s.Market.Chains[new Ticker("ES")]);
        s2.Portfolio.Add(p with { EntryPrice = (decimal)(-2 * nowCost) });
        var output = s2.Run(new FsStrategy());
        Assert.Multiple(() =>
        {
            Assert.That(output.Intents[0].Kind, Is.EqualTo(IntentKind.Close));
            Assert.That(output.Intents[0].Pricing, Is.EqualTo(PricingPolicy.MidThenLadder));
            Assert.That(output.Intents[0].MidPrice, Is.EqualTo(-nowCost).Within(1e-9), "held convention: the short strangle is worth −cost to close");
            Assert.That(e.Count, Is.GreaterThan(0));
        });
    }

    [Test]
    public void Evaluate_LossTwiceTheCredit_StopsAtNaturalFS_5()
    {
        var (s, _) = Held(0.06, 0.05);
        var p = s.Portfolio.OpenPositions[0];
        double nowCost = -(double)p.EntryPrice;
        var s2 = new StrategyScenario(s.Clock.Now, 80_000m);
        s2.Market.With(s.Market.Chains[new Ticker("ES")]);
        s2.Portfolio.Add(p with { EntryPrice = (decimal)(-nowCost / 4) });
        var output = s2.Run(new FsStrategy());
        Assert.Multiple(() =>
        {
            Assert.That(output.Intents[0].Pricing, Is.EqualTo(PricingPolicy.Natural));
            Assert.That(output.Decisions[0].Reason, Does.Contain("stop"));
        });
    }
}

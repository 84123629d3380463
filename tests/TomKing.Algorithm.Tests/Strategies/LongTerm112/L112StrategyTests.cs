using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies.LongTerm112;
using TomKing.Greeks;

namespace TomKing.Algorithm.Tests.Strategies.LongTerm112;

public sealed class L112StrategyTests
{
    private static readonly DateOnly FirstWednesday = new(2021, 1, 6);
    private static readonly DateTime FirstWednesday1000 = FirstWednesday.ToDateTime(new TimeOnly(10, 0));
    private const double Spot = 3800;

    private static StrategyScenario Scenario(DateTime now, decimal netLiq = 80_000m, string root = "SPXW", double spot = Spot, int[]? dtes = null, double step = 5, decimal bpPerUnit = 1_500m)
    {
        var s = new StrategyScenario(now, netLiq) { BuyingPower = new FakeBuyingPower(bpPerUnit) };
        var builder = new OptionChainBuilder(InstrumentCatalogue.Get(root)).AsOf(now).UnderlyingPrice(spot);
        foreach (int dte in dtes ?? [100, 118, 125, 140])
        {
            builder.AddModelQuotes(DateOnly.FromDateTime(now).AddDays(dte), StrategyScenario.Grid(spot * 0.8, spot * 1.1, step), StrategyScenario.Skew(spot), 0.2);
        }

        s.Market.With(builder.Build());
        s.Market.Vix = 20;
        return s;
    }

    [Test]
    public void Evaluate_FirstWednesday1000_Builds112AtPoint93And88With120DteExpiryL112_1_L112_2_L112_3()
    {
        var s = Scenario(FirstWednesday1000);
        var output = s.Run(new L112Strategy());

        var intent = output.Intents[0];
        var record = output.Decisions[0];
        Assert.Multiple(() =>
        {
            Assert.That(intent.Structure.Kind, Is.EqualTo(StructureKind.OneOneTwo));
            Assert.That(intent.Structure[0].Contract.Expiry, Is.EqualTo(FirstWednesday.AddDays(118)), "118 DTE is closest to 120 within 112-130");
            Assert.That(intent.Structure[0].Contract.Strike, Is.EqualTo(3535m), "0.93 x 3800 = 3534 -> nearest 3535");
            Assert.That(intent.Structure[1].Contract.Strike, Is.EqualTo(3485m), "50 points below the long put");
            Assert.That(intent.Structure[2].Contract.Strike, Is.EqualTo(3345m), "0.88 x 3800 = 3344 -> nearest 3345");
            Assert.That(intent.Structure[2].Ratio, Is.EqualTo(-2));
            Assert.That(intent.Kind, Is.EqualTo(IntentKind.Open));
            Assert.That(record.Kind, Is.EqualTo(DecisionKind.Enter));
            Assert.That(record.Strikes, Is.EqualTo(new LegValues(3535, 3485, 3345, double.NaN)));
            Assert.That(record.Deltas.Leg0, Is.LessThan(0).And.GreaterThan(-0.5));
            Assert.That(record.RuleIds, Does.Contain("L112-3"));
        });
    }

    [Test]
    public void Evaluate_TwoExpiriesEquallyClose_TakesTheShorterL112_2()
    {
        var s = Scenario(FirstWednesday1000, dtes: [116, 124]);
        Assert.That(s.Run(new L112Strategy()).Intents[0].Structure[0].Contract.Expiry, Is.EqualTo(FirstWednesday.AddDays(116)));
    }

    [Test]
    public void Evaluate_NoExpiryIn112To130_SkipsWithReasonL112_2()
    {
        var s = Scenario(FirstWednesday1000, dtes: [90, 111, 131]);
        var output = s.Run(new L112Strategy());
        Assert.Multiple(() =>
        {
            Assert.That(output.IntentCount, Is.Zero);
            Assert.That(output.Decisions[0].Kind, Is.EqualTo(DecisionKind.Skip));
            Assert.That(output.Decisions[0].RuleIds, Is.EqualTo("L112-2"));
        });
    }

    [TestCase(80_000, false, TestName = "Evaluate_SecondWednesdayPhase3_NoEntryL112_1")]
    [TestCase(150_000, true, TestName = "Evaluate_SecondWednesdayPhase4_StackedEntryL112_1")]
    public void Evaluate_SecondWednesday_EntersOnlyInPhase4L112_1(decimal netLiq, bool enters)
    {
        var s = Scenario(FirstWednesday1000.AddDays(7), netLiq);
        Assert.That(s.Run(new L112Strategy()).IntentCount, Is.EqualTo(enters ? 1 : 0));
    }

    [TestCase(2021, 1, 5, 10, 0, TestName = "Evaluate_FirstTuesday_NoDecisionL112_1")]
    [TestCase(2021, 1, 6, 9, 59, TestName = "Evaluate_FirstWednesday0959_NoDecisionL112_1")]
    [TestCase(2021, 1, 20, 10, 0, TestName = "Evaluate_FourthWednesday_NoDecisionL112_1")]
    public void Evaluate_OutsideSchedule_NoDecisionL112_1(int y, int mo, int d, int h, int mi)
    {
        var s = Scenario(new DateTime(y, mo, d, h, mi, 0));
        Assert.That(s.Run(new L112Strategy()).DecisionCount, Is.Zero);
    }

    [Test]
    public void Evaluate_Phase1_SkipsNotTradedL112_1()
    {
        var s = Scenario(FirstWednesday1000, netLiq: 30_000m);
        var output = s.Run(new L112Strategy());
        Assert.That(output.Decisions[0].RuleIds, Is.EqualTo("L112-1 P-2"));
    }

    [Test]
    public void Evaluate_SpyWhenConfigured_UsesFivePointSpreadL112_3()
    {
        var s = Scenario(FirstWednesday1000, root: "SPY", spot: 380, step: 1);
        s.Rules = RulebookSettings.Default with
        {
            Phases = RulebookSettings.Default.Phases with { Phase3 = RulebookSettings.Default.Phases.Phase3 with { Lt112Instruments = ["SPY"] } },
        };
        var intent = s.Run(new L112Strategy()).Intents[0];
        Assert.Multiple(() =>
        {
            Assert.That(intent.Structure[0].Contract.Strike, Is.EqualTo(353m), "0.93 x 380 = 353.4");
            Assert.That(intent.Structure[1].Contract.Strike, Is.EqualTo(348m));
            Assert.That(intent.Structure[2].Contract.Strike, Is.EqualTo(334m), "0.88 x 380 = 334.4");
        });
    }

    [TestCase(80_000, "SPXW", 1_500, 3, TestName = "Evaluate_Bp1500NetLiq80k_Sizes3UnitsWithin6PercentL112_4")]
    [TestCase(50_000, "MES", 400, 3, TestName = "Evaluate_MicroBp400NetLiq50k_Sizes3UnitsWithin3PercentL112_4")]
    [TestCase(80_000, "SPXW", 5_000, 0, TestName = "Evaluate_OneUnitAbove6Percent_SkipsL112_4")]
    public void Evaluate_Sizing_UnitsByBuyingPowerL112_4(decimal netLiq, string root, decimal bp, int units)
    {
        var s = Scenario(FirstWednesday1000, netLiq, root, bpPerUnit: bp);
        var output = s.Run(new L112Strategy());
        if (units == 0)
        {
            Assert.That(output.Decisions[0].RuleIds, Is.EqualTo("L112-4"));
        }
        else
        {
            Assert.That(output.Intents[0].Quantity, Is.EqualTo(units));
        }
    }

    [Test]
    public void Evaluate_NoBuyingPowerModel_SkipsWithReasonL112_4()
    {
        var s = Scenario(FirstWednesday1000);
        s.BuyingPower = null;
        var output = s.Run(new L112Strategy());
        Assert.Multiple(() =>
        {
            Assert.That(output.IntentCount, Is.Zero);
            Assert.That(output.Decisions[0].RuleIds, Is.EqualTo("L112-4"));
            Assert.That(output.Decisions[0].Reason, Does.Contain("buying-power model"));
        });
    }

    // ---- L112-5 exits: entered at long 60, short 45, naked 20 (net credit 10 after 2 naked) ----

    private static readonly DateOnly Expiry = FirstWednesday.AddDays(118);

    private static OptionChain HandChain(DateTime now, double spot, double longMid, double shortMid, double nakedMid) =>
        new OptionChainBuilder(InstrumentCatalogue.Get("SPXW")).AsOf(now).UnderlyingPrice(spot)
            .AddQuote(Expiry, 3345, OptionRight.Put, nakedMid - 0.1, nakedMid + 0.1)
            .AddQuote(Expiry, 3485, OptionRight.Put, shortMid - 0.1, shortMid + 0.1)
            .AddQuote(Expiry, 3535, OptionRight.Put, longMid - 0.1, longMid + 0.1)
            .Build();

    /// <summary>Enters through the strategy (so it knows the leg prices), then holds the position in the portfolio.</summary>
    private static (StrategyScenario Scenario, L112Strategy Strategy) Entered()
    {
        var s = new StrategyScenario(FirstWednesday1000, 80_000m) { BuyingPower = new FakeBuyingPower(1_500m) };
        s.Market.With(HandChain(FirstWednesday1000, Spot, 60, 45, 20));
        var strategy = new L112Strategy();
        var intent = s.Run(strategy).Intents[0];
        Assert.That(intent.MidPrice, Is.EqualTo(60 - 45 - 40).Within(1e-9));
        s.Portfolio.Add(new OpenPosition(new PositionId(11), StrategyId.L112, intent.Structure, 1, CorrelationGroup.A2, FirstWednesday1000, -25m, 1_500m, 0m));
        s.Clock.Set(FirstWednesday1000.AddDays(20));
        return (s, strategy);
    }

    private static void Reprice(StrategyScenario s, double spot, double longMid, double shortMid, double nakedMid)
    {
        s.Market.Chains.Clear();
        s.Market.Prices.Clear();
        s.Market.With(HandChain(s.Clock.Now, spot, longMid, shortMid, nakedMid));
    }

    [Test]
    public void Evaluate_SpotWithinHalfPercentOfNakedStrike_ClosesAllAtNaturalL112_5()
    {
        var (s, strategy) = Entered();
        Reprice(s, 3360, 180, 140, 70);
        var output = s.Run(strategy);
        Assert.Multiple(() =>
        {
            Assert.That(output.Intents[0].Kind, Is.EqualTo(IntentKind.Close));
            Assert.That(output.Intents[0].Pricing, Is.EqualTo(PricingPolicy.Natural));
            Assert.That(output.Decisions[0].Reason, Does.Contain("0.5 %"));
        });
    }

    [Test]
    public void Evaluate_LossTwiceNetCredit_ClosesAllL112_5()
    {
        var (s, strategy) = Entered();
        Reprice(s, 3500, 200, 160, 120);
        var output = s.Run(strategy);
        Assert.Multiple(() =>
        {
            Assert.That(output.Intents[0].Kind, Is.EqualTo(IntentKind.Close));
            Assert.That(output.Intents[0].MidPrice, Is.EqualTo(200 - 160 - 240).Within(1e-9), "held convention: long 200, short 160, two short 120 → −200");
            Assert.That(output.Decisions[0].Reason, Does.Contain("2 x"));
        });
    }

    [Test]
    public void Evaluate_DebitSpreadAtFiftyPercentProfit_SellsTheSpreadL112_5()
    {
        var (s, strategy) = Entered();
        Reprice(s, 3650, 90, 67, 30);
        var output = s.Run(strategy);
        var intent = output.Intents[0];
        Assert.Multiple(() =>
        {
            Assert.That(intent.Kind, Is.EqualTo(IntentKind.Adjust));
            Assert.That(intent.Structure[0], Is.EqualTo(Leg.Sell(s.Portfolio.OpenPositions[0].Structure[0].Contract)));
            Assert.That(intent.Structure[1], Is.EqualTo(Leg.Buy(s.Portfolio.OpenPositions[0].Structure[1].Contract)));
            Assert.That(intent.MidPrice, Is.EqualTo(-90 + 67).Within(1e-9));
            Assert.That(output.Decisions[0].Kind, Is.EqualTo(DecisionKind.Adjust));
        });
    }

    [Test]
    public void Evaluate_NakedPutsAtNinetyPercentOfCredit_BuysThemBackAsOneAdjustmentL112_5()
    {
        // Behaviour change: the buy-back is now an order (it used to be a record only).
        var (s, strategy) = Entered();
        Reprice(s, 4000, 20, 12, 1.9);
        var output = s.Run(strategy);
        var naked = s.Portfolio.OpenPositions[0].Structure[2].Contract;
        Assert.Multiple(() =>
        {
            Assert.That(output.Decisions[0].Kind, Is.EqualTo(DecisionKind.Adjust));
            Assert.That(output.Decisions[0].RuleIds, Is.EqualTo("L112-5"));
            Assert.That(output.Decisions[0].Reason, Does.Contain("90 %"));
            Assert.That(output.Decisions[0].Strikes.Leg0, Is.EqualTo(3345));
            Assert.That(output.IntentCount, Is.EqualTo(1));
            Assert.That(output.Intents[0].Kind, Is.EqualTo(IntentKind.Adjust));
            Assert.That(output.Intents[0].Position, Is.EqualTo(new PositionId(11)));
            Assert.That(output.Intents[0].Structure.Kind, Is.EqualTo(StructureKind.Adjustment));
            Assert.That(output.Intents[0].Structure.Count, Is.EqualTo(1));
            Assert.That(output.Intents[0].Structure[0], Is.EqualTo(Leg.Buy(naked, 2)), "two naked puts per unit");
            Assert.That(output.Intents[0].Quantity, Is.EqualTo(1), "quantity = the position's units");
            Assert.That(output.Intents[0].MidPrice, Is.EqualTo(2 * 1.9).Within(1e-9));
        });
    }

    [Test]
    public void Evaluate_NakedBuyBackThreeUnits_LegsPerUnitQuantityIsUnitsL112_5()
    {
        var (s, strategy) = Entered();
        var p = s.Portfolio.OpenPositions[0];
        var s2 = new StrategyScenario(s.Clock.Now, 80_000m);
        s2.Portfolio.Add(p with { Quantity = 3 });
        Reprice(s2, 4000, 20, 12, 1.9);
        var intent = s2.Run(strategy).Intents[0];
        Assert.Multiple(() =>
        {
            Assert.That(intent.Structure[0].Ratio, Is.EqualTo(2));
            Assert.That(intent.Quantity, Is.EqualTo(3));
        });
    }

    [Test]
    public void Evaluate_AfterRestartWithPortfolioLegPrices_StillBuysBackNakedPutsL112_5()
    {
        // A fresh strategy (its in-memory leg book is empty) reads OpenPosition.LegEntryPrices instead.
        var now = FirstWednesday1000.AddDays(20);
        var s = new StrategyScenario(now, 80_000m);
        s.Market.With(HandChain(now, 4000, 20, 12, 1.9));
        var chain = s.Market.Chains[new Ticker("SPXW")];
        var e = chain.ExpiryAt(0);
        var structure = OptionStructure.OneOneTwo(e.ContractAt(e.IndexOfStrike(3535), OptionRight.Put), e.ContractAt(e.IndexOfStrike(3485), OptionRight.Put),
            e.ContractAt(e.IndexOfStrike(3345), OptionRight.Put));
        s.Portfolio.Add(new OpenPosition(new PositionId(12), StrategyId.L112, structure, 1, CorrelationGroup.A2, FirstWednesday1000, -25m, 1_500m, 0m)
        {
            LegEntryPrices = new LegValues(60, 45, 20, double.NaN),
        });
        var output = s.Run(new L112Strategy());
        Assert.Multiple(() =>
        {
            Assert.That(output.IntentCount, Is.EqualTo(1));
            Assert.That(output.Intents[0].Structure[0], Is.EqualTo(Leg.Buy(structure[2].Contract, 2)));
        });
    }

    [Test]
    public void Evaluate_PortfolioLegPricesKnown_PreferredOverTheEntryBookL112_5()
    {
        // The strategy saw the naked puts at 20 at entry, but they filled at 30: 2.5 is within 90 % of 30, not of 20.
        var (s, strategy) = Entered();
        var p = s.Portfolio.OpenPositions[0];
        var s2 = new StrategyScenario(s.Clock.Now, 80_000m);
        s2.Portfolio.Add(p with { LegEntryPrices = new LegValues(60, 45, 30, double.NaN), EntryPrice = -45m });
        Reprice(s2, 4000, 20, 12, 2.5);
        var output = s2.Run(strategy);
        Assert.That(output.IntentCount, Is.EqualTo(1));
        Assert.That(output.Intents[0].Structure[0].Ratio, Is.EqualTo(2));
    }

    [Test]
    public void Evaluate_DebitSpreadAtFiftyPercentProfit_IsOneAdjustmentComboL112_5()
    {
        var (s, strategy) = Entered();
        Reprice(s, 3650, 90, 67, 30);
        var intent = s.Run(strategy).Intents[0];
        Assert.Multiple(() =>
        {
            Assert.That(intent.Structure.Kind, Is.EqualTo(StructureKind.Adjustment));
            Assert.That(intent.Structure.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public void Evaluate_NoExitThreshold_HoldsL112_5()
    {
        var (s, strategy) = Entered();
        Reprice(s, 3800, 62, 46, 18);
        Assert.That(s.Run(strategy).DecisionCount, Is.Zero);
    }
}

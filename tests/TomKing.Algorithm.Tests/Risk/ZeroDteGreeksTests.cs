using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Portfolio;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;
using TomKing.Algorithm.Risk.Margin;
using TomKing.Algorithm.Risk.Rules;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies;
using TomKing.Greeks;
using static TomKing.Algorithm.Tests.Risk.RiskScenario;

namespace TomKing.Algorithm.Tests.Risk;

/// <summary>P-7 reading for same-day expiries (RULEBOOK-NOTES "P-7 Greeks limits"): legs expiring on the
/// decision day are left out of the gamma test (entry and portfolio); their delta still counts.</summary>
public sealed class ZeroDteGreeksTests
{
    /// <summary>Friday 2021-09-03 10:30, the F0-1 decision time.</summary>
    private static readonly DateTime Friday1030 = new(2021, 9, 3, 10, 30, 0);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Friday1030);
    private static readonly DateOnly NextFriday = Today.AddDays(7);

    /// <summary>The risk scenario moved to Friday 10:30 with ES, SPXW and XSP chains expiring today and next
    /// Friday (ES and SPX 3800, XSP 380, SPY 380, flat 15 % volatility).</summary>
    private static RiskScenario Scenario(decimal netLiq)
    {
        var s = new RiskScenario(netLiq: netLiq) { Rules = RulebookSettings.Default };
        s.Clock.Set(Friday1030);
        s.Market.WithChain(Chain("ES", 3800, 5)).WithChain(Chain("SPXW", 3800, 5)).WithChain(Chain("XSP", 380, 1)).WithPrice("XSP", 380);
        s.Refresh();
        return s;
    }

    private static OptionChain Chain(string root, double spot, double step)
    {
        var b = new OptionChainBuilder(InstrumentCatalogue.Get(root)).AsOf(Friday1030).UnderlyingPrice(spot);
        var strikes = Enumerable.Range(0, 161).Select(i => spot - (80 * step) + (i * step)).ToArray();
        // a tight spread keeps the far 0DTE wings two-sided (a leg without a bid has no Greeks: P-7 refuses it)
        b.AddModelQuotes(Today, strikes, _ => 0.15, 1e-5);
        b.AddModelQuotes(NextFriday, strikes, _ => 0.15, 1e-5);
        return b.Build();
    }

    /// <summary>The F0-3 iron condor: shorts at the listed delta closest to 0.16, wings 30 index points
    /// further out (3 on XSP).</summary>
    private static OptionStructure ZeroDteCondor(RiskScenario s, string root, DateOnly expiry, double wing)
    {
        s.Market.TryGetChain(root, out var chain);
        chain.TryGetExpiry(expiry, out var e);
        int put = Closest(e, OptionRight.Put), call = Closest(e, OptionRight.Call);
        double kp = e.Strikes[put], kc = e.Strikes[call];
        return OptionStructure.IronCondor(
            s.Contract(root, expiry, kp - wing, OptionRight.Put), s.Contract(root, expiry, kp, OptionRight.Put),
            s.Contract(root, expiry, kc, OptionRight.Call), s.Contract(root, expiry, kc + wing, OptionRight.Call));
    }

    private static int Closest(ChainExpiry e, OptionRight right)
    {
        int best = -1;
        double gap = double.MaxValue;
        for (int k = 0; k < e.Count; k++)
        {
            var g = e.GreeksAt(k, right);
            if (g.IsAvailable && Math.Abs(g.AbsDelta - 0.16) < gap)
            {
                gap = Math.Abs(g.AbsDelta - 0.16);
                best = k;
            }
        }

        return best;
    }

    private static (PortfolioGreeks Unit, double LimitGamma) EntryGreeks(RiskScenario s, in Intents.OrderIntent intent)
    {
        var check = new EntryCheckState().Begin(in intent, s.Refresh());
        Assert.That(s.Engine.Greeks.TryEntryGreeks(check, out var unit, out double limitGamma), Is.True);
        return (unit, limitGamma);
    }

    [Test]
    public void Check_ZeroDteIronCondorGamma_ExcludedFromGammaLimitP7()
    {
        var s = Scenario(netLiq: 50_000m); // Phase 2: |gamma| ≤ 15, |delta| ≤ 75, ES 1 contract
        var entry = Open(StrategyId.F0, ZeroDteCondor(s, "ES", Today, 30));
        var (unit, limitGamma) = EntryGreeks(s, entry);
        TestContext.Out.WriteLine($"ES 0DTE IC at 10:30: delta {unit.Delta:F2}, gamma {unit.Gamma:F1} SPY shares per $1");
        Assert.Multiple(() =>
        {
            Assert.That(unit.Gamma, Is.LessThan(-100), "measured literally, one ES condor is far beyond any phase's gamma limit");
            Assert.That(limitGamma, Is.Zero, "every leg expires today: nothing left for the gamma test");
            Assert.That(s.Check(entry), Is.EqualTo(RiskVerdict.Approve(1)));
        });
    }

    [Test]
    public void Check_ZeroDteSpxwAndXspCondors_ExcludedFromGammaLimitP7()
    {
        var s = Scenario(netLiq: 50_000m);
        var spxw = Open(StrategyId.F0, ZeroDteCondor(s, "SPXW", Today, 30));
        var xsp = Open(StrategyId.F0, ZeroDteCondor(s, "XSP", Today, 3));
        var (spxwUnit, _) = EntryGreeks(s, spxw);
        var (xspUnit, _) = EntryGreeks(s, xsp);
        TestContext.Out.WriteLine($"SPXW 0DTE IC gamma {spxwUnit.Gamma:F1}, XSP 0DTE IC gamma {xspUnit.Gamma:F1} SPY shares per $1");
        Assert.Multiple(() =>
        {
            Assert.That(xspUnit.Gamma, Is.LessThan(-10), "even XSP (a tenth of SPX) is beyond Phase 1's 10 when measured literally");
            Assert.That(s.Check(spxw), Is.EqualTo(RiskVerdict.Approve(1)), "SPXW in Phase 2");
        });
        s.Portfolio.WithNetLiq(30_000m); // Phase 1: XSP is its 0DTE instrument, |gamma| ≤ 10
        Assert.Multiple(() =>
        {
            Assert.That(s.Check(xsp), Is.EqualTo(RiskVerdict.Approve(1)), "XSP in Phase 1");
            Assert.That(s.Check(spxw).RuleIds, Is.EqualTo("P-2"), "SPXW is not a Phase 1 instrument");
        });
    }

    [Test]
    public void Check_ZeroDteDeltaStillCountsP7()
    {
        var s = Scenario(netLiq: 50_000m);
        var spread = OptionStructure.PutCreditSpread(s.Contract("ES", Today, 3795, OptionRight.Put), s.Contract("ES", Today, 3765, OptionRight.Put));
        var entry = Open(StrategyId.F0, spread);
        var (unit, limitGamma) = EntryGreeks(s, entry);
        Assert.That(unit.Delta, Is.GreaterThan(10), "a near-the-money short put spread is long delta");
        Assert.That(limitGamma, Is.Zero);
        s.Portfolio.BetaWeightedGreeks = new PortfolioGreeks(75 - (0.5 * unit.Delta), 0, 0, 0);
        var v = s.Check(entry);
        Assert.That((v.Outcome, v.RuleIds), Is.EqualTo((RiskOutcome.Denied, "P-7")));
        Assert.That(v.Reason, Does.Contain("delta"));
    }

    [Test]
    public void Check_NonZeroDteHighGammaEntry_StillReducedByP7()
    {
        var s = Scenario(netLiq: 100_000m); // Phase 4: |gamma| ≤ 30, F0 up to 5 contracts
        var spread = OptionStructure.PutCreditSpread(s.Contract("ES", NextFriday, 3800, OptionRight.Put), s.Contract("ES", NextFriday, 3770, OptionRight.Put));
        var entry = Open(StrategyId.F0, spread, 3);
        var (unit, limitGamma) = EntryGreeks(s, entry);
        Assert.That(limitGamma, Is.EqualTo(unit.Gamma), "a 7-DTE structure is measured literally");
        Assert.That(unit.Gamma, Is.LessThan(-1));
        s.Portfolio.BetaWeightedGreeks = new PortfolioGreeks(0, -30 + (1.5 * Math.Abs(unit.Gamma)), 0, 0);
        var v = s.Check(entry);
        Assert.That((v.Outcome, v.ApprovedQuantity, v.RuleIds), Is.EqualTo((RiskOutcome.Reduced, 1, "P-7")));
        Assert.That(v.Reason, Does.Contain("gamma"));
        s.Portfolio.BetaWeightedGreeks = new PortfolioGreeks(0, -30 + (0.5 * Math.Abs(unit.Gamma)), 0, 0);
        Assert.That(s.Check(entry).RuleIds, Is.EqualTo("P-7"), "no unit fits: denied");
        Assert.That(s.Check(entry).Outcome, Is.EqualTo(RiskOutcome.Denied));
    }

    [Test]
    public void Check_HeldZeroDteGamma_ExcludedFromPortfolioGammaP7()
    {
        var s = Scenario(netLiq: 100_000m);
        var ledger = new PortfolioLedger(100_000m, s.Market, new MarginModel());
        var condor = ZeroDteCondor(s, "SPXW", Today, 30);
        var id = ledger.ReservePosition(StrategyId.F0, condor);
        var client = new ClientOrderId(1);
        ledger.BindOrder(client, id);
        for (int i = 0; i < condor.Count; i++)
        {
            ledger.OnFill(new LegFill(new OrderId(1), client, condor[i].Contract, condor[i].Ratio, 1m, 0m, Friday1030, "c" + i));
        }

        var held = ledger.BetaWeightedGreeks;
        Assert.That(held.Gamma, Is.LessThan(-30), "the held 0DTE condor alone is beyond Phase 4's literal gamma limit");
        Assert.That(ledger.GammaExpiringBy(Today), Is.EqualTo(held.Gamma).Within(1e-9));
        Assert.That(ledger.GammaExpiringBy(Today.AddDays(-1)), Is.Zero);

        var context = new DecisionContext(s.Clock, s.Market, ledger, RulebookSettings.Default) { BuyingPower = new FixedBuyingPower(100m) };
        context.Refresh();
        var far = Open(StrategyId.LPL, OptionStructure.SinglePut(s.Contract("SPXW", NextFriday, 3500, OptionRight.Put)));
        Assert.That(new RiskEngine(new FixedBuyingPower(100m)).Check(far, context), Is.EqualTo(RiskVerdict.Approve(1)),
            "a far-dated entry is not blocked by today's expiring gamma");
    }
}

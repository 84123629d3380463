using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Algorithm.Tests.Rulebook;

/// <summary>The built-in defaults are the rulebook's numbers, rule by rule.</summary>
public sealed class RulebookDefaultsTests
{
    private static readonly RulebookSettings D = RulebookSettings.Default;

    [Test]
    public void Default_Validate_HasNoErrors() => Assert.That(D.Validate(), Is.Empty);

    [Test]
    [Category("P-1")]
    public void Default_Regimes_AreRulebookNumbers_P1()
    {
        var r = D.Regimes;
        Assert.Multiple(() =>
        {
            Assert.That(new[] { r.LowFrom, r.NormalFrom, r.HighFrom, r.ExtremeFrom }, Is.EqualTo(new[] { 13.0, 18, 25, 30 }));
            Assert.That(new[] { r.MaxBpVeryLow, r.MaxBpLow, r.MaxBpNormal, r.MaxBpHigh, r.MaxBpExtreme }, Is.EqualTo(new[] { 0.45, 0.65, 0.75, 0.50, 0.80 }));
            Assert.That(r.ExtremeOtherEntriesMaxBp, Is.EqualTo(0.50));
            Assert.That(r.ReserveFraction, Is.EqualTo(0.20));
            Assert.That(r.ModelFreeHorizonDays, Is.EqualTo(30));
        });
    }

    [Test]
    [Category("P-2")]
    public void Default_PhaseBoundaries_AreRulebookNumbers_P2() =>
        Assert.That(new[] { D.Phases.Phase2From, D.Phases.Phase3From, D.Phases.Phase4From }, Is.EqualTo(new[] { 40_000m, 60_000m, 100_000m }));

    [Test]
    [Category("P-3")]
    public void Default_GroupLimits_AreRulebookNumbers_P3()
    {
        var g = D.Groups;
        Assert.Multiple(() =>
        {
            Assert.That(new[] { g.A1, g.A2, g.B1, g.B2, g.C1, g.C2, g.D1, g.D2, g.E }, Is.EqualTo(new[] { 2, 3, 2, 2, 2, 1, 2, 1, 2 }));
            Assert.That(g.LimitFor(CorrelationGroup.A2, VixRegime.Normal), Is.EqualTo(3));
            Assert.That(g.CombinedA1A2Limit(VixRegime.Normal), Is.EqualTo(3));
            Assert.That(g.LimitFor(CorrelationGroup.None, VixRegime.Normal), Is.Zero);
        });
    }

    [Test]
    [Category("P-3")]
    public void LimitFor_Extreme_OneLowerMinimumOne_P3()
    {
        var g = D.Groups;
        Assert.Multiple(() =>
        {
            Assert.That(g.LimitFor(CorrelationGroup.A2, VixRegime.Extreme), Is.EqualTo(2));
            Assert.That(g.LimitFor(CorrelationGroup.A1, VixRegime.Extreme), Is.EqualTo(1));
            Assert.That(g.LimitFor(CorrelationGroup.C2, VixRegime.Extreme), Is.EqualTo(1));
            Assert.That(g.CombinedA1A2Limit(VixRegime.Extreme), Is.EqualTo(2));
        });
    }

    [Test]
    [Category("P-5")]
    [Category("P-6")]
    [Category("P-7")]
    public void Default_DrawdownBreakersGreeks_AreRulebookNumbers_P5_P6_P7()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new[] { D.Drawdown.ReduceSizeAt, D.Drawdown.StopEntriesAndCloseLosersAt, D.Drawdown.CloseAllAt }, Is.EqualTo(new[] { 0.10, 0.15, 0.20 }));
            Assert.That(D.Drawdown.ReducedSizeFactor, Is.EqualTo(0.5));
            Assert.That(D.Drawdown.CooldownTradingDays, Is.EqualTo(10));
            Assert.That(new[] { D.CircuitBreakers.DailyLoss, D.CircuitBreakers.WeeklyLoss, D.CircuitBreakers.MonthlyLoss }, Is.EqualTo(new[] { 0.05, 0.10, 0.15 }));
            Assert.That(D.GreeksLimits.MaxAbsDelta, Is.EqualTo(new[] { 50.0, 75, 100, 150 }));
            Assert.That(D.GreeksLimits.MaxAbsGamma, Is.EqualTo(new[] { 10.0, 15, 20, 30 }));
            Assert.That(D.GreeksLimits.DeltaLimit(AccountPhase.Phase3), Is.EqualTo(100));
        });
    }

    [Test]
    [Category("P-8")]
    [Category("P-9")]
    [Category("P-10")]
    public void Default_BlackoutsDteOrders_AreRulebookNumbers_P8_P9_P10()
    {
        Assert.Multiple(() =>
        {
            Assert.That(D.Blackouts.Events, Is.EquivalentTo(new[] { "FOMC", "CPI", "NFP" }));
            Assert.That(D.Blackouts.EarningsTradingDaysBefore, Is.EqualTo(3));
            Assert.That(D.TwentyOneDte.CloseAtOrBelowDays, Is.EqualTo(21));
            Assert.That(D.TwentyOneDte.Mode, Is.EqualTo(TwentyOneDteMode.Close));
            Assert.That(D.TwentyOneDte.Strategies, Is.EquivalentTo(new[] { StrategyId.L112, StrategyId.FS }));
            Assert.That(D.Orders.RepriceSteps, Is.EqualTo(3));
            Assert.That(D.Orders.RepriceIntervalSeconds, Is.EqualTo(60));
            Assert.That(D.Orders.StepFraction * D.Orders.RepriceSteps, Is.EqualTo(1.0).Within(1e-12));
            Assert.That(D.Orders.RiskExitsAtNatural, Is.True);
            Assert.That(D.NoSharedExpiry, Is.True);
        });
    }

    [Test]
    [Category("F0-1")]
    [Category("F0-2")]
    [Category("F0-3")]
    [Category("F0-5")]
    public void Default_F0_IsRulebook_F0_1_F0_2_F0_3_F0_5()
    {
        var f = D.F0;
        Assert.Multiple(() =>
        {
            Assert.That(f.Day, Is.EqualTo(DayOfWeek.Friday));
            Assert.That((f.OpenCapture, f.DecisionTime, f.NoEntryAfter, f.TimeExit), Is.EqualTo((new TimeOnly(9, 30), new TimeOnly(10, 30), new TimeOnly(11, 0), new TimeOnly(15, 0))));
            Assert.That(f.FlatMove, Is.EqualTo(0.005));
            Assert.That((f.ShortDelta, f.MaxShortDelta, f.WingPoints), Is.EqualTo((0.16, 0.25, 30.0)));
            Assert.That((f.TakeProfitCostFraction, f.StopCostMultiple), Is.EqualTo((0.50, 3.0)));
        });
    }

    [TestCase(0, 1)]
    [TestCase(39_999.99, 1)]
    [TestCase(40_000, 2)]
    [TestCase(74_999, 2)]
    [TestCase(75_000, 3)]
    [TestCase(100_000, 4)]
    [TestCase(149_999, 4)]
    [TestCase(150_000, 5)]
    [TestCase(2_000_000, 5)]
    [Category("F0-4")]
    public void ContractsFor_NetLiqTiers_IsRulebookTable_F0_4(double netLiq, int expected) =>
        Assert.That(D.F0.ContractsFor((decimal)netLiq), Is.EqualTo(expected));

    [Test]
    [Category("L112-1")]
    [Category("L112-2")]
    [Category("L112-3")]
    [Category("L112-4")]
    [Category("L112-5")]
    public void Default_L112_IsRulebook_L112_1_to_5()
    {
        var l = D.L112;
        Assert.Multiple(() =>
        {
            Assert.That((l.Day, l.EntryTime), Is.EqualTo((DayOfWeek.Wednesday, new TimeOnly(10, 0))));
            Assert.That(l.Weeks, Is.EqualTo(new[] { 1 }));
            Assert.That(l.Phase4ExtraWeeks, Is.EqualTo(new[] { 2, 3 }));
            Assert.That(l.Expiry, Is.EqualTo(new DteWindow(120, 112, 130)));
            Assert.That((l.LongPutSpotFraction, l.NakedPutSpotFraction, l.NakedPutsPerUnit), Is.EqualTo((0.93, 0.88, 2)));
            Assert.That((l.SpreadPointsFor("ES"), l.SpreadPointsFor("SPY")), Is.EqualTo((50.0, 5.0)));
            Assert.That((l.MaxBpFraction, l.MaxBpFractionMicro), Is.EqualTo((0.06, 0.03)));
            Assert.That((l.NakedPutProfitFraction, l.DebitSpreadProfitFraction, l.NakedStrikeProximity, l.StopLossCreditMultiple), Is.EqualTo((0.90, 0.50, 0.005, 2.0)));
        });
    }

    [Test]
    [Category("FS-1")]
    [Category("FS-2")]
    [Category("FS-3")]
    [Category("FS-4")]
    [Category("FS-5")]
    [Category("FS-6")]
    public void Default_FS_IsRulebook_FS_1_to_6()
    {
        var f = D.FS;
        Assert.Multiple(() =>
        {
            Assert.That((f.Day, f.Week, f.EntryTime), Is.EqualTo((DayOfWeek.Tuesday, 2, new TimeOnly(10, 15))));
            Assert.That(f.Expiry, Is.EqualTo(new DteWindow(90, 75, 105)));
            Assert.That((f.PutDelta, f.CallDelta), Is.EqualTo((0.06, 0.05)));
            Assert.That((f.MinIvRank, f.IvRankLookbackDays), Is.EqualTo((30.0, 252)));
            Assert.That((f.ProfitFraction, f.StopLossCreditMultiple, f.CloseAllInExtreme), Is.EqualTo((0.50, 2.0, true)));
            Assert.That((f.RollUntestedAtDelta, f.RollUntestedToDelta, f.CloseTestedAtDelta, f.CloseAllAtDelta), Is.EqualTo((0.20, 0.16, 0.25, 0.30)));
            Assert.That((f.MaxBpFraction, f.MaxBpFractionMicro), Is.EqualTo((0.035, 0.025)));
        });
    }

    [Test]
    [Category("IPMCC-1")]
    [Category("IPMCC-2")]
    [Category("IPMCC-3")]
    [Category("IPMCC-4")]
    [Category("IPMCC-5")]
    public void Default_IPMCC_IsRulebook_IPMCC_1_to_5()
    {
        var i = D.IPMCC;
        Assert.Multiple(() =>
        {
            Assert.That(i.Underlyings, Is.EqualTo(new[] { "QQQ", "SPY", "IWM" }));
            Assert.That((i.LeapDelta, i.LeapMinDelta, i.LeapMaxDelta), Is.EqualTo((0.80, 0.75, 0.85)));
            Assert.That((i.LeapExpiry.Target, i.LeapExpiry.Min), Is.EqualTo((365, 180)));
            Assert.That((i.LeapMaxExtrinsicFraction, i.NoLeapAboveSlowEmaMultiple), Is.EqualTo((0.05, 1.03)));
            Assert.That((i.WeeklyDay, i.WeeklyTime, i.WeeklyExpiryDays), Is.EqualTo((DayOfWeek.Friday, new TimeOnly(9, 45), 7)));
            Assert.That((i.FastEmaDays, i.SlowEmaDays, i.TwoStrikesItmAboveFastEmaMultiple), Is.EqualTo((8, 21, 1.02)));
            Assert.That((i.WeeklyBuybackExtrinsicCaptured, i.ExpiryRollTime), Is.EqualTo((0.90, new TimeOnly(15, 30))));
            Assert.That((i.LeapStopLossFraction, i.LeapRollAtDte, i.LeapMaxCostFraction), Is.EqualTo((0.30, 120, 0.08)));
            Assert.That(new[] { D.Phases.Phase1.IpmccMaxPositions, D.Phases.Phase2.IpmccMaxPositions, D.Phases.Phase3.IpmccMaxPositions }, Is.EqualTo(new[] { 1, 2, 3 }));
        });
    }

    [Test]
    [Category("LPL-1")]
    [Category("LPL-3")]
    [Category("LPL-4")]
    public void Default_LPL_IsRulebook_LPL_1_3_4()
    {
        var l = D.LPL;
        Assert.Multiple(() =>
        {
            Assert.That((l.Day, l.EntryTime, l.Underlying), Is.EqualTo((DayOfWeek.Monday, new TimeOnly(10, 0), "SPY")));
            Assert.That((l.Expiry.Target, l.Expiry.Min, l.PutDelta), Is.EqualTo((365, 300, 0.13)));
            Assert.That((l.ProfitFraction, l.RollAtDte), Is.EqualTo((0.30, 150)));
            Assert.That((l.MaxRungs, l.MaxBpPerRung, l.MaxBpLadder), Is.EqualTo((10, 0.02, 0.20)));
        });
    }

    [TestCase(14.99, 0)]
    [TestCase(15.0, 1)]
    [TestCase(20.0, 1)]
    [TestCase(20.01, 2)]
    [TestCase(double.NaN, 0)]
    [Category("LPL-2")]
    public void ContractsFor_VixLevels_SkipsBelow15DoublesAbove20_LPL_2(double vix, int expected) =>
        Assert.That(D.LPL.ContractsFor(vix), Is.EqualTo(expected));
}

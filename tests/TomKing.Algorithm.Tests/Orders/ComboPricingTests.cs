using TomKing.Algorithm.Orders;

namespace TomKing.Algorithm.Tests.Orders;

public sealed class ComboPricingTests
{
    private const double Third = 1.0 / 3.0;

    [Test]
    public void LimitForStep_OpeningIronCondorCredit_MidRoundsToMoreCreditThenStepsToNaturalP10()
    {
        // Buying the structure as defined (quantity > 0): limit is the most we pay, so a credit of −1.225
        // rounds down to −1.25 (ask for 1.25). Steps: −1.15, −1.075 → −1.10, natural −1.00.
        var limits = Enumerable.Range(0, 4).Select(k => ComboPricing.LimitForStep("SPXW", -1.225, -1.00, buying: true, k, Third)).ToArray();
        Assert.That(limits, Is.EqualTo(new[] { -1.25m, -1.15m, -1.10m, -1.00m }));
    }

    [Test]
    public void LimitForStep_ClosingIronCondorSell_RoundsUpTowardLessPaidThenNaturalP10()
    {
        // Closing (quantity < 0, structure as held): fills at or above the limit. Mid −0.475 → −0.45
        // (pay at most 0.45), natural −0.60 (pay the asks of the shorts): −0.525 → −0.50, −0.575 → −0.55, −0.60.
        var limits = Enumerable.Range(0, 4).Select(k => ComboPricing.LimitForStep("SPXW", -0.475, -0.60, buying: false, k, Third)).ToArray();
        Assert.That(limits, Is.EqualTo(new[] { -0.45m, -0.50m, -0.55m, -0.60m }));
    }

    [Test]
    public void LimitForStep_DebitLeapOnPennyEtf_RoundsDownToTheCentP10()
    {
        // QQQ LEAP bought for a debit: mid 50.37, natural 50.80; 0.01 tick; steps 50.5133 → 50.51, 50.6567 → 50.65.
        var limits = Enumerable.Range(0, 4).Select(k => ComboPricing.LimitForStep("QQQ", 50.37, 50.80, buying: true, k, Third)).ToArray();
        Assert.That(limits, Is.EqualTo(new[] { 50.37m, 50.51m, 50.65m, 50.80m }));
    }

    [Test]
    public void LimitForStep_SpxwAboveThreeDollars_UsesTenCentTickP10()
    {
        // −3.42 credit mid: 0.10 tick above 3.00 → −3.50; natural −3.00 exactly.
        Assert.Multiple(() =>
        {
            Assert.That(ComboPricing.LimitForStep("SPXW", -3.42, -3.00, buying: true, 0, Third), Is.EqualTo(-3.50m));
            Assert.That(ComboPricing.LimitForStep("SPXW", -3.42, -3.00, buying: true, 3, Third), Is.EqualTo(-3.00m));
        });
    }

    [Test]
    public void NaturalLimit_OffGridNatural_RoundsAggressivelySoItCrossesP10()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ComboPricing.NaturalLimit("SPXW", -1.02, buying: true), Is.EqualTo(-1.00m));
            Assert.That(ComboPricing.NaturalLimit("SPXW", -0.62, buying: false), Is.EqualTo(-0.65m));
        });
    }

    [Test]
    public void RoundToTick_PriceOnGridWithFloatingNoise_StaysOnItsGridPoint()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ComboPricing.RoundToTick(1.2000000000001, 0.05m, up: true), Is.EqualTo(1.20m));
            Assert.That(ComboPricing.RoundToTick(-1.15 + 1e-13, 0.05m, up: false), Is.EqualTo(-1.15m));
            Assert.That(ComboPricing.RoundToTick(1.21, 0.05m, up: true), Is.EqualTo(1.25m));
            Assert.That(ComboPricing.RoundToTick(1.24, 0.05m, up: false), Is.EqualTo(1.20m));
        });
    }

    [Test]
    public void RoundToTick_NaN_Throws() =>
        Assert.That(() => ComboPricing.RoundToTick(double.NaN, 0.05m, up: true), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void LadderTarget_StepsTimesFractionBelowOne_StopsShortOfNatural()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ComboPricing.LadderTarget(1.0, 2.0, 2, 0.25), Is.EqualTo(1.5).Within(1e-12));
            Assert.That(ComboPricing.ReachesNatural(3, Third), Is.True);
            Assert.That(ComboPricing.ReachesNatural(2, Third), Is.False);
        });
    }

    [TestCase("SPXW", 2.95, "0.05")]
    [TestCase("SPXW", 3.00, "0.10")]
    [TestCase("SPX", -4.10, "0.10")]
    [TestCase("SPY", 12.34, "0.01")]
    [TestCase("QQQ", 0.5, "0.01")]
    [TestCase("GLD", 2.0, "0.01")]
    [TestCase("GLD", 3.5, "0.05")]
    [TestCase("ES", 4.0, "0.05")]
    [TestCase("ES", 25.0, "0.25")]
    [TestCase("CL", 1.0, "0.01")]
    [TestCase("GC", 10.0, "0.1")]
    [TestCase("ZB", 1.0, "0.015625")]
    public void OptionTickSize_ByRootAndPremium_IsTheListedIncrement(string root, double price, string tick) =>
        Assert.That(OptionTickSize.For(root, price), Is.EqualTo(decimal.Parse(tick, System.Globalization.CultureInfo.InvariantCulture)));
}

using TomKing.Algorithm.Rulebook;

namespace TomKing.Algorithm.Tests.Rulebook;

[Category("P-1")]
public sealed class VixRegimeTests
{
    private static readonly RegimeSettings Regimes = RulebookSettings.Default.Regimes;

    [TestCase(9.0, VixRegime.VeryLow)]
    [TestCase(12.99, VixRegime.VeryLow)]
    [TestCase(13.0, VixRegime.Low)]
    [TestCase(17.99, VixRegime.Low)]
    [TestCase(25.0, VixRegime.High)]
    [TestCase(29.99, VixRegime.High)]
    [TestCase(30.0, VixRegime.Extreme)]
    [TestCase(80.0, VixRegime.Extreme)]
    public void Classify_BoundaryLevels_LowerBoundInclusive_P1(double vix, VixRegime expected) =>
        Assert.That(Regimes.Classify(vix), Is.EqualTo(expected));

    [Test]
    public void Classify_Vix18_IsNormal_P1() => Assert.That(Regimes.Classify(18.0), Is.EqualTo(VixRegime.Normal));

    [Test]
    public void Classify_Vix24_99_IsNormal_P1() => Assert.That(Regimes.Classify(24.99), Is.EqualTo(VixRegime.Normal));

    [TestCase(double.NaN)]
    [TestCase(0.0)]
    [TestCase(-5.0)]
    [TestCase(double.PositiveInfinity)]
    public void Classify_InvalidVix_IsUnknown_P1(double vix) => Assert.That(Regimes.Classify(vix), Is.EqualTo(VixRegime.Unknown));

    [TestCase(VixRegime.VeryLow, 0.45)]
    [TestCase(VixRegime.Low, 0.65)]
    [TestCase(VixRegime.Normal, 0.75)]
    [TestCase(VixRegime.High, 0.50)]
    [TestCase(VixRegime.Extreme, 0.80)]
    [TestCase(VixRegime.Unknown, 0.0)]
    public void MaxBpInUse_EachRegime_IsRulebookCeiling_P1(VixRegime regime, double expected) =>
        Assert.That(Regimes.MaxBpInUse(regime), Is.EqualTo(expected).Within(1e-12));

    [Test]
    public void MaxBpInUse_CeilingAboveReserve_IsCappedByReserve_P1()
    {
        var regimes = Regimes with { ReserveFraction = 0.30 };
        Assert.That(regimes.MaxBpInUse(VixRegime.Extreme), Is.EqualTo(0.70).Within(1e-12));
    }
}

using System.Runtime.Intrinsics;

namespace TomKing.Greeks.Tests;

[TestFixture]
public class NormalTests
{
    // Reference values: Φ(x) from mpmath at 40 digits. Tolerance 2e-15 relative (2e-13 %).
    // InverseCdf is checked only for x ≤ 3: above that 1 − Φ(x) no longer carries enough digits in p.
    [TestCase(0.0, 0.5)]
    [TestCase(-1.0, 0.15865525393145705)]
    [TestCase(-3.0, 0.0013498980316300945)]
    [TestCase(-5.0, 2.866515718791939e-07)]
    [TestCase(-8.0, 6.2209605742717841e-16)]
    [TestCase(-20.0, 2.7536241186062337e-89)]
    [TestCase(-37.0, 5.7255712225245768e-300)]
    [TestCase(2.0, 0.9772498680518208)]
    public void Cdf_KnownPoints_MatchesHighPrecisionReference(double x, double expected)
    {
        Assert.That(Normal.Cdf(x), Is.EqualTo(expected).Within(2e-13).Percent);
    }

    [Test]
    public void InverseCdf_RoundTrip_RecoversX()
    {
        for (double x = -37.0; x <= 3.0; x += 0.37)
        {
            double p = Normal.Cdf(x);
            Assert.That(Normal.InverseCdf(p), Is.EqualTo(x).Within(1e-12 * Math.Max(1.0, Math.Abs(x))), $"x={x}");
        }
    }

    // Mills ratio M(z) = Φ(−z)/φ(z) from mpmath at 50 digits, on both sides of the switch from the
    // Chebyshev polynomial to the continued fraction at z = 38.5.
    [TestCase(0.0, 1.2533141373155003)]
    [TestCase(0.5, 0.87636445645369235)]
    [TestCase(1.0, 0.65567954241879847)]
    [TestCase(2.5, 0.35426511132979367)]
    [TestCase(5.0, 0.19280810471531576)]
    [TestCase(10.0, 0.099028596471731921)]
    [TestCase(20.0, 0.049875925981836784)]
    [TestCase(37.0, 0.027007327965128336)]
    [TestCase(38.4, 0.026024041840572242)]
    [TestCase(38.6, 0.025889383106011168)]
    [TestCase(45.0, 0.022211264503002376)]
    [TestCase(100.0, 0.0099990002998501049)]
    public void MillsRatio_KnownPoints_ScalarAndEitherLaneOfAPairMatchHighPrecisionReference(double z, double expected)
    {
        double tolerance = 1e-15 * expected;
        Assert.That(Normal.MillsRatio(z), Is.EqualTo(expected).Within(tolerance), "scalar");
        // The 2-lane form, with z in either lane and partners on the other side of the 38.5 switch.
        Assert.That(Normal.MillsRatio(Vector128.Create(z, 1.0)).GetElement(0), Is.EqualTo(expected).Within(tolerance), "lane 0");
        Assert.That(Normal.MillsRatio(Vector128.Create(50.0, z)).GetElement(1), Is.EqualTo(expected).Within(tolerance), "lane 1");
    }

    [Test]
    public void MillsRatio_PairedEvaluation_AgreesWithScalarAcrossTheRange()
    {
        // The pair multiplies by 1/(z + 1) where the scalar form divides: a rounding apart at most.
        for (double z = 0.0; z <= 60.0; z += 0.0173)
        {
            double partner = 60.0 - z;
            Vector128<double> pair = Normal.MillsRatio(Vector128.Create(z, partner));
            Assert.That(pair.GetElement(0), Is.EqualTo(Normal.MillsRatio(z)).Within(4e-16 * Normal.MillsRatio(z)), $"z={z}");
            Assert.That(pair.GetElement(1), Is.EqualTo(Normal.MillsRatio(partner)).Within(4e-16 * Normal.MillsRatio(partner)), $"z={partner}");
        }
    }
}

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
}

namespace TomKing.Greeks.Tests.Core;

/// <summary>
/// The Black kernel far in the tails, where both terms of the price come from one shared density
/// (S'φ(d1) = K'φ(d2)) and the Mills ratio. References from mpmath at 50 digits (the formulas of
/// tools/ and bench/quantlib/make_inputs.py, evaluated exactly): r = 5 %, q = 1 %, σ = 20 %, T = 0.01,
/// strikes about 36.5 standard deviations away, so prices are near 1e-292 (just above where doubles
/// stop carrying digits), plus a 0DTE SPX-like put 6.7 standard deviations out.
/// </summary>
[TestFixture]
public class BlackKernelTailTests
{
    // (right, spot, strike, years, price, delta, gamma, vega, theta)
    private static readonly object[] Cases =
    [
        // Out-of-the-money call, F < K: the density is taken at d1.
        new object[] { OptionRight.Call, 100.0, 207.5, 0.01, 9.7401338837747871e-293, 1.779656981729249e-291, 3.2474680392920045e-290, 6.494936078584009e-289, -6.5020498364439841e-288 },
        // Out-of-the-money put, F > K: the density is taken at d2.
        new object[] { OptionRight.Put, 207.5, 100.0, 0.01, 2.2572461863143674e-293, -1.9886992986430856e-292, 1.7517514327124071e-291, 1.5084769524944715e-289, -1.5068252034535046e-288 },
    ];

    [TestCaseSource(nameof(Cases))]
    public void Evaluate_FarTail_MatchesHighPrecisionReference(OptionRight right, double spot, double strike, double years, double price, double delta, double gamma, double vega, double theta)
    {
        OptionGreeks g = BlackScholesMerton.Evaluate(right, spot, strike, years, 0.05, 0.01, 0.2);
        // The price is a difference of two tail terms that agree to about 1 part in 7e4 (d1 − d2 = 0.02
        // at |d| ≈ 36.5), so it carries about 11 digits; single-term Greeks carry nearly all 16.
        Assert.Multiple(() =>
        {
            Assert.That(g.Price, Is.EqualTo(price).Within(1e-9 * price), "price");
            Assert.That(g.Delta, Is.EqualTo(delta).Within(1e-12 * Math.Abs(delta)), "delta");
            Assert.That(g.Gamma, Is.EqualTo(gamma).Within(1e-12 * gamma), "gamma");
            Assert.That(g.Vega, Is.EqualTo(vega).Within(1e-12 * vega), "vega");
            Assert.That(g.Theta, Is.EqualTo(theta).Within(1e-9 * Math.Abs(theta)), "theta");
            Assert.That(BlackScholesMerton.Price(right, spot, strike, years, 0.05, 0.01, 0.2), Is.EqualTo(g.Price), "Price equals Evaluate's price");
        });
    }

    [Test]
    public void Evaluate_ZeroDteWingPut_MatchesHighPrecisionReference()
    {
        // SPX 3800, strike 3700, 5.5 hours to a 16:00 expiry, σ = 16 %: d1 ≈ 6.66.
        OptionGreeks g = BlackScholesMerton.Evaluate(OptionRight.Put, 3800.0, 3700.0, 0.000627853881278539, 0.05, 0.015, 0.16);
        Assert.Multiple(() =>
        {
            Assert.That(g.Price, Is.EqualTo(3.0190734119808441e-11).Within(1e-10 * 3.0190734119808441e-11), "price");
            Assert.That(g.Delta, Is.EqualTo(-1.374932441476735e-11).Within(1e-12 * 1.374932441476735e-11), "delta");
            Assert.That(g.Gamma, Is.EqualTo(6.1401117408942974e-12).Within(1e-12 * 6.1401117408942974e-12), "gamma");
            Assert.That(g.Vega, Is.EqualTo(8.9068068394853927e-9).Within(1e-12 * 8.9068068394853927e-9), "vega");
            Assert.That(g.Theta, Is.EqualTo(-1.1330589636091047e-6).Within(1e-10 * 1.1330589636091047e-6), "theta");
        });
    }
}

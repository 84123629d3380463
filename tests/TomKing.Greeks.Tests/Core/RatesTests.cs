namespace TomKing.Greeks.Tests.Core;

[TestFixture]
public class RatesTests
{
    [Test]
    public void ZeroRateCurve_InterpolatesLinearlyAndFlatOutside()
    {
        var curve = new ZeroRateCurve([0.25, 1.0], [0.01, 0.03]);
        Assert.Multiple(() =>
        {
            Assert.That(curve.ZeroRate(0.1), Is.EqualTo(0.01));
            Assert.That(curve.ZeroRate(0.625), Is.EqualTo(0.02).Within(1e-15));
            Assert.That(curve.ZeroRate(5), Is.EqualTo(0.03));
            Assert.That(curve.DiscountFactor(1.0), Is.EqualTo(Math.Exp(-0.03)).Within(1e-15));
        });
    }

    [Test]
    public void ZeroRateCurve_UnsortedPillars_ThrowsWithReason()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new ZeroRateCurve([1.0, 0.5], [0.01, 0.02]));
        Assert.That(ex!.Message, Does.Contain("increase"));
    }

    [Test]
    public void ImpliedForward_FromParity_RecoversTheForward()
    {
        // Hand-built: forward 3812.4, discount 0.999; mids priced by Black-76 so parity holds exactly.
        const double f = 3812.4;
        const double df = 0.999;
        double t = 30.0 / 365;
        double r = -Math.Log(df) / t;
        double[] strikes = [3700, 3750, 3800, 3850, 3900];
        double[] calls = strikes.Select(k => Black76.Price(OptionRight.Call, f, k, t, r, 0.2)).ToArray();
        double[] puts = strikes.Select(k => Black76.Price(OptionRight.Put, f, k, t, r, 0.2)).ToArray();
        double forward = ImpliedForward.FromParity(strikes, calls, puts, df, out double atStrike);
        Assert.That(atStrike, Is.EqualTo(3800));
        Assert.That(forward, Is.EqualTo(f).Within(1e-9));
    }

    [Test]
    public void ImpliedForward_NoTwoSidedPair_IsNaN()
    {
        double forward = ImpliedForward.FromParity([3700.0], [0.0], [5.0], 1.0, out double k);
        Assert.That(double.IsNaN(forward) && double.IsNaN(k), Is.True);
    }
}

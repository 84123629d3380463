namespace TomKing.Greeks.Tests.Core;

/// <summary>
/// Every closed-form Greek against a central finite difference of the price function (an
/// independent check: the price formula and the Greek formulas are separate code).
/// </summary>
[TestFixture]
public class FiniteDifferenceGreeksTests
{
    private static readonly object[] Cases =
    [
        new object[] { OptionRight.Call, 100.0, 100.0, 0.5, 0.05, 0.02, 0.25 },
        new object[] { OptionRight.Put, 100.0, 100.0, 0.5, 0.05, 0.02, 0.25 },
        new object[] { OptionRight.Call, 100.0, 80.0, 1.5, 0.03, 0.00, 0.40 },
        new object[] { OptionRight.Put, 100.0, 120.0, 0.25, 0.01, 0.03, 0.15 },
        new object[] { OptionRight.Put, 3800.0, 3700.0, 30.0 / 365.0, 0.001, 0.013, 0.22 },
        new object[] { OptionRight.Call, 3800.0, 3850.0, 5.5 / (24.0 * 365.0), 0.001, 0.0, 0.18 },
        new object[] { OptionRight.Put, 3800.0, 3780.0, 5.5 / (24.0 * 365.0), 0.001, 0.0, 0.25 },
    ];

    [TestCaseSource(nameof(Cases))]
    public void BlackScholesMerton_EveryGreek_MatchesFiniteDifference(OptionRight right, double s, double k, double t, double r, double q, double v)
    {
        OptionGreeks g = BlackScholesMerton.Evaluate(right, s, k, t, r, q, v);
        Func<double, double, double, double, double, double> price = (ss, tt, rr, qq, vv) => BlackScholesMerton.Price(right, ss, k, tt, rr, qq, vv);
        Func<double, double, double, double, double, double> delta = (ss, tt, rr, qq, vv) => BlackScholesMerton.Evaluate(right, ss, k, tt, rr, qq, vv).Delta;
        Func<double, double, double, double, double, double> vega = (ss, tt, rr, qq, vv) => BlackScholesMerton.Evaluate(right, ss, k, tt, rr, qq, vv).Vega;

        // Steps scale with the distribution's width s·σ√T so 0DTE gamma is resolved.
        double hs = s * v * Math.Sqrt(t) * 1e-3;
        double hv = 1e-5;
        double ht = Math.Min(t * 1e-3, 1e-6);
        double hr = 1e-6;

        Assert.Multiple(() =>
        {
            Assert.That(g.Price, Is.EqualTo(price(s, t, r, q, v)).Within(1e-13).Percent, "price");
            AssertClose(g.Delta, Central(x => price(x, t, r, q, v), s, hs), "delta");
            AssertClose(g.Gamma, Central(x => delta(x, t, r, q, v), s, hs), "gamma");
            AssertClose(g.Vega, Central(x => price(s, t, r, q, x), v, hv), "vega");
            // Theta and charm are derivatives in calendar time t = −T.
            AssertClose(g.Theta, -Central(x => price(s, x, r, q, v), t, ht), "theta");
            AssertClose(g.Rho, Central(x => price(s, t, x, q, v), r, hr), "rho");
            AssertClose(g.Vanna, Central(x => delta(s, t, r, q, x), v, hv), "vanna");
            AssertClose(g.Charm, -Central(x => delta(s, x, r, q, v), t, ht), "charm");
            AssertClose(g.Vomma, Central(x => vega(s, t, r, q, x), v, hv), "vomma");
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void Black76_EveryGreek_MatchesFiniteDifference(OptionRight right, double f, double k, double t, double r, double unused, double v)
    {
        _ = unused;
        OptionGreeks g = Black76.Evaluate(right, f, k, t, r, v);
        double Price(double ff, double tt, double rr, double vv) => Black76.Price(right, ff, k, tt, rr, vv);
        double Delta(double ff, double tt, double rr, double vv) => Black76.Evaluate(right, ff, k, tt, rr, vv).Delta;
        double Vega(double ff, double tt, double rr, double vv) => Black76.Evaluate(right, ff, k, tt, rr, vv).Vega;
        double hf = f * v * Math.Sqrt(t) * 1e-3;
        double hv = 1e-5;
        double ht = Math.Min(t * 1e-3, 1e-6);
        double hr = 1e-6;

        Assert.Multiple(() =>
        {
            AssertClose(g.Delta, Central(x => Price(x, t, r, v), f, hf), "delta");
            AssertClose(g.Gamma, Central(x => Delta(x, t, r, v), f, hf), "gamma");
            AssertClose(g.Vega, Central(x => Price(f, t, r, x), v, hv), "vega");
            AssertClose(g.Theta, -Central(x => Price(f, x, r, v), t, ht), "theta");
            AssertClose(g.Rho, Central(x => Price(f, t, x, v), r, hr), "rho (forward held fixed)");
            AssertClose(g.Vanna, Central(x => Delta(f, t, r, x), v, hv), "vanna");
            AssertClose(g.Charm, -Central(x => Delta(f, x, r, v), t, ht), "charm");
            AssertClose(g.Vomma, Central(x => Vega(f, t, r, x), v, hv), "vomma");
        });
    }

    [Test]
    public void ThetaPerDay_IsThetaOver365()
    {
        OptionGreeks g = BlackScholesMerton.Evaluate(OptionRight.Call, 100, 100, 0.25, 0.05, 0, 0.2);
        Assert.That(g.ThetaPerDay, Is.EqualTo(g.Theta / 365.0));
    }

    [Test]
    public void Evaluate_ZeroTime_ReturnsIntrinsicAndStepDelta()
    {
        OptionGreeks itm = BlackScholesMerton.Evaluate(OptionRight.Put, 95, 100, 0, 0.05, 0, 0.2);
        OptionGreeks otm = BlackScholesMerton.Evaluate(OptionRight.Put, 105, 100, 0, 0.05, 0, 0.2);
        Assert.Multiple(() =>
        {
            Assert.That(itm.Price, Is.EqualTo(5.0).Within(1e-12));
            Assert.That(itm.Delta, Is.EqualTo(-1.0));
            Assert.That(otm.Price, Is.Zero);
            Assert.That(otm.Delta, Is.Zero);
            Assert.That(double.IsNaN(itm.Gamma), Is.False);
        });
    }

    private static double Central(Func<double, double> f, double x, double h) => (f(x + h) - f(x - h)) / (2.0 * h);

    private static void AssertClose(double analytic, double numeric, string what)
    {
        // Central differences carry O(h²) truncation and ~ε/h rounding error; 1e-5 relative (or a
        // small absolute floor for values near zero) is far tighter than any formula error would be.
        double tolerance = Math.Max(1e-5 * Math.Abs(numeric), 1e-7);
        Assert.That(analytic, Is.EqualTo(numeric).Within(tolerance), what);
    }
}

using FsCheck;
using FsCheck.Fluent;

namespace TomKing.Greeks.Tests.Core;

/// <summary>
/// <see cref="BlackScholesMerton.EvaluateFirstOrder"/>: every output against a central finite
/// difference of <see cref="BlackScholesMerton.Price"/>, the dividend rho's parity identity, and the
/// documented contract that its values are <see cref="BlackScholesMerton.Evaluate"/>'s. (Against
/// QuantLib and the exact values: QuantLibReferenceTests.)
/// </summary>
[TestFixture]
public class FirstOrderGreeksTests
{
    private static readonly object[] Cases =
    [
        new object[] { OptionRight.Call, 100.0, 100.0, 0.5, 0.05, 0.02, 0.25 },
        new object[] { OptionRight.Put, 100.0, 100.0, 0.5, 0.05, 0.02, 0.25 },
        new object[] { OptionRight.Call, 100.0, 80.0, 1.5, 0.03, 0.04, 0.40 },
        new object[] { OptionRight.Put, 100.0, 120.0, 0.25, 0.01, 0.03, 0.15 },
        new object[] { OptionRight.Put, 3800.0, 3700.0, 30.0 / 365.0, 0.001, 0.013, 0.22 },
        new object[] { OptionRight.Call, 3800.0, 3850.0, 5.5 / (24.0 * 365.0), 0.001, 0.015, 0.18 },
        new object[] { OptionRight.Put, 3800.0, 3780.0, 5.5 / (24.0 * 365.0), 0.001, 0.0, 0.25 },
        new object[] { OptionRight.Call, 50.0, 75.0, 2.0, 0.045, 0.06, 0.30 },
    ];

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(2000);

    private static Gen<(double S, double K, double T, double R, double Q, double V)> Inputs =>
        from s in Gen.Choose(10, 5000).Select(x => (double)x)
        from m in Gen.Choose(500, 1600).Select(x => x / 1000.0)
        from tMinutes in Gen.Choose(5, 3 * 365 * 24 * 60)
        from r in Gen.Choose(-100, 800).Select(x => x / 10000.0)
        from q in Gen.Choose(0, 500).Select(x => x / 10000.0)
        from v in Gen.Choose(20, 1500).Select(x => x / 1000.0)
        select (s, s * m, tMinutes / (60.0 * 24 * 365), r, q, v);

    [TestCaseSource(nameof(Cases))]
    public void EveryOutput_MatchesFiniteDifferenceOfPrice(OptionRight right, double s, double k, double t, double r, double q, double v)
    {
        FirstOrderGreeks g = BlackScholesMerton.EvaluateFirstOrder(right, s, k, t, r, q, v);
        double Price(double ss, double tt, double rr, double qq, double vv) => BlackScholesMerton.Price(right, ss, k, tt, rr, qq, vv);
        double Delta(double ss) => BlackScholesMerton.EvaluateFirstOrder(right, ss, k, t, r, q, v).Delta;

        // Steps scale with the distribution's width s·σ√T so 0DTE gamma is resolved.
        double hs = s * v * Math.Sqrt(t) * 1e-3;
        double hv = 1e-5;
        double ht = Math.Min(t * 1e-3, 1e-6);
        double hr = 1e-6;

        Assert.Multiple(() =>
        {
            Assert.That(g.Price, Is.EqualTo(Price(s, t, r, q, v)).Within(1e-13).Percent, "price");
            AssertClose(g.Delta, Central(x => Price(x, t, r, q, v), s, hs), "delta");
            AssertClose(g.Gamma, Central(Delta, s, hs), "gamma");
            AssertClose(g.Vega, Central(x => Price(s, t, r, q, x), v, hv), "vega");
            // Theta is the derivative in calendar time t = −T.
            AssertClose(g.Theta, -Central(x => Price(s, x, r, q, v), t, ht), "theta");
            AssertClose(g.Rho, Central(x => Price(s, t, x, q, v), r, hr), "rho");
            AssertClose(g.DividendRho, Central(x => Price(s, t, r, x, v), q, hr), "dividend rho");
        });
    }

    [Test]
    public void SharedOutputs_AreEvaluatesExactly()
    {
        Prop.ForAll(Inputs.ToArbitrary(), x =>
        {
            foreach (OptionRight right in new[] { OptionRight.Call, OptionRight.Put })
            {
                FirstOrderGreeks f = BlackScholesMerton.EvaluateFirstOrder(right, x.S, x.K, x.T, x.R, x.Q, x.V);
                OptionGreeks g = BlackScholesMerton.Evaluate(right, x.S, x.K, x.T, x.R, x.Q, x.V);
                if ((f.Price, f.Delta, f.Gamma, f.Vega, f.Theta, f.Rho) != (g.Price, g.Delta, g.Gamma, g.Vega, g.Theta, g.Rho))
                {
                    return false;
                }
            }

            return true;
        }).Check(Runs);
    }

    [Test]
    public void DividendRho_PutCallParity()
    {
        // C − P = S·e^(−qT) − K·e^(−rT), so ∂C/∂q − ∂P/∂q = −T·S·e^(−qT).
        Prop.ForAll(Inputs.ToArbitrary(), x =>
        {
            double call = BlackScholesMerton.EvaluateFirstOrder(OptionRight.Call, x.S, x.K, x.T, x.R, x.Q, x.V).DividendRho;
            double put = BlackScholesMerton.EvaluateFirstOrder(OptionRight.Put, x.S, x.K, x.T, x.R, x.Q, x.V).DividendRho;
            double parity = -x.T * x.S * Math.Exp(-x.Q * x.T);
            return Math.Abs(call - put - parity) <= 1e-12 * x.T * Math.Max(x.S, x.K);
        }).Check(Runs);
    }

    [Test]
    public void ZeroTime_IntrinsicAndStepDelta_AsEvaluate()
    {
        FirstOrderGreeks itm = BlackScholesMerton.EvaluateFirstOrder(OptionRight.Put, 95, 100, 0, 0.05, 0, 0.2);
        FirstOrderGreeks otm = BlackScholesMerton.EvaluateFirstOrder(OptionRight.Put, 105, 100, 0, 0.05, 0, 0.2);
        Assert.Multiple(() =>
        {
            Assert.That(itm, Is.EqualTo(new FirstOrderGreeks(5.0, -1.0, 0.0, 0.0, 0.0, 0.0, 0.0)));
            Assert.That(otm, Is.EqualTo(new FirstOrderGreeks(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)));
        });
    }

    /// <summary>Arguments outside the fast path's range (NaN, a spot/strike ratio that is not a positive
    /// normal number, |d| beyond 38.5) go through the careful path: NaN in, NaN out; extreme but valid
    /// inputs give finite values with the parity of a put and a call.</summary>
    [TestCase(double.NaN, 100.0, 0.05, 0.01)]
    [TestCase(100.0, double.NaN, 0.05, 0.01)]
    [TestCase(-100.0, 100.0, 0.05, 0.01)]
    [TestCase(100.0, 100.0, double.NaN, 0.01)]
    [TestCase(100.0, 100.0, 0.05, double.NaN)]
    public void InvalidArguments_GiveNaNPrices(double spot, double strike, double rate, double dividendYield)
    {
        Assert.Multiple(() =>
        {
            Assert.That(BlackScholesMerton.EvaluateFirstOrder(OptionRight.Call, spot, strike, 0.5, rate, dividendYield, 0.2).Price, Is.NaN, "first order");
            Assert.That(BlackScholesMerton.Evaluate(OptionRight.Put, spot, strike, 0.5, rate, dividendYield, 0.2).Price, Is.NaN, "evaluate");
            Assert.That(BlackScholesMerton.Price(OptionRight.Call, spot, strike, 0.5, rate, dividendYield, 0.2), Is.NaN, "price");
        });
    }

    [TestCase(1e-300, 1e10)]
    [TestCase(1e300, 1e290)]
    [TestCase(100.0, 40.0)]
    public void ExtremeMoneyness_CarefulPath_KeepsParity(double spot, double strike)
    {
        // 1e-300/1e10 is subnormal (the ln fallback); 100/40 and 1e300/1e290 with σ√T ≈ 0.0017 put |d|
        // far beyond 38.5 (the Mills-ratio and exp fallbacks: −d²/2 < −708).
        const double t = 0.1 / 365.0;
        FirstOrderGreeks call = BlackScholesMerton.EvaluateFirstOrder(OptionRight.Call, spot, strike, t, 0.03, 0.01, 0.1);
        FirstOrderGreeks put = BlackScholesMerton.EvaluateFirstOrder(OptionRight.Put, spot, strike, t, 0.03, 0.01, 0.1);
        double forwardValue = spot * Math.Exp(-0.01 * t);
        double strikeValue = strike * Math.Exp(-0.03 * t);
        Assert.Multiple(() =>
        {
            Assert.That(call.Price - put.Price, Is.EqualTo(forwardValue - strikeValue).Within(1e-12 * Math.Max(forwardValue, strikeValue)), "price parity");
            Assert.That(call.Delta - put.Delta, Is.EqualTo(Math.Exp(-0.01 * t)).Within(1e-12), "delta parity");
            Assert.That(double.IsFinite(call.Gamma) && double.IsFinite(call.Vega) && double.IsFinite(call.Theta), Is.True, "finite");
        });
    }

    [Test]
    public void ThetaPerDay_IsThetaOver365()
    {
        FirstOrderGreeks g = BlackScholesMerton.EvaluateFirstOrder(OptionRight.Call, 100, 100, 0.25, 0.05, 0.01, 0.2);
        Assert.That(g.ThetaPerDay, Is.EqualTo(g.Theta / 365.0));
    }

    private static double Central(Func<double, double> f, double x, double h) => (f(x + h) - f(x - h)) / (2.0 * h);

    private static void AssertClose(double analytic, double numeric, string what)
    {
        // As FiniteDifferenceGreeksTests: O(h²) truncation and ~ε/h rounding stay far below 1e-5.
        double tolerance = Math.Max(1e-5 * Math.Abs(numeric), 1e-7);
        Assert.That(analytic, Is.EqualTo(numeric).Within(tolerance), what);
    }
}

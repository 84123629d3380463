using FsCheck;
using FsCheck.Fluent;

namespace TomKing.Greeks.Tests.Core;

/// <summary>FsCheck properties: put–call parity, IV(price(σ)) = σ, monotonicity in strike and time.</summary>
[TestFixture]
public class PricingPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(2000);

    private static Gen<(double S, double K, double T, double R, double Q, double V)> Inputs =>
        from s in Gen.Choose(10, 5000).Select(x => (double)x)
        from m in Gen.Choose(500, 1600).Select(x => x / 1000.0)
        from tMinutes in Gen.Choose(5, 3 * 365 * 24 * 60)
        from r in Gen.Choose(-100, 800).Select(x => x / 10000.0)
        from q in Gen.Choose(0, 500).Select(x => x / 10000.0)
        from v in Gen.Choose(20, 1500).Select(x => x / 1000.0)
        select (s, s * m, tMinutes / (60.0 * 24 * 365), r, q, v);

    [Test]
    public void PutCallParity_HoldsForAnyInputs()
    {
        Prop.ForAll(Inputs.ToArbitrary(), x =>
        {
            double c = BlackScholesMerton.Price(OptionRight.Call, x.S, x.K, x.T, x.R, x.Q, x.V);
            double p = BlackScholesMerton.Price(OptionRight.Put, x.S, x.K, x.T, x.R, x.Q, x.V);
            double parity = (x.S * Math.Exp(-x.Q * x.T)) - (x.K * Math.Exp(-x.R * x.T));
            return Math.Abs(c - p - parity) <= 1e-12 * Math.Max(x.S, x.K);
        }).Check(Runs);
    }

    [Test]
    public void ImpliedVolatility_OfPrice_IsSigma()
    {
        Prop.ForAll(Inputs.ToArbitrary(), x =>
        {
            foreach (OptionRight right in new[] { OptionRight.Call, OptionRight.Put })
            {
                double price = BlackScholesMerton.Price(right, x.S, x.K, x.T, x.R, x.Q, x.V);
                OptionGreeks g = BlackScholesMerton.Evaluate(right, x.S, x.K, x.T, x.R, x.Q, x.V);
                var iv = ImpliedVolatility.FromSpot(right, price, x.S, x.K, x.T, x.R, x.Q);
                if (!iv.IsSolved)
                {
                    return false;
                }

                double back = BlackScholesMerton.Price(right, x.S, x.K, x.T, x.R, x.Q, iv.Volatility);
                double forward = x.S * Math.Exp((x.R - x.Q) * x.T);
                double tolerance = BlackRoundingBound.Tolerance(right, forward, x.K, x.V * Math.Sqrt(x.T), out _);
                if (Math.Abs(back - price) > (tolerance * price) + 1e-300)
                {
                    return false;
                }

                // σ itself is recoverable to the precision the price carries: |Δσ| ≲ ε·price/vega.
                double sigmaTolerance = (64 * 2.2e-16 * Math.Max(price, x.S * 1e-3) / Math.Max(g.Vega, 1e-300)) + 1e-12;
                if (g.Vega > 1e-8 * x.S && Math.Abs(iv.Volatility - x.V) > sigmaTolerance)
                {
                    return false;
                }
            }

            return true;
        }).Check(Runs);
    }

    [Test]
    public void Price_IsMonotoneInStrikeAndTime()
    {
        Prop.ForAll(Inputs.ToArbitrary(), x =>
        {
            double c1 = BlackScholesMerton.Price(OptionRight.Call, x.S, x.K, x.T, x.R, x.Q, x.V);
            double c2 = BlackScholesMerton.Price(OptionRight.Call, x.S, x.K * 1.01, x.T, x.R, x.Q, x.V);
            double p1 = BlackScholesMerton.Price(OptionRight.Put, x.S, x.K, x.T, x.R, x.Q, x.V);
            double p2 = BlackScholesMerton.Price(OptionRight.Put, x.S, x.K * 1.01, x.T, x.R, x.Q, x.V);
            // Time monotonicity holds for the undiscounted forward option (Black-76 with r = 0).
            double f = x.S * Math.Exp((x.R - x.Q) * x.T);
            double b1 = Black76.Price(OptionRight.Put, f, x.K, x.T, 0, x.V);
            double b2 = Black76.Price(OptionRight.Put, f, x.K, x.T * 1.1, 0, x.V);
            double slack = 1e-12 * Math.Max(x.S, x.K);
            return c2 <= c1 + slack && p2 >= p1 - slack && b2 >= b1 - slack;
        }).Check(Runs);
    }
}

namespace TomKing.Greeks.Tests.Core;

[TestFixture]
public class ImpliedVolatilityTests
{
    private const double OneHour = 1.0 / (24.0 * 365.0);

    /// <summary>Round trip over a grid spanning every region: deep OTM 0DTE minutes before the
    /// close, ATM, deep ITM, long-dated, tiny and huge vols.</summary>
    [Test]
    public void FromForward_GridOfArbitrageFreePrices_RepricesWithin1e12Relative()
    {
        double[] years = [5.0 / (60 * 24 * 365), 30.0 / (60 * 24 * 365), OneHour, 5.5 * OneHour, 1.0 / 365, 7.0 / 365, 0.25, 1.0, 3.0];
        double[] moneyness = [0.5, 0.8, 0.9, 0.95, 0.97, 0.99, 0.999, 1.0, 1.001, 1.01, 1.03, 1.05, 1.1, 1.25, 1.6, 2.0];
        double[] vols = [0.01, 0.05, 0.1, 0.16, 0.25, 0.5, 1.0, 2.0, 4.0];
        const double forward = 3800.0;
        const double rate = 0.02;
        int solved = 0;
        int checkedCount = 0;
        int totalIterations = 0;
        double worst = 0;
        int illConditioned = 0;
        double largestStdDevBeyond = 0;
        double worstIllConditionedPrice = 0;
        foreach (double t in years)
        {
            double df = Math.Exp(-rate * t);
            foreach (double m in moneyness)
            {
                foreach (double v in vols)
                {
                    foreach (OptionRight right in new[] { OptionRight.Call, OptionRight.Put })
                    {
                        double k = forward * m;
                        double price = Black76.Price(right, forward, k, t, rate, v);
                        double intrinsic = right == OptionRight.Call ? Math.Max(df * (forward - k), 0) : Math.Max(df * (k - forward), 0);
                        // Only prices that carry time value above the double resolution are invertible;
                        // below that every volatility (or none) reproduces the price.
                        if (!(price > 0) || price - intrinsic <= 1e-13 * price || price < 1e-280)
                        {
                            continue;
                        }

                        checkedCount++;
                        ImpliedVolatilityResult iv = ImpliedVolatility.FromForward(right, price, forward, k, t, df);
                        Assert.That(iv.Status, Is.EqualTo(ImpliedVolatilityStatus.Solved), $"{right} K={k} t={t} v={v} price={price}");
                        double back = Black76.Price(right, forward, k, t, rate, iv.Volatility);
                        double error = Math.Abs(back - price) / price;
                        // Held to 1e-12 wherever the double-precision formula resolves the price that finely
                        // (see BlackRoundingBound); the rest are counted and held to the formula's own bound.
                        double tolerance = BlackRoundingBound.Tolerance(right, forward, k, v * Math.Sqrt(t), out bool relaxed);
                        if (relaxed && error > 1e-12)
                        {
                            illConditioned++;
                            largestStdDevBeyond = Math.Max(largestStdDevBeyond, v * Math.Sqrt(t));
                            worstIllConditionedPrice = Math.Max(worstIllConditionedPrice, price / forward);
                        }
                        else
                        {
                            worst = Math.Max(worst, error);
                        }

                        Assert.That(error, Is.LessThanOrEqualTo(tolerance), $"{right} K={k} t={t} v={v} price={price} iv={iv.Volatility}");
                        solved++;
                        totalIterations += iv.Iterations;
                    }
                }
            }
        }

        TestContext.Out.WriteLine($"solved {solved}/{checkedCount}, worst relative repricing error {worst:E2} (well-conditioned), "
            + $"{illConditioned} points beyond 1e-12 but within the formula's own rounding bound (largest such price/forward {worstIllConditionedPrice:E1}), "
            + $"mean iterations {(double)totalIterations / solved:F2}");
        // Known limit, stated: a point may exceed 1e-12 only where the double-precision formula's own
        // rounding bound exceeds 1e-13 (enforced above: any other point must meet 1e-12). These are the
        // minutes-to-expiry / far-tail corners where F·Φ(d1) − K·Φ(d2) cancels; a cancellation-free
        // normalized Black (asymptotic and small-σ√T expansions) would lift them.
        TestContext.Out.WriteLine($"largest σ√T among points beyond 1e-12: {largestStdDevBeyond:E2}");
        Assert.That(illConditioned, Is.LessThan(checkedCount / 10), "the formula-limited points must stay the exception");
        Assert.That(solved, Is.GreaterThan(1500));
    }

    [Test]
    public void FromForward_WellConditionedRegion_RecoversVolatility()
    {
        // Where vega is not tiny the volatility itself is recovered, not just the price.
        foreach (double v in new[] { 0.08, 0.16, 0.3, 0.9 })
        {
            foreach (double m in new[] { 0.9, 1.0, 1.1 })
            {
                double price = Black76.Price(OptionRight.Put, 100, 100 * m, 0.5, 0.03, v);
                var iv = ImpliedVolatility.FromForward(OptionRight.Put, price, 100, 100 * m, 0.5, Math.Exp(-0.03 * 0.5));
                Assert.That(iv.Volatility, Is.EqualTo(v).Within(1e-10).Percent, $"m={m} v={v}");
            }
        }
    }

    [Test]
    public void FromForward_ZeroDteDeepOutOfTheMoney_Solves()
    {
        // SPXW at 15:50 ET, 10 minutes to the close, a put 2.5 % below the forward at 40 vol.
        double t = 10.0 / (60 * 24 * 365);
        double price = Black76.Price(OptionRight.Put, 3800, 3705, t, 0.001, 0.4);
        var iv = ImpliedVolatility.FromForward(OptionRight.Put, price, 3800, 3705, t, Math.Exp(-0.001 * t));
        Assert.That(iv.IsSolved, Is.True);
        Assert.That(iv.Volatility, Is.EqualTo(0.4).Within(1e-9));
    }

    [TestCase(OptionRight.Call, 4.0)]   // intrinsic of a 100-strike call on forward 105 discounted is ~4.98
    [TestCase(OptionRight.Put, 0.0)]
    public void FromForward_BelowIntrinsic_ReportsBelowIntrinsic(OptionRight right, double price)
    {
        double forward = right == OptionRight.Call ? 105 : 95;
        double p = right == OptionRight.Put ? 4.0 : price;
        var iv = ImpliedVolatility.FromForward(right, p, forward, 100, 0.5, Math.Exp(-0.01 * 0.5));
        Assert.That(iv.Status, Is.EqualTo(ImpliedVolatilityStatus.BelowIntrinsic));
        Assert.That(double.IsNaN(iv.Volatility), Is.True);
    }

    [Test]
    public void FromForward_AboveMaximum_ReportsAboveMaximum()
    {
        double df = Math.Exp(-0.01);
        var call = ImpliedVolatility.FromForward(OptionRight.Call, 100 * df, 100, 90, 1, df);
        var put = ImpliedVolatility.FromForward(OptionRight.Put, 95 * df, 100, 95, 1, df);
        Assert.Multiple(() =>
        {
            Assert.That(call.Status, Is.EqualTo(ImpliedVolatilityStatus.AboveMaximum));
            Assert.That(put.Status, Is.EqualTo(ImpliedVolatilityStatus.AboveMaximum));
        });
    }

    [TestCase(double.NaN, 100, 100, 1)]
    [TestCase(1.0, -100, 100, 1)]
    [TestCase(1.0, 100, 0, 1)]
    [TestCase(1.0, 100, 100, 0)]
    [TestCase(double.PositiveInfinity, 100, 100, 1)]
    public void FromForward_InvalidInput_ReportsInvalidInput(double price, double forward, double strike, double years)
    {
        var iv = ImpliedVolatility.FromForward(OptionRight.Call, price, forward, strike, years, 1.0);
        Assert.That(iv.Status, Is.EqualTo(ImpliedVolatilityStatus.InvalidInput));
    }

    [Test]
    public void FromSpot_MatchesBlackScholesMertonRoundTrip()
    {
        double price = BlackScholesMerton.Price(OptionRight.Call, 450, 470, 0.3, 0.045, 0.015, 0.21);
        var iv = ImpliedVolatility.FromSpot(OptionRight.Call, price, 450, 470, 0.3, 0.045, 0.015);
        Assert.That(iv.Volatility, Is.EqualTo(0.21).Within(1e-12));
    }

    [Test]
    public void FromForward_SteadyState_AllocatesNothing()
    {
        double price = Black76.Price(OptionRight.Put, 3800, 3650, 5.5 * OneHour, 0.0, 0.3);
        ImpliedVolatility.FromForward(OptionRight.Put, price, 3800, 3650, 5.5 * OneHour, 1.0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        double sum = 0;
        for (int i = 0; i < 10_000; i++)
        {
            sum += ImpliedVolatility.FromForward(OptionRight.Put, price, 3800, 3650, 5.5 * OneHour, 1.0).Volatility;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero, $"{allocated} bytes");
        Assert.That(sum, Is.GreaterThan(0));
    }
}

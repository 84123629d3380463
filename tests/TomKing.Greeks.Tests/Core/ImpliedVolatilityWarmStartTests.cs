namespace TomKing.Greeks.Tests.Core;

/// <summary>
/// The warm-started implied-vol solve (a start from the contract's previous volatility) against the cold
/// solve of the same price: the same status everywhere, the same volatility to the rounding of the root,
/// fewer evaluations from a close start, and a poor or invalid start is harmless.
/// </summary>
[TestFixture]
public class ImpliedVolatilityWarmStartTests
{
    private const double OneMinute = 1.0 / (60 * 24 * 365.0);

    private static IEnumerable<(OptionRight Right, double Forward, double Strike, double Years, double Vol)> Cases()
    {
        double[] years = [5 * OneMinute, 30 * OneMinute, 330 * OneMinute, 1.0 / 365, 0.1, 1.0, 3.0];
        double[] moneyness = [0.6, 0.85, 0.95, 0.99, 1.0, 1.01, 1.05, 1.15, 1.5];
        double[] vols = [0.02, 0.1, 0.16, 0.3, 0.8, 2.5];
        foreach (double t in years)
        {
            foreach (double m in moneyness)
            {
                foreach (double v in vols)
                {
                    yield return (OptionRight.Call, 3800, 3800 * m, t, v);
                    yield return (OptionRight.Put, 3800, 3800 * m, t, v);
                }
            }
        }
    }

    [Test]
    public void FromForward_AnyStart_SameStatusAndVolatilityAsTheColdSolve()
    {
        const double rate = 0.03;
        double[] startFactors = [1.0 + 1e-9, 1.0 - 1e-6, 1.0 + 1e-4, 1.03, 0.7, 2.0, 1e-3, 40.0];
        double[] invalidStarts = [double.NaN, -0.2, 0.0, double.PositiveInfinity];
        int compared = 0;
        double worst = 0.0;
        foreach (var (right, f, k, t, v) in Cases())
        {
            double df = Math.Exp(-rate * t);
            double price = Black76.Price(right, f, k, t, rate, v);
            if (!HasTimeValue(right, price, f, k, df))
            {
                continue; // no time value at double resolution: every volatility (or none) reprices it
            }

            var cold = ImpliedVolatility.FromForward(right, price, f, k, t, df);
            foreach (double start in startFactors.Select(x => x * v).Concat(invalidStarts))
            {
                var warm = ImpliedVolatility.FromForward(right, price, f, k, t, df, start);
                Assert.That(warm.Status, Is.EqualTo(cold.Status), $"{right} K={k} T={t} σ={v} start={start}");
                if (!cold.IsSolved)
                {
                    continue;
                }

                // The warm answer is held to the round-trip standard of the cold solver's own tests: it
                // reprices within 1e-12 relative, or within 20× the Black formula's rounding noise where
                // that is larger (minutes to expiry, prices many standard deviations out).
                double tolerance = BlackRoundingBound.Tolerance(right, f, k, v * Math.Sqrt(t), out _);
                double warmError = Math.Abs(Black76.Price(right, f, k, t, rate, warm.Volatility) - price) / price;
                worst = Math.Max(worst, warmError / tolerance);
                Assert.That(warmError, Is.LessThanOrEqualTo(tolerance), $"{right} K={k} T={t} σ={v} start={start}: warm {warm.Volatility:R} cold {cold.Volatility:R}");
                compared++;
            }
        }

        Assert.That(compared, Is.GreaterThan(3_000), "most of the grid is solvable");
        TestContext.Out.WriteLine($"{compared} warm solves compared with the cold solve; worst repricing error {worst:F3} of its tolerance");
    }

    [Test]
    public void FromForward_StartAtThePreviousVolatility_TakesFewerEvaluations()
    {
        // The use: the quote or the forward moved a little since the last solve of this contract.
        const double rate = 0.03;
        long coldIterations = 0, warmIterations = 0;
        int solves = 0, oneEvaluation = 0;
        foreach (var (right, f, k, t, v) in Cases())
        {
            double df = Math.Exp(-rate * t);
            double price = Black76.Price(right, f, k, t, rate, v);
            if (!HasTimeValue(right, price, f, k, df))
            {
                continue;
            }

            var cold = ImpliedVolatility.FromForward(right, price, f, k, t, df);
            if (!cold.IsSolved)
            {
                continue;
            }

            // the previous volatility: the root before the forward moved by 0.05 (one SPX tick)
            var before = ImpliedVolatility.FromForward(right, price, f - 0.05, k, t, df);
            if (!before.IsSolved)
            {
                continue;
            }

            var warm = ImpliedVolatility.FromForward(right, price, f, k, t, df, before.Volatility);
            Assert.That(warm.IsSolved, Is.True);
            coldIterations += cold.Iterations;
            warmIterations += warm.Iterations;
            solves++;
            oneEvaluation += warm.Iterations == 1 ? 1 : 0;
        }

        TestContext.Out.WriteLine($"{solves} solves: cold {coldIterations / (double)solves:F2} evaluations on average, warm {warmIterations / (double)solves:F2}; one evaluation {oneEvaluation}");
        Assert.That(warmIterations, Is.LessThan(coldIterations), "a close start saves evaluations");
    }

    /// <summary>The filter of the round-trip tests: a price whose time value is resolvable in double.</summary>
    private static bool HasTimeValue(OptionRight right, double price, double forward, double strike, double df)
    {
        double intrinsic = right == OptionRight.Call ? Math.Max(df * (forward - strike), 0) : Math.Max(df * (strike - forward), 0);
        return price > 1e-280 && price - intrinsic > 1e-13 * price;
    }

    [Test]
    public void FromForward_OutsideTheBounds_FailsTheSameWithAStart()
    {
        const double f = 3800, k = 3700, t = 0.01, df = 0.9997;
        Assert.That(ImpliedVolatility.FromForward(OptionRight.Call, 50.0, f, k, t, df, 0.2).Status, Is.EqualTo(ImpliedVolatilityStatus.BelowIntrinsic));
        Assert.That(ImpliedVolatility.FromForward(OptionRight.Call, 3800.0, f, k, t, df, 0.2).Status, Is.EqualTo(ImpliedVolatilityStatus.AboveMaximum));
        Assert.That(ImpliedVolatility.FromSpot(OptionRight.Put, 1e6, 380, 370, 0.5, 0.01, 0.0, 0.3).IsSolved, Is.False);
    }
}

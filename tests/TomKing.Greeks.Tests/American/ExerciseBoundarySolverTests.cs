namespace TomKing.Greeks.Tests.American;

/// <summary>Speed-independent checks of the Newton boundary solver, the warm start and the negligible-premium fast path.</summary>
[TestFixture]
public class ExerciseBoundarySolverTests
{
    private static IEnumerable<(double R, double Q, double Sigma, double T)> RealisticInputs()
    {
        foreach (double q in new[] { 0.0, 0.013, 0.045, 0.08 })
        {
            foreach (double sigma in new[] { 0.1, 0.2, 0.35, 0.6 })
            {
                foreach (double t in new[] { 1 / 365.0, 7 / 365.0, 30 / 365.0, 0.25, 1.0, 2.0 })
                {
                    yield return (0.045, q, sigma, t);
                }
            }
        }
    }

    [Test]
    public void SolvePut_RealisticInputs_FewNewtonIterations()
    {
        // Full-Jacobian Newton from the asymptotic/Bjerksund–Stensland start: ~3 iterations on average
        // (the plain fixed-point sweeps it replaced needed ~15, ~50 for futures options).
        int max = 0;
        double total = 0.0;
        int count = 0;
        Span<double> boundary = stackalloc double[ExerciseBoundary.Points];
        foreach (var (r, q, sigma, t) in RealisticInputs())
        {
            ExerciseBoundary.SolvePut(r, q, sigma, t, boundary, out int iterations);
            max = Math.Max(max, iterations);
            total += iterations;
            count++;
        }

        TestContext.Out.WriteLine($"Newton iterations: mean {total / count:F2}, max {max} over {count} solves");
        Assert.That(total / count, Is.LessThanOrEqualTo(4.5));
        Assert.That(max, Is.LessThanOrEqualTo(8));
    }

    [Test]
    public void SolvePut_WarmStartFromNearbyBoundary_AgreesWithColdSolveInFewIterations()
    {
        Span<double> cold = stackalloc double[ExerciseBoundary.Points];
        Span<double> warm = stackalloc double[ExerciseBoundary.Points];
        double total = 0.0;
        int count = 0;
        foreach (var (r, q, sigma, t) in RealisticInputs())
        {
            ExerciseBoundary.SolvePut(r, q, sigma, t, warm, out _);
            double lnX = ExerciseBoundary.SolvePut(r, q, sigma * 1.01, t, warm, seedVolatility: sigma, out int warmIterations);
            ExerciseBoundary.SolvePut(r, q, sigma * 1.01, t, cold, out _);
            for (int j = 0; j < ExerciseBoundary.Points; j++)
            {
                Assert.That(warm[j], Is.EqualTo(cold[j]).Within(1e-9), $"node {j}, r={r} q={q} σ={sigma} T={t}");
            }

            Assert.That(warmIterations, Is.LessThanOrEqualTo(4), $"r={r} q={q} σ={sigma} T={t}");
            Assert.That(lnX, Is.LessThanOrEqualTo(0.0));
            total += warmIterations;
            count++;
        }

        TestContext.Out.WriteLine($"warm-started Newton iterations after a 1% volatility change: mean {total / count:F2}");
        Assert.That(total / count, Is.LessThanOrEqualTo(3.0));
    }

    [Test]
    public void SolvePut_WarmStartFromUnsolvedBuffer_FallsBackToColdStart()
    {
        Span<double> zeros = stackalloc double[ExerciseBoundary.Points];
        Span<double> cold = stackalloc double[ExerciseBoundary.Points];
        ExerciseBoundary.SolvePut(0.05, 0.01, 0.25, 0.5, zeros, seedVolatility: 0.25, out _);
        ExerciseBoundary.SolvePut(0.05, 0.01, 0.25, 0.5, cold, out _);
        Assert.That(zeros.ToArray(), Is.EqualTo(cold.ToArray()));
    }

    [Test]
    public void NegligiblePremium_WhenClaimed_FullSolveAgrees()
    {
        // Wherever the fast path skips the boundary solve, the full method's premium is below its threshold
        // (1e-12 of the European value or 1e-15 of the strike, plus rounding of the quadrature sum).
        var rng = new Random(17);
        int hits = 0;
        Span<double> boundary = stackalloc double[ExerciseBoundary.Points];
        for (int i = 0; i < 4000; i++)
        {
            var right = rng.NextDouble() < 0.5 ? OptionRight.Put : OptionRight.Call;
            double s = 450.0;
            double k = s * (0.6 + (0.8 * rng.NextDouble()));
            double t = Math.Exp(Math.Log(1 / 365.0) + (rng.NextDouble() * Math.Log(365.0)));
            double r = 0.1 * rng.NextDouble();
            double q = 0.1 * rng.NextDouble();
            double sigma = 0.05 + (0.6 * rng.NextDouble());
            if ((right == OptionRight.Put && !(r > 0.0)) || (right == OptionRight.Call && !(q > 0.0)))
            {
                continue;
            }

            double european = BlackScholesMerton.Price(right, s, k, t, r, q, sigma);
            if (!AmericanOption.NegligiblePremium(right, s, k, t, r, q, sigma, european))
            {
                continue;
            }

            hits++;
            double omega = right == OptionRight.Call ? 1.0 : -1.0;
            double lnX = right == OptionRight.Call
                ? ExerciseBoundary.SolvePut(q, r, sigma, t, boundary)
                : ExerciseBoundary.SolvePut(r, q, sigma, t, boundary);
            ExerciseBoundary.Premium(omega, s / k, r, q, sigma, t, boundary, lnX, false, out double unit, out _, out _, out _);
            double premium = k * unit;
            double limit = Math.Max(1e-12 * european, 1e-15 * Math.Max(s, k)) + (1e-16 * k);
            Assert.That(premium, Is.LessThanOrEqualTo(limit), $"{right} K={k} T={t} r={r} q={q} σ={sigma}");
            double intrinsic = Math.Max(right == OptionRight.Call ? s - k : k - s, 0.0);
            Assert.That(AmericanOption.Price(right, s, k, t, r, q, sigma), Is.EqualTo(Math.Max(european, intrinsic)));
        }

        TestContext.Out.WriteLine($"fast path taken in {hits} of 4000 random cases");
        Assert.That(hits, Is.GreaterThan(100));
    }

    [Test]
    public void NegligiblePremium_NearTheMoney_ClaimedOnlyWhereTheBoundaryIsFarAway()
    {
        foreach (double k in new[] { 430.0, 450.0, 470.0 })
        {
            // Puts with r > 0 and calls with q > r: the boundary starts at the strike.
            double put = BlackScholesMerton.Price(OptionRight.Put, 450.0, k, 0.5, 0.045, 0.013, 0.2);
            Assert.That(AmericanOption.NegligiblePremium(OptionRight.Put, 450.0, k, 0.5, 0.045, 0.013, 0.2, put), Is.False, $"put K={k}");
            double call = BlackScholesMerton.Price(OptionRight.Call, 450.0, k, 0.5, 0.02, 0.05, 0.2);
            Assert.That(AmericanOption.NegligiblePremium(OptionRight.Call, 450.0, k, 0.5, 0.02, 0.05, 0.2, call), Is.False, $"call K={k}");

            // A call with q < r: the boundary starts at K·r/q (3.5 K here), so near the money the premium is
            // below 1e-12 of the value for a half-year SPY-like call.
            double spyCall = BlackScholesMerton.Price(OptionRight.Call, 450.0, k, 0.5, 0.045, 0.013, 0.2);
            Assert.That(AmericanOption.NegligiblePremium(OptionRight.Call, 450.0, k, 0.5, 0.045, 0.013, 0.2, spyCall), Is.True, $"SPY-like call K={k}");
        }
    }
}

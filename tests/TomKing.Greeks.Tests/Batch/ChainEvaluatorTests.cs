namespace TomKing.Greeks.Tests.Batch;

[TestFixture]
public class ChainEvaluatorTests
{
    /// <summary>Agreement required between the batch and the scalar kernel, relative to <see cref="TermScales"/>.</summary>
    private const double Tolerance = 1e-12;

    /// <summary>Below this a value is subnormal-adjacent (1e-300 of an option worth ~1): only absolute agreement is meaningful.</summary>
    private const double AbsoluteFloor = 1e-300;

    private static readonly string[] OutputNames = ["Price", "Delta", "Gamma", "Vega", "Theta", "Rho", "Vanna", "Charm", "Vomma"];

    // Path names rather than the internal BatchPath enum, so the public test methods can take them.
    private static readonly string[] AllPaths = [nameof(BatchPath.Scalar), nameof(BatchPath.Vector256), nameof(BatchPath.Vector512), nameof(BatchPath.Auto)];

    [Test]
    public void EvaluateGreeks_RandomChains_EveryPathMatchesScalarKernel(
        [ValueSource(nameof(AllPaths))] string path,
        [Values(1, 7, 9, 17, 1001, 4096)] int count,
        [Values] ChainModel model)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            OptionChainBatch batch = ChainFactory.Create(count, (seed * 7919) + count, model, withDegenerateLanes: seed == 2);
            ChainEvaluator.EvaluateGreeks(batch, Enum.Parse<BatchPath>(path));
            Differences differences = Compare(batch, batch.Volatilities);
            differences.AssertWithin(Tolerance, $"path={path} count={count} model={model} seed={seed}");
        }
    }

    [Test]
    public void EvaluateGreeks_LargeChains_ReportsMaxDifferencePerOutput([Values(nameof(BatchPath.Vector256), nameof(BatchPath.Vector512))] string path)
    {
        var total = new Differences();
        foreach (ChainModel model in Enum.GetValues<ChainModel>())
        {
            for (int seed = 100; seed < 120; seed++)
            {
                OptionChainBatch batch = ChainFactory.Create(10_007, seed, model, withDegenerateLanes: false);
                ChainEvaluator.EvaluateGreeks(batch, Enum.Parse<BatchPath>(path));
                total.Merge(Compare(batch, batch.Volatilities));
            }
        }

        TestContext.Out.WriteLine($"{path}: {total}");
        total.AssertWithin(Tolerance, path);
    }

    [Test]
    public void EvaluateGreeks_DegenerateLanesAnywhere_EqualScalarKernelExactly([ValueSource(nameof(AllPaths))] string path)
    {
        // Each lane of a 17-option chain in turn is expired / at expiry / zero vol / NaN vol / negative vol.
        double[] badYears = [0.0, -0.5, 0.1, 0.1, 0.1];
        double[] badVols = [0.2, 0.2, 0.0, double.NaN, -0.3];
        for (int bad = 0; bad < 17; bad++)
        {
            for (int kind = 0; kind < badYears.Length; kind++)
            {
                OptionChainBatch batch = ChainFactory.Create(17, 42 + bad, ChainModel.BlackScholesMerton, withDegenerateLanes: false);
                batch.Years[bad] = badYears[kind];
                batch.Volatilities[bad] = badVols[kind];
                ChainEvaluator.EvaluateGreeks(batch, Enum.Parse<BatchPath>(path));
                OptionGreeks expected = ChainFactory.Scalar(batch, bad, batch.Volatilities[bad]);
                Assert.That(batch.GetGreeks(bad), Is.EqualTo(expected), $"lane {bad} kind {kind}");
                Compare(batch, batch.Volatilities).AssertWithin(Tolerance, $"lane {bad} kind {kind}");
            }
        }
    }

    [Test]
    public void EvaluateGreeks_ScalarPath_IsBitIdenticalToScalarKernel()
    {
        OptionChainBatch batch = ChainFactory.Create(1001, 5, ChainModel.BlackScholesMerton, withDegenerateLanes: true);
        ChainEvaluator.EvaluateGreeks(batch, BatchPath.Scalar);
        for (int i = 0; i < batch.Count; i++)
        {
            Assert.That(batch.GetGreeks(i), Is.EqualTo(ChainFactory.Scalar(batch, i, batch.Volatilities[i])), $"option {i}");
        }
    }

    [Test]
    public void SolveImpliedVolatilitiesAndGreeks_RandomChains_EqualScalarSolverThenScalarKernel(
        [ValueSource(nameof(AllPaths))] string path,
        [Values(1, 9, 1001)] int count,
        [Values] ChainModel model)
    {
        OptionChainBatch batch = ChainFactory.Create(count, 77 + count, model, withDegenerateLanes: false);
        Span<double> marketPrices = batch.MarketPrices;
        for (int i = 0; i < count; i++)
        {
            marketPrices[i] = ChainFactory.Scalar(batch, i, batch.Volatilities[i]).Price;
        }

        // Some quotes the solver must reject: below intrinsic, above the maximum, NaN.
        if (count > 5)
        {
            marketPrices[1] = -1.0;
            marketPrices[3] = batch.Underlyings[3] * 10.0 + batch.Strikes[3] * 10.0;
            marketPrices[5] = double.NaN;
        }

        ChainEvaluator.SolveImpliedVolatilitiesAndGreeks(batch, Enum.Parse<BatchPath>(path));

        int solved = 0;
        for (int i = 0; i < count; i++)
        {
            ImpliedVolatilityResult expected = batch.Model == ChainModel.Black76
                ? ImpliedVolatility.FromForward(batch.Rights[i], marketPrices[i], batch.Underlyings[i], batch.Strikes[i], batch.Years[i], Math.Exp(-batch.Rates[i] * batch.Years[i]))
                : ImpliedVolatility.FromSpot(batch.Rights[i], marketPrices[i], batch.Underlyings[i], batch.Strikes[i], batch.Years[i], batch.Rates[i], batch.DividendYields[i]);
            Assert.That(batch.ImpliedVolatilityStatuses[i], Is.EqualTo(expected.Status), $"option {i}");
            Assert.That(batch.ImpliedVolatilities[i], Is.EqualTo(expected.Volatility), $"option {i}");
            if (expected.IsSolved)
            {
                solved++;
            }
            else
            {
                Assert.That(double.IsNaN(batch.Prices[i]) && double.IsNaN(batch.Deltas[i]) && double.IsNaN(batch.Vommas[i]), Is.True, $"option {i}");
            }
        }

        Assert.That(solved, Is.GreaterThanOrEqualTo(count > 5 ? count - 3 - (count / 10) : 0), "most generated quotes must be solvable");
        Compare(batch, batch.ImpliedVolatilities, skipUnsolved: true).AssertWithin(Tolerance, $"path={path}");
    }

    [Test]
    public void EvaluateGreeks_AfterWarmUp_AllocatesNothing([ValueSource(nameof(AllPaths))] string path)
    {
        OptionChainBatch batch = ChainFactory.Create(4096, 3, ChainModel.BlackScholesMerton, withDegenerateLanes: true);
        Span<double> marketPrices = batch.MarketPrices;
        for (int i = 0; i < batch.Count; i++)
        {
            marketPrices[i] = ChainFactory.Scalar(batch, i, batch.Volatilities[i]).Price;
        }

        ChainEvaluator.EvaluateGreeks(batch, Enum.Parse<BatchPath>(path));
        ChainEvaluator.SolveImpliedVolatilitiesAndGreeks(batch, Enum.Parse<BatchPath>(path));

        long before = GC.GetAllocatedBytesForCurrentThread();
        ChainEvaluator.EvaluateGreeks(batch, Enum.Parse<BatchPath>(path));
        ChainEvaluator.SolveImpliedVolatilitiesAndGreeks(batch, Enum.Parse<BatchPath>(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void Resolve_Auto_PicksWidestAcceleratedVector()
    {
        BatchPath expected = ChainEvaluator.IsVector512Accelerated ? BatchPath.Vector512
            : ChainEvaluator.IsVector256Accelerated ? BatchPath.Vector256
            : BatchPath.Scalar;
        TestContext.Out.WriteLine($"Vector512 accelerated: {ChainEvaluator.IsVector512Accelerated}, Vector256: {ChainEvaluator.IsVector256Accelerated}");
        Assert.Multiple(() =>
        {
            Assert.That(ChainEvaluator.Resolve(BatchPath.Auto), Is.EqualTo(expected));
            Assert.That(ChainEvaluator.Resolve(BatchPath.Scalar), Is.EqualTo(BatchPath.Scalar));
        });
    }

    [Test]
    public void Count_AboveCapacity_Throws()
    {
        var batch = new OptionChainBatch(4);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Count = 5);
    }

    [Test]
    public void EvaluateGreeks_PublicEntryPoint_MatchesBlackScholesMerton()
    {
        var batch = new OptionChainBatch(3) { Count = 3 };
        batch.Set(0, OptionRight.Call, 4500.0, 4550.0, 2.0 / (24.0 * 365.0), 0.045, 0.013, 0.14);
        batch.Set(1, OptionRight.Put, 4500.0, 4300.0, 30.0 / 365.0, 0.045, 0.013, 0.22);
        batch.Set(2, OptionRight.Call, 4500.0, 4500.0, 1.0, 0.045, 0.013, 0.18);
        ChainEvaluator.EvaluateGreeks(batch);
        for (int i = 0; i < 3; i++)
        {
            OptionGreeks expected = BlackScholesMerton.Evaluate(batch.Rights[i], batch.Underlyings[i], batch.Strikes[i], batch.Years[i], batch.Rates[i], batch.DividendYields[i], batch.Volatilities[i]);
            Assert.That(batch.Prices[i], Is.EqualTo(expected.Price).Within(1e-12).Percent);
            Assert.That(batch.Deltas[i], Is.EqualTo(expected.Delta).Within(1e-12).Percent);
        }
    }

    private static Differences Compare(OptionChainBatch batch, ReadOnlySpan<double> volatilities, bool skipUnsolved = false)
    {
        var differences = new Differences();
        for (int i = 0; i < batch.Count; i++)
        {
            if (skipUnsolved && batch.ImpliedVolatilityStatuses[i] != ImpliedVolatilityStatus.Solved)
            {
                continue;
            }

            double sigma = volatilities[i];
            OptionGreeks expected = ChainFactory.Scalar(batch, i, sigma);
            OptionGreeks actual = batch.GetGreeks(i);
            bool regular = batch.Years[i] > 0.0 && sigma > 0.0;
            TermScales scales = regular ? TermScales.Of(batch, i, sigma) : default;
            double[] e = [expected.Price, expected.Delta, expected.Gamma, expected.Vega, expected.Theta, expected.Rho, expected.Vanna, expected.Charm, expected.Vomma];
            double[] a = [actual.Price, actual.Delta, actual.Gamma, actual.Vega, actual.Theta, actual.Rho, actual.Vanna, actual.Charm, actual.Vomma];
            double[] s = [scales.Price, scales.Delta, scales.Gamma, scales.Vega, scales.Theta, scales.Rho, scales.Vanna, scales.Charm, scales.Vomma];
            for (int o = 0; o < e.Length; o++)
            {
                differences.Add(o, i, e[o], a[o], s[o]);
            }
        }

        return differences;
    }

    /// <summary>Per output: the largest plain relative difference, and the largest difference relative
    /// to the term scale (the one the tolerance applies to).</summary>
    private sealed class Differences
    {
        private readonly double[] _relative = new double[OutputNames.Length];
        private readonly double[] _scaled = new double[OutputNames.Length];
        private readonly List<string> _failures = [];

        public void Add(int output, int option, double expected, double actual, double termScale)
        {
            if (expected.Equals(actual))
            {
                return; // equal, or both NaN
            }

            double difference = Math.Abs(actual - expected);
            double scale = Math.Max(Math.Abs(expected), termScale);
            if (Math.Abs(expected) > AbsoluteFloor)
            {
                _relative[output] = Math.Max(_relative[output], difference / Math.Abs(expected));
            }

            double scaled = difference <= AbsoluteFloor ? 0.0 : difference / scale;
            _scaled[output] = Math.Max(_scaled[output], scaled);
            if (!(scaled <= Tolerance) && _failures.Count < 10)
            {
                _failures.Add($"{OutputNames[output]}[{option}]: expected {expected:R} actual {actual:R} scale {scale:R}");
            }
        }

        public void Merge(Differences other)
        {
            for (int o = 0; o < _relative.Length; o++)
            {
                _relative[o] = Math.Max(_relative[o], other._relative[o]);
                _scaled[o] = Math.Max(_scaled[o], other._scaled[o]);
            }

            _failures.AddRange(other._failures);
        }

        public void AssertWithin(double tolerance, string context)
        {
            Assert.That(_failures, Is.Empty, context);
            Assert.That(_scaled.Max(), Is.LessThanOrEqualTo(tolerance), context);
        }

        public override string ToString()
            => string.Join(", ", OutputNames.Select((n, o) => $"{n} rel {_relative[o]:E1} / scaled {_scaled[o]:E1}"));
    }
}

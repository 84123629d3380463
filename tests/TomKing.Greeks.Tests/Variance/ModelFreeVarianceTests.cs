namespace TomKing.Greeks.Tests.Variance;

[TestFixture]
public class ModelFreeVarianceTests
{
    // ---------------------------------------------------------------------------------------------
    // A small chain worked out by hand (R = 0 so e^(RT) = 1; T = 0.1 years).
    //
    //  K     call bid/ask (mid)   put bid/ask (mid)    |C − P|
    //  60    39.9/40.1 (40)       0.10/0.20 (0.15)     39.85
    //  70    29.9/30.1 (30)       0/0.1     (0.05)     29.95
    //  80    19.9/20.1 (20)       0/0.1     (0.05)     19.95
    //  90    11.9/12.1 (12)       0.9/1.1   (1)        11
    //  100   5.9/6.1   (6)        4.9/5.1   (5)        1      ← smallest: F = 100 + 1·(6 − 5) = 101
    //  110   1.9/2.1   (2)        10.9/11.1 (11)       9
    //  120   0/0.1     (0.05)     19.9/20.1 (20)       19.95
    //  130   0.4/0.6   (0.5)      29.9/30.1 (30)       29.5
    //  140   0/0.05    (0.025)    39.9/40.1 (40)       39.975
    //
    // K0 = 100 (first strike ≤ 101). Puts below K0: 90 (bid 0.9) in; 80 and 70 have zero bids: two in a
    // row, stop — the 60 put is not used although it has a bid. Calls above K0: 110 in; 120 zero bid
    // (alone: skipped); 130 in; 140 zero bid; end of chain. Strip: 90, 100, 110, 130.
    //  ΔK: 90 → 100 − 90 = 10 (edge); 100 → (110 − 90)/2 = 10; 110 → (130 − 100)/2 = 15; 130 → 130 − 110 = 20 (edge).
    //  Q:  90 → 1 (put); 100 → (5 + 6)/2 = 5.5; 110 → 2 (call); 130 → 0.5 (call).
    //  Σ = 10/90²·1 + 10/100²·5.5 + 15/110²·2 + 20/130²·0.5
    //    = 1/810 + 0.0055 + 3/1210 + 1/1690 = 0.0012345679 + 0.0055 + 0.0024793388 + 0.0005917160 = 0.0098056227
    //  σ² = (2/0.1)·Σ − (1/0.1)(101/100 − 1)² = 0.1961124544 − 0.001 = 0.1951124544
    // ---------------------------------------------------------------------------------------------
    private static readonly double[] HandStrikes = [60, 70, 80, 90, 100, 110, 120, 130, 140];
    private static readonly double[] HandCallBids = [39.9, 29.9, 19.9, 11.9, 5.9, 1.9, 0, 0.4, 0];
    private static readonly double[] HandCallAsks = [40.1, 30.1, 20.1, 12.1, 6.1, 2.1, 0.1, 0.6, 0.05];
    private static readonly double[] HandPutBids = [0.10, 0, 0, 0.9, 4.9, 10.9, 19.9, 29.9, 39.9];
    private static readonly double[] HandPutAsks = [0.20, 0.1, 0.1, 1.1, 5.1, 11.1, 20.1, 30.1, 40.1];

    [Test]
    public void ForExpiry_HandWorkedChain_MatchesHandComputation()
    {
        var deltaK = new double[HandStrikes.Length];
        var contributions = new double[HandStrikes.Length];
        var result = ModelFreeVariance.ForExpiry(HandStrikes, HandCallBids, HandCallAsks, HandPutBids, HandPutAsks, 0.1, 0.0, deltaK, contributions);

        double expectedSum = (1.0 / 810.0) + 0.0055 + (3.0 / 1210.0) + (1.0 / 1690.0);
        Assert.That(result.Status, Is.EqualTo(ExpiryVarianceStatus.Computed));
        Assert.Multiple(() =>
        {
            Assert.That(result.ParityStrike, Is.EqualTo(100.0));
            Assert.That(result.Forward, Is.EqualTo(101.0).Within(1e-12));
            Assert.That(result.AtTheMoneyStrike, Is.EqualTo(100.0));
            Assert.That(deltaK, Is.EqualTo(new double[] { 0, 0, 0, 10, 10, 15, 0, 20, 0 }));
            Assert.That(contributions[4], Is.EqualTo(0.0055).Within(1e-15));
            Assert.That(result.StrikeSum, Is.EqualTo(expectedSum).Within(1e-15));
            Assert.That(result.StrikeSum, Is.EqualTo(0.0098056227).Within(5e-11));
            Assert.That(result.ForwardAdjustment, Is.EqualTo(0.001).Within(1e-14));
            Assert.That(result.Variance, Is.EqualTo(0.1951124544).Within(5e-11));
            Assert.That(result.Variance, Is.EqualTo((20.0 * expectedSum) - 0.001).Within(1e-14));
            Assert.That((result.PutsUsed, result.CallsUsed, result.StrikesUsed), Is.EqualTo((1, 2, 4)));
        });
    }

    [Test]
    public void ForExpiry_SpansOfDifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => ModelFreeVariance.ForExpiry(HandStrikes, HandCallBids.AsSpan(1), HandCallAsks, HandPutBids, HandPutAsks, 0.1, 0.0));
    }

    [Test]
    public void ForExpiry_SparseOrBrokenChains_ReturnStatusNotNaNOrThrow()
    {
        double nan = double.NaN;
        Assert.Multiple(() =>
        {
            Assert.That(ModelFreeVariance.ForExpiry([], [], [], [], [], 0.1, 0.0).Status, Is.EqualTo(ExpiryVarianceStatus.NoParityPair), "empty chain");
            Assert.That(ModelFreeVariance.ForExpiry([100.0, 110.0], [5.0, 1.0], [5.2, 1.2], [nan, nan], [nan, nan], 0.1, 0.0).Status, Is.EqualTo(ExpiryVarianceStatus.NoParityPair), "calls only");
            Assert.That(ModelFreeVariance.ForExpiry([110.0, 100.0], [1.0, 5.0], [1.2, 5.2], [5.0, 1.0], [5.2, 1.2], 0.1, 0.0).Status, Is.EqualTo(ExpiryVarianceStatus.InvalidInput), "unsorted strikes");
            Assert.That(ModelFreeVariance.ForExpiry(HandStrikes, HandCallBids, HandCallAsks, HandPutBids, HandPutAsks, 0.0, 0.0).Status, Is.EqualTo(ExpiryVarianceStatus.InvalidInput), "expired");
            Assert.That(ModelFreeVariance.ForExpiry(HandStrikes, HandCallBids, HandCallAsks, HandPutBids, HandPutAsks, 0.1, nan).Status, Is.EqualTo(ExpiryVarianceStatus.InvalidInput), "NaN rate");

            // F = 100 + (0.55 − 5.1) = 95.45 is below every strike.
            var below = ModelFreeVariance.ForExpiry([100.0, 110.0], [0.5, 0.1], [0.6, 0.2], [5.0, 14.0], [5.2, 14.2], 0.1, 0.0);
            Assert.That(below.Status, Is.EqualTo(ExpiryVarianceStatus.ForwardBelowStrikes));
            Assert.That(below.Forward, Is.EqualTo(95.45).Within(1e-12), "the forward is still reported");

            var single = ModelFreeVariance.ForExpiry([100.0], [3.0], [3.2], [2.0], [2.2], 0.1, 0.0);
            Assert.That(single.Status, Is.EqualTo(ExpiryVarianceStatus.NoOutOfTheMoneyStrikes), "K0 alone");
            Assert.That(single.Variance, Is.NaN);
            Assert.That(single.StrikesUsed, Is.Zero);

            // Parity at 100: F = 100 + (20 − 0.01) = 119.99 > K0 = 100, the top strike; Σ = 10/90²·0.01 +
            // 10/100²·10.005 ≈ 0.0100173, so (2/T)Σ ≈ 0.0200 < (F/K0 − 1)²/T ≈ 0.0400 with T = 1.
            var negative = ModelFreeVariance.ForExpiry([90.0, 100.0], [35.0, 20.0], [35.0, 20.0], [0.01, 0.01], [0.01, 0.01], 1.0, 0.0);
            Assert.That(negative.Status, Is.EqualTo(ExpiryVarianceStatus.NonPositiveVariance));
            Assert.That(negative.Variance, Is.LessThan(0.0), "the value is still reported, flagged");
        });
    }

    [Test]
    public void ThirtyDay_SingleExpiry_ReturnsItUninterpolatedWithNotBracketed()
    {
        var only = ModelFreeVariance.ForExpiry(HandStrikes, HandCallBids, HandCallAsks, HandPutBids, HandPutAsks, 0.1, 0.0);

        var result = ModelFreeVariance.ThirtyDay([only]);

        Assert.That(result.Status, Is.EqualTo(ConstantMaturityStatus.NotBracketed));
        Assert.Multiple(() =>
        {
            Assert.That(result.IsAtTarget, Is.False);
            Assert.That(result.Variance, Is.EqualTo(only.Variance));
            Assert.That(result.NearYears, Is.EqualTo(0.1));
            Assert.That(result.NextYears, Is.NaN);
        });
    }

    [Test]
    public void ThirtyDay_AllExpiriesBeforeTarget_ReturnsClosestWithNotBracketed()
    {
        var early = Flat(0.20, 10.0 / 365.0);
        var later = Flat(0.30, 20.0 / 365.0);

        var result = ModelFreeVariance.ThirtyDay([later, early]);

        Assert.That(result.Status, Is.EqualTo(ConstantMaturityStatus.NotBracketed));
        Assert.That(result.Variance, Is.EqualTo(later.Variance), "the 20-day expiry is closest to 30 days");
    }

    [Test]
    public void ThirtyDay_ExpiryExactlyThirtyDays_UsesItAlone()
    {
        var near = Flat(0.10, 20.0 / 365.0);
        var exact = Flat(0.25, ModelFreeVariance.ThirtyDaysInYears);
        var next = Flat(0.40, 40.0 / 365.0);

        var result = ModelFreeVariance.ThirtyDay([near, exact, next]);
        var alone = ModelFreeVariance.ThirtyDay([exact]);
        var viaPair = ModelFreeVariance.Interpolate(exact, next, ModelFreeVariance.ThirtyDaysInYears);

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ConstantMaturityStatus.ExactMaturity));
            Assert.That(result.Variance, Is.EqualTo(exact.Variance));
            Assert.That(alone.Status, Is.EqualTo(ConstantMaturityStatus.ExactMaturity));
            Assert.That(viaPair.Status, Is.EqualTo(ConstantMaturityStatus.ExactMaturity));
            Assert.That(viaPair.Variance, Is.EqualTo(exact.Variance));
        });
    }

    [Test]
    public void ThirtyDay_NoComputedExpiry_ReturnsNaNWithStatus()
    {
        var failed = ModelFreeVariance.ForExpiry([], [], [], [], [], 0.1, 0.0);

        var none = ModelFreeVariance.ThirtyDay([]);
        var onlyFailed = ModelFreeVariance.ThirtyDay([failed]);

        Assert.Multiple(() =>
        {
            Assert.That(none.Status, Is.EqualTo(ConstantMaturityStatus.NoComputedExpiry));
            Assert.That(none.Variance, Is.NaN);
            Assert.That(onlyFailed.Status, Is.EqualTo(ConstantMaturityStatus.NoComputedExpiry));
        });
    }

    [Test]
    public void ThirtyDay_PicksTheExpiriesAdjacentToTheTarget()
    {
        var e10 = Flat(0.50, 10.0 / 365.0);
        var e25 = Flat(0.15, 25.0 / 365.0);
        var e35 = Flat(0.25, 35.0 / 365.0);
        var e60 = Flat(0.50, 60.0 / 365.0);

        var result = ModelFreeVariance.ThirtyDay([e60, e10, e35, e25]);

        // T30·σ30² = T1σ1²(T2 − T30)/(T2 − T1) + T2σ2²(T30 − T1)/(T2 − T1), with the model-free σ² of the inputs.
        double t1 = e25.Years;
        double t2 = e35.Years;
        double t30 = ModelFreeVariance.ThirtyDaysInYears;
        double expected = ((t1 * e25.Variance * (t2 - t30)) + (t2 * e35.Variance * (t30 - t1))) / (t2 - t1) / t30;
        Assert.That(result.Status, Is.EqualTo(ConstantMaturityStatus.Interpolated));
        Assert.Multiple(() =>
        {
            Assert.That((result.NearYears, result.NextYears), Is.EqualTo((t1, t2)));
            Assert.That(result.Variance, Is.EqualTo(expected).Within(1e-15));
            // With flat 15 % and 25 % inputs this is the total-variance interpolation of the two vols.
            double analytic = ((t1 * 0.15 * 0.15 * (t2 - t30)) + (t2 * 0.25 * 0.25 * (t30 - t1))) / (t2 - t1) / t30;
            Assert.That(Math.Sqrt(result.Variance), Is.EqualTo(Math.Sqrt(analytic)).Within(FlatChainRelativeVolTolerance * 100.0).Percent);
        });
    }

    /// <summary>
    /// Property: a chain priced by Black-76 at one flat volatility σ, with strikes every
    /// F·σ√T/<see cref="StrikesPerSd"/> (linear, like a listed chain) across ±9 standard deviations,
    /// gives a model-free volatility of σ up to the discretization error. Over σ ∈ [5 %, 150 %],
    /// T ∈ [1 day, 1 year] with σ√T ≤ 0.6, r ∈ [−1 %, 8 %] and the forward anywhere in a strike
    /// interval, the measured worst |σ_VIX/σ − 1| is 5.3e-5 (at σ = 120 %, T = 88 days; reported by
    /// the test), so the bound is 1e-4. Sources: the
    /// strike sum is a midpoint rule, error ∝ (ΔK/(Fσ√T))² — see the quadratic-convergence test below
    /// (2 strikes per sd: 4 % variance error; 4 per sd: 1 %); truncation beyond ±9 sd is below 1e-18;
    /// the (F/K0 − 1)² correction for K0 ≠ F leaves only a third-order term.
    /// </summary>
    [Test]
    public void ForExpiry_FlatVolatilityBlackChain_RecoversTheVolatility()
    {
        var random = new Random(20210104);
        double worst = 0.0;
        string worstCase = "";
        int trials = 0;
        while (trials < 200)
        {
            double sigma = 0.05 + (1.45 * random.NextDouble());
            double years = (1.0 + (364.0 * random.NextDouble())) / 365.0;
            double rate = -0.01 + (0.09 * random.NextDouble());
            double forward = 50.0 + (5000.0 * random.NextDouble());
            double phase = random.NextDouble();
            if (sigma * Math.Sqrt(years) > 0.6)
            {
                continue;
            }

            trials++;
            var chain = FlatChain(forward, sigma, years, rate, StrikesPerSd, 9.0, phase);
            var result = ModelFreeVariance.ForExpiry(chain.Strikes, chain.Mids, chain.Mids2, chain.Puts, chain.Puts2, years, rate);
            Assert.That(result.Status, Is.EqualTo(ExpiryVarianceStatus.Computed));
            double error = Math.Abs((result.Volatility / sigma) - 1.0);
            if (error > worst)
            {
                worst = error;
                worstCase = $"σ={sigma:F4} T={years * 365.0:F2}d r={rate:F4} F={forward:F2} → {result.Volatility:F6}";
            }
        }

        TestContext.Out.WriteLine($"flat-vol chains ({StrikesPerSd} strikes per sd): worst |σ_VIX/σ − 1| = {worst:E3} ({worstCase})");
        Assert.That(worst, Is.LessThan(FlatChainRelativeVolTolerance));
    }

    [Test]
    public void ForExpiry_CoarserStrikes_ErrorShrinksQuadratically()
    {
        // Midpoint-rule check: halving ΔK should cut the error about four times.
        const double sigma = 0.2;
        const double years = 30.0 / 365.0;
        double Error(double strikesPerSd)
        {
            var chain = FlatChain(4000.0, sigma, years, 0.01, strikesPerSd, 9.0, 0.37);
            var r = ModelFreeVariance.ForExpiry(chain.Strikes, chain.Mids, chain.Mids2, chain.Puts, chain.Puts2, years, 0.01);
            return Math.Abs(r.Variance - (sigma * sigma));
        }

        double coarse = Error(2.0);
        double fine = Error(4.0);
        TestContext.Out.WriteLine($"variance error: 2 strikes/sd {coarse:E3}, 4 strikes/sd {fine:E3}, ratio {coarse / fine:F2}");
        Assert.That(coarse / fine, Is.InRange(3.0, 5.5));
    }

    [Test]
    public void ForExpiry_AndThirtyDay_DoNotAllocate()
    {
        var near = WhitePaperChain.NearTerm;
        var next = WhitePaperChain.NextTerm;
        Span<double> dk = new double[near.Strikes.Length];
        Span<double> contributions = new double[near.Strikes.Length];
        ExpiryVariance Run()
        {
            var a = ModelFreeVariance.ForExpiry(near.Strikes, near.CallBids, near.CallAsks, near.PutBids, near.PutAsks, 0.068, 0.0003);
            var b = ModelFreeVariance.ForExpiry(next.Strikes, next.CallBids, next.CallAsks, next.PutBids, next.PutAsks, 0.088, 0.0003);
            var v = ModelFreeVariance.Interpolate(a, b, ModelFreeVariance.ThirtyDaysInYears);
            return a with { Variance = v.Variance };
        }

        Run();
        ModelFreeVariance.ForExpiry(near.Strikes, near.CallBids, near.CallAsks, near.PutBids, near.PutAsks, 0.068, 0.0003, dk, contributions);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = Run();
        ModelFreeVariance.ForExpiry(near.Strikes, near.CallBids, near.CallAsks, near.PutBids, near.PutAsks, 0.068, 0.0003, dk, contributions);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(result.Variance, Is.GreaterThan(0.0));
        Assert.That(allocated, Is.Zero);
    }

    /// <summary>Strike density of the synthetic chains: one strike every σ√T/40 of the forward.</summary>
    private const double StrikesPerSd = 40.0;

    /// <summary>Bound on |σ_VIX/σ − 1| for the synthetic flat-vol chains (see the property test).</summary>
    private const double FlatChainRelativeVolTolerance = 1e-4;

    private static ExpiryVariance Flat(double sigma, double years)
    {
        var chain = FlatChain(100.0, sigma, years, 0.02, StrikesPerSd, 9.0, 0.5);
        return ModelFreeVariance.ForExpiry(chain.Strikes, chain.Mids, chain.Mids2, chain.Puts, chain.Puts2, years, 0.02);
    }

    /// <summary>Black-76 prices at a flat vol, bid = ask = model price (so the mid is the price).
    /// <paramref name="phase"/> ∈ [0, 1) shifts the strike grid so the forward falls anywhere in an interval.</summary>
    private static (double[] Strikes, double[] Mids, double[] Mids2, double[] Puts, double[] Puts2) FlatChain(
        double forward, double sigma, double years, double rate, double strikesPerSd, double sdRange, double phase)
    {
        double sd = sigma * Math.Sqrt(years);
        double step = forward * sd / strikesPerSd;
        double low = forward * Math.Exp(-sdRange * sd);
        double high = forward * Math.Exp(sdRange * sd);
        double first = forward - (Math.Floor((forward - low) / step) * step) + (phase * step);
        var strikes = new List<double>();
        for (double k = first; k <= high; k += step)
        {
            if (k > 0.0)
            {
                strikes.Add(k);
            }
        }

        var calls = strikes.Select(k => Black76.Price(OptionRight.Call, forward, k, years, rate, sigma)).ToArray();
        var puts = strikes.Select(k => Black76.Price(OptionRight.Put, forward, k, years, rate, sigma)).ToArray();
        return ([.. strikes], calls, calls, puts, puts);
    }
}

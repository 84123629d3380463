namespace TomKing.Greeks.Tests.Variance;

/// <summary>
/// The CBOE VIX white paper's worked example, reproduced from its published quotes.
/// </summary>
/// <remarks>
/// <para>Quotes: TestData/vix/near_term.csv and next_term.csv, the white paper's near-term (25-day,
/// AM-settled) and next-term (32-day, PM-settled) SPX tables. The same quote tables appear in two
/// editions of the paper, with different clocks and rates:</para>
/// <list type="bullet">
/// <item>2014–2019 edition ("VIX = 13.69"): now 9:46 a.m. CT; N_T1 = 854 + 510 + 34,560 = 35,924 minutes,
/// N_T2 = 854 + 900 + 44,640 = 46,394 minutes; R1 = 0.0305 %, R2 = 0.0286 %. Published: F1 = 1962.89996,
/// F2 = 1962.40006, K0 = 1960 for both, (1/T)(F/K0 − 1)² = 0.00003203 and 0.00001699,
/// σ1² = 0.01846292, σ2² = 0.01882101, VIX = 13.685821 ≈ 13.69.</item>
/// <item>Later edition (methodology document, "VIX = 13.93"): N_T1 = 34,484, N_T2 = 44,954 minutes;
/// R1 = 0.031664 %, R2 = 0.028797 %. Published: Σ contributions 0.0006320516 and 0.0008314016,
/// (2/T)Σ = 0.019267 and 0.019441, forward terms 0.00003337 and 0.00001753, σ1² = 0.019233906,
/// σ2² = 0.019423884, √(30-day variance) = 0.13927842, VIX = 13.93; the 1370 put's contribution
/// 0.0000005328; the next-term 1325 put's ΔK = (1350 − 1275)/2 = 37.5; the K0 prices
/// (24.25 + 21.30)/2 = 22.775 and (27.30 + 24.90)/2 = 26.10.</item>
/// </list>
/// <para>Every tolerance is half a unit in the last printed digit. The published σ² are reproduced
/// only with T = minutes / 525,600 at full precision (with T rounded to the printed 7 decimals σ2² of
/// the first edition would come out 0.01882102), so that is what the tests pass.</para>
/// </remarks>
[TestFixture]
public class ModelFreeVarianceWhitePaperTests
{
    private const double FirstEditionNearMinutes = 35_924.0;
    private const double FirstEditionNextMinutes = 46_394.0;
    private const double FirstEditionNearRate = 0.000305;
    private const double FirstEditionNextRate = 0.000286;

    private const double LaterEditionNearMinutes = 34_484.0;
    private const double LaterEditionNextMinutes = 44_954.0;
    private const double LaterEditionNearRate = 0.00031664;
    private const double LaterEditionNextRate = 0.00028797;

    private static double Years(double minutes) => minutes / ModelFreeVariance.MinutesPerYear;

    [Test]
    public void ForExpiry_WhitePaperNearTerm2019_MatchesPublishedForwardK0AndVariance()
    {
        var chain = WhitePaperChain.NearTerm;
        var deltaK = new double[chain.Strikes.Length];
        var result = chain.Compute(Years(FirstEditionNearMinutes), FirstEditionNearRate, deltaK);

        Assert.That(result.Status, Is.EqualTo(ExpiryVarianceStatus.Computed));
        Assert.Multiple(() =>
        {
            Assert.That(Years(FirstEditionNearMinutes), Is.EqualTo(0.0683486).Within(5e-8), "T1 as printed");
            Assert.That(result.ParityStrike, Is.EqualTo(1965.0), "smallest |C − P|: 21.05 vs 23.15");
            Assert.That(result.Forward, Is.EqualTo(1962.89996).Within(5e-6), "F1");
            Assert.That(result.AtTheMoneyStrike, Is.EqualTo(1960.0), "K0,1");
            Assert.That(result.ForwardAdjustment, Is.EqualTo(0.00003203).Within(5e-9), "(1/T1)(F1/K0 − 1)²");
            Assert.That(result.Variance, Is.EqualTo(0.01846292).Within(5e-9), "σ1²");
            Assert.That(LowestAndHighestSelected(chain.Strikes, deltaK), Is.EqualTo((1370.0, 2125.0)), "strip ends");
        });
    }

    [Test]
    public void ForExpiry_WhitePaperNextTerm2019_MatchesPublishedForwardK0AndVariance()
    {
        var chain = WhitePaperChain.NextTerm;
        var deltaK = new double[chain.Strikes.Length];
        var result = chain.Compute(Years(FirstEditionNextMinutes), FirstEditionNextRate, deltaK);

        Assert.That(result.Status, Is.EqualTo(ExpiryVarianceStatus.Computed));
        Assert.Multiple(() =>
        {
            Assert.That(Years(FirstEditionNextMinutes), Is.EqualTo(0.0882686).Within(5e-8), "T2 as printed");
            Assert.That(result.ParityStrike, Is.EqualTo(1960.0), "smallest |C − P|: 27.30 vs 24.90");
            Assert.That(result.Forward, Is.EqualTo(1962.40006).Within(5e-6), "F2");
            Assert.That(result.AtTheMoneyStrike, Is.EqualTo(1960.0), "K0,2");
            Assert.That(result.ForwardAdjustment, Is.EqualTo(0.00001699).Within(5e-9), "(1/T2)(F2/K0 − 1)²");
            Assert.That(result.Variance, Is.EqualTo(0.01882101).Within(5e-9), "σ2²");
            Assert.That(LowestAndHighestSelected(chain.Strikes, deltaK), Is.EqualTo((1275.0, 2200.0)), "strip ends");
        });
    }

    [Test]
    public void ThirtyDay_WhitePaper2019_ReproducesVix13Point69()
    {
        var near = WhitePaperChain.NearTerm.Compute(Years(FirstEditionNearMinutes), FirstEditionNearRate);
        var next = WhitePaperChain.NextTerm.Compute(Years(FirstEditionNextMinutes), FirstEditionNextRate);

        var vix = ModelFreeVariance.ThirtyDay([next, near]);

        Assert.That(vix.Status, Is.EqualTo(ConstantMaturityStatus.Interpolated));
        Assert.Multiple(() =>
        {
            Assert.That(vix.NearYears, Is.EqualTo(near.Years));
            Assert.That(vix.NextYears, Is.EqualTo(next.Years));
            Assert.That(vix.Index, Is.EqualTo(13.685821).Within(5e-7), "published VIX before rounding");
            Assert.That(Math.Round(vix.Index, 2), Is.EqualTo(13.69), "published VIX");
        });
    }

    [Test]
    public void ForExpiry_WhitePaperLaterEdition_MatchesPublishedSumsTermsAndVariances()
    {
        var near = WhitePaperChain.NearTerm.Compute(Years(LaterEditionNearMinutes), LaterEditionNearRate);
        var next = WhitePaperChain.NextTerm.Compute(Years(LaterEditionNextMinutes), LaterEditionNextRate);

        Assert.Multiple(() =>
        {
            Assert.That(Years(LaterEditionNearMinutes), Is.EqualTo(0.0656088).Within(5e-8), "T1 as printed");
            Assert.That(Years(LaterEditionNextMinutes), Is.EqualTo(0.0855289).Within(5e-8), "T2 as printed");
            Assert.That(near.Forward, Is.EqualTo(1962.89996).Within(5e-6), "F1");
            Assert.That(next.Forward, Is.EqualTo(1962.40006).Within(5e-6), "F2");
            Assert.That(near.StrikeSum, Is.EqualTo(0.0006320516).Within(5e-11), "near Σ");
            Assert.That(next.StrikeSum, Is.EqualTo(0.0008314016).Within(5e-11), "next Σ");
            Assert.That(2.0 / near.Years * near.StrikeSum, Is.EqualTo(0.019267).Within(5e-7), "near (2/T)Σ");
            Assert.That(2.0 / next.Years * next.StrikeSum, Is.EqualTo(0.019441).Within(5e-7), "next (2/T)Σ");
            Assert.That(near.ForwardAdjustment, Is.EqualTo(0.00003337).Within(5e-9), "near forward term");
            Assert.That(next.ForwardAdjustment, Is.EqualTo(0.00001753).Within(5e-9), "next forward term");
            Assert.That(near.Variance, Is.EqualTo(0.019233906).Within(5e-10), "σ1²");
            Assert.That(next.Variance, Is.EqualTo(0.019423884).Within(5e-10), "σ2²");
        });

        var vix = ModelFreeVariance.Interpolate(near, next, ModelFreeVariance.ThirtyDaysInYears);
        Assert.That(vix.Status, Is.EqualTo(ConstantMaturityStatus.Interpolated));
        Assert.That(Math.Sqrt(vix.Variance), Is.EqualTo(0.13927842).Within(5e-9), "√ of the 30-day variance");
        Assert.That(Math.Round(vix.Index, 2), Is.EqualTo(13.93), "published VIX");
    }

    [Test]
    public void ForExpiry_WhitePaperLaterEdition_MatchesPublishedSingleStrikeValues()
    {
        var nearChain = WhitePaperChain.NearTerm;
        var nearDeltaK = new double[nearChain.Strikes.Length];
        var nearContribution = new double[nearChain.Strikes.Length];
        double nearYears = Years(LaterEditionNearMinutes);
        nearChain.Compute(nearYears, LaterEditionNearRate, nearDeltaK, nearContribution);

        var nextChain = WhitePaperChain.NextTerm;
        var nextDeltaK = new double[nextChain.Strikes.Length];
        var nextContribution = new double[nextChain.Strikes.Length];
        double nextYears = Years(LaterEditionNextMinutes);
        nextChain.Compute(nextYears, LaterEditionNextRate, nextDeltaK, nextContribution);

        int i1370 = nearChain.IndexOf(1370.0);
        int i1960 = nearChain.IndexOf(1960.0);
        int j1325 = nextChain.IndexOf(1325.0);
        int j1960 = nextChain.IndexOf(1960.0);
        Assert.Multiple(() =>
        {
            // Published: 1370 put, ΔK = 1375 − 1370 = 5 (lowest strike), Q = (0.05 + 0.35)/2 → 0.0000005328.
            Assert.That(nearDeltaK[i1370], Is.EqualTo(5.0));
            Assert.That(nearContribution[i1370], Is.EqualTo(0.0000005328).Within(5e-11), "1370 put contribution");
            // Published: next-term 1325 put ΔK = (1350 − 1275)/2 = 37.5 (the 1300 put has no bid and is skipped).
            Assert.That(nextDeltaK[j1325], Is.EqualTo(37.5), "next 1325 ΔK");
            Assert.That(nextDeltaK[nextChain.IndexOf(1300.0)], Is.Zero, "next 1300 put not selected");
            // Published K0 prices 22.775 and 26.10, ΔK = 5: contribution = 5/1960² · e^(RT) · Q.
            Assert.That(nearContribution[i1960], Is.EqualTo(5.0 / (1960.0 * 1960.0) * Math.Exp(LaterEditionNearRate * nearYears) * 22.775).Within(1e-18));
            Assert.That(nextContribution[j1960], Is.EqualTo(5.0 / (1960.0 * 1960.0) * Math.Exp(LaterEditionNextRate * nextYears) * 26.10).Within(1e-18));
        });
    }

    [Test]
    public void ForExpiry_WhitePaperNearTerm_AppliesTheZeroBidRules()
    {
        // Consequences of the selection rules on the published near-term table, derived by hand:
        // puts: 1405 and 1415 have zero bids (each alone: skipped, the walk continues); 1365 and 1360 are
        // two consecutive zero bids, so 1355 and 1350 (which do have bids) are not used.
        // calls: 2120 has a zero bid alone (skipped); 2150 and 2175 end the walk, so 2225 is not used.
        var chain = WhitePaperChain.NearTerm;
        var deltaK = new double[chain.Strikes.Length];
        var result = chain.Compute(Years(FirstEditionNearMinutes), FirstEditionNearRate, deltaK);
        double Dk(double strike) => deltaK[chain.IndexOf(strike)];

        Assert.Multiple(() =>
        {
            Assert.That(Dk(1400.0), Is.EqualTo(7.5), "(1410 − 1395)/2, 1405 skipped");
            Assert.That(Dk(1410.0), Is.EqualTo(10.0), "(1420 − 1400)/2, 1405 and 1415 skipped");
            Assert.That(Dk(1420.0), Is.EqualTo(7.5), "(1425 − 1410)/2, 1415 skipped");
            Assert.That(Dk(2100.0), Is.EqualTo(15.0), "(2125 − 2095)/2, 2120 skipped");
            Assert.That(Dk(2125.0), Is.EqualTo(25.0), "highest: 2125 − 2100");
            Assert.That(Dk(1960.0), Is.EqualTo(5.0), "K0: (1965 − 1955)/2");
            foreach (double excluded in new[] { 1405.0, 1415.0, 1355.0, 1350.0, 2120.0, 2225.0 })
            {
                Assert.That(Dk(excluded), Is.Zero, $"{excluded} must not be in the strip");
            }

            // 1370..1955 every 5 = 118, less 1405 and 1415 = 116 puts; 1965..2100 every 5, then 2125 = 29 calls.
            Assert.That(result.PutsUsed, Is.EqualTo(116));
            Assert.That(result.CallsUsed, Is.EqualTo(29));
            Assert.That(result.StrikesUsed, Is.EqualTo(146));
        });
    }

    private static (double Lowest, double Highest) LowestAndHighestSelected(double[] strikes, double[] deltaK)
    {
        int first = Array.FindIndex(deltaK, d => d > 0.0);
        int last = Array.FindLastIndex(deltaK, d => d > 0.0);
        return (strikes[first], strikes[last]);
    }
}

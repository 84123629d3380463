using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TomKing.Greeks;

/// <summary>
/// The standard normal distribution with full relative precision in both tails, because deep
/// out-of-the-money 0DTE prices live many standard deviations out where a plain
/// <c>0.5 * erfc</c> or Hart's approximation loses digits.
/// </summary>
/// <remarks>
/// The tail <c>Φ(-x)</c>, x ≥ 0, is <c>φ(x) · g(x) / (x + 1)</c> where the scaled Mills ratio
/// <c>g</c> is one degree-22 Chebyshev polynomial in <c>y = 4 / (4 + x)</c>, fitted by
/// <c>tools/gen_normal_cdf.py</c> (worst relative error 3.9e-16 in double arithmetic up to
/// x = 38.5; beyond that Φ underflows). The batch (SIMD) path evaluates the very same formula.
/// </remarks>
public static class Normal
{
    /// <summary>1 / √(2π).</summary>
    public const double InvSqrt2Pi = 0.3989422804014326779399460599343818684758586311649;

    internal const double TailC = 4.0;
    internal const double TailXMax = 38.5;
    internal const double TailY0 = 0.09411764705882353;
    internal const double TailTScale = 2.0 / (1.0 - TailY0);
    internal const double TailTShift = (TailY0 + 1.0) / (1.0 - TailY0);

    /// <summary>Chebyshev-fitted coefficients of g(t), highest power first.</summary>
    internal static ReadOnlySpan<double> TailCoefficients => TailCoefficientTable;

    // A static array, not a collection expression: `ReadOnlySpan<double> X => [...]` allocates a new
    // array on every access, which the IV solver's zero-allocation test caught (1.9 KB per solve).
    private static readonly double[] TailCoefficientTable =
    [
        6.288251854810624e-11,
        -1.2413441341632951e-09,
        1.0618432028921451e-09,
        1.2432448100132639e-08,
        -2.2331828205534e-08,
        -6.388629514451256e-08,
        2.167325712737257e-07,
        1.9957615001783605e-07,
        -1.6472176220040914e-06,
        -9.213477154855147e-08,
        1.1975527546771775e-05,
        -3.6404189279199964e-06,
        -9.447746029985297e-05,
        4.1648115074673486e-06,
        0.0008383502312229306,
        0.0010411464139184748,
        -0.006422944805126232,
        -0.03161452802676097,
        -0.06969962968868766,
        -0.078995052110367,
        0.008346463625850606,
        0.22358329884600722,
        1.2063204073155822,
    ];

    /// <summary>Density φ(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pdf(double x) => InvSqrt2Pi * ExpMinusHalfSquare(x);

    /// <summary>exp(−x²/2) with x² split exactly (FMA), so the result keeps full relative precision
    /// for large |x| where exp(−x²/2) would otherwise lose ~x²·ε.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ExpMinusHalfSquare(double x)
    {
        double p = x * x;
        double e = Math.FusedMultiplyAdd(x, x, -p);
        return Math.Exp(-0.5 * p) * (1.0 - 0.5 * e);
    }

    /// <summary>Cumulative distribution Φ(x), relative precision ~4e-16 in the lower tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Cdf(double x)
    {
        if (x <= 0.0)
        {
            return UpperTail(-x);
        }

        return 1.0 - UpperTail(x);
    }

    /// <summary>Upper tail Q(x) = Φ(−x) = 1 − Φ(x) for x ≥ 0, without cancellation.</summary>
    public static double UpperTail(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x >= TailXMax)
        {
            return 0.0;
        }

        double y = TailC / (TailC + x);
        double t = Math.FusedMultiplyAdd(y, TailTScale, -TailTShift);
        return ExpMinusHalfSquare(x) * InvSqrt2Pi * MillsPolynomial(t) / (x + 1.0);
    }

    /// <summary>Mills ratio M(z) = Φ(−z)/φ(z) for z ≥ 0 — the tail without its Gaussian factor, so
    /// callers that already hold φ (or its logarithm) avoid an exponential and the rounding of d².
    /// Beyond the fitted range, Laplace's continued fraction 1/(z + 1/(z + 2/(z + 3/(z + …)))) to six
    /// levels: truncation error 3e-19 relative at z = 38.5 and less beyond (four levels, as before, left
    /// 1.6e-14 there, which a test against mpmath caught).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double MillsRatio(double z)
    {
        if (z >= TailXMax)
        {
            return ContinuedFraction(z);
        }

        double y = TailC / (TailC + z);
        double t = Math.FusedMultiplyAdd(y, TailTScale, -TailTShift);
        return MillsPolynomial(t) / (z + 1.0);
    }

    /// <summary>Laplace's continued fraction for the Mills ratio, six levels (for z ≥ <see cref="TailXMax"/>).</summary>
    private static double ContinuedFraction(double z)
    {
        double denominator = z;
        for (int level = 6; level >= 1; level--)
        {
            denominator = z + (level / denominator);
        }

        return 1.0 / denominator;
    }

    /// <summary>The polynomial g(t) of the tail formula, scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double MillsPolynomial(double t) => MillsPolynomial(Vector128.CreateScalarUnsafe(t)).ToScalar();

    /// <summary>
    /// <see cref="MillsRatio(double)"/> of two arguments at once, one per lane of a 2-lane vector: a
    /// Black price needs the tails at d1 and d2 (the implied-volatility solver at its two bracket
    /// arguments), and the two evaluations of the same polynomial then cost one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<double> MillsRatio(Vector128<double> z)
    {
        if (Vector128.GreaterThanOrEqualAny(z, Vector128.Create(TailXMax)))
        {
            // Rare (more than 38 standard deviations out): the continued fraction, lane by lane.
            return Vector128.Create(MillsRatio(z.GetElement(0)), MillsRatio(z.GetElement(1)));
        }

        return MillsRatioInRange(z);
    }

    /// <summary>
    /// <see cref="MillsRatio(Vector128{double})"/> for lanes below <see cref="TailXMax"/> (NaN stays
    /// NaN); no check and no call, for callers that test the range themselves and take a careful path
    /// when it fails.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<double> MillsRatioInRange(Vector128<double> z)
    {
        // 1/(z + 1) is computed alongside the polynomial and multiplied in, so the second division is
        // off the critical path (the first, y = C/(C + z), feeds the polynomial).
        var c = Vector128.Create(TailC);
        var y = c / (c + z);
        var inverse = Vector128<double>.One / (z + Vector128<double>.One);
        var t = Vector128.FusedMultiplyAdd(y, Vector128.Create(TailTScale), Vector128.Create(-TailTShift));
        return MillsPolynomial(t) * inverse;
    }

    /// <summary>
    /// The polynomial g(t) of the tail formula, lane-wise, by Estrin's scheme: pairs a + b·t, then pairs
    /// of pairs with t², t⁴, t⁸, t¹⁶. The dependent chain is five multiply-adds deep instead of Horner's
    /// 22 (or 11 for two interleaved Horner chains), which is what a lone evaluation waits for; the total
    /// work is the same. The scalar form runs the same instructions on one lane, so both give
    /// identical results.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<double> MillsPolynomial(Vector128<double> t)
    {
        // c is highest power first: c[22 − j] multiplies t^j. Constant indices into the static array
        // need no bounds checks.
        ReadOnlySpan<double> c = TailCoefficientTable;
        var t2 = t * t;
        var t4 = t2 * t2;
        var t8 = t4 * t4;
        var t16 = t8 * t8;

        var p0 = Pair(c[21], c[22], t);                     // t^0, t^1
        var p1 = Pair(c[19], c[20], t);                     // t^2, t^3
        var p2 = Pair(c[17], c[18], t);
        var p3 = Pair(c[15], c[16], t);
        var p4 = Pair(c[13], c[14], t);
        var p5 = Pair(c[11], c[12], t);
        var p6 = Pair(c[9], c[10], t);
        var p7 = Pair(c[7], c[8], t);
        var p8 = Pair(c[5], c[6], t);
        var p9 = Pair(c[3], c[4], t);
        var p10 = Pair(c[1], c[2], t);                      // t^20, t^21
        var p11 = Vector128.Create(c[0]);                   // t^22

        var q0 = Vector128.FusedMultiplyAdd(p1, t2, p0);    // t^0..t^3
        var q1 = Vector128.FusedMultiplyAdd(p3, t2, p2);
        var q2 = Vector128.FusedMultiplyAdd(p5, t2, p4);
        var q3 = Vector128.FusedMultiplyAdd(p7, t2, p6);
        var q4 = Vector128.FusedMultiplyAdd(p9, t2, p8);
        var q5 = Vector128.FusedMultiplyAdd(p11, t2, p10);  // t^20..t^22

        var o0 = Vector128.FusedMultiplyAdd(q1, t4, q0);    // t^0..t^7
        var o1 = Vector128.FusedMultiplyAdd(q3, t4, q2);    // t^8..t^15
        var o2 = Vector128.FusedMultiplyAdd(q5, t4, q4);    // t^16..t^22

        return Vector128.FusedMultiplyAdd(o2, t16, Vector128.FusedMultiplyAdd(o1, t8, o0));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector128<double> Pair(double high, double low, Vector128<double> t) =>
            Vector128.FusedMultiplyAdd(Vector128.Create(high), t, Vector128.Create(low));
    }

    /// <summary>A cheap quantile good to ~5e-4 absolute (Abramowitz–Stegun 26.2.23 rational form), for
    /// starting points of iterations that refine it anyway; use <see cref="InverseCdf"/> for a value.</summary>
    internal static double InverseCdfEstimate(double p)
    {
        bool upper = p > 0.5;
        double q = upper ? 1.0 - p : p;
        double r = Math.Sqrt(-2.0 * Math.Log(q));
        double x = -(r - ((2.515517 + (0.802853 * r) + (0.010328 * r * r)) / (1.0 + (1.432788 * r) + (0.189269 * r * r) + (0.001308 * r * r * r))));
        return upper ? -x : x;
    }

    /// <summary>Inverse of Φ (the quantile), by Newton–Halley refinement of a rational start;
    /// accurate to a few ulps for p in (0, 1). Returns ±∞ at 0 and 1, NaN outside.</summary>
    public static double InverseCdf(double p)
    {
        if (double.IsNaN(p) || p < 0.0 || p > 1.0)
        {
            return double.NaN;
        }

        if (p == 0.0)
        {
            return double.NegativeInfinity;
        }

        if (p == 1.0)
        {
            return double.PositiveInfinity;
        }

        // Work in the lower half for precision; q is the tail probability.
        bool upper = p > 0.5;
        double q = upper ? 1.0 - p : p;
        // Start: for the tail, the asymptotic x ≈ sqrt(-2 ln q) corrected; near the centre, linear.
        double x;
        if (q > 0.3)
        {
            x = (q - 0.5) * 2.5066282746310002;
        }
        else
        {
            double r = Math.Sqrt(-2.0 * Math.Log(q));
            x = -(r - (2.515517 + 0.802853 * r + 0.010328 * r * r) / (1.0 + 1.432788 * r + 0.189269 * r * r + 0.001308 * r * r * r));
        }

        // Halley iterations on Φ(x) − q in log space for the tail (cubic convergence).
        for (int i = 0; i < 6; i++)
        {
            double cdf = Cdf(x);
            double pdf = Pdf(x);
            if (pdf == 0.0)
            {
                break;
            }

            double u = (cdf - q) / pdf;
            double step = u / (1.0 + 0.5 * x * u);
            x -= step;
            if (Math.Abs(step) <= 1e-15 * Math.Max(1.0, Math.Abs(x)))
            {
                break;
            }
        }

        return upper ? -x : x;
    }
}

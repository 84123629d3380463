using System.Runtime.CompilerServices;

namespace TomKing.Greeks;

/// <summary>
/// The early-exercise boundary of an American put with unit strike, and the early-exercise premium
/// integral built on it. Our own implementation of the method of Andersen, Lake and Offengenden,
/// "High-performance American option pricing" (J. Comp. Finance, 2016).
/// </summary>
/// <remarks>
/// <para>The put boundary b(τ) (τ = time to expiry, strike 1) satisfies Kim's integral equation, written
/// as a fixed point b = e^(−(r−q)τ) N(τ, b) / D(τ, b). Two forms are used: "FP-B" (the smooth-pasting
/// form: N, D built from φ(d±)/(σ√·) and Φ(d+)), which converges in a few iterations, and "FP-A" (the
/// value-matching form, Φ(d±) only), used when r ≈ q (futures options) where FP-B is ill-conditioned.</para>
/// <para>The boundary is represented by H(ξ) = (ln(b(τ)/X))², X = b(0⁺) = min(1, r/q), interpolated by a
/// Chebyshev polynomial in ξ = 2√(τ/T) − 1 through <see cref="Intervals"/> + 1 Chebyshev–Lobatto nodes:
/// in √τ the boundary's √(τ ln τ) behaviour at expiry becomes smooth, so the interpolation converges
/// spectrally. The integrals over u ∈ [0, τ] use the substitution τ − u = τ(1 + y)²/4, which removes the
/// 1/√(τ − u) singularity, and Gauss–Legendre nodes in y. Because every quadrature point sits at a fixed
/// fraction of τ_i, and τ_i at a fixed fraction of T, the interpolation weights at all quadrature points
/// are constants: one table, computed once per process, and each iteration is a small matrix product
/// plus one normal CDF/PDF pair per point. Node counts were set on the QuantLib grid: 24 boundary
/// quadrature nodes left 5e-5 errors (the u → 0 end of the integrand is only algebraically smooth);
/// 48 bring the worst case to 5e-6.</para>
/// <para>Start: the Bjerksund–Stensland (1993) closed-form boundary. Iteration stops when no node moves by
/// more than <see cref="Tolerance"/> (relative), at most <see cref="MaxIterations"/> times.</para>
/// <para>Calls use the put–call symmetry C(S, K, r, q) = P(K, S, q, r): the call boundary with strike K is
/// K / b′(τ), where b′ is the unit put boundary with r and q exchanged.</para>
/// </remarks>
internal static class ExerciseBoundary
{
    /// <summary>Chebyshev intervals n: the boundary is known at n + 1 nodes, node 0 being expiry.</summary>
    public const int Intervals = 10;

    /// <summary>Boundary values per solve.</summary>
    public const int Points = Intervals + 1;

    /// <summary>Gauss–Legendre nodes of each boundary integral.</summary>
    public const int BoundaryNodes = 48;

    /// <summary>Gauss–Legendre nodes of each half of the premium integral.</summary>
    public const int PremiumNodesPerHalf = 32;

    /// <summary>Nodes of the premium integral.</summary>
    public const int PremiumNodes = 2 * PremiumNodesPerHalf;

    /// <summary>Relative change of the boundary at which the fixed-point iteration stops.</summary>
    public const double Tolerance = 1e-12;

    /// <summary>Iteration cap (FP-B needs ~15 sweeps from the Bjerksund–Stensland start to 1e-12; FP-A ~50).</summary>
    public const int MaxIterations = 60;

    /// <summary>|r − q| below which FP-A is used instead of FP-B.</summary>
    private const double FpaThreshold = 1e-3;

    private static readonly double[] CollocationFraction = BuildCollocationFraction();
    private static readonly double[] BoundaryY;
    private static readonly double[] BoundaryW;
    private static readonly double[] BoundaryInterpolation;
    private static readonly double[] PremiumFraction;
    private static readonly double[] PremiumWeight;
    private static readonly double[] PremiumInterpolation;

#pragma warning disable CA1810 // the tables depend on each other; one static constructor keeps the order explicit
    static ExerciseBoundary()
#pragma warning restore CA1810
    {
        (BoundaryY, BoundaryW) = GaussLegendre(BoundaryNodes);
        BoundaryInterpolation = new double[Intervals * BoundaryNodes * Points];
        for (int i = 1; i <= Intervals; i++)
        {
            double sqrtFraction = Math.Sqrt(CollocationFraction[i]);
            for (int k = 0; k < BoundaryNodes; k++)
            {
                double half = 0.5 * (1.0 + BoundaryY[k]);
                // u/T = (τ_i/T)(1 − half²) ⇒ ξ = 2√(u/T) − 1.
                double xi = (2.0 * sqrtFraction * Math.Sqrt(1.0 - (half * half))) - 1.0;
                ChebyshevWeights(xi, BoundaryInterpolation.AsSpan(((((i - 1) * BoundaryNodes) + k) * Points), Points));
            }
        }

        (double[] y, double[] w) = GaussLegendre(PremiumNodesPerHalf);
        PremiumFraction = new double[PremiumNodes];
        PremiumWeight = new double[PremiumNodes];
        PremiumInterpolation = new double[PremiumNodes * Points];
        for (int k = 0; k < PremiumNodesPerHalf; k++)
        {
            double half = 0.5 * (1.0 + y[k]);
            // First half, u ∈ [0, T/2]: u/T = ½·half² (√u linear in y, the boundary's expiry behaviour).
            // Second half, u ∈ [T/2, T]: (T − u)/T = ½·half² (√(T − u) linear in y, the boundary layer at u → T).
            // du/T = ½·half dy in both.
            double near = 0.5 * half * half;
            PremiumFraction[k] = near;
            PremiumFraction[PremiumNodesPerHalf + k] = 1.0 - near;
            PremiumWeight[k] = w[k] * 0.5 * half;
            PremiumWeight[PremiumNodesPerHalf + k] = w[k] * 0.5 * half;
        }

        for (int m = 0; m < PremiumNodes; m++)
        {
            double xi = (2.0 * Math.Sqrt(PremiumFraction[m])) - 1.0;
            ChebyshevWeights(xi, PremiumInterpolation.AsSpan(m * Points, Points));
        }
    }

    /// <summary>
    /// Solves the unit-strike put boundary for rate <paramref name="r"/> &gt; 0, yield <paramref name="q"/>.
    /// Writes ln b(τ_j) − ln X to <paramref name="logBoundary"/> (≤ 0; j = 0 is expiry, j = n is τ = T)
    /// and returns ln X.
    /// </summary>
    public static double SolvePut(double r, double q, double sigma, double t, Span<double> logBoundary)
        => SolvePut(r, q, sigma, t, logBoundary, out _);

    /// <summary>As <see cref="SolvePut(double, double, double, double, Span{double})"/>, reporting the iterations used.</summary>
    public static double SolvePut(double r, double q, double sigma, double t, Span<double> logBoundary, out int iterations)
    {
        iterations = 0;
        double lnX = q > r ? Math.Log(r / q) : 0.0;
        Span<double> h = stackalloc double[Points];
        Span<double> next = stackalloc double[Points];
        Span<double> atNodes = stackalloc double[BoundaryNodes];
        InitialGuess(r, q, sigma, t, lnX, logBoundary);

        // e^(ru) and e^(qu) at every quadrature point do not change between iterations.
        Span<double> growthR = stackalloc double[Intervals * BoundaryNodes];
        Span<double> growthQ = stackalloc double[Intervals * BoundaryNodes];
        for (int i = 1; i <= Intervals; i++)
        {
            double tau = t * CollocationFraction[i];
            for (int k = 0; k < BoundaryNodes; k++)
            {
                double half = 0.5 * (1.0 + BoundaryY[k]);
                double u = tau * (1.0 - (half * half));
                growthR[((i - 1) * BoundaryNodes) + k] = Math.Exp(r * u);
                growthQ[((i - 1) * BoundaryNodes) + k] = Math.Exp(q * u);
            }
        }

        bool useA = Math.Abs(r - q) < FpaThreshold;
        double carry = r - q;
        double halfVar = 0.5 * sigma * sigma;
        next[0] = 0.0;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            for (int j = 0; j < Points; j++)
            {
                h[j] = logBoundary[j] * logBoundary[j];
            }

            double change = 0.0;
            for (int i = 1; i <= Intervals; i++)
            {
                double tau = t * CollocationFraction[i];
                double sqrtTau = Math.Sqrt(tau);
                double sigmaSqrtTau = sigma * sqrtTau;
                double lnB = lnX + logBoundary[i];
                ReadOnlySpan<double> table = BoundaryInterpolation.AsSpan((i - 1) * BoundaryNodes * Points, BoundaryNodes * Points);
                Interpolate(table, h, atNodes);

                // Terms at u = 0 (the European part): d± at (τ, b/1).
                double dp0 = (lnB + ((carry + halfVar) * tau)) / sigmaSqrtTau;
                double dm0 = dp0 - sigmaSqrtTau;
                double numerator;
                double denominator;
                if (useA)
                {
                    numerator = Normal.Cdf(dm0);
                    denominator = Normal.Cdf(dp0);
                }
                else
                {
                    numerator = Normal.Pdf(dm0) / sigmaSqrtTau;
                    denominator = (Normal.Pdf(dp0) / sigmaSqrtTau) + Normal.Cdf(dp0);
                }

                double sumN = 0.0;
                double sumD = 0.0;
                for (int k = 0; k < BoundaryNodes; k++)
                {
                    double half = 0.5 * (1.0 + BoundaryY[k]);
                    double s = tau * half * half;          // τ − u
                    double eru = growthR[((i - 1) * BoundaryNodes) + k];
                    double equ = growthQ[((i - 1) * BoundaryNodes) + k];
                    double sqrtS = sqrtTau * half;
                    double lnBu = lnX - Math.Sqrt(Math.Max(atNodes[k], 0.0));
                    double sigmaSqrtS = sigma * sqrtS;
                    double dp = (lnB - lnBu + ((carry + halfVar) * s)) / sigmaSqrtS;
                    double dm = dp - sigmaSqrtS;
                    double w = BoundaryW[k];
                    double du = tau * half;                // du/dy; du/√(τ − u) = √τ dy
                    if (useA)
                    {
                        sumN += w * eru * Normal.Cdf(dm) * du;
                        sumD += w * equ * Normal.Cdf(dp) * du;
                    }
                    else
                    {
                        sumN += w * eru * Normal.Pdf(dm) * sqrtTau / sigma;
                        sumD += w * equ * ((Normal.Pdf(dp) * sqrtTau / sigma) + (Normal.Cdf(dp) * du));
                    }
                }

                numerator += r * sumN;
                denominator += q * sumD;
                double lnNew = (-carry * tau) + Math.Log(numerator / denominator) - lnX;
                // The boundary lies below X; clamp a wild early iterate rather than let it escape.
                lnNew = double.IsFinite(lnNew) ? Math.Min(lnNew, 0.0) : logBoundary[i];
                next[i] = lnNew;
                change = Math.Max(change, Math.Abs(lnNew - logBoundary[i]));
            }

            iterations = iteration + 1;
            if (change <= Tolerance)
            {
                next.CopyTo(logBoundary);
                break;
            }

            next.CopyTo(logBoundary);
        }

        return lnX;
    }

    /// <summary>
    /// Early-exercise premium of the unit-strike option and its first three derivatives in the
    /// moneyness x = S/K (order &lt; 1 skips the derivatives). <paramref name="omega"/> is +1 for a call
    /// (boundary ln B(u) = −(ln X′ + solved)) and −1 for a put (ln B(u) = ln X + solved).
    /// </summary>
    public static void Premium(
        double omega, double x, double r, double q, double sigma, double t,
        ReadOnlySpan<double> logBoundary, double lnX, bool derivatives,
        out double premium, out double d1, out double d2, out double d3)
    {
        Span<double> h = stackalloc double[Points];
        for (int j = 0; j < Points; j++)
        {
            h[j] = logBoundary[j] * logBoundary[j];
        }

        Span<double> atNodes = stackalloc double[PremiumNodes];
        Interpolate(PremiumInterpolation, h, atNodes);
        double lnx = Math.Log(x);
        double carry = r - q;
        double halfVar = 0.5 * sigma * sigma;
        double p0 = 0.0;
        double p1 = 0.0;
        double p2 = 0.0;
        double p3 = 0.0;
        for (int m = 0; m < PremiumNodes; m++)
        {
            double u = t * PremiumFraction[m];
            double s = t - u;
            if (!(s > 0.0))
            {
                continue;
            }

            double lnPutB = lnX - Math.Sqrt(Math.Max(atNodes[m], 0.0));
            double lnB = omega > 0.0 ? -lnPutB : lnPutB;
            double sqrtS = Math.Sqrt(s);
            double sigmaSqrtS = sigma * sqrtS;
            double dp = (lnx - lnB + ((carry + halfVar) * s)) / sigmaSqrtS;
            double dm = dp - sigmaSqrtS;
            double qDisc = Math.Exp(-q * s);
            double rDisc = Math.Exp(-r * s);
            double weight = PremiumWeight[m];
            p0 += weight * omega * ((q * x * qDisc * Normal.Cdf(omega * dp)) - (r * rDisc * Normal.Cdf(omega * dm)));
            if (derivatives)
            {
                double wInv = 1.0 / sigmaSqrtS;
                double g = qDisc * Normal.Pdf(dp) * wInv;
                double c = q - (r * Math.Exp(-lnB));
                double a = q - (c * dp * wInv);
                p1 += weight * ((omega * q * qDisc * Normal.Cdf(omega * dp)) + (c * g));
                p2 += weight * g * a;
                p3 -= weight * g * ((a * ((dp * wInv) + 1.0)) + (c * wInv * wInv));
            }
        }

        premium = t * p0;
        d1 = t * p1;
        d2 = t * p2 / x;
        d3 = t * p3 / (x * x);
    }

    /// <summary>ln of the unit-strike exercise boundary at τ = T for the given right.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LogBoundaryAtMaturity(double omega, ReadOnlySpan<double> logBoundary, double lnX)
    {
        double lnPutB = lnX + logBoundary[Intervals];
        return omega > 0.0 ? -lnPutB : lnPutB;
    }

    /// <summary>Bjerksund–Stensland (1993) boundary as the starting iterate, via the put–call symmetry.</summary>
    private static void InitialGuess(double r, double q, double sigma, double t, double lnX, Span<double> logBoundary)
    {
        // Call with rate r′ = q, yield q′ = r, carry b′ = q − r (unit strike); put boundary = 1 / call boundary.
        double variance = sigma * sigma;
        double bc = q - r;
        double ratio = (bc / variance) - 0.5;
        double beta = -ratio + Math.Sqrt((ratio * ratio) + (2.0 * q / variance));
        double infinite = beta / (beta - 1.0);
        double start = Math.Max(1.0, q / r);
        logBoundary[0] = 0.0;
        for (int i = 1; i <= Intervals; i++)
        {
            double tau = t * CollocationFraction[i];
            double guess;
            if (double.IsFinite(infinite) && infinite > start)
            {
                double hTau = -((bc * tau) + (2.0 * sigma * Math.Sqrt(tau))) * start / (infinite - start);
                double callBoundary = start + ((infinite - start) * (1.0 - Math.Exp(hTau)));
                guess = -Math.Log(callBoundary) - lnX;
            }
            else
            {
                guess = -sigma * Math.Sqrt(tau);
            }

            logBoundary[i] = double.IsFinite(guess) ? Math.Min(guess, 0.0) : -sigma * Math.Sqrt(tau);
        }
    }

    /// <summary>values[k] = Σ_j table[k, j] · h[j].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Interpolate(ReadOnlySpan<double> table, ReadOnlySpan<double> h, Span<double> values)
    {
        for (int k = 0; k < values.Length; k++)
        {
            ReadOnlySpan<double> row = table.Slice(k * Points, Points);
            double sum = 0.0;
            for (int j = 0; j < Points; j++)
            {
                sum += row[j] * h[j];
            }

            values[k] = sum;
        }
    }

    /// <summary>τ_i / T = (1 + z_i)²/4 at the Chebyshev–Lobatto nodes z_i = −cos(iπ/n).</summary>
    private static double[] BuildCollocationFraction()
    {
        var fraction = new double[Points];
        for (int i = 0; i <= Intervals; i++)
        {
            double z = -Math.Cos(i * Math.PI / Intervals);
            fraction[i] = 0.25 * (1.0 + z) * (1.0 + z);
        }

        fraction[0] = 0.0;
        fraction[Intervals] = 1.0;
        return fraction;
    }

    /// <summary>
    /// Weights of the node values in the Chebyshev interpolant at ξ: p(ξ) = Σ″_k a_k T_k(ξ) with
    /// a_k = (2/n) Σ″_j h_j T_k(z_j) (″: first and last terms halved), z_j = −cos(jπ/n).
    /// </summary>
    private static void ChebyshevWeights(double xi, Span<double> weights)
    {
        double theta = Math.Acos(Math.Clamp(xi, -1.0, 1.0));
        for (int j = 0; j <= Intervals; j++)
        {
            double sum = 0.0;
            for (int k = 0; k <= Intervals; k++)
            {
                // T_k(z_j) = cos(k(π − jπ/n)) since z_j = cos(π − jπ/n).
                double term = Math.Cos(k * (Math.PI - (j * Math.PI / Intervals))) * Math.Cos(k * theta);
                sum += (k == 0 || k == Intervals) ? 0.5 * term : term;
            }

            double endWeight = (j == 0 || j == Intervals) ? 0.5 : 1.0;
            weights[j] = 2.0 / Intervals * endWeight * sum;
        }
    }

    /// <summary>Gauss–Legendre nodes and weights on [−1, 1] (Newton on P_n from the Tricomi start).</summary>
    private static (double[] Nodes, double[] Weights) GaussLegendre(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0.0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                double p0 = 1.0;
                double p1 = x;
                for (int k = 2; k <= n; k++)
                {
                    double p2 = (((2.0 * k) - 1.0) * x * p1 - ((k - 1.0) * p0)) / k;
                    p0 = p1;
                    p1 = p2;
                }

                derivative = n * ((x * p1) - p0) / ((x * x) - 1.0);
                double step = p1 / derivative;
                x -= step;
                if (Math.Abs(step) < 1e-16)
                {
                    break;
                }
            }

            nodes[n - 1 - i] = x;
            weights[n - 1 - i] = 2.0 / ((1.0 - (x * x)) * derivative * derivative);
        }

        return (nodes, weights);
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TomKing.Greeks;

/// <summary>
/// The early-exercise boundary of an American put with unit strike, and the early-exercise premium
/// integral built on it. Our own implementation of the method of Andersen, Lake and Offengenden,
/// "High-performance American option pricing" (J. Comp. Finance, 2016), with a full Newton solve of the
/// collocation equations instead of their fixed-point sweeps.
/// </summary>
/// <remarks>
/// <para>Equation. The put boundary b(τ) (τ = time to expiry, strike 1) satisfies the smooth-pasting form
/// of Kim's integral equation, ALO's "FP-B": b = e^(−(r−q)τ) N/D with
/// N = φ(d₋(τ, b))/(σ√τ) + r∫₀^τ e^(ru) φ(d₋(τ−u, b(τ)/b(u)))/(σ√(τ−u)) du and
/// D = φ(d₊(τ, b))/(σ√τ) + Φ(d₊(τ, b)) + q∫₀^τ e^(qu) [φ(d₊)/(σ√(τ−u)) + Φ(d₊)] du. With
/// φ(d₋(s, z)) = z e^((r−q)s) φ(d₊(s, z)) this is g = ln D − ln N̂ = 0, N̂ = φ(d₊(τ, b))/(σ√τ) +
/// r∫ e^(qu) φ(d₊)/(σ√(τ−u)) / b(u) du, so each quadrature point needs one exp for e^(−d₊²/2) (shared by
/// φ and Φ, the latter by the Mills-ratio polynomial of <see cref="Normal"/>) and one for 1/b(u).</para>
/// <para>Discretization. As in ALO, H(ξ) = (ln(b/X))², X = b(0⁺) = min(1, r/q), is a Chebyshev
/// interpolant in ξ = 2√(τ/T) − 1 through <see cref="Intervals"/> + 1 Chebyshev–Lobatto nodes. Unlike ALO
/// the integrals over u ∈ [0, τ] use u = τ sin²θ: then √u = √τ sin θ (the argument of the interpolant)
/// and √(τ − u) = √τ cos θ are both analytic in θ and du/√(τ − u) = 2√τ sin θ dθ, so the integrand has
/// no end-point singularity at either end and <see cref="BoundaryNodes"/> Gauss–Legendre nodes in θ
/// suffice (ALO's τ − u = τ(1 + y)²/4 leaves √u ∝ √(1 − y) at u → 0, which needed 48 nodes). The premium
/// integral uses the same substitution over [0, T] with <see cref="PremiumNodes"/> nodes. All
/// quadrature points sit at fixed fractions of T, so the interpolation weights are one table per process.</para>
/// <para>Solver. Newton's method on the n equations g_i = 0 in ln b(τ_i), with the exact Jacobian of the
/// discretized system: the direct dependence on b(τ_i) plus, by the chain rule through the interpolant,
/// the dependence of every b(u) on every node (∂ln b(u)/∂ln b_j = W_j(u)·|ln(b_j/X)|/√H(u)). Jacobi-only
/// Newton (ALO's variant, diagonal only) converges linearly here because b(u) near u = τ_i moves with
/// b(τ_i); the full Jacobian costs one small matrix product and a 12 × 12 elimination per iteration and
/// converges quadratically. A step that increases the residual is halved (backtracking). Start: the
/// short-maturity asymptotics (ln(b/X) ≈ −σ√(τ ln(σ²/(8πτ(r−q)²))) for r &gt; q, −σ√(2τ ln(σ²/(8πτr²)))
/// for r ≈ q, −0.639σ√τ for q &gt; r) combined with the Bjerksund–Stensland (1993) boundary; about 3
/// Newton iterations on typical equity and futures options. Stops when the step is below
/// <see cref="Tolerance"/> or the quadratic-convergence estimate of the remaining error Δ_k³/Δ_(k−1)² is
/// below 1e-13. A warm start from a nearby solved boundary (bumped σ or r, implied-volatility iterates)
/// usually needs 1–2 iterations.</para>
/// <para>The inner loops run on <see cref="Vector256{T}"/> lanes (quadrature counts are multiples of 4).
/// Calls use the put–call symmetry C(S, K, r, q) = P(K, S, q, r): the call boundary with strike K is
/// K / b′(τ), where b′ is the unit put boundary with r and q exchanged.</para>
/// </remarks>
internal static class ExerciseBoundary
{
    /// <summary>Chebyshev intervals n: the boundary is known at n + 1 nodes, node 0 being expiry.</summary>
    public const int Intervals = 12;

    /// <summary>Boundary values per solve.</summary>
    public const int Points = Intervals + 1;

    /// <summary>Gauss–Legendre nodes (in θ) of each boundary integral; a multiple of 4.</summary>
    public const int BoundaryNodes = 12;

    /// <summary>Gauss–Legendre nodes (in θ) of the premium integral; a multiple of 4.</summary>
    public const int PremiumNodes = 32;

    /// <summary>Newton step (in ln b, i.e. relative) below which the iteration stops.</summary>
    public const double Tolerance = 1e-7;

    /// <summary>Iteration cap (backtracking steps included).</summary>
    public const int MaxIterations = 40;

    /// <summary>Remaining-error estimate Δ_k³/Δ_(k−1)² below which the iteration stops.</summary>
    private const double PredictedError = 1e-13;

    private const int Lanes = 4;

    private static readonly double[] CollocationFraction = BuildCollocationFraction();
    private static readonly double[] QuadSin;
    private static readonly double[] QuadCos;
    private static readonly double[] QuadWeight;

    /// <summary>[(i − 1)·Points + j]·BoundaryNodes + k: weight of node j in H at quadrature point k of node i.</summary>
    private static readonly double[] BoundaryInterpolation;
    private static readonly double[] PremiumCos;

    /// <summary>Premium weights with du/T = 2 sin θ cos θ dθ included.</summary>
    private static readonly double[] PremiumWeight;

    /// <summary>j·PremiumNodes + k: weight of node j in H at premium point k.</summary>
    private static readonly double[] PremiumInterpolation;

#pragma warning disable CA1810 // the tables depend on each other; one static constructor keeps the order explicit
    static ExerciseBoundary()
#pragma warning restore CA1810
    {
        Span<double> weights = stackalloc double[Points];
        (QuadSin, QuadCos, QuadWeight) = SineSquaredRule(BoundaryNodes);
        BoundaryInterpolation = new double[Intervals * Points * BoundaryNodes];
        for (int i = 1; i <= Intervals; i++)
        {
            double sqrtFraction = Math.Sqrt(CollocationFraction[i]);
            for (int k = 0; k < BoundaryNodes; k++)
            {
                // u = τ_i sin²θ ⇒ √(u/T) = √(τ_i/T) sin θ.
                ChebyshevWeights((2.0 * sqrtFraction * QuadSin[k]) - 1.0, weights);
                for (int j = 0; j < Points; j++)
                {
                    BoundaryInterpolation[(((((i - 1) * Points) + j) * BoundaryNodes) + k)] = weights[j];
                }
            }
        }

        (double[] sin, PremiumCos, double[] w) = SineSquaredRule(PremiumNodes);
        PremiumWeight = new double[PremiumNodes];
        PremiumInterpolation = new double[Points * PremiumNodes];
        for (int k = 0; k < PremiumNodes; k++)
        {
            PremiumWeight[k] = 2.0 * w[k] * sin[k] * PremiumCos[k];
            ChebyshevWeights((2.0 * sin[k]) - 1.0, weights);
            for (int j = 0; j < Points; j++)
            {
                PremiumInterpolation[(j * PremiumNodes) + k] = weights[j];
            }
        }
    }

    /// <summary>
    /// Solves the unit-strike put boundary for rate <paramref name="r"/> &gt; 0, yield <paramref name="q"/>.
    /// Writes ln b(τ_j) − ln X to <paramref name="logBoundary"/> (≤ 0; j = 0 is expiry, j = n is τ = T)
    /// and returns ln X.
    /// </summary>
    public static double SolvePut(double r, double q, double sigma, double t, Span<double> logBoundary)
        => SolvePut(r, q, sigma, t, logBoundary, seedVolatility: 0.0, out _);

    /// <summary>As <see cref="SolvePut(double, double, double, double, Span{double})"/>, reporting the iterations used.</summary>
    public static double SolvePut(double r, double q, double sigma, double t, Span<double> logBoundary, out int iterations)
        => SolvePut(r, q, sigma, t, logBoundary, seedVolatility: 0.0, out iterations);

    /// <summary>
    /// As <see cref="SolvePut(double, double, double, double, Span{double})"/>. With <paramref name="seedVolatility"/>
    /// &gt; 0 the iteration starts from the boundary already in <paramref name="logBoundary"/>, solved for the
    /// same expiry at that volatility (when it holds a solved one: its last value is negative), scaled by
    /// σ/σ_seed (ln(b/X) is close to proportional to σ); otherwise from the asymptotic/Bjerksund–Stensland guess.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // numerical kernels: fully optimized from the first call
    public static double SolvePut(double r, double q, double sigma, double t, Span<double> logBoundary, double seedVolatility, out int iterations)
    {
        const int n = Intervals;
        const int l = BoundaryNodes;
        const int size = n * l;
        iterations = 0;
        double lnX = q > r ? Math.Log(r / q) : 0.0;
        double invX = Math.Exp(-lnX);
        if (!(seedVolatility > 0.0) || !(logBoundary[n] < 0.0))
        {
            InitialGuess(r, q, sigma, t, lnX, logBoundary);
        }
        else if (seedVolatility != sigma)
        {
            double scale = sigma / seedVolatility;
            for (int j = 1; j <= n; j++)
            {
                logBoundary[j] *= scale;
            }
        }

        // Per-solve constants at every quadrature point of every node.
        Span<double> coefPhi = stackalloc double[size];   // e^(qu) · weight · 2√τ sin θ / σ   (∫ … φ/(σ√s) du)
        Span<double> coefCdf = stackalloc double[size];   // e^(qu) · weight · 2τ sin θ cos θ  (∫ … Φ du)
        Span<double> inverse = stackalloc double[size];   // 1/(σ√s), s = τ − u
        Span<double> drift = stackalloc double[size];     // (r − q + σ²/2) s
        double halfVar = 0.5 * sigma * sigma;
        double carry = r - q;
        var vq = Vector256.Create(q);
        var vTwo = Vector256.Create(2.0);
        for (int i = 1; i <= n; i++)
        {
            double tau = t * CollocationFraction[i];
            double sqrtTau = Math.Sqrt(tau);
            var vTau = Vector256.Create(tau);
            for (int k = 0; k < l; k += Lanes)
            {
                int at = ((i - 1) * l) + k;
                var sin = Vector256.Create(QuadSin.AsSpan(k, Lanes));
                var cos = Vector256.Create(QuadCos.AsSpan(k, Lanes));
                var w = Vector256.Create(QuadWeight.AsSpan(k, Lanes));
                var equW = Vector256.Exp(vq * vTau * sin * sin) * w * vTwo * sin;
                (equW * Vector256.Create(sqrtTau / sigma)).CopyTo(coefPhi[at..]);
                (equW * vTau * cos).CopyTo(coefCdf[at..]);
                (Vector256<double>.One / (Vector256.Create(sigma * sqrtTau) * cos)).CopyTo(inverse[at..]);
                (Vector256.Create((carry + halfVar) * tau) * cos * cos).CopyTo(drift[at..]);
            }
        }

        Span<double> h = stackalloc double[Points];
        Span<double> rootH = stackalloc double[size];     // √H(u) = ln X − ln b(u)
        Span<double> invB = stackalloc double[size];      // 1/b(u)
        Span<double> dPlus = stackalloc double[size];     // d₊(τ − u, b(τ)/b(u))
        Span<double> expHalf = stackalloc double[size];   // e^(−d₊²/2)
        Span<double> cdf = stackalloc double[size];       // Φ(d₊)
        Span<double> chainD = stackalloc double[l];
        Span<double> chainN = stackalloc double[l];
        Span<double> jacobian = stackalloc double[n * n];
        Span<double> residual = stackalloc double[n];
        Span<double> previous = stackalloc double[Points];
        Span<double> lastStep = stackalloc double[Points];
        double previousNorm = double.PositiveInfinity;
        double previousChange = 0.0;
        int halvings = 0;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            for (int j = 0; j < Points; j++)
            {
                h[j] = logBoundary[j] * logBoundary[j];
            }

            PointValues(logBoundary, h, invX, inverse, drift, rootH, invB, dPlus, expHalf, cdf);
            double norm = 0.0;
            for (int i = 1; i <= n; i++)
            {
                norm = Math.Max(norm, Math.Abs(Equation(i, r, q, sigma, t, lnX, logBoundary, coefPhi, coefCdf, inverse, rootH, invB, dPlus, expHalf, cdf, chainD, chainN, jacobian, residual)));
            }

            iterations = iteration + 1;
            if (iteration > 0 && !(norm <= previousNorm) && halvings < 6)
            {
                // The last step made the residual worse (or not finite): go back half-way along it.
                halvings++;
                for (int j = 1; j <= n; j++)
                {
                    lastStep[j] *= 0.5;
                    logBoundary[j] = previous[j] + lastStep[j];
                }

                continue;
            }

            halvings = 0;
            previousNorm = norm;
            logBoundary[..Points].CopyTo(previous);
            double change = NewtonUpdate(jacobian, residual, logBoundary);
            for (int j = 1; j <= n; j++)
            {
                lastStep[j] = logBoundary[j] - previous[j];
            }

            // Quadratic convergence: the error left after this step is about Δ_k³ / Δ_(k−1)².
            if (change <= Tolerance || (change < 1e-3 && change * change * change <= PredictedError * previousChange * previousChange))
            {
                break;
            }

            previousChange = change;
        }

        return lnX;
    }

    /// <summary>
    /// At every quadrature point of every node: √H(u) = ln X − ln b(u), 1/b(u), d₊(τ_i − u, b(τ_i)/b(u)),
    /// e^(−d₊²/2) and Φ(d₊). Short flat loops over independent points, so that the out-of-order core
    /// overlaps the long latencies of the vector exponentials.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PointValues(
        ReadOnlySpan<double> logBoundary, ReadOnlySpan<double> h, double invX, ReadOnlySpan<double> inverse, ReadOnlySpan<double> drift,
        Span<double> rootH, Span<double> invB, Span<double> dPlus, Span<double> expHalf, Span<double> cdf)
    {
        const int l = BoundaryNodes;
        const int size = Intervals * l;
        ReadOnlySpan<double> table = BoundaryInterpolation;
        for (int i = 1; i <= Intervals; i++)
        {
            int tableRow = (i - 1) * Points * l;
            var own = Vector256.Create(logBoundary[i]);
            for (int k = 0; k < l; k += Lanes)
            {
                // Two partial sums halve the dependent FMA chain.
                var even = Vector256<double>.Zero;
                var odd = Vector256<double>.Zero;
                for (int j = 0; j + 1 < Points; j += 2)
                {
                    even = Vector256.FusedMultiplyAdd(Vector256.Create(table.Slice(tableRow + (j * l) + k, Lanes)), Vector256.Create(h[j]), even);
                    odd = Vector256.FusedMultiplyAdd(Vector256.Create(table.Slice(tableRow + ((j + 1) * l) + k, Lanes)), Vector256.Create(h[j + 1]), odd);
                }

                if ((Points & 1) == 1)
                {
                    even = Vector256.FusedMultiplyAdd(Vector256.Create(table.Slice(tableRow + ((Points - 1) * l) + k, Lanes)), Vector256.Create(h[Points - 1]), even);
                }

                int at = ((i - 1) * l) + k;
                var root = Vector256.Sqrt(Vector256.Max(even + odd, Vector256<double>.Zero));
                root.CopyTo(rootH[at..]);
                ((own + root + Vector256.Create(drift.Slice(at, Lanes))) * Vector256.Create(inverse.Slice(at, Lanes))).CopyTo(dPlus[at..]);
            }
        }

        var vInvX = Vector256.Create(invX);
        var minusHalf = Vector256.Create(-0.5);
        for (int at = 0; at < size; at += Lanes)
        {
            (vInvX * Vector256.Exp(Vector256.Create(rootH.Slice(at, Lanes)))).CopyTo(invB[at..]);
            var d = Vector256.Create(dPlus.Slice(at, Lanes));
            Vector256.Exp(minusHalf * d * d).CopyTo(expHalf[at..]);
        }

        for (int at = 0; at < size; at += Lanes)
        {
            CdfFromExp(Vector256.Create(dPlus.Slice(at, Lanes)), Vector256.Create(expHalf.Slice(at, Lanes))).CopyTo(cdf[at..]);
        }
    }

    /// <summary>
    /// Residual g_i = ln D − ln N̂ at node i (returned and stored in residual[i − 1]) and row i − 1 of its
    /// Jacobian in ln b_1 … ln b_n.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Equation(
        int i, double r, double q, double sigma, double t, double lnX, ReadOnlySpan<double> logBoundary,
        ReadOnlySpan<double> coefPhi, ReadOnlySpan<double> coefCdf, ReadOnlySpan<double> inverse,
        ReadOnlySpan<double> rootH, ReadOnlySpan<double> invB, ReadOnlySpan<double> dPlus, ReadOnlySpan<double> expHalf, ReadOnlySpan<double> cdf,
        Span<double> chainD, Span<double> chainN, Span<double> jacobian, Span<double> residual)
    {
        const int n = Intervals;
        const int l = BoundaryNodes;
        double tau = t * CollocationFraction[i];
        double sigmaSqrtTau = sigma * Math.Sqrt(tau);
        double own = logBoundary[i];
        double d0 = (lnX + own + ((r - q + (0.5 * sigma * sigma)) * tau)) / sigmaSqrtTau;
        double phi0 = Normal.Pdf(d0);
        double cdf0 = Normal.Cdf(d0);
        double inv0 = 1.0 / sigmaSqrtTau;
        ReadOnlySpan<double> table = BoundaryInterpolation.AsSpan((i - 1) * Points * l, Points * l);

        var sum1 = Vector256<double>.Zero; // Σ a φ / b(u)
        var sum2 = Vector256<double>.Zero; // Σ a d φ inv / b(u)
        var sum3 = Vector256<double>.Zero; // Σ a φ
        var sum4 = Vector256<double>.Zero; // Σ a d φ inv
        var sum5 = Vector256<double>.Zero; // Σ c Φ
        var sum6 = Vector256<double>.Zero; // Σ c φ inv
        var tiny = Vector256.Create(1e-300);
        for (int k = 0; k < l; k += Lanes)
        {
            int at = ((i - 1) * l) + k;
            var root = Vector256.Create(rootH.Slice(at, Lanes));
            var invBu = Vector256.Create(invB.Slice(at, Lanes));
            var iv = Vector256.Create(inverse.Slice(at, Lanes));
            var d = Vector256.Create(dPlus.Slice(at, Lanes));
            var phi = Vector256.Create(expHalf.Slice(at, Lanes)) * Vector256.Create(Normal.InvSqrt2Pi);
            var a = Vector256.Create(coefPhi.Slice(at, Lanes));
            var c = Vector256.Create(coefCdf.Slice(at, Lanes));
            var aphi = a * phi;
            var dphiInv = aphi * d * iv;
            sum1 += aphi * invBu;
            sum2 += dphiInv * invBu;
            sum3 += aphi;
            sum4 += dphiInv;
            sum5 += c * Vector256.Create(cdf.Slice(at, Lanes));
            sum6 += c * phi * iv;

            // ∂(integrand)/∂ln b(u), per √H(u), for the chain rule ∂ln b(u)/∂ln b_j = W_j |lb_j| / √H(u).
            var perRoot = Vector256.ConditionalSelect(Vector256.GreaterThan(root, tiny), Vector256<double>.One / root, Vector256<double>.Zero);
            (perRoot * phi * iv * ((a * d) - c)).CopyTo(chainD[k..]);
            (perRoot * aphi * invBu * ((d * iv) - Vector256<double>.One)).CopyTo(chainN[k..]);
        }

        double nHat = (phi0 * inv0) + (r * Vector256.Sum(sum1));
        double dd = (phi0 * inv0) + cdf0 + (q * Vector256.Sum(sum3)) + (q * Vector256.Sum(sum5));
        double nHatPrime = (-d0 * phi0 * inv0 * inv0) - (r * Vector256.Sum(sum2));
        double ddPrime = (-d0 * phi0 * inv0 * inv0) + (phi0 * inv0) - (q * Vector256.Sum(sum4)) + (q * Vector256.Sum(sum6));
        double g = Math.Log(dd / nHat);
        residual[i - 1] = g;

        var qOverD = Vector256.Create(q / dd);
        var rOverN = Vector256.Create(r / nHat);
        for (int k = 0; k < l; k += Lanes)
        {
            ((qOverD * Vector256.Create(chainD.Slice(k, Lanes))) - (rOverN * Vector256.Create(chainN.Slice(k, Lanes)))).CopyTo(chainD[k..]);
        }

        Span<double> row = jacobian.Slice((i - 1) * n, n);
        for (int j = 1; j <= n; j++)
        {
            var dot = Vector256<double>.Zero;
            for (int k = 0; k < l; k += Lanes)
            {
                dot = Vector256.FusedMultiplyAdd(Vector256.Create(chainD.Slice(k, Lanes)), Vector256.Create(table.Slice((j * l) + k, Lanes)), dot);
            }

            row[j - 1] = -logBoundary[j] * Vector256.Sum(dot);
        }

        row[i - 1] += (ddPrime / dd) - (nHatPrime / nHat);
        return g;
    }

    /// <summary>
    /// Solves J Δ = −g (Gaussian elimination with partial pivoting; J is overwritten), applies Δ to the
    /// boundary (the plain fixed-point step −g instead when J is singular or Δ is not finite or above 0.5
    /// in ln b), keeping every node at or below X. Returns max |Δ|.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double NewtonUpdate(Span<double> jacobian, ReadOnlySpan<double> residual, Span<double> logBoundary)
    {
        const int n = Intervals;
        Span<double> step = stackalloc double[n];
        residual.CopyTo(step);
        bool ok = true;
        for (int col = 0; col < n && ok; col++)
        {
            int pivot = col;
            double best = Math.Abs(jacobian[(col * n) + col]);
            for (int row = col + 1; row < n; row++)
            {
                double v = Math.Abs(jacobian[(row * n) + col]);
                if (v > best)
                {
                    best = v;
                    pivot = row;
                }
            }

            if (!(best > 1e-300))
            {
                ok = false;
                break;
            }

            if (pivot != col)
            {
                for (int j = 0; j < n; j++)
                {
                    (jacobian[(col * n) + j], jacobian[(pivot * n) + j]) = (jacobian[(pivot * n) + j], jacobian[(col * n) + j]);
                }

                (step[col], step[pivot]) = (step[pivot], step[col]);
            }

            double diagonal = jacobian[(col * n) + col];
            for (int row = col + 1; row < n; row++)
            {
                double factor = jacobian[(row * n) + col] / diagonal;
                if (factor != 0.0)
                {
                    for (int j = col + 1; j < n; j++)
                    {
                        jacobian[(row * n) + j] -= factor * jacobian[(col * n) + j];
                    }

                    step[row] -= factor * step[col];
                }
            }
        }

        if (ok)
        {
            for (int row = n - 1; row >= 0; row--)
            {
                double sum = step[row];
                for (int j = row + 1; j < n; j++)
                {
                    sum -= jacobian[(row * n) + j] * step[j];
                }

                step[row] = sum / jacobian[(row * n) + row];
            }

            for (int j = 0; j < n; j++)
            {
                ok &= double.IsFinite(step[j]) && Math.Abs(step[j]) < 0.5;
            }
        }

        if (!ok)
        {
            residual.CopyTo(step);
        }

        double change = 0.0;
        for (int j = 0; j < n; j++)
        {
            double next = logBoundary[j + 1] - step[j];
            next = double.IsFinite(next) ? Math.Min(next, 0.0) : logBoundary[j + 1];
            change = Math.Max(change, Math.Abs(next - logBoundary[j + 1]));
            logBoundary[j + 1] = next;
        }

        return change;
    }

    /// <summary>Φ(d) from e = exp(−d²/2), by the Mills-ratio polynomial of <see cref="Normal.UpperTail"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> CdfFromExp(Vector256<double> d, Vector256<double> e)
    {
        var x = Vector256.Abs(d);
        var c = Vector256.Create(Normal.TailC);
        var y = c / (c + x);
        var t = Vector256.FusedMultiplyAdd(y, Vector256.Create(Normal.TailTScale), Vector256.Create(-Normal.TailTShift));
        ReadOnlySpan<double> coefficients = Normal.TailCoefficients;
        var t2 = t * t;
        var even = Vector256.Create(coefficients[0]);
        var odd = Vector256.Create(coefficients[1]);
        for (int i = 2; i < coefficients.Length - 1; i += 2)
        {
            even = Vector256.FusedMultiplyAdd(even, t2, Vector256.Create(coefficients[i]));
            odd = Vector256.FusedMultiplyAdd(odd, t2, Vector256.Create(coefficients[i + 1]));
        }

        even = Vector256.FusedMultiplyAdd(even, t2, Vector256.Create(coefficients[^1]));
        var mills = Vector256.FusedMultiplyAdd(odd, t, even);
        var tail = e * Vector256.Create(Normal.InvSqrt2Pi) * mills / (x + Vector256<double>.One);
        tail = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256.Create(Normal.TailXMax)), Vector256<double>.Zero, tail);
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(d, Vector256<double>.Zero), tail, Vector256<double>.One - tail);
    }

    /// <summary>
    /// Early-exercise premium of the unit-strike option and its first three derivatives in the
    /// moneyness x = S/K (<paramref name="derivatives"/> false skips them). <paramref name="omega"/> is +1 for a
    /// call (boundary ln B(u) = −(ln X′ + solved)) and −1 for a put (ln B(u) = ln X + solved).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Premium(
        double omega, double x, double r, double q, double sigma, double t,
        ReadOnlySpan<double> logBoundary, double lnX, bool derivatives,
        out double premium, out double d1, out double d2, out double d3)
    {
        const int m = PremiumNodes;
        Span<double> h = stackalloc double[Points];
        for (int j = 0; j < Points; j++)
        {
            h[j] = logBoundary[j] * logBoundary[j];
        }

        double lnx = Math.Log(x);
        var vOmega = Vector256.Create(omega);
        var vLnX = Vector256.Create(lnX);
        var vLnx = Vector256.Create(lnx);
        var vT = Vector256.Create(t);
        var vSigmaSqrtT = Vector256.Create(sigma * Math.Sqrt(t));
        var vMu = Vector256.Create(r - q + (0.5 * sigma * sigma));
        var vq = Vector256.Create(q);
        var vr = Vector256.Create(r);
        var vqx = Vector256.Create(q * x);
        var minusHalf = Vector256.Create(-0.5);
        var p0 = Vector256<double>.Zero;
        var p1 = Vector256<double>.Zero;
        var p2 = Vector256<double>.Zero;
        var p3 = Vector256<double>.Zero;
        for (int k = 0; k < m; k += Lanes)
        {
            var hk = Vector256<double>.Zero;
            for (int j = 0; j < Points; j++)
            {
                hk = Vector256.FusedMultiplyAdd(Vector256.Create(PremiumInterpolation.AsSpan((j * m) + k, Lanes)), Vector256.Create(h[j]), hk);
            }

            var lnPutB = vLnX - Vector256.Sqrt(Vector256.Max(hk, Vector256<double>.Zero));
            var lnB = omega > 0.0 ? -lnPutB : lnPutB;
            var cos = Vector256.Create(PremiumCos.AsSpan(k, Lanes));
            var s = vT * cos * cos;
            var sigmaSqrtS = vSigmaSqrtT * cos;
            var dp = (vLnx - lnB + (vMu * s)) / sigmaSqrtS;
            var dm = dp - sigmaSqrtS;
            var qDisc = Vector256.Exp(-vq * s);
            var rDisc = Vector256.Exp(-vr * s);
            var ep = Vector256.Exp(minusHalf * dp * dp);
            var em = Vector256.Exp(minusHalf * dm * dm);
            var cdfP = CdfFromExp(vOmega * dp, ep);
            var cdfM = CdfFromExp(vOmega * dm, em);
            var weight = Vector256.Create(PremiumWeight.AsSpan(k, Lanes));
            p0 += weight * vOmega * ((vqx * qDisc * cdfP) - (vr * rDisc * cdfM));
            if (derivatives)
            {
                var wInv = Vector256<double>.One / sigmaSqrtS;
                var g = qDisc * ep * Vector256.Create(Normal.InvSqrt2Pi) * wInv;
                var c = vq - (vr * Vector256.Exp(-lnB));
                var a = vq - (c * dp * wInv);
                p1 += weight * ((vOmega * vq * qDisc * cdfP) + (c * g));
                p2 += weight * g * a;
                p3 -= weight * g * ((a * ((dp * wInv) + Vector256<double>.One)) + (c * wInv * wInv));
            }
        }

        premium = t * Vector256.Sum(p0);
        d1 = t * Vector256.Sum(p1);
        d2 = t * Vector256.Sum(p2) / x;
        d3 = t * Vector256.Sum(p3) / (x * x);
    }

    /// <summary>ln of the unit-strike exercise boundary at τ = T for the given right.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LogBoundaryAtMaturity(double omega, ReadOnlySpan<double> logBoundary, double lnX)
    {
        double lnPutB = lnX + logBoundary[Intervals];
        return omega > 0.0 ? -lnPutB : lnPutB;
    }

    /// <summary>
    /// Starting iterate: the Bjerksund–Stensland (1993) boundary (via the put–call symmetry), replaced by
    /// the short-maturity asymptotics where those lie further from X (r ≥ q), or by −0.639 σ√τ (q &gt; r,
    /// where the boundary starts at X = r/q with a plain √τ law).
    /// </summary>
    private static void InitialGuess(double r, double q, double sigma, double t, double lnX, Span<double> logBoundary)
    {
        // Call with rate r′ = q, yield q′ = r, carry b′ = q − r (unit strike); put boundary = 1 / call boundary.
        double variance = sigma * sigma;
        double bc = q - r;
        double ratio = (bc / variance) - 0.5;
        double beta = -ratio + Math.Sqrt((ratio * ratio) + (2.0 * q / variance));
        double infinite = beta / (beta - 1.0);
        double start = Math.Max(1.0, q / r);
        double gap = r - q;
        logBoundary[0] = 0.0;
        for (int i = 1; i <= Intervals; i++)
        {
            double tau = t * CollocationFraction[i];
            double root = sigma * Math.Sqrt(tau);
            double guess;
            if (double.IsFinite(infinite) && infinite > start)
            {
                double hTau = -((bc * tau) + (2.0 * root)) * start / (infinite - start);
                double callBoundary = start + ((infinite - start) * (1.0 - Math.Exp(hTau)));
                guess = -Math.Log(callBoundary) - lnX;
            }
            else
            {
                guess = -root;
            }

            guess = double.IsFinite(guess) ? Math.Min(guess, 0.0) : -root;
            if (gap > 1e-3)
            {
                guess = Math.Min(guess, -root * Math.Sqrt(Math.Max(Math.Log(variance / (8.0 * Math.PI * tau * gap * gap)), 0.0)));
            }
            else if (gap >= -1e-3)
            {
                guess = Math.Min(guess, -root * Math.Sqrt(2.0 * Math.Max(Math.Log(variance / (8.0 * Math.PI * tau * r * r)), 0.0)));
            }
            else
            {
                guess = -0.6388 * root;
            }

            logBoundary[i] = guess;
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

    /// <summary>Gauss–Legendre rule in θ ∈ [0, π/2]: sin θ_k, cos θ_k and weights (dθ included).</summary>
    private static (double[] Sin, double[] Cos, double[] Weight) SineSquaredRule(int count)
    {
        (double[] y, double[] w) = GaussLegendre(count);
        var sin = new double[count];
        var cos = new double[count];
        var weight = new double[count];
        for (int k = 0; k < count; k++)
        {
            double theta = 0.25 * Math.PI * (1.0 + y[k]);
            sin[k] = Math.Sin(theta);
            cos[k] = Math.Cos(theta);
            weight[k] = 0.25 * Math.PI * w[k];
        }

        return (sin, cos, weight);
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

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TomKing.Greeks;

/// <summary>
/// The generalized Black-Scholes kernel (Haug's cost-of-carry form) shared by Black-Scholes-Merton
/// (carry b = r − q) and Black-76 (b = 0, the underlying is a forward). One place for the formulas
/// keeps the two models consistent and makes every Greek testable once.
/// </summary>
internal static class BlackKernel
{
    // Price, Evaluate and EvaluateFirstOrder are not inlined into their callers on purpose. The JIT's
    // inlining budget is proportional to the size of the method it compiles, so inlined into a small
    // caller (a loop over a chain) the kernel ran out of it: the Mills polynomial, the vector exp and
    // even the result's constructor stayed calls, with every live register spilled around each one.
    // As their own compilation roots they get everything inlined, for the price of one call.
    //
    // Each first builds the terms on the fast path, which has no call in it (calls clobber every
    // vector register, so the register allocator would spill and reload around them even where they
    // never run): the exp, ln and Mills ratio without their out-of-range fallbacks. Only at the end,
    // if an argument was out of their range (NaN, a ln argument that is not a positive normal number,
    // an exp argument beyond ±708, a |d| beyond 38.5 standard deviations), it starts over on the
    // careful path, which has the fallbacks; for every other input the two paths give identical
    // results.

    /// <summary>Price only.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Price(OptionRight right, double s, double k, double t, double r, double b, double sigma)
    {
        if (!(t > 0.0) || !(sigma > 0.0))
        {
            return IntrinsicPrice(right, s, k, t, r, b);
        }

        var terms = new Terms(right, s, k, t, r, b, sigma, careful: false);
        double price = terms.Sign * (terms.SpotTerm - terms.StrikeTerm);
        return terms.InRange ? price : PriceCarefully(right, s, k, t, r, b, sigma);
    }

    /// <summary>Price and every Greek. <paramref name="rhoHoldsCarrySpread"/> is true for BSM (q fixed
    /// while r moves, so b moves with r) and false for Black-76 (the forward is fixed while r moves).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static OptionGreeks Evaluate(OptionRight right, double s, double k, double t, double r, double b, double sigma, bool rhoHoldsCarrySpread)
    {
        if (!(t > 0.0) || !(sigma > 0.0))
        {
            return AtZeroTimeOrVolatility(right, s, k, t, r, b);
        }

        var terms = new Terms(right, s, k, t, r, b, sigma, careful: false);
        OptionGreeks greeks = AllGreeks(in terms, t, r, b, sigma, rhoHoldsCarrySpread);
        return terms.InRange ? greeks : EvaluateCarefully(right, s, k, t, r, b, sigma, rhoHoldsCarrySpread);
    }

    /// <summary>Black-Scholes-Merton price with delta, gamma, vega, theta, rho and dividend rho: the
    /// same expressions as <see cref="Evaluate"/> (so the same values, bit for bit) without the
    /// second-order vanna, charm and vomma.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static FirstOrderGreeks EvaluateFirstOrder(OptionRight right, double s, double k, double t, double r, double q, double sigma)
    {
        double b = r - q;
        if (!(t > 0.0) || !(sigma > 0.0))
        {
            OptionGreeks atZero = AtZeroTimeOrVolatility(right, s, k, t, r, b);
            return new FirstOrderGreeks(atZero.Price, atZero.Delta, 0.0, 0.0, 0.0, 0.0, 0.0);
        }

        var terms = new Terms(right, s, k, t, r, b, sigma, careful: false);
        FirstOrderGreeks greeks = FirstOrder(in terms, t, r, b, sigma);
        return terms.InRange ? greeks : EvaluateFirstOrderCarefully(right, s, k, t, r, b, sigma);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double PriceCarefully(OptionRight right, double s, double k, double t, double r, double b, double sigma)
    {
        var terms = new Terms(right, s, k, t, r, b, sigma, careful: true);
        return terms.Sign * (terms.SpotTerm - terms.StrikeTerm);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static OptionGreeks EvaluateCarefully(OptionRight right, double s, double k, double t, double r, double b, double sigma, bool rhoHoldsCarrySpread)
    {
        var terms = new Terms(right, s, k, t, r, b, sigma, careful: true);
        return AllGreeks(in terms, t, r, b, sigma, rhoHoldsCarrySpread);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static FirstOrderGreeks EvaluateFirstOrderCarefully(OptionRight right, double s, double k, double t, double r, double b, double sigma)
    {
        var terms = new Terms(right, s, k, t, r, b, sigma, careful: true);
        return FirstOrder(in terms, t, r, b, sigma);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static OptionGreeks AllGreeks(in Terms terms, double t, double r, double b, double sigma, bool rhoHoldsCarrySpread)
    {
        double sign = terms.Sign;
        double density = terms.Density;
        double spotTerm = terms.SpotTerm;
        double strikeTerm = terms.StrikeTerm;
        double d1 = terms.D1;
        double d2 = terms.D2;

        // Reciprocals instead of divisions: 1/(σ√T) and 1/S are known, and from them 1/σ = √T/(σ√T),
        // 1/√T = σ/(σ√T) and 1/T = (1/√T)².
        double invSigmaSqrtT = terms.InvSigmaSqrtT;
        double invSigma = terms.SqrtT * invSigmaSqrtT;
        double invSqrtT = sigma * invSigmaSqrtT;
        double invS = terms.InvS;

        // e^((b−r)T)·φ(d1) = density/S: the density per unit of spot, in gamma, vanna and charm.
        double densityPerSpot = density * invS;
        FirstOrderTerms(in terms, r, b, sigma, out double price, out double delta, out double gamma, out double vega, out double theta);
        double rho = rhoHoldsCarrySpread ? sign * t * strikeTerm : -t * price;
        double vanna = -densityPerSpot * d2 * invSigma;
        double charm = -((densityPerSpot * ((b * invSigmaSqrtT) - (0.5 * d2 * invSqrtT * invSqrtT))) + (sign * (b - r) * spotTerm * invS));
        double vomma = vega * d1 * d2 * invSigma;
        return new OptionGreeks(price, delta, gamma, vega, theta, rho, vanna, charm, vomma);
    }

    /// <summary>Price, delta, gamma, vega and theta: the expressions <see cref="AllGreeks"/> and
    /// <see cref="FirstOrder"/> share, written once so <c>Evaluate</c> and <c>EvaluateFirstOrder</c> agree
    /// bit for bit (inlined into both).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FirstOrderTerms(in Terms terms, double r, double b, double sigma, out double price, out double delta, out double gamma, out double vega, out double theta)
    {
        double sign = terms.Sign;
        double density = terms.Density;
        double spotTerm = terms.SpotTerm;
        double strikeTerm = terms.StrikeTerm;
        double invSigmaSqrtT = terms.InvSigmaSqrtT;
        double invS = terms.InvS;
        double densityPerSpot = density * invS;
        price = sign * (spotTerm - strikeTerm);
        delta = sign * spotTerm * invS;
        gamma = densityPerSpot * invS * invSigmaSqrtT;
        vega = density * terms.SqrtT;
        theta = (-0.5 * density * sigma * (sigma * invSigmaSqrtT))
            - (sign * (b - r) * spotTerm)
            - (sign * r * strikeTerm);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FirstOrderGreeks FirstOrder(in Terms terms, double t, double r, double b, double sigma)
    {
        double sign = terms.Sign;
        double spotTerm = terms.SpotTerm;
        FirstOrderTerms(in terms, r, b, sigma, out double price, out double delta, out double gamma, out double vega, out double theta);
        double rho = sign * t * terms.StrikeTerm;

        // ∂V/∂q: the discounted spot S' = S·e^(−qT) is the only place q enters besides d1 and d2, whose
        // contributions cancel (S'φ(d1) = K'φ(d2)), so it is −T·(the spot term of the price).
        double dividendRho = -(sign * t * spotTerm);
        return new FirstOrderGreeks(price, delta, gamma, vega, theta, rho, dividendRho);
    }

    /// <summary>
    /// The pieces price and Greeks are made of, with one exponential for both normal densities.
    /// </summary>
    /// <remarks>
    /// With F = S e^(bT), discounted spot S' = S e^((b−r)T) and discounted strike K' = K e^(−rT), the
    /// identity S'·φ(d1) = K'·φ(d2) holds exactly (it is what makes the Black formula's vega a single
    /// term). So one density D = S'φ(d1) = K'φ(d2) serves both terms, and each cumulative
    /// probability is written through the Mills ratio M(z) = Φ(−z)/φ(z), z ≥ 0:
    /// S'Φ(−|d1|) = D·M(|d1|) and K'Φ(−|d2|) = D·M(|d2|); the other side of each is S' − that (or
    /// K' − that). One exp instead of three (the density and the two tails each had one), and the
    /// price's two terms share D's rounding, so it cancels in their difference instead of adding up.
    /// D is taken from whichever of d1, d2 is smaller in magnitude (d1 + d2 ≤ 0 means |d1| ≤ |d2|),
    /// so it underflows only when both densities do. The sides are chosen with CopySign, not
    /// branches: whether an option is in or out of the money is data, and a mispredicted branch costs
    /// as much as an exp.
    /// <para>The d1 side and the d2 side run as the two lanes of 128-bit vectors (1/(σ√T) with 1/S,
    /// the Mills ratios, the discounted values and the terms), and the three exponentials (carry
    /// discount, discount, density) are one 4-lane <see cref="ExpLog.Exp(Vector256{double})"/>: fewer
    /// instructions per option, which is what limits a loop over a chain (the out-of-order core overlaps
    /// consecutive options only as far as its queues hold them). Every lane does the arithmetic the
    /// scalar expression did, in the same order, so the batch kernel still mirrors this one.</para>
    /// </remarks>
    private readonly ref struct Terms
    {
        /// <summary>+1 for a call, −1 for a put.</summary>
        public readonly double Sign;

        /// <summary>√T.</summary>
        public readonly double SqrtT;

        /// <summary>1/(σ√T).</summary>
        public readonly double InvSigmaSqrtT;

        /// <summary>1/S.</summary>
        public readonly double InvS;

        /// <summary>d1 and d2.</summary>
        public readonly double D1;

        /// <summary>d2 = d1 − σ√T.</summary>
        public readonly double D2;

        /// <summary>D = S'φ(d1) = K'φ(d2).</summary>
        public readonly double Density;

        /// <summary>S'·Φ(sign·d1).</summary>
        public readonly double SpotTerm;

        /// <summary>K'·Φ(sign·d2).</summary>
        public readonly double StrikeTerm;

        /// <summary>False when the fast path met an argument outside its functions' range and the
        /// values are to be recomputed carefully (always true on the careful path).</summary>
        public readonly bool InRange;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Terms(OptionRight right, double s, double k, double t, double r, double b, double sigma, bool careful)
        {
            // Call = 0, Put = 1: the sign without a branch.
            Sign = 1.0 - (2.0 * (int)right);
            // √T as a packed square root of (T, 0): the JIT emits the scalar sqrtsd with its destination
            // as the source of the upper lane, a register last written by whatever ran before (often
            // the previous call's last result), which chains consecutive evaluations together.
            SqrtT = Vector128.Sqrt(Vector128.CreateScalar(t)).ToScalar();
            double sigmaSqrtT = sigma * SqrtT;
            Vector128<double> inverses = Vector128<double>.One / Vector128.Create(sigmaSqrtT, s);
            InvSigmaSqrtT = inverses.GetElement(0);
            InvS = inverses.GetElement(1);
            double moneyness = s / k;
            double logMoneyness = careful ? ExpLog.Log(moneyness) : ExpLog.LogInRange(moneyness);
            D1 = (logMoneyness + ((b + (0.5 * sigma * sigma)) * t)) * InvSigmaSqrtT;
            D2 = D1 - sigmaSqrtT;

            // Both Mills ratios in one 2-lane evaluation, at |d1| and |d2|.
            Vector128<double> d = Vector128.Create(D1, D2);
            Vector128<double> absD = Vector128.Abs(d);
            Vector128<double> mills = careful ? Normal.MillsRatio(absD) : Normal.MillsRatioInRange(absD);

            // |d1| ≤ |d2| exactly when F ≤ K, i.e. when S' ≤ K': min picks the matching pair without a
            // branch (exp(−d²/2) depends on |d| only). d² is split exactly (FMA) so exp(−d²/2) keeps
            // full relative precision for large |d|.
            double dMin = double.MinNative(absD.GetElement(0), absD.GetElement(1));
            double dMinSquared = dMin * dMin;
            double dMinSquaredError = Math.FusedMultiplyAdd(dMin, dMin, -dMinSquared);
            Vector256<double> expArguments = Vector256.Create((b - r) * t, -r * t, -0.5 * dMinSquared, 0.0);
            Vector256<double> exps = careful ? ExpLog.Exp(expArguments) : ExpLog.ExpInRange(expArguments);
            InRange = careful
                || (ExpLog.IsLogInRange(moneyness)
                    & !Vector128.GreaterThanOrEqualAny(absD, Vector128.Create(Normal.TailXMax))
                    & ExpLog.IsExpInRange(expArguments));
            Vector128<double> values = Vector128.Create(s, k) * exps.GetLower();
            double expMinusHalfSquare = exps.GetElement(2) * (1.0 - (0.5 * dMinSquaredError));
            Density = double.MinNative(values.GetElement(0), values.GetElement(1)) * Normal.InvSqrt2Pi * expMinusHalfSquare;

            // With z = sign·d: the lower tail value·Φ(−|z|) = D·M(|z|) when z < 0, value − that when
            // z ≥ 0. value/2 + copysign(value/2, z) is value or 0 (exactly), and the tail enters with
            // the opposite sign of z.
            Vector128<double> z = d * Sign;
            Vector128<double> half = values * 0.5;
            Vector128<double> terms = half + Vector128.CopySign(half, z) - Vector128.CopySign(mills * Density, z);
            SpotTerm = terms.GetElement(0);
            StrikeTerm = terms.GetElement(1);
        }
    }

    private static double IntrinsicPrice(OptionRight right, double s, double k, double t, double r, double b)
    {
        double tt = Math.Max(t, 0.0);
        double forwardValue = s * Math.Exp((b - r) * tt);
        double strikeValue = k * Math.Exp(-r * tt);
        return right == OptionRight.Call
            ? Math.Max(forwardValue - strikeValue, 0.0)
            : Math.Max(strikeValue - forwardValue, 0.0);
    }

    private static OptionGreeks AtZeroTimeOrVolatility(OptionRight right, double s, double k, double t, double r, double b)
    {
        // With no time value left the option is its (discounted, forward) intrinsic value: a step in S.
        double price = IntrinsicPrice(right, s, k, t, r, b);
        double tt = Math.Max(t, 0.0);
        double carryDiscount = Math.Exp((b - r) * tt);
        double forward = s * Math.Exp(b * tt);
        bool inTheMoney = right == OptionRight.Call ? forward > k : forward < k;
        double delta = inTheMoney ? (right == OptionRight.Call ? carryDiscount : -carryDiscount) : 0.0;
        return new OptionGreeks(price, delta, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    }
}

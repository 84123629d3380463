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
    /// <summary>Price only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Price(OptionRight right, double s, double k, double t, double r, double b, double sigma)
    {
        if (!(t > 0.0) || !(sigma > 0.0))
        {
            return IntrinsicPrice(right, s, k, t, r, b);
        }

        var terms = new Terms(right, s, k, t, r, b, sigma);
        return terms.Sign * (terms.SpotTerm - terms.StrikeTerm);
    }

    /// <summary>Price and every Greek. <paramref name="rhoHoldsCarrySpread"/> is true for BSM (q fixed
    /// while r moves, so b moves with r) and false for Black-76 (the forward is fixed while r moves).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OptionGreeks Evaluate(OptionRight right, double s, double k, double t, double r, double b, double sigma, bool rhoHoldsCarrySpread)
    {
        if (!(t > 0.0) || !(sigma > 0.0))
        {
            return AtZeroTimeOrVolatility(right, s, k, t, r, b);
        }

        var terms = new Terms(right, s, k, t, r, b, sigma);
        double sign = terms.Sign;
        double density = terms.Density;
        double spotTerm = terms.SpotTerm;
        double strikeTerm = terms.StrikeTerm;
        double d1 = terms.D1;
        double d2 = terms.D2;

        // Reciprocals instead of divisions: 1/(σ√T) is already known, and from it 1/σ = √T/(σ√T),
        // 1/√T = σ/(σ√T) and 1/T = (1/√T)². With 1/S that is two divisions for the whole set.
        double invSigmaSqrtT = terms.InvSigmaSqrtT;
        double invSigma = terms.SqrtT * invSigmaSqrtT;
        double invSqrtT = sigma * invSigmaSqrtT;
        double invS = 1.0 / s;

        // e^((b−r)T)·φ(d1) = density/S: the density per unit of spot, in gamma, vanna and charm.
        double densityPerSpot = density * invS;
        double price = sign * (spotTerm - strikeTerm);
        double delta = sign * spotTerm * invS;
        double gamma = densityPerSpot * invS * invSigmaSqrtT;
        double vega = density * terms.SqrtT;
        double theta = (-0.5 * density * sigma * invSqrtT)
            - (sign * (b - r) * spotTerm)
            - (sign * r * strikeTerm);
        double rho = rhoHoldsCarrySpread ? sign * t * strikeTerm : -t * price;
        double vanna = -densityPerSpot * d2 * invSigma;
        double charm = -((densityPerSpot * ((b * invSigmaSqrtT) - (0.5 * d2 * invSqrtT * invSqrtT))) + (sign * (b - r) * spotTerm * invS));
        double vomma = vega * d1 * d2 * invSigma;
        return new OptionGreeks(price, delta, gamma, vega, theta, rho, vanna, charm, vomma);
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
    /// so it underflows only when both densities do. The sides are chosen with CopySign and Max, not
    /// branches: whether an option is in or out of the money is data, and a mispredicted branch costs
    /// as much as an exp.
    /// </remarks>
    private readonly ref struct Terms
    {
        /// <summary>+1 for a call, −1 for a put.</summary>
        public readonly double Sign;

        /// <summary>√T.</summary>
        public readonly double SqrtT;

        /// <summary>1/(σ√T).</summary>
        public readonly double InvSigmaSqrtT;

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

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Terms(OptionRight right, double s, double k, double t, double r, double b, double sigma)
        {
            // Call = 0, Put = 1: the sign without a branch.
            Sign = 1.0 - (2.0 * (int)right);
            SqrtT = Math.Sqrt(t);
            double sigmaSqrtT = sigma * SqrtT;
            InvSigmaSqrtT = 1.0 / sigmaSqrtT;

            // Discount and carry discount in one 2-lane vector exp, issued before the log they do not
            // depend on.
            Vector128<double> discounts = Vector128.Exp(Vector128.Create(-r * t, (b - r) * t));
            D1 = (Math.Log(s / k) + ((b + (0.5 * sigma * sigma)) * t)) * InvSigmaSqrtT;
            D2 = D1 - sigmaSqrtT;

            // Both Mills ratios in one 2-lane evaluation, at |z| = |d| for z = sign·d; they need only d1
            // and d2, so they run while the density's exp does.
            double absD1 = Math.Abs(D1);
            double absD2 = Math.Abs(D2);
            Vector128<double> mills = Normal.MillsRatio(Vector128.Create(absD1, absD2));

            // |d1| ≤ |d2| exactly when F ≤ K, i.e. when S' ≤ K': min picks the matching pair without a
            // branch (exp(−d²/2) depends on |d| only).
            double strikeValue = k * discounts.GetElement(0);
            double spotValue = s * discounts.GetElement(1);
            double dMin = Math.Min(absD1, absD2);
            double dMinSquared = dMin * dMin;
            double dMinSquaredError = Math.FusedMultiplyAdd(dMin, dMin, -dMinSquared);
            double expMinusHalfSquare = Math.Exp(-0.5 * dMinSquared) * (1.0 - (0.5 * dMinSquaredError));
            Density = Math.Min(spotValue, strikeValue) * Normal.InvSqrt2Pi * expMinusHalfSquare;

            // The lower tail value·Φ(−|z|) = D·M(|z|); for z > 0 it is value − that.
            Vector128<double> tails = Density * mills;
            double tail1 = tails.GetElement(0);
            double tail2 = tails.GetElement(1);
            double z1 = Sign * D1;
            double z2 = Sign * D2;
            SpotTerm = UpperSide(z1, spotValue) + Math.CopySign(tail1, -z1);
            StrikeTerm = UpperSide(z2, strikeValue) + Math.CopySign(tail2, -z2);
        }

        /// <summary>value when z ≥ 0, else 0, without a branch: max(copysign(1, z), 0) is 1 or 0.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double UpperSide(double z, double value) => Math.Max(Math.CopySign(1.0, z), 0.0) * value;
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

using System.Runtime.CompilerServices;

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

        double sqrtT = Math.Sqrt(t);
        double sigmaSqrtT = sigma * sqrtT;
        double d1 = (Math.Log(s / k) + ((b + (0.5 * sigma * sigma)) * t)) / sigmaSqrtT;
        double d2 = d1 - sigmaSqrtT;
        double carryDiscount = Math.Exp((b - r) * t);
        double discount = Math.Exp(-r * t);
        return right == OptionRight.Call
            ? (s * carryDiscount * Normal.Cdf(d1)) - (k * discount * Normal.Cdf(d2))
            : (k * discount * Normal.Cdf(-d2)) - (s * carryDiscount * Normal.Cdf(-d1));
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

        double sqrtT = Math.Sqrt(t);
        double sigmaSqrtT = sigma * sqrtT;
        double d1 = (Math.Log(s / k) + ((b + (0.5 * sigma * sigma)) * t)) / sigmaSqrtT;
        double d2 = d1 - sigmaSqrtT;
        double carryDiscount = Math.Exp((b - r) * t);
        double discount = Math.Exp(-r * t);
        double pdf1 = Normal.Pdf(d1);
        double sFactor = s * carryDiscount;
        double kFactor = k * discount;

        bool call = right == OptionRight.Call;
        double cdf1 = Normal.Cdf(call ? d1 : -d1);
        double cdf2 = Normal.Cdf(call ? d2 : -d2);
        double sign = call ? 1.0 : -1.0;

        double price = sign * ((sFactor * cdf1) - (kFactor * cdf2));
        double delta = sign * carryDiscount * cdf1;
        double gamma = carryDiscount * pdf1 / (s * sigmaSqrtT);
        double vega = sFactor * pdf1 * sqrtT;
        double theta = (-sFactor * pdf1 * sigma / (2.0 * sqrtT))
            - (sign * (b - r) * sFactor * cdf1)
            - (sign * r * kFactor * cdf2);
        double rho = rhoHoldsCarrySpread ? sign * t * kFactor * cdf2 : -t * price;
        double vanna = -carryDiscount * pdf1 * d2 / sigma;
        double charmCommon = pdf1 * ((b / sigmaSqrtT) - (d2 / (2.0 * t)));
        double charm = -carryDiscount * (charmCommon + (sign * (b - r) * cdf1));
        double vomma = vega * d1 * d2 / sigma;
        return new OptionGreeks(price, delta, gamma, vega, theta, rho, vanna, charm, vomma);
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

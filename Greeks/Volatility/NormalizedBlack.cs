using System.Runtime.CompilerServices;

namespace TomKing.Greeks;

/// <summary>
/// The normalized Black call b(x, s) = e^(x/2) Φ(x/s + s/2) − e^(−x/2) Φ(x/s − s/2), with
/// x = ln(F/K) and s = σ√T, the undiscounted call price divided by √(FK). Everything the
/// implied-volatility solver needs, with the derivatives in s in closed form:
/// ∂b/∂s = φ-term v(s) = exp(−½(x²/s² + s²/4)) / √(2π), b''/b' = x²/s³ − s/4,
/// b'''/b' = (x²/s³ − s/4)² − 3x²/s⁴ − 1/4.
/// </summary>
internal static class NormalizedBlack
{
    /// <summary>Out-of-the-money call (x ≤ 0) value, computed as a difference of two tails.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double OtmCall(double x, double s, double halfExpX, double halfExpMinusX)
    {
        double h = x / s;
        double t = 0.5 * s;
        // Both d1 = h + t and d2 = h − t are ≤ 0 whenever s² ≤ 2|x|; above that d1 may be positive.
        return (halfExpX * Normal.Cdf(h + t)) - (halfExpMinusX * Normal.Cdf(h - t));
    }

    /// <summary>Distance of the OTM call value to its supremum e^(x/2): e^(x/2) Φ(−d1) + e^(−x/2) Φ(d2),
    /// a sum of positives with no cancellation (used when the price is close to the maximum).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double DistanceToMaximum(double x, double s, double halfExpX, double halfExpMinusX)
    {
        double h = x / s;
        double t = 0.5 * s;
        return (halfExpX * Normal.Cdf(-(h + t))) + (halfExpMinusX * Normal.Cdf(h - t));
    }

    /// <summary>Normalized vega ∂b/∂s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Vega(double x, double s)
    {
        double h = x / s;
        double t = 0.5 * s;
        return Normal.InvSqrt2Pi * Math.Exp(-0.5 * ((h * h) + (t * t)));
    }
}

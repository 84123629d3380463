using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
    /// <summary>ln(1/√(2π)).</summary>
    public const double LogInvSqrt2Pi = -0.91893853320467274178032973640562;

    /// <summary>ln of the normalized vega: −½(h² + t²) − ½ ln 2π, no exponential.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LogVega(double x, double s)
    {
        double h = x / s;
        double t = 0.5 * s;
        return LogVegaOf(h, t);
    }

    /// <summary><see cref="LogVega(double, double)"/> from h = x/s and t = s/2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LogVegaOf(double h, double t) => LogInvSqrt2Pi - (0.5 * ((h * h) + (t * t)));

    /// <summary>
    /// Below the inflection point (x ≤ 0, s ≤ √(2|x|), so d1, d2 ≤ 0): b = v·(M(−d1) − M(−d2)) with the
    /// Mills ratio M, because e^(x/2)φ(d1) = e^(−x/2)φ(d2) = v. Returns the bracket M(−d1) − M(−d2);
    /// b = v × it, and (∂b/∂s)/b = 1/it. Each M is well-conditioned, so this is more accurate than the
    /// difference of two Φ values and needs no exponential.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LowerBracket(double x, double s)
    {
        double h = x / s;
        double t = 0.5 * s;
        return LowerBracketOf(h, t);
    }

    /// <summary><see cref="LowerBracket(double, double)"/> from h = x/s and t = s/2; both Mills ratios
    /// in one 2-lane evaluation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LowerBracketOf(double h, double t)
    {
        Vector128<double> m = Normal.MillsRatio(Vector128.Create(-(h + t), t - h));
        return m.GetElement(0) - m.GetElement(1);
    }

    /// <summary>
    /// Above the inflection point (x ≤ 0, s ≥ √(2|x|), so d1 ≥ 0 ≥ d2): the distance to the supremum
    /// u = e^(x/2) − b = v·(M(d1) + M(−d2)), a sum of positives. Returns the bracket M(d1) + M(−d2).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double UpperBracket(double x, double s)
    {
        double h = x / s;
        double t = 0.5 * s;
        return UpperBracketOf(h, t);
    }

    /// <summary><see cref="UpperBracket(double, double)"/> from h = x/s and t = s/2; both Mills ratios
    /// in one 2-lane evaluation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double UpperBracketOf(double h, double t)
    {
        Vector128<double> m = Normal.MillsRatio(Vector128.Create(h + t, t - h));
        return m.GetElement(0) + m.GetElement(1);
    }
}

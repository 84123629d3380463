namespace TomKing.Greeks.Tests.Core;

/// <summary>
/// How precisely a double-precision Black formula can represent a price at all. The formula is the
/// difference F·Φ(d1) − K·Φ(d2) of two terms, each carrying relative rounding ~ε(1 + d²) (Φ amplifies
/// the rounding of d by |d|), so its absolute noise is about ε(1 + d²)(F·Φ(d1) + K·Φ(d2)). A round trip
/// can be held to 1e-12 only where that noise is far below 1e-12 of the price; everywhere else the
/// tests hold it to a small multiple of the bound and count the points.
/// </summary>
internal static class BlackRoundingBound
{
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>Relative rounding noise of an undiscounted Black price on a forward.</summary>
    public static double RelativeNoise(OptionRight right, double forward, double strike, double stdDev)
    {
        double d1 = (Math.Log(forward / strike) / stdDev) + (0.5 * stdDev);
        double d2 = d1 - stdDev;
        double sign = right == OptionRight.Call ? 1.0 : -1.0;
        double a = forward * Normal.Cdf(sign * d1);
        double b = strike * Normal.Cdf(sign * d2);
        double price = Math.Abs(a - b);
        double amplification = 1.0 + Math.Max(d1 * d1, d2 * d2);
        return price > 0 ? 8.0 * Epsilon * amplification * (a + b) / price : double.PositiveInfinity;
    }

    /// <summary>The tolerance a round trip is held to: 1e-12, or 20× the formula's own noise where larger.</summary>
    public static double Tolerance(OptionRight right, double forward, double strike, double stdDev, out bool relaxed)
    {
        double noise = RelativeNoise(right, forward, strike, stdDev);
        relaxed = noise > 1e-13;
        return relaxed ? Math.Max(1e-12, 20.0 * noise) : 1e-12;
    }
}

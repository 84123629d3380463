namespace TomKing.Greeks;

/// <summary>A continuously compounded zero-rate curve: the rate (and discount factor) to a horizon.</summary>
public interface IRateCurve
{
    /// <summary>Continuously compounded zero rate to <paramref name="years"/>.</summary>
    double ZeroRate(double years);

    /// <summary>Present value of 1 paid at <paramref name="years"/>.</summary>
    double DiscountFactor(double years);
}

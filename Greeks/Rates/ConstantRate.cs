namespace TomKing.Greeks;

/// <summary>The same continuously compounded rate at every horizon.</summary>
/// <param name="Rate">Continuously compounded annual rate (0.05 = 5 %).</param>
public sealed record ConstantRate(double Rate) : IRateCurve
{
    /// <inheritdoc />
    public double ZeroRate(double years) => Rate;

    /// <inheritdoc />
    public double DiscountFactor(double years) => Math.Exp(-Rate * years);
}

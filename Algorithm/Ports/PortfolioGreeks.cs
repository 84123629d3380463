namespace TomKing.Algorithm.Ports;

/// <summary>
/// Portfolio Greeks beta-weighted to SPY and expressed in SPY-share equivalents, the units of the P-7
/// limits (|delta| ≤ 50…150, |gamma| ≤ 10…30 by phase).
/// </summary>
/// <param name="Delta">SPY shares of equivalent exposure.</param>
/// <param name="Gamma">Change of <see cref="Delta"/> per 1.00 move of SPY.</param>
/// <param name="ThetaPerDay">USD per calendar day.</param>
/// <param name="Vega">USD per 1 volatility point.</param>
public readonly record struct PortfolioGreeks(double Delta, double Gamma, double ThetaPerDay, double Vega)
{
    /// <summary>Adds two exposures (a position's Greeks to a portfolio's).</summary>
    public static PortfolioGreeks operator +(PortfolioGreeks a, PortfolioGreeks b) =>
        new(a.Delta + b.Delta, a.Gamma + b.Gamma, a.ThetaPerDay + b.ThetaPerDay, a.Vega + b.Vega);

    /// <summary>Named alternative to <c>+</c> (CA2225).</summary>
    public static PortfolioGreeks Add(PortfolioGreeks a, PortfolioGreeks b) => a + b;
}

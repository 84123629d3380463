namespace TomKing.Greeks;

/// <summary>
/// Black-Scholes-Merton for European options on a spot underlying with a continuous dividend yield
/// (index options such as SPX/SPXW, and the European approximation of equity options).
/// </summary>
public static class BlackScholesMerton
{
    /// <summary>Option value.</summary>
    /// <param name="right">Call or put.</param>
    /// <param name="spot">Underlying price.</param>
    /// <param name="strike">Strike.</param>
    /// <param name="years">Time to expiry in years (see <see cref="ExpiryTime"/>).</param>
    /// <param name="rate">Continuously compounded risk-free rate.</param>
    /// <param name="dividendYield">Continuous dividend yield.</param>
    /// <param name="volatility">Annualized volatility.</param>
    public static double Price(OptionRight right, double spot, double strike, double years, double rate, double dividendYield, double volatility)
        => BlackKernel.Price(right, spot, strike, years, rate, rate - dividendYield, volatility);

    /// <summary>Price and all first- and second-order Greeks in one pass (delta and gamma per unit of spot).</summary>
    public static OptionGreeks Evaluate(OptionRight right, double spot, double strike, double years, double rate, double dividendYield, double volatility)
        => BlackKernel.Evaluate(right, spot, strike, years, rate, rate - dividendYield, volatility, rhoHoldsCarrySpread: true);

    /// <summary>
    /// Price with delta, gamma, vega, theta, rho and dividend rho: what a strategy needs on most
    /// quotes, and the set QuantLib's <c>BlackCalculator</c> gives. The values equal
    /// <see cref="Evaluate"/>'s (same kernel, same expressions); this skips the second-order vanna, charm
    /// and vomma and adds the dividend rho ∂V/∂q.
    /// </summary>
    /// <param name="right">Call or put.</param>
    /// <param name="spot">Underlying price.</param>
    /// <param name="strike">Strike.</param>
    /// <param name="years">Time to expiry in years (see <see cref="ExpiryTime"/>).</param>
    /// <param name="rate">Continuously compounded risk-free rate.</param>
    /// <param name="dividendYield">Continuous dividend yield.</param>
    /// <param name="volatility">Annualized volatility.</param>
    public static FirstOrderGreeks EvaluateFirstOrder(OptionRight right, double spot, double strike, double years, double rate, double dividendYield, double volatility)
        => BlackKernel.EvaluateFirstOrder(right, spot, strike, years, rate, dividendYield, volatility);
}

namespace TomKing.Greeks;

/// <summary>
/// A Black-Scholes-Merton price with the sensitivities a strategy reads on every quote: delta and
/// gamma (the hedge and its convexity), vega, theta, rho and dividend rho. The same outputs as
/// QuantLib's <c>BlackCalculator</c> (value, delta, gamma, vega, theta, rho, dividendRho); see
/// <see cref="OptionGreeks"/> for the full set with vanna, charm and vomma. Units as in
/// <see cref="OptionGreeks"/>: delta and gamma per unit of spot, vega per unit of volatility, theta per
/// year of calendar time (see <see cref="ThetaPerDay"/>), rho and dividend rho per unit of rate.
/// </summary>
/// <param name="Price">Present value of one unit of the option.</param>
/// <param name="Delta">∂V/∂S.</param>
/// <param name="Gamma">∂²V/∂S².</param>
/// <param name="Vega">∂V/∂σ.</param>
/// <param name="Theta">∂V/∂t: the value change per year as time passes.</param>
/// <param name="Rho">∂V/∂r with the dividend yield held fixed.</param>
/// <param name="DividendRho">∂V/∂q, the sensitivity to the continuous dividend yield (also called phi).</param>
public readonly record struct FirstOrderGreeks(
    double Price,
    double Delta,
    double Gamma,
    double Vega,
    double Theta,
    double Rho,
    double DividendRho)
{
    /// <summary>Theta per calendar day (<see cref="OptionGreeks.DaysPerYear"/> days per year).</summary>
    public double ThetaPerDay => Theta / OptionGreeks.DaysPerYear;
}

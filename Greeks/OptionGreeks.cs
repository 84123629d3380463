namespace TomKing.Greeks;

/// <summary>
/// A price with its sensitivities. Units: delta per unit of the underlying (spot for
/// Black-Scholes-Merton, the futures price for Black-76); vega and vomma per unit of volatility
/// (1.00 = 100 vol points); theta and charm per year of calendar time (see <see cref="ThetaPerDay"/>);
/// rho per unit of rate.
/// </summary>
/// <param name="Price">Present value of one unit of the option.</param>
/// <param name="Delta">∂V/∂S.</param>
/// <param name="Gamma">∂²V/∂S².</param>
/// <param name="Vega">∂V/∂σ.</param>
/// <param name="Theta">∂V/∂t: the value change per year as time passes (negative for a long option, usually).</param>
/// <param name="Rho">∂V/∂r.</param>
/// <param name="Vanna">∂²V/∂S∂σ.</param>
/// <param name="Charm">∂Δ/∂t per year as time passes.</param>
/// <param name="Vomma">∂²V/∂σ².</param>
public readonly record struct OptionGreeks(
    double Price,
    double Delta,
    double Gamma,
    double Vega,
    double Theta,
    double Rho,
    double Vanna,
    double Charm,
    double Vomma)
{
    /// <summary>Calendar days per year used for per-day theta (the market convention for options).</summary>
    public const double DaysPerYear = 365.0;

    /// <summary>Theta per calendar day.</summary>
    public double ThetaPerDay => Theta / DaysPerYear;

    /// <summary>Charm per calendar day.</summary>
    public double CharmPerDay => Charm / DaysPerYear;
}

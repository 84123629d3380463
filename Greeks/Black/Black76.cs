namespace TomKing.Greeks;

/// <summary>
/// Black-76 for European options on a forward or futures price (and for index options priced off
/// the parity-implied forward). Delta and gamma are per unit of the forward; rho holds the forward
/// fixed, so it is −T × price.
/// </summary>
public static class Black76
{
    /// <summary>Option value: e^(−rT) times the undiscounted Black value.</summary>
    public static double Price(OptionRight right, double forward, double strike, double years, double rate, double volatility)
        => BlackKernel.Price(right, forward, strike, years, rate, 0.0, volatility);

    /// <summary>Price and all first- and second-order Greeks in one pass.</summary>
    public static OptionGreeks Evaluate(OptionRight right, double forward, double strike, double years, double rate, double volatility)
        => BlackKernel.Evaluate(right, forward, strike, years, rate, 0.0, volatility, rhoHoldsCarrySpread: false);
}

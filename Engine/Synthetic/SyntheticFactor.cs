namespace TomKing.Engine.Synthetic;

/// <summary>
/// One random driver of the synthetic market (an index, a commodity, a rate, a currency). SPX is the
/// root driver; every other factor is correlated with its <see cref="Parent"/> (SPX or a closer
/// relative: silver with gold, soybeans with corn), which gives a realistic correlation matrix from a
/// handful of numbers. Volatility rises with VIX by <see cref="VixElasticity"/> and also wanders on
/// its own, so each product has its own implied-volatility rank history.
/// </summary>
/// <param name="Name">Factor name (the ticker of the product it mainly drives).</param>
/// <param name="Parent">The factor this one is correlated with; null only for the root driver (SPX).</param>
/// <param name="CorrelationToParent">Correlation of this factor's returns with its parent's (−1..1).</param>
/// <param name="StartLevel">Level on the first generated (warm-up) day.</param>
/// <param name="BaseVolatility">30-day ATM implied volatility when VIX is at its long-run level.</param>
/// <param name="VixElasticity">Exponent on VIX / long-run VIX in the volatility (1 for equity indices, small for commodities).</param>
/// <param name="DriftPerYear">Expected log-return per year.</param>
public sealed record SyntheticFactor(
    string Name,
    string? Parent,
    double CorrelationToParent,
    double StartLevel,
    double BaseVolatility,
    double VixElasticity,
    double DriftPerYear);

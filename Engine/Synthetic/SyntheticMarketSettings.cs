namespace TomKing.Engine.Synthetic;

/// <summary>
/// Every number of the synthetic market's model. <see cref="Default"/> is a 2024-like market (SPX near
/// 4,800, VIX in the teens with occasional spikes, the August 2024 shock); a user or test overrides
/// with <c>with</c>. VIX follows a mean-reverting log process with jumps, negatively correlated with
/// SPX; SPX's realized volatility is <see cref="RealizedToImplied"/> × its VIX-implied volatility of
/// the day before (a stochastic-volatility model with VIX as the state).
/// </summary>
/// <param name="RiskFreeRate">Continuously compounded rate for discounting and futures carry.</param>
/// <param name="InitialVix">VIX on the first (warm-up) day.</param>
/// <param name="LongRunVix">Level VIX reverts to; also the reference at which each factor has its base volatility.</param>
/// <param name="VixMeanReversion">Mean-reversion speed of log VIX per year (5 ≈ a 35-trading-day half-life).</param>
/// <param name="VixVolatility">Volatility of log VIX per year.</param>
/// <param name="SpotVixCorrelation">Correlation of VIX moves with SPX returns (negative: the leverage effect).</param>
/// <param name="VixJumpsPerYear">Expected number of VIX up-jumps per year.</param>
/// <param name="VixJumpMean">Mean log size of a VIX jump (exponentially distributed).</param>
/// <param name="SpxReturnPerVixJump">SPX log-return accompanying a VIX jump of mean size.</param>
/// <param name="MinVix">Floor of VIX.</param>
/// <param name="MaxVix">Cap of VIX.</param>
/// <param name="RealizedToImplied">Realized over implied volatility (below 1: the variance risk premium).</param>
/// <param name="OvernightVarianceShare">Share of a day's variance in the overnight gap (close to open).</param>
/// <param name="TermStructureSpeed">Per year: how fast implied variance for longer expiries reverts from the
/// 30-day level to the long-run level (contango in calm markets, backwardation after shocks).</param>
/// <param name="FactorVolatilityOfVolatility">Volatility per year of each non-SPX factor's own log-volatility multiplier.</param>
/// <param name="FactorVolatilityReversion">Mean-reversion speed per year of that multiplier.</param>
/// <param name="WarmupTradingDays">Trading days generated before the start so EMAs and IV ranks are defined on day one.</param>
/// <param name="Shocks">Scheduled volatility shocks.</param>
/// <param name="Factors">Random drivers; the first is the root (SPX) and parents precede children.</param>
/// <param name="Products">Tradable underlyings.</param>
/// <param name="OptionRoots">Listed option roots.</param>
public sealed record SyntheticMarketSettings(
    double RiskFreeRate,
    double InitialVix,
    double LongRunVix,
    double VixMeanReversion,
    double VixVolatility,
    double SpotVixCorrelation,
    double VixJumpsPerYear,
    double VixJumpMean,
    double SpxReturnPerVixJump,
    double MinVix,
    double MaxVix,
    double RealizedToImplied,
    double OvernightVarianceShare,
    double TermStructureSpeed,
    double FactorVolatilityOfVolatility,
    double FactorVolatilityReversion,
    int WarmupTradingDays,
    IReadOnlyList<VolatilityShock> Shocks,
    IReadOnlyList<SyntheticFactor> Factors,
    IReadOnlyList<SyntheticProduct> Products,
    IReadOnlyList<SyntheticOptionRoot> OptionRoots)
{
    /// <summary>The built-in market: the rulebook's products (P-2, P-3) with realistic levels, volatilities,
    /// correlations, listings and ticks, and the August 2024 shock.</summary>
    public static SyntheticMarketSettings Default { get; } = new(
        RiskFreeRate: 0.045,
        InitialVix: 15.0,
        LongRunVix: 17.0,
        VixMeanReversion: 5.0,
        VixVolatility: 0.85,
        SpotVixCorrelation: -0.75,
        VixJumpsPerYear: 3.0,
        VixJumpMean: 0.25,
        SpxReturnPerVixJump: -0.015,
        MinVix: 9.0,
        MaxVix: 90.0,
        RealizedToImplied: 0.9,
        OvernightVarianceShare: 0.2,
        TermStructureSpeed: 3.0,
        FactorVolatilityOfVolatility: 0.6,
        FactorVolatilityReversion: 8.0,
        WarmupTradingDays: 300,
        Shocks: [VolatilityShock.August2024],
        Factors: SyntheticDefaults.Factors,
        Products: SyntheticDefaults.Products,
        OptionRoots: SyntheticDefaults.OptionRoots);
}

namespace TomKing.Engine.Synthetic;

/// <summary>A tradable underlying priced from a factor: SPY = SPX / 10 plus accrued dividends, ES = SPX
/// carried to the front quarter, MCL = CL, MGC = GC.</summary>
/// <param name="Ticker">The product's ticker (as in the instrument catalogue).</param>
/// <param name="Factor">The factor that drives it.</param>
/// <param name="Scale">Multiplier on the factor level (0.1 for SPY and XSP on SPX).</param>
/// <param name="Kind">How the price is derived.</param>
/// <param name="DividendYield">Continuous dividend yield (indices, ETFs and equity-index futures' carry).</param>
/// <param name="CarryPerYear">For <see cref="SyntheticProductKind.Future"/>: log-carry per year between contract months (positive = contango).</param>
public sealed record SyntheticProduct(
    string Ticker,
    string Factor,
    double Scale,
    SyntheticProductKind Kind,
    double DividendYield = 0.0,
    double CarryPerYear = 0.0);

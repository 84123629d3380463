namespace TomKing.Engine.Synthetic;

/// <summary>
/// How one option root is listed and quoted: its expiries, strike grid, tick rule, volatility smile and
/// spread. Strikes use <see cref="FineStrikeStep"/> within about one standard deviation of the forward
/// and <see cref="CoarseStrikeStep"/> beyond, out to five standard deviations on the put side and 3.5 on
/// the call side (at least one day's worth of movement for same-day expiries).
/// </summary>
/// <param name="Root">Option root (catalogued ticker: SPXW, SPX, SPY, ES, MCL…).</param>
/// <param name="Product">The product the options are written on (SPX for SPXW, ES for ES options).</param>
/// <param name="Listing">Expiry listing rule.</param>
/// <param name="FineStrikeStep">Strike increment near the money (SPX 5, SPY 1, CL 0.5).</param>
/// <param name="CoarseStrikeStep">Strike increment further out (a multiple of the fine step: SPX 25).</param>
/// <param name="SmallTick">Premium tick below <paramref name="LargeTickFrom"/> (SPX 0.05).</param>
/// <param name="LargeTick">Premium tick at or above <paramref name="LargeTickFrom"/> (SPX 0.10).</param>
/// <param name="LargeTickFrom">Premium at which the tick becomes <paramref name="LargeTick"/>.</param>
/// <param name="Skew">Linear smile coefficient per standard deviation of moneyness (negative = put skew).</param>
/// <param name="Smile">Quadratic smile coefficient (wings above ATM).</param>
/// <param name="RelativeSpread">Bid–ask spread as a fraction of premium for a near-the-money 30-day option at long-run volatility.</param>
/// <param name="MinSpreadTicks">Narrowest spread in ticks.</param>
public sealed record SyntheticOptionRoot(
    string Root,
    string Product,
    ExpiryListing Listing,
    double FineStrikeStep,
    double CoarseStrikeStep,
    double SmallTick,
    double LargeTick,
    double LargeTickFrom,
    double Skew,
    double Smile,
    double RelativeSpread,
    int MinSpreadTicks = 1);

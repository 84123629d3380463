namespace TomKing.Engine.Synthetic;

/// <summary>How a product's price is derived from its factor level.</summary>
public enum SyntheticProductKind : byte
{
    /// <summary>A cash index: the scaled factor level.</summary>
    Index = 0,

    /// <summary>An exchange-traded fund: the scaled level plus dividends accrued since the last quarterly
    /// ex-date (third Friday of March/June/September/December), so the price drops on ex-dates.</summary>
    Etf = 1,

    /// <summary>An equity-index future (ES, MES, NQ…): the scaled level carried at (r − q) to the front
    /// quarterly contract, rolled 8 days before its third-Friday expiry.</summary>
    EquityIndexFuture = 2,

    /// <summary>A commodity, rate or currency future: the level is the front-month price; contract months
    /// further out are the level carried at <see cref="SyntheticProduct.CarryPerYear"/>.</summary>
    Future = 3,
}

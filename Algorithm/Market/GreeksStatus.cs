namespace TomKing.Algorithm.Market;

/// <summary>Whether Greeks could be computed for a contract, and if not, why — strategies log the reason
/// and skip instead of trading on a guess.</summary>
public enum GreeksStatus : byte
{
    /// <summary>Implied volatility solved and Greeks computed.</summary>
    Available = 0,

    /// <summary>The quote is one-sided or empty.</summary>
    NoTwoSidedQuote = 1,

    /// <summary>Bid above ask.</summary>
    CrossedQuote = 2,

    /// <summary>At or past the settlement instant.</summary>
    Expired = 3,

    /// <summary>No underlying price (or no forward) to price against.</summary>
    NoUnderlying = 4,

    /// <summary>The mid is below intrinsic or above the no-arbitrage bound, or the solver failed.</summary>
    NoImpliedVolatility = 5,
}

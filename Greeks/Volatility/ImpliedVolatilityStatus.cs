namespace TomKing.Greeks;

/// <summary>Why an implied-volatility solve returned what it returned.</summary>
public enum ImpliedVolatilityStatus : byte
{
    /// <summary>A volatility was found that reprices the option to machine precision.</summary>
    Solved = 0,

    /// <summary>The price is below the discounted intrinsic value: no volatility reproduces it (an arbitrage).</summary>
    BelowIntrinsic = 1,

    /// <summary>The price is at or above the no-arbitrage maximum (discounted forward for a call, discounted strike for a put).</summary>
    AboveMaximum = 2,

    /// <summary>An input is not a finite positive number where one is required (price, forward, strike, time).</summary>
    InvalidInput = 3,

    /// <summary>The solver ran out of iterations (not expected; reported rather than hidden).</summary>
    NotConverged = 4,
}

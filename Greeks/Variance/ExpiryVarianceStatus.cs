namespace TomKing.Greeks;

/// <summary>Why a single-expiry model-free variance (<see cref="ModelFreeVariance.ForExpiry(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, double)"/>) returned what it returned.</summary>
public enum ExpiryVarianceStatus : byte
{
    /// <summary>The variance was computed; every field of the result is meaningful.</summary>
    Computed = 0,

    /// <summary>Time to expiry not finite and positive, rate not finite, or strikes not finite, positive and strictly increasing.</summary>
    InvalidInput = 1,

    /// <summary>No strike has both a call and a put quote, so no forward can be implied from parity.</summary>
    NoParityPair = 2,

    /// <summary>The parity forward lies below the lowest strike, so there is no K0 (strike at or below the forward).</summary>
    ForwardBelowStrikes = 3,

    /// <summary>Neither the put nor the call at K0 has a usable quote.</summary>
    NoAtTheMoneyQuote = 4,

    /// <summary>No out-of-the-money put or call survived the selection, so ΔK at K0 is undefined.</summary>
    NoOutOfTheMoneyStrikes = 5,

    /// <summary>The quotes produced σ² ≤ 0 (the forward correction exceeded the strike sum): no volatility to report.</summary>
    NonPositiveVariance = 6,
}

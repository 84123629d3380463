namespace TomKing.Algorithm.Domain;

/// <summary>When an option may be exercised; it selects the pricing model (early exercise has value
/// for American puts and for calls before dividends).</summary>
public enum ExerciseStyle : byte
{
    /// <summary>Any day up to expiry (equity/ETF options, most futures options).</summary>
    American = 0,

    /// <summary>Only at expiry (SPX, SPXW, XSP, and CME weekly equity-index futures options).</summary>
    European = 1,
}

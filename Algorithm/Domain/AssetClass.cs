namespace TomKing.Algorithm.Domain;

/// <summary>
/// What kind of thing an underlying is. It decides the option model (index options are European and
/// cash-settled, futures options deliver a future, equity/ETF options deliver shares), the margin
/// model and event rules (P-8: single-stock earnings blackouts; ETFs and indices are exempt).
/// </summary>
public enum AssetClass : byte
{
    /// <summary>A single company's shares (subject to earnings blackouts, P-8).</summary>
    Equity = 0,

    /// <summary>An exchange-traded fund (shares; exempt from earnings blackouts).</summary>
    Etf = 1,

    /// <summary>A cash index (SPX, XSP, VIX): not tradable itself, options are cash-settled.</summary>
    Index = 2,

    /// <summary>A futures product (ES, CL, GC…): options deliver one futures contract.</summary>
    Future = 3,
}

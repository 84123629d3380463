namespace TomKing.Algorithm.Domain;

/// <summary>
/// The P-3 correlation group of an underlying. Positions in one group move together, so the risk
/// engine limits how many may be open per group. <see cref="None"/> is a distinct state, not a
/// default bucket: an underlying in no group is refused (P-3) with a reason.
/// </summary>
public enum CorrelationGroup : byte
{
    /// <summary>Not in any P-3 group: entries on it are refused.</summary>
    None = 0,

    /// <summary>Equity index futures: ES MES NQ MNQ RTY M2K YM MYM.</summary>
    A1 = 1,

    /// <summary>Equity index ETFs and cash indices: SPY QQQ IWM DIA SPX SPXW XSP.</summary>
    A2 = 2,

    /// <summary>Gold and bonds: GC MGC GLD TLT ZB ZN.</summary>
    B1 = 3,

    /// <summary>Silver, copper and platinum metals: SI SIL SLV HG PL PA.</summary>
    B2 = 4,

    /// <summary>Crude and products: CL MCL QM RB HO XLE XOP.</summary>
    C1 = 5,

    /// <summary>Natural gas: NG.</summary>
    C2 = 6,

    /// <summary>Grains: ZC ZS ZW.</summary>
    D1 = 7,

    /// <summary>Livestock: LE HE GF.</summary>
    D2 = 8,

    /// <summary>Currencies: 6E 6B 6A 6C M6E M6A (and 6J, see RULEBOOK-NOTES P-3).</summary>
    E = 9,
}

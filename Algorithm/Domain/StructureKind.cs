namespace TomKing.Algorithm.Domain;

/// <summary>The multi-leg shapes the rulebook trades; one open structure is one "position" (P-2).</summary>
public enum StructureKind : byte
{
    /// <summary>Short put spread + short call spread, same expiry (F0-2 flat day).</summary>
    IronCondor = 0,

    /// <summary>Short call + long call further out, same expiry (F0-2 up move).</summary>
    CallCreditSpread = 1,

    /// <summary>Short put + long put further out, same expiry (F0-2 down move).</summary>
    PutCreditSpread = 2,

    /// <summary>Long put, short put below it, two short puts further below (L112-3).</summary>
    OneOneTwo = 3,

    /// <summary>Short put + short call, same expiry (FS-3).</summary>
    Strangle = 4,

    /// <summary>Long LEAP call + short weekly call (IPMCC-2/3).</summary>
    LeapPlusShortCall = 5,

    /// <summary>One short put (LPL-1).</summary>
    SinglePut = 6,

    /// <summary>
    /// A free-form change to part of a held position, traded as one combo: 1–4 legs on one underlying,
    /// any non-zero ratios and expiries. Buying back short legs (L112-5 naked puts, FS-5 tested side,
    /// IPMCC-4 weekly call), selling a weekly call against a held LEAP (IPMCC-3), and rolls
    /// (close old + open new, IPMCC-4/5, LPL-3, FS-5 untested side) in a single order (P-10).
    /// </summary>
    Adjustment = 7,
}

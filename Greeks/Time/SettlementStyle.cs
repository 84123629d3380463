namespace TomKing.Greeks;

/// <summary>When on its expiry date an option stops trading and its value is fixed.</summary>
public enum SettlementStyle : byte
{
    /// <summary>PM settlement at the 16:00 ET close (SPXW, XSP, equity and ETF options).</summary>
    PmClose = 0,

    /// <summary>AM settlement on the opening prints at 09:30 ET (standard monthly SPX).</summary>
    AmOpen = 1,
}

using TomKing.Greeks;

namespace TomKing.Algorithm.Domain;

/// <summary>How and when an option settles: the instant its value is fixed (AM open or PM close, which
/// sets time to expiry for Greeks) and what exercise delivers.</summary>
/// <param name="Style">AM (09:30 ET opening prints) or PM (16:00 ET close) settlement.</param>
/// <param name="Delivery">Cash, shares or a future.</param>
public readonly record struct OptionSettlement(SettlementStyle Style, DeliveryKind Delivery)
{
    /// <summary>PM-settled, cash (SPXW, XSP).</summary>
    public static OptionSettlement PmCash => new(SettlementStyle.PmClose, DeliveryKind.Cash);

    /// <summary>AM-settled, cash (standard monthly SPX).</summary>
    public static OptionSettlement AmCash => new(SettlementStyle.AmOpen, DeliveryKind.Cash);

    /// <summary>PM-settled, delivers shares (equity and ETF options).</summary>
    public static OptionSettlement PmShares => new(SettlementStyle.PmClose, DeliveryKind.Shares);

    /// <summary>Delivers one future (futures options; the exact expiry time varies by product).</summary>
    public static OptionSettlement PmFuture => new(SettlementStyle.PmClose, DeliveryKind.Future);
}

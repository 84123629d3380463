namespace TomKing.Brokerages.Tastytrade.Api.Models;

/// <summary>
/// An item of <c>GET /accounts/{n}/positions</c> and the account streamer's <c>CurrentPosition</c> data.
/// <see cref="Quantity"/> is unsigned; the sign is <see cref="QuantityDirection"/>. Prices are decimal
/// strings; <see cref="Multiplier"/> arrives as a number or a string (both read).
/// </summary>
public sealed record Position
{
    /// <summary>Account number.</summary>
    public string? AccountNumber { get; init; }

    /// <summary><see cref="InstrumentTypes"/>.</summary>
    public string? InstrumentType { get; init; }

    /// <summary>Order symbol (OCC, futures or futures-option format).</summary>
    public string? Symbol { get; init; }

    /// <summary>Underlying symbol (<c>/MNQZ5</c> for a futures option).</summary>
    public string? UnderlyingSymbol { get; init; }

    /// <summary>Unsigned quantity (JSON number).</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(WireQuantityConverter))]
    public decimal Quantity { get; init; }

    /// <summary><c>Long</c>, <c>Short</c> or <c>Zero</c>.</summary>
    public string? QuantityDirection { get; init; }

    /// <summary>Average open price (decimal string).</summary>
    public decimal? AverageOpenPrice { get; init; }

    /// <summary>Previous close (decimal string).</summary>
    public decimal? ClosePrice { get; init; }

    /// <summary>Average daily market close price (decimal string).</summary>
    public decimal? AverageDailyMarketClosePrice { get; init; }

    /// <summary>Average yearly market close price (decimal string).</summary>
    public decimal? AverageYearlyMarketClosePrice { get; init; }

    /// <summary>Sign of the cost: <c>Credit</c>/<c>Debit</c>.</summary>
    public string? CostEffect { get; init; }

    /// <summary>Contract multiplier (number or string on the wire).</summary>
    public decimal? Multiplier { get; init; }

    /// <summary>Frozen position.</summary>
    public bool IsFrozen { get; init; }

    /// <summary>Suppressed position.</summary>
    public bool IsSuppressed { get; init; }

    /// <summary>Restricted quantity (JSON number).</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(NullableWireQuantityConverter))]
    public decimal? RestrictedQuantity { get; init; }

    /// <summary>Realized day gain (decimal string, unsigned).</summary>
    public decimal? RealizedDayGain { get; init; }

    /// <summary>Sign of <see cref="RealizedDayGain"/>.</summary>
    public string? RealizedDayGainEffect { get; init; }

    /// <summary>Date of <see cref="RealizedDayGain"/>.</summary>
    public DateOnly? RealizedDayGainDate { get; init; }

    /// <summary>Realized today (decimal string, unsigned).</summary>
    public decimal? RealizedToday { get; init; }

    /// <summary>Sign of <see cref="RealizedToday"/>.</summary>
    public string? RealizedTodayEffect { get; init; }

    /// <summary>Date of <see cref="RealizedToday"/>.</summary>
    public DateOnly? RealizedTodayDate { get; init; }

    /// <summary>Mark (decimal string, when <c>include-marks</c>).</summary>
    public decimal? Mark { get; init; }

    /// <summary>Mark price (decimal string, when <c>include-marks</c>).</summary>
    public decimal? MarkPrice { get; init; }

    /// <summary>Expiry instant of a derivative.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>DXLink symbol when sent.</summary>
    public string? StreamerSymbol { get; init; }

    /// <summary>Deliverable type when sent.</summary>
    public string? DeliverableType { get; init; }

    /// <summary>Order that changed the position (streamer updates).</summary>
    public long? OrderId { get; init; }

    /// <summary>Kind of streamer update when sent.</summary>
    public string? UpdateType { get; init; }

    /// <summary>Created at.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Updated at (ISO on positions, unlike orders).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}

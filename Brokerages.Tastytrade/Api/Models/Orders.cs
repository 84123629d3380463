using System.Text.Json.Serialization;

namespace TomKing.Brokerages.Tastytrade.Api.Models;

/// <summary>
/// Body of <c>POST /accounts/{n}/orders</c>, <c>…/orders/dry-run</c>, and (without <see cref="Legs"/>)
/// <c>PUT/PATCH …/orders/{id}</c>. <see cref="Price"/> is <b>unsigned</b> (a decimal string); its sign is
/// <see cref="PriceEffect"/>; for multi-leg orders it is the net per-unit combo price.
/// </summary>
public sealed record OrderRequest
{
    /// <summary><see cref="TimeInForces"/>.</summary>
    public string TimeInForce { get; init; } = TimeInForces.Day;

    /// <summary><c>YYYY-MM-DD</c> for GTD.</summary>
    public DateOnly? GtcDate { get; init; }

    /// <summary><see cref="OrderTypes"/>.</summary>
    public string OrderType { get; init; } = OrderTypes.Limit;

    /// <summary>Stop trigger (decimal string) for Stop / Stop Limit.</summary>
    public decimal? StopTrigger { get; init; }

    /// <summary>Limit price, unsigned (decimal string).</summary>
    public decimal? Price { get; init; }

    /// <summary><see cref="PriceEffects"/>: Debit (you pay) or Credit (you receive).</summary>
    public string? PriceEffect { get; init; }

    /// <summary>Notional value (decimal string) for Notional Market orders.</summary>
    public decimal? Value { get; init; }

    /// <summary>Sign of <see cref="Value"/>.</summary>
    public string? ValueEffect { get; init; }

    /// <summary>Free text, echoed back.</summary>
    public string? Source { get; init; }

    /// <summary>Our client order id; the only handle to find an order whose submit timed out.</summary>
    public string? ExternalIdentifier { get; init; }

    /// <summary>Partition key.</summary>
    public string? PartitionKey { get; init; }

    /// <summary>Id from a previous dry run.</summary>
    public string? PreflightId { get; init; }

    /// <summary>Advanced instructions.</summary>
    public AdvancedInstructions? AdvancedInstructions { get; init; }

    /// <summary>The legs (omitted on replace).</summary>
    public IReadOnlyList<OrderLegRequest>? Legs { get; init; }
}

/// <summary>Advanced order instructions.</summary>
public sealed record AdvancedInstructions
{
    /// <summary>When true, a closing order whose position is gone is rejected instead of being turned into an opening order.</summary>
    public bool? StrictPositionEffectValidation { get; init; }
}

/// <summary>One leg of an order request.</summary>
public sealed record OrderLegRequest
{
    /// <summary><see cref="InstrumentTypes"/>.</summary>
    public string? InstrumentType { get; init; }

    /// <summary>The raw order symbol (not URL-encoded in bodies).</summary>
    public string? Symbol { get; init; }

    /// <summary>Quantity (JSON number; omitted for notional orders).</summary>
    [JsonConverter(typeof(NullableWireQuantityConverter))]
    public decimal? Quantity { get; init; }

    /// <summary><see cref="OrderActions"/>.</summary>
    public string? Action { get; init; }
}

/// <summary>An order as the API reports it (REST and the account streamer's <c>Order</c> data).</summary>
public sealed record Order
{
    /// <summary>Broker order id (integer; absent on a dry run).</summary>
    public long? Id { get; init; }

    /// <summary>Account number.</summary>
    public string? AccountNumber { get; init; }

    /// <summary><see cref="OrderTypes"/>.</summary>
    public string? OrderType { get; init; }

    /// <summary><see cref="TimeInForces"/>.</summary>
    public string? TimeInForce { get; init; }

    /// <summary>GTD date.</summary>
    public DateOnly? GtcDate { get; init; }

    /// <summary>Limit price, unsigned (decimal string).</summary>
    public decimal? Price { get; init; }

    /// <summary>Sign of <see cref="Price"/>.</summary>
    public string? PriceEffect { get; init; }

    /// <summary>Notional value (decimal string).</summary>
    public decimal? Value { get; init; }

    /// <summary>Sign of <see cref="Value"/>.</summary>
    public string? ValueEffect { get; init; }

    /// <summary>Stop trigger (decimal string).</summary>
    public decimal? StopTrigger { get; init; }

    /// <summary>Order size (JSON number).</summary>
    [JsonConverter(typeof(NullableWireQuantityConverter))]
    public decimal? Size { get; init; }

    /// <summary><see cref="OrderStatuses"/>.</summary>
    public string? Status { get; init; }

    /// <summary>Can be cancelled now.</summary>
    public bool Cancellable { get; init; }

    /// <summary>Can be replaced now.</summary>
    public bool Editable { get; init; }

    /// <summary>Was edited.</summary>
    public bool Edited { get; init; }

    /// <summary>Underlying symbol.</summary>
    public string? UnderlyingSymbol { get; init; }

    /// <summary>Underlying instrument type.</summary>
    public string? UnderlyingInstrumentType { get; init; }

    /// <summary>Received at.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>Live at.</summary>
    public DateTimeOffset? LiveAt { get; init; }

    /// <summary>In flight at.</summary>
    public DateTimeOffset? InFlightAt { get; init; }

    /// <summary>Cancelled at.</summary>
    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>Terminal at.</summary>
    public DateTimeOffset? TerminalAt { get; init; }

    /// <summary>Last update, <b>epoch milliseconds</b> (a number, unlike the other timestamps).</summary>
    public long? UpdatedAt { get; init; }

    /// <summary>Why it was rejected.</summary>
    public string? RejectReason { get; init; }

    /// <summary>The order this one replaced.</summary>
    public long? ReplacesOrderId { get; init; }

    /// <summary>The order replacing this one.</summary>
    public long? ReplacingOrderId { get; init; }

    /// <summary>Complex order this belongs to.</summary>
    public long? ComplexOrderId { get; init; }

    /// <summary>Role in the complex order, e.g. <c>OTOCO::trigger-order</c>.</summary>
    public string? ComplexOrderTag { get; init; }

    /// <summary>Contingent status.</summary>
    public string? ContingentStatus { get; init; }

    /// <summary>Confirmation status.</summary>
    public string? ConfirmationStatus { get; init; }

    /// <summary>Request id.</summary>
    public string? GlobalRequestId { get; init; }

    /// <summary>Exchange-side client order id.</summary>
    public string? ExtClientOrderId { get; init; }

    /// <summary>Exchange order number.</summary>
    public string? ExtExchangeOrderNumber { get; init; }

    /// <summary>Global order number (a number on the wire).</summary>
    public long? ExtGlobalOrderNumber { get; init; }

    /// <summary>Echoed source text.</summary>
    public string? Source { get; init; }

    /// <summary>Our client order id, echoed.</summary>
    public string? ExternalIdentifier { get; init; }

    /// <summary>Preflight id.</summary>
    public string? PreflightId { get; init; }

    /// <summary>Number of legs.</summary>
    public int? LegCount { get; init; }

    /// <summary>Cancelled size (JSON number).</summary>
    [JsonConverter(typeof(NullableWireQuantityConverter))]
    public decimal? CancelledSize { get; init; }

    /// <summary>User id.</summary>
    public string? UserId { get; init; }

    /// <summary>User name.</summary>
    public string? Username { get; init; }

    /// <summary>Legs with their cumulative fills.</summary>
    public IReadOnlyList<OrderLeg> Legs { get; init; } = [];
}

/// <summary>One leg of a reported order; <see cref="Fills"/> repeats all fills so far (de-duplicate by <c>fill-id</c>).</summary>
public sealed record OrderLeg
{
    /// <summary><see cref="InstrumentTypes"/>.</summary>
    public string? InstrumentType { get; init; }

    /// <summary>Order symbol.</summary>
    public string? Symbol { get; init; }

    /// <summary>Quantity (JSON number).</summary>
    [JsonConverter(typeof(NullableWireQuantityConverter))]
    public decimal? Quantity { get; init; }

    /// <summary>Unfilled quantity (JSON number).</summary>
    [JsonConverter(typeof(NullableWireQuantityConverter))]
    public decimal? RemainingQuantity { get; init; }

    /// <summary><see cref="OrderActions"/>.</summary>
    public string? Action { get; init; }

    /// <summary>Cumulative fills.</summary>
    public IReadOnlyList<OrderFill> Fills { get; init; } = [];
}

/// <summary>One execution of a leg.</summary>
public sealed record OrderFill
{
    /// <summary>Unique fill id (de-duplication key).</summary>
    public string? FillId { get; init; }

    /// <summary>Fill price, unsigned (decimal string).</summary>
    public decimal? FillPrice { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset? FilledAt { get; init; }

    /// <summary>Quantity (JSON number).</summary>
    [JsonConverter(typeof(WireQuantityConverter))]
    public decimal Quantity { get; init; }

    /// <summary>Venue.</summary>
    public string? DestinationVenue { get; init; }

    /// <summary>Exchange execution id.</summary>
    public string? ExtExecId { get; init; }

    /// <summary>Exchange group fill id.</summary>
    public string? ExtGroupFillId { get; init; }
}

/// <summary>
/// The 201 answer of place and dry-run (<c>PlacedOrderResponse</c>): the order (no id on a dry run),
/// its buying-power effect and fees, and for complex orders the complex order.
/// </summary>
public sealed record PlacedOrderResponse
{
    /// <summary>The order (absent for complex orders).</summary>
    public Order? Order { get; init; }

    /// <summary>The complex order (complex endpoints).</summary>
    public ComplexOrder? ComplexOrder { get; init; }

    /// <summary>Buying-power effect.</summary>
    public BuyingPowerEffect? BuyingPowerEffect { get; init; }

    /// <summary>Fees of the order.</summary>
    public FeeCalculation? FeeCalculation { get; init; }

    /// <summary>Fees to close it.</summary>
    public FeeCalculation? ClosingFeeCalculation { get; init; }

    /// <summary>Warnings.</summary>
    public IReadOnlyList<ApiMessage>? Warnings { get; init; }

    /// <summary>Preflight errors on a dry run.</summary>
    public IReadOnlyList<ApiMessage>? Errors { get; init; }
}

/// <summary>How an order changes buying power; every amount is an unsigned decimal string with an <c>*-effect</c>.</summary>
public sealed record BuyingPowerEffect
{
    /// <summary>Change in margin requirement.</summary>
    public decimal? ChangeInMarginRequirement { get; init; }

    /// <summary>Sign.</summary>
    public string? ChangeInMarginRequirementEffect { get; init; }

    /// <summary>Change in buying power.</summary>
    public decimal? ChangeInBuyingPower { get; init; }

    /// <summary>Sign.</summary>
    public string? ChangeInBuyingPowerEffect { get; init; }

    /// <summary>Buying power now.</summary>
    public decimal? CurrentBuyingPower { get; init; }

    /// <summary>Sign.</summary>
    public string? CurrentBuyingPowerEffect { get; init; }

    /// <summary>Buying power after the order.</summary>
    public decimal? NewBuyingPower { get; init; }

    /// <summary>Sign.</summary>
    public string? NewBuyingPowerEffect { get; init; }

    /// <summary>Isolated margin requirement of the order.</summary>
    public decimal? IsolatedOrderMarginRequirement { get; init; }

    /// <summary>Sign.</summary>
    public string? IsolatedOrderMarginRequirementEffect { get; init; }

    /// <summary>Margined as a spread.</summary>
    public bool IsSpread { get; init; }

    /// <summary>Impact.</summary>
    public decimal? Impact { get; init; }

    /// <summary>Sign of <see cref="Impact"/>.</summary>
    public string? Effect { get; init; }
}

/// <summary>Fees of an order; amounts are unsigned decimal strings with <c>*-effect</c> signs.</summary>
public sealed record FeeCalculation
{
    /// <summary>Regulatory fees.</summary>
    public decimal? RegulatoryFees { get; init; }

    /// <summary>Sign.</summary>
    public string? RegulatoryFeesEffect { get; init; }

    /// <summary>Breakdown (sec, taf, orf…).</summary>
    public IReadOnlyList<FeeBreakdown>? RegulatoryFeesBreakdown { get; init; }

    /// <summary>Clearing fees.</summary>
    public decimal? ClearingFees { get; init; }

    /// <summary>Sign.</summary>
    public string? ClearingFeesEffect { get; init; }

    /// <summary>Breakdown.</summary>
    public IReadOnlyList<FeeBreakdown>? ClearingFeesBreakdown { get; init; }

    /// <summary>Commission.</summary>
    public decimal? Commission { get; init; }

    /// <summary>Sign.</summary>
    public string? CommissionEffect { get; init; }

    /// <summary>Breakdown.</summary>
    public IReadOnlyList<FeeBreakdown>? CommissionBreakdown { get; init; }

    /// <summary>Proprietary index option fees.</summary>
    public decimal? ProprietaryIndexOptionFees { get; init; }

    /// <summary>Sign.</summary>
    public string? ProprietaryIndexOptionFeesEffect { get; init; }

    /// <summary>Breakdown.</summary>
    public IReadOnlyList<FeeBreakdown>? ProprietaryFeesBreakdown { get; init; }

    /// <summary>Total fees.</summary>
    public decimal? TotalFees { get; init; }

    /// <summary>Sign.</summary>
    public string? TotalFeesEffect { get; init; }

    /// <summary>Rebates.</summary>
    public decimal? Rebates { get; init; }

    /// <summary>Sign.</summary>
    public string? RebatesEffect { get; init; }

    /// <summary>Breakdown.</summary>
    public IReadOnlyList<FeeBreakdown>? RebatesBreakdown { get; init; }

    /// <summary>Fees quoted per quantity.</summary>
    public bool PerQuantity { get; init; }
}

/// <summary>One named fee line.</summary>
public sealed record FeeBreakdown
{
    /// <summary><c>sec</c>, <c>taf</c>, <c>orf</c>, <c>exchange</c>, <c>nfa</c>, <c>clearing</c>, <c>brokerage</c>…</summary>
    public string? Name { get; init; }

    /// <summary>Amount (decimal string, unsigned).</summary>
    public decimal? Value { get; init; }

    /// <summary>Sign.</summary>
    public string? Effect { get; init; }
}

using System.Text.Json.Serialization;

namespace TomKing.Brokerages.Tastytrade.Api.Models;

/// <summary>A price band and its tick (<c>tick-sizes[]</c>); <c>threshold</c> absent on the last band.</summary>
public sealed record TickSize
{
    /// <summary>Band upper bound (decimal string).</summary>
    public decimal? Threshold { get; init; }

    /// <summary>Tick (decimal string).</summary>
    public decimal? Value { get; init; }

    /// <summary>Symbol the band applies to when sent.</summary>
    public string? Symbol { get; init; }
}

/// <summary><c>GET /instruments/equities[/{symbol}]</c>.</summary>
public sealed record EquityInstrument
{
    /// <summary>Instrument id.</summary>
    public long? Id { get; init; }

    /// <summary>Symbol (<c>BRK/B</c> style for share classes).</summary>
    public string? Symbol { get; init; }

    /// <summary>DXLink symbol.</summary>
    public string? StreamerSymbol { get; init; }

    /// <summary><see cref="InstrumentTypes"/>.</summary>
    public string? InstrumentType { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>A cash index (SPX: true; not tradable itself).</summary>
    public bool IsIndex { get; init; }

    /// <summary>An ETF.</summary>
    public bool IsEtf { get; init; }

    /// <summary>Closing-only.</summary>
    public bool IsClosingOnly { get; init; }

    /// <summary>Options closing-only.</summary>
    public bool IsOptionsClosingOnly { get; init; }

    /// <summary>Fractional quantities allowed.</summary>
    public bool IsFractionalQuantityEligible { get; init; }

    /// <summary>Lendability.</summary>
    public string? Lendability { get; init; }

    /// <summary>Borrow rate (decimal string).</summary>
    public decimal? BorrowRate { get; init; }

    /// <summary>Listing market.</summary>
    public string? ListedMarket { get; init; }

    /// <summary>Market-time collection.</summary>
    public string? MarketTimeInstrumentCollection { get; init; }

    /// <summary>Share ticks.</summary>
    public IReadOnlyList<TickSize>? TickSizes { get; init; }

    /// <summary>Option ticks.</summary>
    public IReadOnlyList<TickSize>? OptionTickSizes { get; init; }

    /// <summary>Active.</summary>
    public bool? Active { get; init; }
}

/// <summary>An equity/index option (<c>GET /option-chains/{symbol}</c> items, <c>GET /instruments/equity-options/{occ}</c>).</summary>
public sealed record EquityOptionInstrument
{
    /// <summary>OCC symbol, e.g. <c>SPXW  250530C01400000</c>.</summary>
    public string? Symbol { get; init; }

    /// <summary>DXLink symbol, e.g. <c>.SPXW250530C1400</c>.</summary>
    public string? StreamerSymbol { get; init; }

    /// <summary><see cref="InstrumentTypes"/>.</summary>
    public string? InstrumentType { get; init; }

    /// <summary>Option root (SPX or SPXW).</summary>
    public string? RootSymbol { get; init; }

    /// <summary>Underlying (SPX for both roots).</summary>
    public string? UnderlyingSymbol { get; init; }

    /// <summary>Strike (decimal string).</summary>
    public decimal? StrikePrice { get; init; }

    /// <summary><c>C</c> or <c>P</c>.</summary>
    public string? OptionType { get; init; }

    /// <summary>Expiry date.</summary>
    public DateOnly? ExpirationDate { get; init; }

    /// <summary>Expiry instant.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Last trading instant.</summary>
    public DateTimeOffset? StopsTradingAt { get; init; }

    /// <summary><c>American</c>/<c>European</c>.</summary>
    public string? ExerciseStyle { get; init; }

    /// <summary><c>Regular</c>, <c>Weekly</c>, <c>Quarterly</c>, <c>End-Of-Month</c>…</summary>
    public string? ExpirationType { get; init; }

    /// <summary><c>AM</c>/<c>PM</c>.</summary>
    public string? SettlementType { get; init; }

    /// <summary><c>Standard</c> or non-standard.</summary>
    public string? OptionChainType { get; init; }

    /// <summary>Shares per contract (number).</summary>
    public int? SharesPerContract { get; init; }

    /// <summary>Days to expiration.</summary>
    public int? DaysToExpiration { get; init; }

    /// <summary>Closing-only.</summary>
    public bool IsClosingOnly { get; init; }

    /// <summary>Active.</summary>
    public bool? Active { get; init; }
}

/// <summary>One root of <c>GET /option-chains/{symbol}/nested</c> (<c>data.items[]</c>; SPX answers SPX and SPXW).</summary>
public sealed record NestedOptionChain
{
    /// <summary>Underlying.</summary>
    public string? UnderlyingSymbol { get; init; }

    /// <summary>Option root.</summary>
    public string? RootSymbol { get; init; }

    /// <summary>Chain type.</summary>
    public string? OptionChainType { get; init; }

    /// <summary>Shares per contract.</summary>
    public int? SharesPerContract { get; init; }

    /// <summary>Ticks.</summary>
    public IReadOnlyList<TickSize>? TickSizes { get; init; }

    /// <summary>Deliverables.</summary>
    public IReadOnlyList<Deliverable>? Deliverables { get; init; }

    /// <summary>Expirations.</summary>
    public IReadOnlyList<NestedExpiration> Expirations { get; init; } = [];
}

/// <summary>A deliverable of an option root.</summary>
public sealed record Deliverable
{
    /// <summary>Deliverable type (Shares, Cash).</summary>
    public string? DeliverableType { get; init; }

    /// <summary>Symbol.</summary>
    public string? Symbol { get; init; }

    /// <summary>Amount (decimal string).</summary>
    public decimal? Amount { get; init; }

    /// <summary>Instrument type.</summary>
    public string? InstrumentType { get; init; }

    /// <summary>Percent text.</summary>
    public string? Percent { get; init; }
}

/// <summary>An expiration of a nested chain (equity or futures option).</summary>
public sealed record NestedExpiration
{
    /// <summary>Underlying (the future for futures options).</summary>
    public string? UnderlyingSymbol { get; init; }

    /// <summary>Root (<c>/ES</c> for futures options).</summary>
    public string? RootSymbol { get; init; }

    /// <summary>Futures-option root (<c>EW4</c>).</summary>
    public string? OptionRootSymbol { get; init; }

    /// <summary>Futures-option contract code (<c>EW4Z4</c>).</summary>
    public string? OptionContractSymbol { get; init; }

    /// <summary>Asset.</summary>
    public string? Asset { get; init; }

    /// <summary>Expiration type.</summary>
    public string? ExpirationType { get; init; }

    /// <summary>Expiry date.</summary>
    public DateOnly? ExpirationDate { get; init; }

    /// <summary>Days to expiration.</summary>
    public int? DaysToExpiration { get; init; }

    /// <summary><c>AM</c>/<c>PM</c>/<c>Future</c>.</summary>
    public string? SettlementType { get; init; }

    /// <summary>Notional value (decimal string).</summary>
    public decimal? NotionalValue { get; init; }

    /// <summary>Display factor (decimal string).</summary>
    public decimal? DisplayFactor { get; init; }

    /// <summary>Strike factor (decimal string).</summary>
    public decimal? StrikeFactor { get; init; }

    /// <summary>Last trading instant.</summary>
    public DateTimeOffset? StopsTradingAt { get; init; }

    /// <summary>Expiry instant.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Ticks.</summary>
    public IReadOnlyList<TickSize>? TickSizes { get; init; }

    /// <summary>Strikes.</summary>
    public IReadOnlyList<NestedStrike> Strikes { get; init; } = [];
}

/// <summary>A strike row: the call and put order symbols and their DXLink symbols.</summary>
public sealed record NestedStrike
{
    /// <summary>Strike (decimal string).</summary>
    public decimal? StrikePrice { get; init; }

    /// <summary>Call order symbol.</summary>
    public string? Call { get; init; }

    /// <summary>Call DXLink symbol.</summary>
    public string? CallStreamerSymbol { get; init; }

    /// <summary>Put order symbol.</summary>
    public string? Put { get; init; }

    /// <summary>Put DXLink symbol.</summary>
    public string? PutStreamerSymbol { get; init; }
}

/// <summary>A futures contract (<c>GET /instruments/futures[/{symbol}]</c>).</summary>
public sealed record FutureInstrument
{
    /// <summary><c>/ESZ5</c>.</summary>
    public string? Symbol { get; init; }

    /// <summary><c>/ESZ25:XCME</c>.</summary>
    public string? StreamerSymbol { get; init; }

    /// <summary><c>ES</c>.</summary>
    public string? ProductCode { get; init; }

    /// <summary><c>CME</c>.</summary>
    public string? Exchange { get; init; }

    /// <summary><c>XCME</c>.</summary>
    public string? StreamerExchangeCode { get; init; }

    /// <summary>Expiry date.</summary>
    public DateOnly? ExpirationDate { get; init; }

    /// <summary>Expiry instant.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Last trade date.</summary>
    public DateOnly? LastTradeDate { get; init; }

    /// <summary>Closing-only date.</summary>
    public DateOnly? ClosingOnlyDate { get; init; }

    /// <summary>First notice date.</summary>
    public DateOnly? FirstNoticeDate { get; init; }

    /// <summary>Last trading instant.</summary>
    public DateTimeOffset? StopsTradingAt { get; init; }

    /// <summary>Active.</summary>
    public bool? Active { get; init; }

    /// <summary>The front (active) month.</summary>
    public bool? ActiveMonth { get; init; }

    /// <summary>The next active month.</summary>
    public bool? NextActiveMonth { get; init; }

    /// <summary>Tradeable.</summary>
    public bool? IsTradeable { get; init; }

    /// <summary>Closing-only.</summary>
    public bool? IsClosingOnly { get; init; }

    /// <summary>Roll target.</summary>
    public string? RollTargetSymbol { get; init; }

    /// <summary>Tick (decimal string).</summary>
    public decimal? TickSize { get; init; }

    /// <summary>Ticks.</summary>
    public IReadOnlyList<TickSize>? TickSizes { get; init; }

    /// <summary>Option ticks.</summary>
    public IReadOnlyList<TickSize>? OptionTickSizes { get; init; }

    /// <summary>Notional multiplier (decimal string).</summary>
    public decimal? NotionalMultiplier { get; init; }

    /// <summary>Contract size (decimal string).</summary>
    public decimal? ContractSize { get; init; }

    /// <summary>Display factor (decimal string).</summary>
    public decimal? DisplayFactor { get; init; }

    /// <summary>Main fraction (decimal string).</summary>
    public decimal? MainFraction { get; init; }

    /// <summary>Sub fraction (decimal string).</summary>
    public decimal? SubFraction { get; init; }

    /// <summary>Product group.</summary>
    public string? ProductGroup { get; init; }

    /// <summary>Product metadata.</summary>
    public FutureProduct? FutureProduct { get; init; }
}

/// <summary>Futures product metadata.</summary>
public sealed record FutureProduct
{
    /// <summary><c>ES</c>.</summary>
    public string? Code { get; init; }

    /// <summary><c>/ES</c>.</summary>
    public string? RootSymbol { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>Exchange.</summary>
    public string? Exchange { get; init; }

    /// <summary>MIC, e.g. <c>XCME</c>.</summary>
    public string? StreamerExchangeCode { get; init; }

    /// <summary>Market sector.</summary>
    public string? MarketSector { get; init; }

    /// <summary>Active month codes.</summary>
    public IReadOnlyList<string>? ActiveMonths { get; init; }

    /// <summary>Listed month codes.</summary>
    public IReadOnlyList<string>? ListedMonths { get; init; }
}

/// <summary>A futures option (<c>GET /futures-option-chains/{product}</c> items).</summary>
public sealed record FutureOptionInstrument
{
    /// <summary><c>./GCQ5 OGN5  250625P2095</c>.</summary>
    public string? Symbol { get; init; }

    /// <summary><c>./OGN25P2095:XCEC</c>.</summary>
    public string? StreamerSymbol { get; init; }

    /// <summary><c>/GCQ5</c>.</summary>
    public string? UnderlyingSymbol { get; init; }

    /// <summary><c>/GC</c>.</summary>
    public string? RootSymbol { get; init; }

    /// <summary><c>OG</c>.</summary>
    public string? OptionRootSymbol { get; init; }

    /// <summary><c>GC</c>.</summary>
    public string? ProductCode { get; init; }

    /// <summary><c>OGN5 P2095</c>.</summary>
    public string? ExchangeSymbol { get; init; }

    /// <summary>Expiry date.</summary>
    public DateOnly? ExpirationDate { get; init; }

    /// <summary>Expiry instant.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Last trading instant.</summary>
    public DateTimeOffset? StopsTradingAt { get; init; }

    /// <summary>Strike (decimal string).</summary>
    public decimal? StrikePrice { get; init; }

    /// <summary><c>C</c>/<c>P</c>.</summary>
    public string? OptionType { get; init; }

    /// <summary>Exercise style.</summary>
    public string? ExerciseStyle { get; init; }

    /// <summary><c>Future</c>.</summary>
    public string? SettlementType { get; init; }

    /// <summary>Multiplier (decimal string or number).</summary>
    public decimal? Multiplier { get; init; }

    /// <summary>Notional value (decimal string).</summary>
    public decimal? NotionalValue { get; init; }

    /// <summary>Display factor (decimal string).</summary>
    public decimal? DisplayFactor { get; init; }

    /// <summary>Strike factor (decimal string).</summary>
    public decimal? StrikeFactor { get; init; }

    /// <summary>Underlying count (decimal string).</summary>
    public decimal? UnderlyingCount { get; init; }

    /// <summary>Vanilla.</summary>
    public bool? IsVanilla { get; init; }

    /// <summary>Primary deliverable.</summary>
    public bool? IsPrimaryDeliverable { get; init; }

    /// <summary>Maturity date.</summary>
    public DateOnly? MaturityDate { get; init; }

    /// <summary>Days to expiration.</summary>
    public int? DaysToExpiration { get; init; }

    /// <summary>Exchange.</summary>
    public string? SecurityExchange { get; init; }

    /// <summary>Active.</summary>
    public bool? Active { get; init; }
}

/// <summary><c>GET /futures-option-chains/{product}/nested</c>: <c>data</c> itself (no <c>items</c>).</summary>
public sealed record NestedFutureOptionChains
{
    /// <summary>The futures the options deliver.</summary>
    public IReadOnlyList<NestedFuture> Futures { get; init; } = [];

    /// <summary>Option chains by root.</summary>
    public IReadOnlyList<NestedFutureOptionChain> OptionChains { get; init; } = [];
}

/// <summary>A future in a nested futures-option chain.</summary>
public sealed record NestedFuture
{
    /// <summary><c>/ESZ4</c>.</summary>
    public string? Symbol { get; init; }

    /// <summary><c>/ES</c>.</summary>
    public string? RootSymbol { get; init; }

    /// <summary>DXLink symbol.</summary>
    public string? StreamerSymbol { get; init; }

    /// <summary>Expiry date.</summary>
    public DateOnly? ExpirationDate { get; init; }

    /// <summary>Maturity date.</summary>
    public DateOnly? MaturityDate { get; init; }

    /// <summary>Days to expiration.</summary>
    public int? DaysToExpiration { get; init; }

    /// <summary>Front month.</summary>
    public bool? ActiveMonth { get; init; }

    /// <summary>Next active month.</summary>
    public bool? NextActiveMonth { get; init; }

    /// <summary>Last trading instant.</summary>
    public DateTimeOffset? StopsTradingAt { get; init; }

    /// <summary>Expiry instant.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>One root's option chain in the nested futures-option answer.</summary>
public sealed record NestedFutureOptionChain
{
    /// <summary>Underlying future.</summary>
    public string? UnderlyingSymbol { get; init; }

    /// <summary>Root, e.g. <c>/ES</c>.</summary>
    public string? RootSymbol { get; init; }

    /// <summary>Exercise style.</summary>
    public string? ExerciseStyle { get; init; }

    /// <summary>Expirations.</summary>
    public IReadOnlyList<NestedExpiration> Expirations { get; init; } = [];
}

/// <summary><c>GET /api-quote-tokens</c>: the DXLink token (valid 24 h) and URL.</summary>
public sealed record QuoteToken
{
    /// <summary>The DXLink token (a secret).</summary>
    public string? Token { get; init; }

    /// <summary>The DXLink WebSocket URL (never fixed; always take it from here).</summary>
    public string? DxlinkUrl { get; init; }

    /// <summary><c>api</c> or <c>demo</c>.</summary>
    public string? Level { get; init; }

    /// <summary>Issued at.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>Expires at.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Legacy websocket URL.</summary>
    public string? WebsocketUrl { get; init; }
}

/// <summary>
/// An item of <c>GET /market-metrics?symbols=…</c>. Two field namings are in circulation (swagger
/// <c>implied-volatility-rank</c>, SDK <c>implied-volatility-index-rank</c>), so both are read; values may be
/// strings or numbers. <see cref="IvRank"/> picks whichever is present.
/// </summary>
public sealed record MarketMetric
{
    /// <summary>Symbol.</summary>
    public string? Symbol { get; init; }

    /// <summary>IV index (decimal string).</summary>
    public decimal? ImpliedVolatilityIndex { get; init; }

    /// <summary>IV index 5-day change (decimal string).</summary>
    [JsonPropertyName("implied-volatility-index-5-day-change")]
    public decimal? ImpliedVolatilityIndex5DayChange { get; init; }

    /// <summary>IV index rank (SDK naming; decimal string, 0–1).</summary>
    public decimal? ImpliedVolatilityIndexRank { get; init; }

    /// <summary>IV rank (swagger naming).</summary>
    public decimal? ImpliedVolatilityRank { get; init; }

    /// <summary>tastyworks IV index rank.</summary>
    public decimal? TwImpliedVolatilityIndexRank { get; init; }

    /// <summary>IV percentile (decimal string).</summary>
    public decimal? ImpliedVolatilityPercentile { get; init; }

    /// <summary>30-day IV (decimal string).</summary>
    [JsonPropertyName("implied-volatility-30-day")]
    public decimal? ImpliedVolatility30Day { get; init; }

    /// <summary>30-day HV (decimal string).</summary>
    [JsonPropertyName("historical-volatility-30-day")]
    public decimal? HistoricalVolatility30Day { get; init; }

    /// <summary>IV − HV 30-day (decimal string).</summary>
    [JsonPropertyName("iv-hv-30-day-difference")]
    public decimal? IvHv30DayDifference { get; init; }

    /// <summary>Beta (decimal string).</summary>
    public decimal? Beta { get; init; }

    /// <summary>Liquidity rating.</summary>
    public decimal? LiquidityRating { get; init; }

    /// <summary>Per-expiration IVs.</summary>
    public IReadOnlyList<ExpirationImpliedVolatility>? OptionExpirationImpliedVolatilities { get; init; }

    /// <summary>Updated at.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>IV rank in 0–1 from whichever field was sent (index rank first), or null.</summary>
    [JsonIgnore]
    public decimal? IvRank => ImpliedVolatilityIndexRank ?? ImpliedVolatilityRank ?? TwImpliedVolatilityIndexRank;
}

/// <summary>IV of one expiration.</summary>
public sealed record ExpirationImpliedVolatility
{
    /// <summary>Expiry date.</summary>
    public DateOnly? ExpirationDate { get; init; }

    /// <summary>Settlement type.</summary>
    public string? SettlementType { get; init; }

    /// <summary>Chain type.</summary>
    public string? OptionChainType { get; init; }

    /// <summary>IV (decimal string).</summary>
    public decimal? ImpliedVolatility { get; init; }
}

/// <summary>An item of <c>GET /accounts/{n}/transactions</c> (trades, assignments, expirations, money movements).</summary>
public sealed record Transaction
{
    /// <summary>Id.</summary>
    public long? Id { get; init; }

    /// <summary>Account number.</summary>
    public string? AccountNumber { get; init; }

    /// <summary><c>Trade</c>, <c>Receive Deliver</c>, <c>Money Movement</c>…</summary>
    public string? TransactionType { get; init; }

    /// <summary><c>Buy to Open</c>, <c>Assignment</c>, <c>Expiration</c>…</summary>
    public string? TransactionSubType { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>Executed at.</summary>
    public DateTimeOffset? ExecutedAt { get; init; }

    /// <summary>Transaction date.</summary>
    public DateOnly? TransactionDate { get; init; }

    /// <summary>Symbol.</summary>
    public string? Symbol { get; init; }

    /// <summary>Instrument type.</summary>
    public string? InstrumentType { get; init; }

    /// <summary>Underlying.</summary>
    public string? UnderlyingSymbol { get; init; }

    /// <summary>Action.</summary>
    public string? Action { get; init; }

    /// <summary>Quantity (decimal string or number).</summary>
    public decimal? Quantity { get; init; }

    /// <summary>Price (decimal string).</summary>
    public decimal? Price { get; init; }

    /// <summary>Value (decimal string, unsigned).</summary>
    public decimal? Value { get; init; }

    /// <summary>Sign of <see cref="Value"/>.</summary>
    public string? ValueEffect { get; init; }

    /// <summary>Net value (decimal string, unsigned).</summary>
    public decimal? NetValue { get; init; }

    /// <summary>Sign of <see cref="NetValue"/>.</summary>
    public string? NetValueEffect { get; init; }

    /// <summary>Commission (decimal string).</summary>
    public decimal? Commission { get; init; }

    /// <summary>Sign.</summary>
    public string? CommissionEffect { get; init; }

    /// <summary>Clearing fees (decimal string).</summary>
    public decimal? ClearingFees { get; init; }

    /// <summary>Sign.</summary>
    public string? ClearingFeesEffect { get; init; }

    /// <summary>Regulatory fees (decimal string).</summary>
    public decimal? RegulatoryFees { get; init; }

    /// <summary>Sign.</summary>
    public string? RegulatoryFeesEffect { get; init; }

    /// <summary>Proprietary index option fees (decimal string).</summary>
    public decimal? ProprietaryIndexOptionFees { get; init; }

    /// <summary>Sign.</summary>
    public string? ProprietaryIndexOptionFeesEffect { get; init; }

    /// <summary>Estimated fee.</summary>
    public bool? IsEstimatedFee { get; init; }

    /// <summary>Order id.</summary>
    public long? OrderId { get; init; }

    /// <summary>Execution id.</summary>
    public string? ExecId { get; init; }

    /// <summary>Exchange execution id.</summary>
    public string? ExtExecId { get; init; }

    /// <summary>Exchange group fill id.</summary>
    public string? ExtGroupFillId { get; init; }

    /// <summary>Exchange.</summary>
    public string? Exchange { get; init; }

    /// <summary>Venue.</summary>
    public string? DestinationVenue { get; init; }

    /// <summary>Legs.</summary>
    public int? LegCount { get; init; }

    /// <summary>Reversed transaction.</summary>
    public long? ReversesId { get; init; }
}

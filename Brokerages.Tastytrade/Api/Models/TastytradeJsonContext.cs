using System.Text.Json.Serialization;

namespace TomKing.Brokerages.Tastytrade.Api.Models;

/// <summary>
/// Source-generated JSON for every Tastytrade REST payload (client and emulator share it, so both speak
/// the same wire). Kebab-case names (<c>account-number</c>); nulls are omitted on write; decimals are
/// written as strings and read from strings or numbers (<see cref="WireDecimalConverter"/>), except
/// quantities, which are numbers (<see cref="WireQuantityConverter"/>); unknown fields are ignored.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(WireDecimalConverter), typeof(NullableWireDecimalConverter)])]
[JsonSerializable(typeof(ApiErrorEnvelope))]
[JsonSerializable(typeof(OAuthTokenRequest))]
[JsonSerializable(typeof(OAuthTokenResponse))]
[JsonSerializable(typeof(ApiEnvelope<Customer>))]
[JsonSerializable(typeof(ApiEnvelope<ItemList<AccountAuthority>>))]
[JsonSerializable(typeof(ApiEnvelope<Account>))]
[JsonSerializable(typeof(ApiEnvelope<TradingStatus>))]
[JsonSerializable(typeof(ApiEnvelope<AccountBalance>))]
[JsonSerializable(typeof(ApiEnvelope<ItemList<AccountBalance>>))]
[JsonSerializable(typeof(ApiEnvelope<ItemList<Position>>))]
[JsonSerializable(typeof(OrderRequest))]
[JsonSerializable(typeof(ComplexOrderRequest))]
[JsonSerializable(typeof(ApiEnvelope<PlacedOrderResponse>))]
[JsonSerializable(typeof(ApiEnvelope<Order>))]
[JsonSerializable(typeof(ApiEnvelope<ItemList<Order>>))]
[JsonSerializable(typeof(ApiEnvelope<ComplexOrder>))]
[JsonSerializable(typeof(ApiEnvelope<ItemList<ComplexOrder>>))]
[JsonSerializable(typeof(ApiEnvelope<EquityInstrument>))]
[JsonSerializable(typeof(ApiEnvelope<ItemList<EquityInstrument>>))]
[JsonSerializable(typeof(ApiEnvelope<EquityOptionInstrument>))]
[JsonSerializable(typeof(ApiEnvelope<ItemList<EquityOptionInstrument>>))]
[JsonSerializable(typeof(ApiEnvelope<ItemList<NestedOptionChain>>))]
[JsonSerializable(typeof(ApiEnvelope<FutureInstrument>))]
[JsonSerializable(typeof(ApiEnvelope<ItemList<FutureInstrument>>))]
[JsonSerializable(typeof(ApiEnvelope<FutureOptionInstrument>))]
[JsonSerializable(typeof(ApiEnvelope<ItemList<FutureOptionInstrument>>))]
[JsonSerializable(typeof(ApiEnvelope<NestedFutureOptionChains>))]
[JsonSerializable(typeof(ApiEnvelope<QuoteToken>))]
[JsonSerializable(typeof(ApiEnvelope<ItemList<MarketMetric>>))]
[JsonSerializable(typeof(ApiEnvelope<Transaction>))]
[JsonSerializable(typeof(ApiEnvelope<ItemList<Transaction>>))]
public sealed partial class TastytradeJsonContext : JsonSerializerContext;

using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Brokerages.Tastytrade.Api.Models;

namespace TomKing.Brokerages.Tastytrade.Adapters;

/// <summary>What the broker holds for the account: what a restarted live runner reconciles its journal against.</summary>
/// <param name="Orders">Today's orders in every status, working orders from earlier days and every order received
/// since the requested date, one entry per broker order id (a replaced order and its replacement are two entries).</param>
/// <param name="Positions">Open positions.</param>
public sealed record BrokerAccountSnapshot(IReadOnlyList<BrokerOrderSnapshot> Orders, IReadOnlyList<BrokerPositionSnapshot> Positions);

/// <summary>One broker order.</summary>
/// <param name="BrokerOrderId">Tastytrade's id.</param>
/// <param name="ExternalIdentifier">Its <c>external-identifier</c>, if any.</param>
/// <param name="ClientId">Our client order id when the identifier carries our prefix.</param>
/// <param name="Order">This port's handle when the order is mapped in this run (submitted or adopted).</param>
/// <param name="Status">Wire status (<c>Live</c>, <c>Filled</c>, …).</param>
/// <param name="MappedStatus">The status as the pipeline reads it, when it is a report (<c>Cancel Requested</c> is not).</param>
/// <param name="FilledUnits">Units filled (least-filled leg).</param>
/// <param name="Size">Units ordered.</param>
/// <param name="LimitPrice">Limit in the pipeline's sign as traded (debit positive, credit negative).</param>
/// <param name="ReplacesBrokerOrderId">The order it replaced.</param>
/// <param name="ReplacingBrokerOrderId">The order replacing it.</param>
/// <param name="Fills">Every leg execution so far.</param>
/// <param name="Raw">The order as read.</param>
public sealed record BrokerOrderSnapshot(
    long BrokerOrderId,
    string? ExternalIdentifier,
    ClientOrderId? ClientId,
    OrderId? Order,
    string Status,
    BrokerOrderStatus? MappedStatus,
    int FilledUnits,
    int Size,
    decimal LimitPrice,
    long? ReplacesBrokerOrderId,
    long? ReplacingBrokerOrderId,
    IReadOnlyList<BrokerLegFill> Fills,
    Order Raw);

/// <summary>One execution of one leg.</summary>
/// <param name="FillId">The broker's fill id (de-duplication key).</param>
/// <param name="Symbol">Leg symbol.</param>
/// <param name="Contract">The contract, when the symbol maps to an option.</param>
/// <param name="Quantity">Signed contracts (+ bought, − sold).</param>
/// <param name="Price">Price per contract unit.</param>
/// <param name="Time">Execution time, US/Eastern.</param>
public readonly record struct BrokerLegFill(string FillId, string Symbol, OptionContract? Contract, int Quantity, decimal Price, DateTime Time);

/// <summary>One open position.</summary>
/// <param name="Symbol">Order symbol.</param>
/// <param name="InstrumentType">Wire instrument type.</param>
/// <param name="Contract">The contract for options whose symbol maps.</param>
/// <param name="Quantity">Signed quantity (+ long, − short).</param>
/// <param name="AverageOpenPrice">Average open price.</param>
/// <param name="Multiplier">Contract multiplier.</param>
public readonly record struct BrokerPositionSnapshot(string Symbol, string? InstrumentType, OptionContract? Contract, int Quantity, decimal AverageOpenPrice, decimal? Multiplier);

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
/// <param name="LimitPrice">Limit in the sign of the request it was placed for (<see cref="ComboOrderRequest.LimitPrice"/>,
/// the sign the port's <see cref="OrderUpdate.LimitPrice"/> reports for orders it placed) whenever that request's
/// quantity is known: the order is mapped in this run (<see cref="Order"/> set) or the snapshot was given the journaled
/// quantities. Otherwise it is <see cref="TradedLimitPrice"/>, which is the request's sign for a positive quantity
/// only; use <see cref="LimitPriceFor"/> once the request is known.</param>
/// <param name="TradedLimitPrice">Limit as traded, from Tastytrade's unsigned <c>price</c> and its <c>price-effect</c>:
/// debit positive, credit negative, whoever placed the order.</param>
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
    decimal TradedLimitPrice,
    long? ReplacesBrokerOrderId,
    long? ReplacingBrokerOrderId,
    IReadOnlyList<BrokerLegFill> Fills,
    Order Raw)
{
    /// <summary>The limit in the sign of a request of <paramref name="requestQuantity"/> units (the traded limit
    /// times the quantity's sign: closing an iron condor, quantity −1, for a 0.50 debit is a limit of −0.50).</summary>
    /// <param name="requestQuantity">The request's signed quantity (never 0).</param>
    public decimal LimitPriceFor(int requestQuantity) => requestQuantity switch
    {
        > 0 => TradedLimitPrice,
        < 0 => -TradedLimitPrice,
        _ => throw new ArgumentOutOfRangeException(nameof(requestQuantity), "A request quantity is never 0."),
    };
}

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

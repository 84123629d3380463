namespace TomKing.Algorithm.Ports;

/// <summary>A status report for a combo order from the venue.</summary>
/// <param name="Order">Host handle.</param>
/// <param name="ClientId">The pipeline's id.</param>
/// <param name="Status">What happened.</param>
/// <param name="Time">Eastern time of the report.</param>
/// <param name="FilledQuantity">Units filled so far, unsigned (cumulative).</param>
/// <param name="LimitPrice">The working limit after this report (changes on <see cref="BrokerOrderStatus.Replaced"/>).</param>
/// <param name="Message">Venue text for rejections and refusals; null otherwise.</param>
public readonly record struct OrderUpdate(
    OrderId Order,
    ClientOrderId ClientId,
    BrokerOrderStatus Status,
    DateTime Time,
    int FilledQuantity,
    decimal LimitPrice,
    string? Message);

namespace TomKing.Algorithm.Ports;

/// <summary>
/// Where the order pipeline sends orders. Hosts implement it over their venue: the simulated venue,
/// the Tastytrade adapter, LEAN's <c>ComboLimitOrder</c> / <c>OrderTicket.Update</c> / <c>Cancel</c>.
/// Calls never block on I/O and never throw for venue trouble: outcomes, including "unknown" after a
/// timeout, come back later through <see cref="IOrderEventSink"/>.
/// </summary>
public interface IOrderPort
{
    /// <summary>Sends one combo limit order; returns the host's handle for it at once.</summary>
    OrderId Submit(in ComboOrderRequest request);

    /// <summary>Asks to cancel a working order (the result arrives as an update).</summary>
    void Cancel(OrderId order);

    /// <summary>Asks to change a working order's limit price (P-10 repricing ladder).</summary>
    void Replace(OrderId order, decimal newLimitPrice);
}

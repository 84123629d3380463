using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Ports;

/// <summary>One execution of one leg of a combo order; the portfolio books these (average cost,
/// realized P&amp;L), so per-leg prices are kept, not only the net.</summary>
/// <param name="Order">Host handle.</param>
/// <param name="ClientId">The pipeline's id.</param>
/// <param name="Contract">The leg's option.</param>
/// <param name="Quantity">Signed contracts (+ bought, − sold).</param>
/// <param name="Price">Premium per contract unit in points (× multiplier for USD).</param>
/// <param name="Fee">Commissions and fees for this execution, USD.</param>
/// <param name="Time">Eastern time of the execution.</param>
/// <param name="ExecutionId">Venue's execution id (de-duplicates replays after reconnect).</param>
public readonly record struct LegFill(
    OrderId Order,
    ClientOrderId ClientId,
    OptionContract Contract,
    int Quantity,
    decimal Price,
    decimal Fee,
    DateTime Time,
    string ExecutionId);

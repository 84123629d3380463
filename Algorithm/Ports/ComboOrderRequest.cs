using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Ports;

/// <summary>
/// One combo limit order for a whole structure (P-10: never leg by leg); maps onto LEAN's
/// <c>ComboLimitOrder(legs, quantity, limitPrice)</c> and a Tastytrade multi-leg order.
/// </summary>
/// <remarks>
/// Sign conventions (LEAN's): the combo price is Σ ratioᵢ × priceᵢ over the structure's legs, so a
/// credit structure (iron condor, strangle) has a negative combo price. <see cref="Quantity"/> &gt; 0
/// trades the structure as defined (opening a short iron condor), &lt; 0 reverses every leg (closing it).
/// <see cref="LimitPrice"/> is the worst acceptable combo price per unit: buying (quantity &gt; 0) fills at
/// or below it, selling (quantity &lt; 0) at or above it. Example: open an iron condor for at least 1.20
/// credit: quantity +1, limit −1.20; close it paying at most 0.50: quantity −1, limit −0.50.
/// </remarks>
/// <param name="ClientId">The pipeline's id (journaled before submission).</param>
/// <param name="Strategy">Owning strategy.</param>
/// <param name="Position">The position it opens, adjusts or closes.</param>
/// <param name="Structure">Legs per unit.</param>
/// <param name="Quantity">Signed units (see remarks); never 0.</param>
/// <param name="LimitPrice">Net combo limit per unit in premium points, rounded to the tick (see remarks).</param>
/// <param name="Tag">Short human-readable reason carried to the broker/LEAN tag (rule IDs, e.g. "F0-2 CCS").</param>
public readonly record struct ComboOrderRequest(
    ClientOrderId ClientId,
    StrategyId Strategy,
    PositionId Position,
    OptionStructure Structure,
    int Quantity,
    decimal LimitPrice,
    string Tag);

using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Ports;

namespace TomKing.Algorithm.Orders;

/// <summary>
/// A read-only snapshot of one order in the order table: what was sent, where it stands, how much
/// filled and where its P-10 ladder is. For reconciliation, tests and reports.
/// </summary>
/// <param name="ClientId">The pipeline's id.</param>
/// <param name="Order">The host's handle (default until the port returned one).</param>
/// <param name="State">Current state.</param>
/// <param name="Strategy">Owning strategy.</param>
/// <param name="Kind">Open, close or adjust.</param>
/// <param name="Position">Position it opens, adjusts or closes.</param>
/// <param name="Structure">Legs per unit (as on the combo request).</param>
/// <param name="Quantity">Signed units as sent (&lt; 0 reverses every leg: closing).</param>
/// <param name="FilledUnits">Units filled so far (0 … |Quantity|).</param>
/// <param name="LimitPrice">The limit last sent (initial or the last replace).</param>
/// <param name="Pricing">Mid-then-ladder or natural.</param>
/// <param name="StepsTaken">Ladder steps sent after the initial limit.</param>
/// <param name="SubmittedAt">Eastern time it was handed to the port.</param>
/// <param name="WindowEnd">Eastern time it is cancelled if unfilled (<see cref="DateTime.MaxValue"/> for none).</param>
/// <param name="Tag">The intent's rule IDs.</param>
/// <param name="Mid">The combo mid the P-10 ladder was planned from.</param>
/// <param name="Natural">The combo natural the ladder ends at.</param>
public readonly record struct TrackedOrder(
    ClientOrderId ClientId,
    OrderId Order,
    OrderState State,
    StrategyId Strategy,
    IntentKind Kind,
    PositionId Position,
    OptionStructure Structure,
    int Quantity,
    int FilledUnits,
    decimal LimitPrice,
    PricingPolicy Pricing,
    int StepsTaken,
    DateTime SubmittedAt,
    DateTime WindowEnd,
    string Tag,
    double Mid = double.NaN,
    double Natural = double.NaN);

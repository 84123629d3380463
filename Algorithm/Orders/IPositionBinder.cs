using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;

namespace TomKing.Algorithm.Orders;

/// <summary>
/// Where the pipeline registers the position an order belongs to, before the order reaches the venue, so
/// the first fill (which may arrive inside <see cref="IOrderPort.Submit"/>) is booked to the right position.
/// The portfolio implements it (the signatures match <c>PortfolioLedger.ReservePosition</c> and
/// <c>BindOrder</c>); hosts without a ledger pass none.
/// </summary>
public interface IPositionBinder
{
    /// <summary>Creates a pending position for an approved entry and returns its id.</summary>
    PositionId ReservePosition(StrategyId strategy, in OptionStructure unit);

    /// <summary>Routes an order's fills to a position; an entry may reserve the buying power it will use.</summary>
    void BindOrder(ClientOrderId order, PositionId position, decimal reservedBuyingPower = 0m);

    /// <summary>True when the position is open or pending (restoring a journal: an entry whose position is
    /// not known yet reserves it again). Binders without a book know none.</summary>
    bool IsKnown(PositionId position) => false;
}

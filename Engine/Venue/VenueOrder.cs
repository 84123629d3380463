using TomKing.Algorithm.Ports;

namespace TomKing.Engine.Venue;

/// <summary>The venue's record of one combo order: what was asked, where it stands and how it filled
/// (the results file's order list is built from these).</summary>
public sealed class VenueOrder
{
    internal VenueOrder(OrderId id, in ComboOrderRequest request, DateTime submittedAt)
    {
        Id = id;
        Request = request;
        SubmittedAt = submittedAt;
        LimitPrice = request.LimitPrice;
        Status = BrokerOrderStatus.Working;
    }

    /// <summary>The venue's handle.</summary>
    public OrderId Id { get; }

    /// <summary>The order as submitted.</summary>
    public ComboOrderRequest Request { get; }

    /// <summary>Eastern time of submission.</summary>
    public DateTime SubmittedAt { get; }

    /// <summary>The working limit (after replaces).</summary>
    public decimal LimitPrice { get; internal set; }

    /// <summary>Accepted replaces (P-10 ladder steps).</summary>
    public int Replaces { get; internal set; }

    /// <summary>Working, Filled or Cancelled.</summary>
    public BrokerOrderStatus Status { get; internal set; }

    /// <summary>Units filled (0 or all: fills are never partial).</summary>
    public int FilledUnits { get; internal set; }

    /// <summary>Net combo price per unit of the fill, LEAN sign (null when unfilled).</summary>
    public decimal? FillPrice { get; internal set; }

    /// <summary>Eastern time of the fill or cancel (null while working).</summary>
    public DateTime? FinishedAt { get; internal set; }

    /// <summary>Fees of all its executions, USD.</summary>
    public decimal Fees { get; internal set; }

    /// <summary>True while the order can still fill.</summary>
    public bool IsWorking => Status is BrokerOrderStatus.Working or BrokerOrderStatus.Replaced;
}

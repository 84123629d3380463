namespace TomKing.Algorithm.Orders;

/// <summary>
/// The inputs of the order state machine: what the pipeline did (<see cref="Submit"/>,
/// <see cref="CancelRequest"/>) and what the venue reported (everything else). Broker reports are mapped
/// from <see cref="Ports.BrokerOrderStatus"/> and from leg fills by the order table.
/// </summary>
public enum OrderEventKind : byte
{
    /// <summary>The pipeline hands the order to the order port.</summary>
    Submit = 0,

    /// <summary>The venue reports the order working (accepted, or a replace accepted).</summary>
    Accepted = 1,

    /// <summary>More units filled, not all.</summary>
    PartialFill = 2,

    /// <summary>Every unit filled.</summary>
    Fill = 3,

    /// <summary>The pipeline sent a cancel.</summary>
    CancelRequest = 4,

    /// <summary>The venue reports the order cancelled.</summary>
    Cancelled = 5,

    /// <summary>The venue reports the order rejected (<see cref="Ports.BrokerOrderStatus.Rejected"/>: the only evidence of a rejection).</summary>
    Rejected = 6,

    /// <summary>The venue refused a cancel or replace request; the order is as it was.</summary>
    RequestRefused = 7,

    /// <summary>The venue's answer is unknown (timeout, disconnect, 5xx).</summary>
    Unknown = 8,
}

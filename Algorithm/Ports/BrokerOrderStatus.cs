namespace TomKing.Algorithm.Ports;

/// <summary>What the venue reported about an order. The pipeline's state machine turns these reports
/// into order states; a report is evidence, the absence of one is not (an order without news stays
/// in flight until reconciliation).</summary>
public enum BrokerOrderStatus : byte
{
    /// <summary>The venue accepted the order; it is working.</summary>
    Working = 0,

    /// <summary>Some units filled; the rest keep working.</summary>
    PartiallyFilled = 1,

    /// <summary>All units filled.</summary>
    Filled = 2,

    /// <summary>Cancelled (on request, at session end or by the venue).</summary>
    Cancelled = 3,

    /// <summary>Rejected by the venue, with a message. Only this status is evidence of a rejection.</summary>
    Rejected = 4,

    /// <summary>A replace (new limit price) was accepted.</summary>
    Replaced = 5,

    /// <summary>A cancel or replace request was refused (e.g. the order had already filled).</summary>
    RequestRefused = 6,

    /// <summary>The venue's answer is unknown (timeout, disconnect, 5xx): reconcile, do not assume.</summary>
    Unknown = 7,
}

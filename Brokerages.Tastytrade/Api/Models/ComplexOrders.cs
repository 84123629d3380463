namespace TomKing.Brokerages.Tastytrade.Api.Models;

/// <summary>Values of a complex order's <c>type</c>.</summary>
public static class ComplexOrderTypes
{
    /// <summary>One cancels other.</summary>
    public const string Oco = "OCO";

    /// <summary>One triggers one-cancels-other.</summary>
    public const string Otoco = "OTOCO";

    /// <summary>One triggers other.</summary>
    public const string Oto = "OTO";

    /// <summary>Pairs.</summary>
    public const string Pairs = "PAIRS";
}

/// <summary>Body of <c>POST /accounts/{n}/complex-orders[/dry-run]</c>. OCO omits <see cref="TriggerOrder"/>.</summary>
public sealed record ComplexOrderRequest
{
    /// <summary><see cref="ComplexOrderTypes"/>.</summary>
    public string? Type { get; init; }

    /// <summary>The opening order of an OTO/OTOCO.</summary>
    public OrderRequest? TriggerOrder { get; init; }

    /// <summary>The contingent orders (take-profit and stop for OTOCO; both sides of an OCO).</summary>
    public IReadOnlyList<OrderRequest> Orders { get; init; } = [];

    /// <summary>Free text.</summary>
    public string? Source { get; init; }

    /// <summary>Our client id for the group.</summary>
    public string? ExternalIdentifier { get; init; }

    /// <summary>PAIRS threshold (decimal string).</summary>
    public decimal? RatioPriceThreshold { get; init; }

    /// <summary>PAIRS comparator <c>gte</c>/<c>lte</c>.</summary>
    public string? RatioPriceComparator { get; init; }

    /// <summary>PAIRS threshold on notional.</summary>
    public bool? RatioPriceIsThresholdBasedOnNotional { get; init; }
}

/// <summary>A complex order as reported.</summary>
public sealed record ComplexOrder
{
    /// <summary>Complex order id.</summary>
    public long? Id { get; init; }

    /// <summary>Account number.</summary>
    public string? AccountNumber { get; init; }

    /// <summary><see cref="ComplexOrderTypes"/>.</summary>
    public string? Type { get; init; }

    /// <summary>Terminal at.</summary>
    public DateTimeOffset? TerminalAt { get; init; }

    /// <summary>Our client id, echoed.</summary>
    public string? ExternalIdentifier { get; init; }

    /// <summary>Contingent orders.</summary>
    public IReadOnlyList<Order> Orders { get; init; } = [];

    /// <summary>Trigger order.</summary>
    public Order? TriggerOrder { get; init; }

    /// <summary>Related orders and their statuses.</summary>
    public IReadOnlyList<RelatedOrder>? RelatedOrders { get; init; }

    /// <summary>PAIRS threshold (decimal string).</summary>
    public decimal? RatioPriceThreshold { get; init; }

    /// <summary>PAIRS comparator.</summary>
    public string? RatioPriceComparator { get; init; }

    /// <summary>PAIRS threshold on notional.</summary>
    public bool? RatioPriceIsThresholdBasedOnNotional { get; init; }
}

/// <summary>A component of a complex order.</summary>
public sealed record RelatedOrder
{
    /// <summary>Order id.</summary>
    public long? Id { get; init; }

    /// <summary>Complex order id.</summary>
    public long? ComplexOrderId { get; init; }

    /// <summary>Role tag.</summary>
    public string? ComplexOrderTag { get; init; }

    /// <summary>Replaced order.</summary>
    public long? ReplacesOrderId { get; init; }

    /// <summary>Replacing order.</summary>
    public long? ReplacingOrderId { get; init; }

    /// <summary><see cref="OrderStatuses"/>.</summary>
    public string? Status { get; init; }
}

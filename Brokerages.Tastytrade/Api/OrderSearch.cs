namespace TomKing.Brokerages.Tastytrade.Api;

/// <summary>Filters of <c>GET /accounts/{n}/orders</c> (order-api 20261012 requires a start date).</summary>
public sealed record OrderSearch
{
    /// <summary>First day (required by newer API versions).</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>Last day.</summary>
    public DateOnly? EndDate { get; init; }

    /// <summary>Statuses (<c>status[]</c>).</summary>
    public IReadOnlyList<string>? Statuses { get; init; }

    /// <summary>Underlying symbol.</summary>
    public string? UnderlyingSymbol { get; init; }

    /// <summary><c>Asc</c> or <c>Desc</c>.</summary>
    public string? Sort { get; init; }

    /// <summary>Page size.</summary>
    public int? PerPage { get; init; }

    /// <summary>0-based page.</summary>
    public int? PageOffset { get; init; }
}

/// <summary>Filters of <c>GET /accounts/{n}/transactions</c>.</summary>
public sealed record TransactionSearch
{
    /// <summary>First day.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>Last day.</summary>
    public DateOnly? EndDate { get; init; }

    /// <summary>Transaction type (<c>Trade</c>, <c>Receive Deliver</c>…).</summary>
    public string? Type { get; init; }

    /// <summary>Symbol.</summary>
    public string? Symbol { get; init; }

    /// <summary>Underlying symbol.</summary>
    public string? UnderlyingSymbol { get; init; }

    /// <summary><c>Asc</c> or <c>Desc</c>.</summary>
    public string? Sort { get; init; }

    /// <summary>Page size (default 250).</summary>
    public int? PerPage { get; init; }

    /// <summary>0-based page.</summary>
    public int? PageOffset { get; init; }
}

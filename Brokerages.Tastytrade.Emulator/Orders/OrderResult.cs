namespace TomKing.Brokerages.Tastytrade.Emulator.Orders;

/// <summary>The answer of an order-engine call: a value or an <see cref="OrderError"/>.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="Value">The value on success.</param>
/// <param name="Error">The error on failure.</param>
public readonly record struct OrderResult<T>(T? Value, OrderError? Error)
{
    /// <summary>True when <see cref="Value"/> is set.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>Success.</summary>
    public static implicit operator OrderResult<T>(T value) => new(value, null);

    /// <summary>Failure.</summary>
    public static implicit operator OrderResult<T>(OrderError error) => new(default, error);
}

/// <summary>Filters of <c>GET /accounts/{n}/orders</c>.</summary>
/// <param name="Statuses">Only these statuses (empty: all).</param>
/// <param name="StartDate">Received on or after this market date.</param>
/// <param name="EndDate">Received on or before this market date.</param>
/// <param name="UnderlyingSymbol">Only this underlying.</param>
/// <param name="Ascending">Oldest first (default newest first).</param>
public sealed record OrderQuery(
    IReadOnlyCollection<string> Statuses,
    DateOnly? StartDate = null,
    DateOnly? EndDate = null,
    string? UnderlyingSymbol = null,
    bool Ascending = false);

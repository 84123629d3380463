using System.Text.Json.Serialization;

namespace TomKing.Brokerages.Tastytrade.Api.Models;

/// <summary>The success envelope of every REST response: <c>{"data": …, "context": "/request/path"}</c>;
/// list endpoints put an <see cref="ItemList{T}"/> in <c>data</c> and add <c>pagination</c> when paged.</summary>
/// <typeparam name="T">The payload type.</typeparam>
public sealed record ApiEnvelope<T>
{
    /// <summary>The payload.</summary>
    public T? Data { get; init; }

    /// <summary>The request path the server answered (e.g. <c>/customers/me/accounts</c>).</summary>
    public string? Context { get; init; }

    /// <summary>Paging block on paginated endpoints; null otherwise.</summary>
    public Pagination? Pagination { get; init; }

    /// <summary>Non-fatal notices, e.g. <c>tif_next_valid_sesssion</c> (sic).</summary>
    public IReadOnlyList<ApiMessage>? Warnings { get; init; }

    /// <summary>Old payloads carry <c>"api-version":"v1"</c>.</summary>
    public string? ApiVersion { get; init; }
}

/// <summary>The list shape inside <c>data</c>: <c>{"items":[…]}</c>.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed record ItemList<T>
{
    /// <summary>The items (empty, never null, after deserialization of a well-formed list).</summary>
    public IReadOnlyList<T> Items { get; init; } = [];
}

/// <summary>The paging block: <c>page-offset</c> is 0-based; <c>per-page</c> defaults vary by endpoint.</summary>
public sealed record Pagination
{
    /// <summary>Items per page.</summary>
    public int PerPage { get; init; }

    /// <summary>0-based page index.</summary>
    public int PageOffset { get; init; }

    /// <summary>Index of the first item of this page.</summary>
    public int ItemOffset { get; init; }

    /// <summary>Items across all pages.</summary>
    public int TotalItems { get; init; }

    /// <summary>Number of pages.</summary>
    public int TotalPages { get; init; }

    /// <summary>Items on this page.</summary>
    public int CurrentItemCount { get; init; }

    /// <summary>Link to the previous page, or null.</summary>
    public string? PreviousLink { get; init; }

    /// <summary>Link to the next page, or null.</summary>
    public string? NextLink { get; init; }

    /// <summary>Template for page links, or null.</summary>
    public string? PagingLinkTemplate { get; init; }
}

/// <summary>A code/message pair (warnings on success responses; nested errors use <see cref="ApiFieldError"/>).</summary>
public sealed record ApiMessage
{
    /// <summary>Machine-readable code.</summary>
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Code { get; init; }

    /// <summary>Human-readable text.</summary>
    public string? Message { get; init; }
}

using System.Text.Json.Serialization;

namespace TomKing.Brokerages.Tastytrade.Api.Models;

/// <summary>The error envelope: <c>{"error":{"code","message","errors":[…]}}</c>.</summary>
public sealed record ApiErrorEnvelope
{
    /// <summary>The error.</summary>
    public ApiError? Error { get; init; }
}

/// <summary>One error: a code (a string such as <c>preflight_check_failure</c>, or a number such as
/// <c>406</c> — always surfaced as a string), a message and optional nested field errors.</summary>
public sealed record ApiError
{
    /// <summary>Machine-readable code (<c>validation_error</c>, <c>not_permitted</c>, <c>invalid_credentials</c>, <c>406</c>…).</summary>
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Code { get; init; }

    /// <summary>Human-readable text.</summary>
    public string? Message { get; init; }

    /// <summary>Nested errors (preflight checks, validation of single fields).</summary>
    public IReadOnlyList<ApiFieldError>? Errors { get; init; }
}

/// <summary>A nested error in either of the two observed shapes: <c>{"code","message"}</c> (preflight
/// checks) or <c>{"domain","reason"}</c> (validation, e.g. a negative price).</summary>
public sealed record ApiFieldError
{
    /// <summary>Code of the failed check (code/message shape).</summary>
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Code { get; init; }

    /// <summary>Text of the failed check (code/message shape).</summary>
    public string? Message { get; init; }

    /// <summary>The offending field (domain/reason shape), e.g. <c>price</c>.</summary>
    public string? Domain { get; init; }

    /// <summary>What is wrong with it (domain/reason shape).</summary>
    public string? Reason { get; init; }
}

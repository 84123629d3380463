using System.Net;
using TomKing.Brokerages.Tastytrade.Api.Models;

namespace TomKing.Brokerages.Tastytrade.Api;

/// <summary>
/// Tastytrade answered with an error: the HTTP status plus the error envelope's code, message and nested
/// field errors (both the <c>code/message</c> and the <c>domain/reason</c> shapes). A 406 means the pinned
/// <c>Accept-Version</c> is no longer served (<see cref="IsVersionUnsupported"/>).
/// </summary>
public sealed class TastytradeApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TastytradeApiException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TastytradeApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TastytradeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a response.</summary>
    /// <param name="status">HTTP status.</param>
    /// <param name="error">The parsed error, or null when the body was not the envelope.</param>
    /// <param name="message">Readable message (no secrets).</param>
    /// <param name="retryAfter">The server's Retry-After, if any.</param>
    public TastytradeApiException(HttpStatusCode status, ApiError? error, string message, TimeSpan? retryAfter = null)
        : base(message)
    {
        StatusCode = status;
        Code = error?.Code;
        ApiMessage = error?.Message;
        FieldErrors = error?.Errors ?? [];
        RetryAfter = retryAfter;
    }

    /// <summary>HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Error code (<c>preflight_check_failure</c>, <c>validation_error</c>, <c>406</c>…), or null.</summary>
    public string? Code { get; }

    /// <summary>The envelope's message, or null.</summary>
    public string? ApiMessage { get; }

    /// <summary>Nested errors.</summary>
    public IReadOnlyList<ApiFieldError> FieldErrors { get; } = [];

    /// <summary>Server-requested delay before a retry (429/503), if sent.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>406: the pinned API version is not supported.</summary>
    public bool IsVersionUnsupported => StatusCode == HttpStatusCode.NotAcceptable;

    /// <summary>429 or 5xx: transient on the server side.</summary>
    public bool IsTransient => StatusCode == HttpStatusCode.TooManyRequests || (int)StatusCode >= 500;
}

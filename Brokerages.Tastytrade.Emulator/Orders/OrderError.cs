using TomKing.Brokerages.Tastytrade.Api.Models;

namespace TomKing.Brokerages.Tastytrade.Emulator.Orders;

/// <summary>A refused request, rendered as the error envelope with <see cref="Status"/>.</summary>
/// <param name="Status">HTTP status (400 validation, 404 unknown, 422 preflight).</param>
/// <param name="Code">The envelope's <c>code</c> (<c>validation_error</c>, <c>preflight_check_failure</c>, <c>record_not_found</c>…).</param>
/// <param name="Message">The envelope's <c>message</c>.</param>
/// <param name="Errors">Nested errors (code/message or domain/reason shape).</param>
public sealed record OrderError(int Status, string Code, string Message, IReadOnlyList<ApiFieldError>? Errors = null)
{
    /// <summary>400 <c>validation_error</c> with one domain/reason entry.</summary>
    public static OrderError Validation(string domain, string reason) =>
        new(400, "validation_error", "Request validation failed", [new ApiFieldError { Domain = domain, Reason = reason }]);

    /// <summary>422 <c>preflight_check_failure</c> with one code/message entry.</summary>
    public static OrderError Preflight(string code, string message) =>
        new(422, "preflight_check_failure", "One or more preflight checks failed", [new ApiFieldError { Code = code, Message = message }]);

    /// <summary>404 <c>record_not_found</c>.</summary>
    public static OrderError NotFound(string what) => new(404, "record_not_found", what + " not found");
}

using Microsoft.Extensions.Logging;

namespace TomKing.Brokerages.Tastytrade.Http;

/// <summary>Source-generated log messages of the REST and OAuth client. Arguments are already redacted
/// (<see cref="LogRedaction"/>): no method here takes a token, a secret or a full account number.</summary>
internal static partial class TastytradeLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "{Method} {Path} -> {Status} in {ElapsedMs:F2} ms")]
    public static partial void Request(ILogger logger, string method, string path, int status, double elapsedMs);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "{Method} {Path} failed ({Reason}); retry {Attempt} in {DelayMs:F0} ms")]
    public static partial void Retrying(ILogger logger, string method, string path, string reason, int attempt, double delayMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "{Method} {Path}: API error {Status} {Code}: {Message}")]
    public static partial void ApiError(ILogger logger, string method, string path, int status, string code, string message);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Access token refreshed ({Token}), expires in {ExpiresInSeconds} s")]
    public static partial void TokenRefreshed(ILogger logger, string token, int expiresInSeconds);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Access token refresh failed: {Reason}")]
    public static partial void TokenRefreshFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Order submit for {ExternalId} on {Account} has an unknown outcome ({Reason}); reconcile before resubmitting")]
    public static partial void SubmitUnknown(ILogger logger, string externalId, string account, string reason);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "Reconciled {ExternalId} on {Account}: {Outcome}")]
    public static partial void Reconciled(ILogger logger, string externalId, string account, string outcome);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "{Method} {Path}: 401, token invalidated; retrying once with a fresh token")]
    public static partial void Unauthorized(ILogger logger, string method, string path);
}

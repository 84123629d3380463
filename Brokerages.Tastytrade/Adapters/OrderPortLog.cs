using Microsoft.Extensions.Logging;

namespace TomKing.Brokerages.Tastytrade.Adapters;

/// <summary>Source-generated log messages of <see cref="TastytradeOrderPort"/> (external identifiers only; no
/// account numbers, no tokens).</summary>
internal static partial class OrderPortLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "Order {ExternalId}: submit outcome unknown ({Reason}); reconciling by external identifier")]
    public static partial void SubmitUnknown(ILogger logger, string externalId, string reason);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Order {ExternalId}: absent at the broker after POST {Post}; sending it again with the same external identifier")]
    public static partial void Resubmitting(ILogger logger, string externalId, int post);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Order {ExternalId}: found by reconciliation as broker order {BrokerOrderId} ({Status})")]
    public static partial void Found(ILogger logger, string externalId, long brokerOrderId, string status);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Order {ExternalId}: {Step} failed ({Reason}); retry in {DelayMs:F0} ms")]
    public static partial void StepRetry(ILogger logger, string externalId, string step, string reason, double delayMs);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Error, Message = "Order sender: unexpected error for {ExternalId}: {Reason}")]
    public static partial void SenderError(ILogger logger, string externalId, string reason);
}

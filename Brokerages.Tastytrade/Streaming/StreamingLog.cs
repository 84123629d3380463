using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace TomKing.Brokerages.Tastytrade.Streaming;

/// <summary>Log messages of the streaming clients (never carrying tokens).</summary>
internal static partial class StreamingLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "DXLink connection ended: {Error}")]
    public static partial void DxConnectionEnded(ILogger logger, string error);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "DXLink: no inbound message for {Timeout}; treating the stream as frozen and reconnecting.")]
    public static partial void DxSilence(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "DXLink closed by the server: {Status} {Description}")]
    public static partial void DxClosed(ILogger logger, WebSocketCloseStatus? status, string? description);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "DXLink: UNAUTHORIZED; fetching a new quote token.")]
    public static partial void DxUnauthorized(ILogger logger);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "DXLink error {Error}: {Message}")]
    public static partial void DxError(ILogger logger, string? error, string? message);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Account streamer connection ended: {Error}")]
    public static partial void AccountConnectionEnded(ILogger logger, string error);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Account streamer: no inbound message for {Timeout}; reconnecting.")]
    public static partial void AccountSilence(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Account streamer closed by the server: {Status} {Description}")]
    public static partial void AccountClosed(ILogger logger, WebSocketCloseStatus? status, string? description);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Error, Message = "Account streamer: reconcile after reconnect failed: {Error}")]
    public static partial void ReconcileFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Account streamer: {Action} refused: {Message}")]
    public static partial void AccountActionRefused(ILogger logger, string? action, string? message);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Warning, Message = "Account streamer: unreadable notification skipped: {Error}")]
    public static partial void AccountBadMessage(ILogger logger, string error);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Warning, Message = "Account streamer: {Depth} events wait for the consumer (nothing is dropped).")]
    public static partial void AccountQueueDeep(ILogger logger, long depth);
}

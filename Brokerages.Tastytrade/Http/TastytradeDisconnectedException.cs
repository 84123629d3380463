namespace TomKing.Brokerages.Tastytrade.Http;

/// <summary>
/// The client cannot currently talk to Tastytrade: a token refresh failed, or the transport failed or
/// timed out. It is transient by contract — the caller backs off and retries (token-refresh outages must
/// never stop the trader) — and it never means an order was rejected.
/// </summary>
public sealed class TastytradeDisconnectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TastytradeDisconnectedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TastytradeDisconnectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TastytradeDisconnectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with its kind.</summary>
    /// <param name="kind">What failed.</param>
    /// <param name="message">Readable reason (no secrets).</param>
    /// <param name="innerException">The cause, if any.</param>
    public TastytradeDisconnectedException(DisconnectKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What failed.</summary>
    public DisconnectKind Kind { get; }

    /// <summary>True when the failure was a timeout (the server may have acted on the request).</summary>
    public bool IsTimeout => Kind == DisconnectKind.Timeout;
}

/// <summary>Why the client is disconnected.</summary>
public enum DisconnectKind
{
    /// <summary>Unspecified.</summary>
    Unknown = 0,

    /// <summary>The OAuth refresh failed (bad grant, server error, network).</summary>
    TokenRefreshFailed = 1,

    /// <summary>The request timed out.</summary>
    Timeout = 2,

    /// <summary>The connection failed or was reset.</summary>
    Transport = 3,
}

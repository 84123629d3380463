namespace TomKing.Brokerages.Tastytrade.Emulator.Faults;

/// <summary>
/// The misbehaviour the emulator is told to show, fixed for a run (the <c>--faults</c> spec) and then
/// switchable at runtime through <see cref="FaultInjector"/>. Probabilities are per request (REST) or per
/// notification/message (streams); 0 turns a fault off.
/// </summary>
public sealed record FaultSettings
{
    /// <summary>No faults: a well-behaved server.</summary>
    public static FaultSettings None { get; } = new();

    /// <summary>Delay added before every REST response.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Probability that a REST request (other than <c>/oauth/token</c>) is answered 429 with Retry-After.</summary>
    public double Http429 { get; init; }

    /// <summary>The Retry-After value sent with an injected 429.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Probability that a REST request (other than <c>/oauth/token</c>) is answered with <see cref="Http5xxStatus"/>.</summary>
    public double Http5xx { get; init; }

    /// <summary>The status of an injected server error (500, 502, 503 or 504).</summary>
    public int Http5xxStatus { get; init; } = 503;

    /// <summary>Probability that an account-streamer notification is sent twice.</summary>
    public double DuplicateNotifications { get; init; }

    /// <summary>Probability that an account-streamer notification is held back and sent after the next one.</summary>
    public double OutOfOrderNotifications { get; init; }

    /// <summary>Probability, per streamed message, that the socket is dropped (closed without a close frame).</summary>
    public double DropSocket { get; init; }

    /// <summary>Probability, per streamed message, that the socket freezes: stays open and sends nothing more.</summary>
    public double FreezeSocket { get; init; }

    /// <summary>Probability, per streamed message, that the server closes with code 1012 (service restart).</summary>
    public double Close1012 { get; init; }

    /// <summary>Seed of the fault draws (the same seed and request sequence give the same faults).</summary>
    public ulong Seed { get; init; } = 0xFA017UL;
}

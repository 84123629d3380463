using TomKing.Brokerages.Tastytrade.Http;

namespace TomKing.Brokerages.Tastytrade.Api;

/// <summary>Settings of <see cref="TastytradeRestClient"/>.</summary>
public sealed record TastytradeClientOptions
{
    /// <summary>Where to connect.</summary>
    public TastytradeEnvironment Environment { get; init; } = TastytradeEnvironment.Production;

    /// <summary>Pinned <c>Accept-Version</c> (<see cref="TastytradeAssembly.ApiVersion"/>); null sends none.</summary>
    public string? ApiVersion { get; init; } = TastytradeAssembly.ApiVersion;

    /// <summary>Per-request timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>False only for a loopback server with a self-signed certificate (refused otherwise).</summary>
    public bool ValidateCertificates { get; init; } = true;

    /// <summary>Token bucket size (burst).</summary>
    public int RateLimitBurst { get; init; } = 20;

    /// <summary>Tokens added per <see cref="RateLimitPeriod"/>.</summary>
    public int RateLimitTokensPerPeriod { get; init; } = 10;

    /// <summary>Replenishment period of the token bucket.</summary>
    public TimeSpan RateLimitPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Calls allowed to wait for a token; beyond this a call fails fast.</summary>
    public int RateLimitQueue { get; init; } = 1000;

    /// <summary>Retries of idempotent calls on 429/5xx/timeouts (orders are never retried).</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First retry delay; later ones grow exponentially with jitter (Retry-After wins when sent).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Cap on any single retry delay (including a server Retry-After).</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);
}

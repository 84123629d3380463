using System.Net;
using TomKing.Brokerages.Tastytrade.Emulator.Faults;
using TomKing.Brokerages.Tastytrade.Emulator.Orders;

namespace TomKing.Brokerages.Tastytrade.Emulator;

/// <summary>How an <see cref="EmulatorHost"/> runs. Defaults suit tests: an ephemeral loopback port, a market
/// clock that starts at 10:00 ET on <see cref="MarketStart"/>'s date and follows real time, orders worked every
/// <see cref="StepInterval"/>.</summary>
public sealed record EmulatorOptions
{
    /// <summary>The address Kestrel binds; only loopback addresses are accepted.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port (0: an ephemeral port chosen by the OS).</summary>
    public int Port { get; init; }

    /// <summary>Seed of the synthetic market.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Market time (US/Eastern) when the emulator starts; must be within the synthetic market's years.</summary>
    public DateTime MarketStart { get; init; } = new(2024, 6, 3, 10, 0, 0);

    /// <summary>True: market time follows real time from <see cref="MarketStart"/>; false: it stands still until a test moves it.</summary>
    public bool ClockRuns { get; init; } = true;

    /// <summary>Market seconds per real second while the clock runs (1 = real time; 60 replays a 6.5-hour session
    /// in 6.5 minutes); must be in (0, 3600]. The quote stream, order fills and expiry settlement all follow it.</summary>
    public double Speed { get; init; } = 1.0;

    /// <summary>Faults at start (switchable later through <see cref="EmulatorHost.Faults"/>).</summary>
    public FaultSettings Faults { get; init; } = FaultSettings.None;

    /// <summary>The order engine's settings (accounts, cash, fill rule).</summary>
    public OrderEngineSettings Orders { get; init; } = OrderEngineSettings.Default;

    /// <summary>How often working orders are evaluated (null: never by itself; tests call <see cref="OrderEngine.Step"/>).</summary>
    public TimeSpan? StepInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The refresh token <c>POST /oauth/token</c> accepts.</summary>
    public string RefreshToken { get; init; } = "emulator-refresh-token";

    /// <summary>The client secret <c>POST /oauth/token</c> requires.</summary>
    public string ClientSecret { get; init; } = "emulator-client-secret";

    /// <summary>When set, a token request that names a client id must name this one.</summary>
    public string? ClientId { get; init; }

    /// <summary>Lifetime of access tokens (Tastytrade: 15 minutes).</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Real time for token lifetimes (null: the system's); tests pass a fake to expire tokens.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Oldest <c>Accept-Version</c> served (<c>yyyyMMdd</c>); earlier, later-than-<see cref="NewestApiVersion"/> or
    /// malformed versions get 406. A request without the header is served the oldest version.</summary>
    public string OldestApiVersion { get; init; } = "20250813";

    /// <summary>Newest <c>Accept-Version</c> the emulator knows; a higher date is "not supported".</summary>
    public string NewestApiVersion { get; init; } = "20261012";

    /// <summary>Extra endpoint modules (the streaming endpoints register themselves; see <see cref="IEmulatorModule"/>).</summary>
    public IReadOnlyList<IEmulatorModule> Modules { get; init; } = [];
}

namespace TomKing.Brokerages.Tastytrade.Http;

/// <summary>Where the client talks to: production, the sandbox ("cert") or a loopback emulator. Sandbox and
/// production credentials are separate; a token from one does not work on the other.</summary>
/// <param name="Name">Readable name for logs.</param>
/// <param name="RestBaseUri">REST base, e.g. <c>https://api.tastyworks.com/</c>.</param>
/// <param name="AccountStreamerUri">Account WebSocket, e.g. <c>wss://streamer.tastyworks.com</c>.</param>
public sealed record TastytradeEnvironment(string Name, Uri RestBaseUri, Uri AccountStreamerUri)
{
    /// <summary>Production.</summary>
    public static TastytradeEnvironment Production { get; } =
        new("production", new Uri("https://api.tastyworks.com/"), new Uri("wss://streamer.tastyworks.com"));

    /// <summary>The sandbox (cert) environment (resets every 24 h; delayed or no market data).</summary>
    public static TastytradeEnvironment Sandbox { get; } =
        new("sandbox", new Uri("https://api.cert.tastyworks.com/"), new Uri("wss://streamer.cert.tastyworks.com"));

    /// <summary>The bundled emulator (or a test server) on 127.0.0.1; the account streamer at the emulator's
    /// <c>/account-streamer</c>.</summary>
    /// <param name="port">TCP port of the server.</param>
    public static TastytradeEnvironment Loopback(int port) =>
        new("loopback", new Uri($"http://127.0.0.1:{port}/"), new Uri($"ws://127.0.0.1:{port}/account-streamer"));

    /// <summary>True when the REST host is this machine (plain HTTP and relaxed TLS are allowed only then).</summary>
    public bool IsLoopback => RestBaseUri.IsLoopback;
}

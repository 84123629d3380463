using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TomKing.Algorithm.Domain;
using TomKing.Brokerages.Tastytrade.Emulator.Events;
using TomKing.Brokerages.Tastytrade.Emulator.Faults;
using TomKing.Brokerages.Tastytrade.Emulator.Streaming;

namespace TomKing.Brokerages.Tastytrade.Tests.Streaming;

/// <summary>An in-test Kestrel on 127.0.0.1 (random port) with the emulator's streaming endpoints, a test-driven
/// event hub, the fault switches, a token set and a deterministic quote source.</summary>
internal sealed class StreamingTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StreamingTestHost(WebApplication app, StreamingServer server, Uri baseUri, EmulatorEventHub hub, FaultInjector faults, ConcurrentDictionary<string, bool> tokens)
    {
        _app = app;
        Server = server;
        BaseUri = baseUri;
        Hub = hub;
        Faults = faults;
        QuoteTokens = tokens;
    }

    public EmulatorEventHub Hub { get; }

    public FaultInjector Faults { get; }

    public ConcurrentDictionary<string, bool> QuoteTokens { get; }

    public StreamingServer Server { get; }

    public Uri BaseUri { get; }

    public Uri DxLinkUri => new(BaseUri, "/dxlink");

    public Uri AccountUri => new(BaseUri, "/account-streamer");

    public static async Task<StreamingTestHost> StartAsync(TimeSpan? quoteInterval = null, TimeSpan? keepalive = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseWebSockets();
        var hub = new EmulatorEventHub();
        var faults = new FaultInjector();
        var tokens = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var server = app.MapTastytradeStreaming(new StreamingEndpointOptions
        {
            Events = hub,
            Faults = faults,
            ValidateAccessToken = t => t == "access-1",
            ValidateQuoteToken = t => tokens.TryGetValue(t, out bool ok) && ok,
            Quotes = Quote,
            QuoteInterval = quoteInterval ?? TimeSpan.FromMilliseconds(20),
            DxKeepaliveInterval = keepalive ?? TimeSpan.FromMilliseconds(200),
            ClientSilenceTimeout = TimeSpan.FromSeconds(10),
            ShuffleFlushDelay = TimeSpan.FromMilliseconds(50),
        });
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StreamingTestHost(app, server, new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal)), hub, faults, tokens);
    }

    /// <summary>Every symbol is priced: bid = 100 + length, ask = bid + 0.1.</summary>
    private static bool Quote(string symbol, out Quote quote)
    {
        double bid = 100 + symbol.Length;
        quote = new Quote(bid, bid + 0.1, 10, 12, DateTime.UtcNow);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await _app.StopAsync(cts.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Polls a condition until true or the timeout (bounded wait).</summary>
    public static async Task<bool> Eventually(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(10).ConfigureAwait(false);
        }

        return condition();
    }
}

using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Rulebook;
using TomKing.Brokerages.Tastytrade.Adapters;
using TomKing.Brokerages.Tastytrade.Api;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator;
using TomKing.Brokerages.Tastytrade.Emulator.Streaming;
using TomKing.Brokerages.Tastytrade.Http;
using TomKing.Brokerages.Tastytrade.Streaming.DxLink;
using TomKing.Brokerages.Tastytrade.Tests.Api;
using TomKing.Engine.Live.Tastytrade;
using TomKing.Engine.Replay;

namespace TomKing.Brokerages.Tastytrade.Tests.LiveMarket;

/// <summary>An emulator on loopback (DXLink FEED_DATA every 20 ms) with the real REST client, DXLink client, market
/// view and <see cref="LiveMarketFeed"/> over it; the view's clock is the emulator's market time.</summary>
internal sealed class LiveMarketSession : IAsyncDisposable
{
    private LiveMarketSession(EmulatorHost host, TastytradeRestClient rest, DxLinkClient dx, DxLinkMarketView view, LiveMarketFeed feed)
    {
        Host = host;
        Rest = rest;
        Dx = dx;
        View = view;
        Feed = feed;
    }

    public EmulatorHost Host { get; }

    public TastytradeRestClient Rest { get; }

    public DxLinkClient Dx { get; }

    public DxLinkMarketView View { get; }

    public LiveMarketFeed Feed { get; }

    public static async Task<LiveMarketSession> StartAsync(EmulatorOptions options, Func<IReadOnlyList<StrategyId>, ILiveChainScope>? scope = null, Func<DateTime>? viewClock = null)
    {
        var module = new TastytradeStreamingModule(o => o with { QuoteInterval = TimeSpan.FromMilliseconds(20) });
        var host = new EmulatorHost(options with { Modules = [module], StepInterval = null });
        var url = await host.StartAsync();
        var (token, _, _) = host.Context.Tokens.Exchange(new OAuthTokenRequest { RefreshToken = options.RefreshToken, ClientSecret = options.ClientSecret });
        var rest = new TastytradeRestClient(new TastytradeClientOptions { Environment = TastytradeEnvironment.Loopback(url.Port), RequestTimeout = TimeSpan.FromSeconds(10) }, new FixedTokenSource(token!.AccessToken!));
        var quoteToken = host.Context.Tokens.IssueQuoteToken();
        var dx = new DxLinkClient(new DxLinkOptions { ConnectTimeout = TimeSpan.FromSeconds(3) }, _ => ValueTask.FromResult(new DxLinkQuoteToken(quoteToken.Token, host.DxLinkUrl, quoteToken.ExpiresAt)));
        var view = new DxLinkMarketView(dx, viewClock ?? (() => host.Clock.NowEastern));
        var feed = new LiveMarketFeed(rest, view, scope ?? (s => new PlanScope(new ChainScopePlan(s, RulebookSettings.Default))));
        return new LiveMarketSession(host, rest, dx, view, feed);
    }

    public async ValueTask DisposeAsync()
    {
        await Dx.DisposeAsync();
        Rest.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>A fixed scope: some roots, one window every day.</summary>
internal sealed class FixedScope(LiveDteWindow window, params string[] roots) : ILiveChainScope
{
    public IEnumerable<string> Roots => roots;

    public void WindowsFor(Ticker root, DateOnly day, IReadOnlyCollection<DateOnly> heldExpiries, List<LiveDteWindow> windows)
    {
        windows.Clear();
        windows.Add(window);
    }
}

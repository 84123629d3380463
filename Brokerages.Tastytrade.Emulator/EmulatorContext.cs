using TomKing.Brokerages.Tastytrade.Emulator.Auth;
using TomKing.Brokerages.Tastytrade.Emulator.Events;
using TomKing.Brokerages.Tastytrade.Emulator.Faults;
using TomKing.Brokerages.Tastytrade.Emulator.Market;
using TomKing.Brokerages.Tastytrade.Emulator.Orders;

namespace TomKing.Brokerages.Tastytrade.Emulator;

/// <summary>Everything an emulator's endpoints share: market, clock, order engine, events, faults and tokens.</summary>
public sealed class EmulatorContext
{
    internal EmulatorContext(EmulatorOptions options)
    {
        Options = options;
        Clock = new EmulatorClock(options.MarketStart, options.ClockRuns, speed: options.Speed);
        Market = new EmulatorMarket(options.Seed, Clock);
        EventHub = new EmulatorEventHub();
        Orders = new OrderEngine(Market, EventHub, options.Orders);
        Faults = new FaultInjector(options.Faults);
        Tokens = new TokenStore(options.RefreshToken, options.ClientSecret, options.ClientId, options.AccessTokenLifetime, options.Time);
        Faults.TokensExpired += (_, _) => Tokens.ExpireAll();
    }

    /// <summary>The options the emulator runs with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>Market time.</summary>
    public EmulatorClock Clock { get; }

    /// <summary>Prices, quotes, listings and symbology.</summary>
    public EmulatorMarket Market { get; }

    /// <summary>Orders, positions, balances, transactions.</summary>
    public OrderEngine Orders { get; }

    /// <summary>Account changes for the account streamer.</summary>
    public IEmulatorEvents Events => EventHub;

    /// <summary>Fault switches.</summary>
    public FaultInjector Faults { get; }

    /// <summary>OAuth access tokens and DXLink quote tokens.</summary>
    public TokenStore Tokens { get; }

    /// <summary>The base HTTP URL once started (<c>http://127.0.0.1:port</c>).</summary>
    public Uri? BaseUrl { get; internal set; }

    internal EmulatorEventHub EventHub { get; }
}

using System.Globalization;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;
using TomKing.Brokerages.Tastytrade.Adapters;
using TomKing.Brokerages.Tastytrade.Api;
using TomKing.Brokerages.Tastytrade.Auth;
using TomKing.Brokerages.Tastytrade.Http;
using TomKing.Brokerages.Tastytrade.Streaming.Account;
using TomKing.Brokerages.Tastytrade.Streaming.DxLink;
using TomKing.Brokerages.Tastytrade.Symbology;
using TomKing.Engine.Live.Operations;
using TomKing.Engine.Replay;

namespace TomKing.Engine.Live.Tastytrade;

/// <summary>Where and how <see cref="TastytradeLiveVenue"/> connects.</summary>
public sealed record TastytradeVenueSettings
{
    /// <summary>Production, the sandbox, or the emulator on loopback.</summary>
    public required TastytradeEnvironment Environment { get; init; }

    /// <summary>OAuth client secret and refresh token (from the environment or a 0600 secrets file).</summary>
    public required TastytradeCredentials Credentials { get; init; }

    /// <summary>The account to trade (null: the first account the login can trade).</summary>
    public string? Account { get; init; }

    /// <summary>Follow the emulator's market clock (<c>/emulator/clock</c>) instead of the wall clock.</summary>
    public bool FollowEmulatorClock { get; init; }

    /// <summary>The rulebook (which chains and expiries the strategies need).</summary>
    public RulebookSettings Rules { get; init; } = RulebookSettings.Default;

    /// <summary>REST request timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Inbound silence after which the market-data or account stream is declared dead and reconnected
    /// (the account stream's heartbeat and DXLink's keepalive go out at a third of it, so a healthy quiet stream
    /// always answers in time).</summary>
    public TimeSpan StreamTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The emulator on loopback at <paramref name="baseUrl"/>, following its market clock.</summary>
    /// <param name="baseUrl">Its REST base (<c>http://127.0.0.1:port</c>).</param>
    /// <param name="credentials">Its OAuth values (the emulator's options say which it accepts).</param>
    /// <param name="rules">The rulebook in force (null: the built-in one).</param>
    public static TastytradeVenueSettings Emulator(Uri baseUrl, TastytradeCredentials credentials, RulebookSettings? rules = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return new TastytradeVenueSettings
        {
            Environment = TastytradeEnvironment.Loopback(baseUrl.Port),
            Credentials = credentials,
            FollowEmulatorClock = true,
            Rules = rules ?? RulebookSettings.Default,
        };
    }
}

/// <summary>
/// <see cref="ILiveVenue"/> over Tastytrade (or the emulator, which speaks the same API): OAuth, the REST client,
/// the account streamer and <see cref="TastytradeOrderPort"/> for orders, DXLink with <see cref="LiveMarketFeed"/>
/// for the market view (the backtest's chain scope, so live and backtest carry the same expiries), and the
/// market clock (wall time, or the emulator's). Built by <see cref="ConnectAsync"/>.
/// </summary>
public sealed class TastytradeLiveVenue : ILiveVenue
{
    private readonly TastytradeVenueSettings _settings;
    private HttpClient? _http;
    private TastytradeRestClient? _rest;
    private AccountStreamerClient? _streamer;
    private DxLinkClient? _dx;
    private LiveMarketFeed? _feed;
    private TastytradeOrderPort? _port;
    private LiveMarketClock _clock = LiveMarketClock.Wall();
    private string _account = string.Empty;

    /// <summary>A venue (nothing connects until <see cref="ConnectAsync"/>).</summary>
    public TastytradeLiveVenue(TastytradeVenueSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"tastytrade {_settings.Environment.Name} {_settings.Environment.RestBaseUri.ToString().TrimEnd('/')}");

    /// <summary>The account traded (known after connecting).</summary>
    public string Account => _account;

    /// <summary>The market feed (known after connecting).</summary>
    public LiveMarketFeed Feed => _feed ?? throw NotConnected();

    /// <summary>The DXLink client (known after connecting): events received, conflation counters.</summary>
    public DxLinkClient MarketData => _dx ?? throw NotConnected();

    /// <summary>The order port (known after connecting).</summary>
    public TastytradeOrderPort Port => _port ?? throw NotConnected();

    /// <summary>How the links fared (connections include reconnects): "market data 3 connections (1 watchdog trip),
    /// account stream 2 connections (2 re-reads), orders 4 posts (0 resubmitted, 1 reconciled)".</summary>
    public string LinkSummary => _dx is null || _streamer is null || _port is null
        ? "not connected"
        : string.Create(CultureInfo.InvariantCulture,
            $"market data {_dx.Connections} connections ({_dx.WatchdogTrips} watchdog trips, {_dx.TokenFetches} quote tokens), account stream {_streamer.Connections} connections ({_streamer.Reconciles} re-reads), orders {_port.Posts} posts ({_port.Resubmits} resubmitted, {_port.Reconciliations} reconciled)");

    /// <inheritdoc />
    public IMarketView Market => Feed.View;

    /// <inheritdoc />
    public int PendingMarketInputs => Feed.View.UnpricedUnderlyings + Feed.View.PendingDailySeries;

    /// <inheritdoc />
    public IOrderPort Orders => Port;

    /// <inheritdoc />
    public DateTime NowEastern => _clock.Now;

    /// <inheritdoc />
    public Action<ClientOrderId, string>? Acknowledged { get; set; }

    /// <inheritdoc />
    public Func<ComboOrderRequest, CancellationToken, ValueTask>? BeforeSend { get; set; }

    /// <inheritdoc />
    public Func<OptionContract, int>? Holdings { get; set; }

    /// <inheritdoc />
    public IReadOnlyList<(LiveLink Link, LinkState State)> Links =>
    [
        (LiveLink.Rest, _rest is null ? LinkState.Disconnected : LinkState.Connected),
        (LiveLink.MarketData, _dx?.State switch { DxLinkState.Streaming => LinkState.Connected, null or DxLinkState.Stopped => LinkState.Disconnected, _ => LinkState.Connecting }),
        (LiveLink.AccountStream, _streamer is null ? LinkState.Disconnected : _streamer.Connections > 0 ? LinkState.Connected : LinkState.Connecting),
    ];

    /// <inheritdoc />
    public async Task ConnectAsync(IReadOnlyList<StrategyId> strategies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        var env = _settings.Environment;
        _http = TastytradeHttp.CreateClient(env.RestBaseUri, _settings.RequestTimeout);
        if (_settings.FollowEmulatorClock)
        {
            _clock = await LiveMarketClock.FollowEmulatorAsync(_http, env.RestBaseUri, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var tokens = new OAuthTokenSource(_http, _settings.Credentials, LiveMarketClock.Wall());
        _rest = new TastytradeRestClient(new TastytradeClientOptions { Environment = env, RequestTimeout = _settings.RequestTimeout }, tokens);
        var accounts = await _rest.GetAccountsAsync(cancellationToken).ConfigureAwait(false);
        string? account = _settings.Account ?? accounts.Select(a => a.Account?.AccountNumber).FirstOrDefault(n => n is not null);
        _account = account ?? throw new InvalidOperationException("The login has no account to trade.");
        _streamer = new AccountStreamerClient(
            new AccountStreamerOptions { Url = env.AccountStreamerUri, AccountNumbers = [_account], SilenceTimeout = _settings.StreamTimeout, HeartbeatInterval = _settings.StreamTimeout / 3 },
            tokens,
            TastytradeOrderPort.Reconciler(_rest, _account));
        var rest = _rest;
        _dx = new DxLinkClient(new DxLinkOptions { SilenceTimeout = _settings.StreamTimeout, KeepaliveInterval = _settings.StreamTimeout / 3 }, async ct =>
        {
            var token = await rest.GetQuoteTokenAsync(ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The broker returned no quote token.");
            return new DxLinkQuoteToken(token.Token!, new Uri(token.DxlinkUrl!), DateTimeOffset.UtcNow.AddHours(20));
        });
        var view = new DxLinkMarketView(_dx, () => _clock.Now);
        var rules = _settings.Rules;
        _feed = new LiveMarketFeed(_rest, view, s => new PlanScope(new ChainScopePlan(s, rules)),
            new LiveMarketFeedOptions { DailyEmaPeriods = [rules.IPMCC.FastEmaDays, rules.IPMCC.SlowEmaDays] });
        var feed = _feed;
        _port = new TastytradeOrderPort(_rest, _account, c => Holdings?.Invoke(c) ?? 0, _streamer, new TastytradeOrderPortOptions
        {
            BeforeSend = (request, ct) => BeforeSend?.Invoke(request, ct) ?? ValueTask.CompletedTask,
            Acknowledged = ack => Acknowledged?.Invoke(ack.ClientId, ack.BrokerOrderId.ToString(CultureInfo.InvariantCulture)),
            FutureOptionSymbols = c => feed.TryGetOrderSymbol(c, out var s) && FutureOptionSymbol.TryParseOrderSymbol(s, out var parsed) ? parsed : null,
            LegContracts = TryBookContract,
        });
        await _feed.LoadAsync(strategies, _clock.Now, cancellationToken).ConfigureAwait(false);
        _dx.Start();
        _streamer.Start();
    }

    /// <inheritdoc />
    public Task RefreshAsync(CancellationToken cancellationToken) => Feed.RefreshAsync(_clock.Now, cancellationToken);

    /// <inheritdoc />
    public int ApplyMarket()
    {
        long before = Feed.QuotesApplied;
        Feed.Apply();
        return (int)Math.Min(int.MaxValue, Feed.QuotesApplied - before);
    }

    /// <inheritdoc />
    public int PumpOrderEvents(IOrderEventSink sink, int max) => Port.Pump(sink, max);

    /// <inheritdoc />
    public OrderId Adopt(in ComboOrderRequest request, string brokerOrderId) =>
        Port.Adopt(request, long.Parse(brokerOrderId, NumberStyles.None, CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public async Task<VenueSnapshot> SnapshotAsync(DateOnly since, CancellationToken cancellationToken)
    {
        var snapshot = await Port.SnapshotAsync(since, cancellationToken).ConfigureAwait(false);
        var orders = new List<VenueOrder>(snapshot.Orders.Count);
        foreach (var o in snapshot.Orders)
        {
            var fills = new List<LegFill>(o.Fills.Count);
            foreach (var f in o.Fills)
            {
                if (Resolve(f.Symbol, f.Contract) is { } contract)
                {
                    fills.Add(new LegFill(o.Order ?? default, o.ClientId ?? default, contract, f.Quantity, f.Price, 0m, f.Time, f.FillId));
                }
            }

            orders.Add(new VenueOrder(o.ClientId, o.BrokerOrderId.ToString(CultureInfo.InvariantCulture), o.MappedStatus ?? BrokerOrderStatus.Working,
                o.FilledUnits, o.TradedLimitPrice, fills, o.Raw.RejectReason)
            {
                UnmappedFills = o.Fills.Count - fills.Count,
            });
        }

        var positions = snapshot.Positions.Select(p => new VenuePosition(p.Symbol, Resolve(p.Symbol, p.Contract), p.Quantity)).ToList();
        return new VenueSnapshot(orders, positions, 0m);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_port is not null)
        {
            await _port.DisposeAsync().ConfigureAwait(false);
        }

        if (_dx is not null)
        {
            await _dx.DisposeAsync().ConfigureAwait(false);
        }

        if (_streamer is not null)
        {
            await _streamer.DisposeAsync().ConfigureAwait(false);
        }

        _rest?.Dispose();
        _http?.Dispose();
    }

    /// <summary>The book's contract for a broker symbol: the chains' own when the feed carries it, else what the order
    /// port mapped, else the symbol read directly (<see cref="TryBookContract"/>).</summary>
    private OptionContract? Resolve(string symbol, OptionContract? mapped) =>
        _feed is not null && _feed.TryGetContract(symbol, out var c) ? c : mapped ?? (TryReadBookContract(symbol, out c) ? c : null);

    /// <summary>
    /// The book's contract for a broker order symbol. The feed knows the contracts of the chains it carries; an
    /// expiry it no longer carries (an order from an earlier session whose fills arrive after a restart) is read
    /// from the symbol itself: OCC for equity and index options; for futures options the book keys contracts by
    /// the futures product's chain (root <c>ES</c>, not the exchange's weekly code <c>ES3E</c>), so the product's
    /// catalogue entry builds the same contract the chain would have.
    /// </summary>
    private bool TryBookContract(string symbol, out OptionContract contract) =>
        (_feed is not null && _feed.TryGetContract(symbol, out contract)) || TryReadBookContract(symbol, out contract);

    /// <summary>The book's contract read from the symbol alone (see <see cref="TryBookContract"/>).</summary>
    private static bool TryReadBookContract(string symbol, out OptionContract contract)
    {
        if (OptionContractSymbols.TryFromOcc(symbol, out contract))
        {
            return true;
        }

        if (FutureOptionSymbol.TryParseOrderSymbol(symbol, out var fop) && InstrumentCatalogue.TryGet(new Ticker(fop.Future.Product), out var product)
            && product.AssetClass == AssetClass.Future)
        {
            contract = OptionContract.FromCatalogue(product, fop.Expiry, fop.Strike, fop.Right);
            return true;
        }

        contract = default;
        return false;
    }

    private static InvalidOperationException NotConnected() => new("The venue is not connected yet.");
}

/// <summary>The backtest's <see cref="ChainScopePlan"/> as the live feed's scope, so live and backtest carry the same chains.</summary>
/// <param name="plan">The plan for the enabled strategies and the rulebook.</param>
public sealed class PlanScope(ChainScopePlan plan) : ILiveChainScope
{
    private readonly List<Synthetic.DteWindow> _scratch = [];

    /// <inheritdoc />
    public IEnumerable<string> Roots => plan.Roots;

    /// <inheritdoc />
    public void WindowsFor(Ticker root, DateOnly day, IReadOnlyCollection<DateOnly> heldExpiries, List<LiveDteWindow> windows)
    {
        plan.WindowsFor(root, day, heldExpiries, _scratch);
        windows.Clear();
        foreach (var w in _scratch)
        {
            windows.Add(new LiveDteWindow(w.MinDays, w.MaxDays));
        }
    }
}

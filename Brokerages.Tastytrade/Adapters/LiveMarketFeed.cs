using System.Globalization;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;
using TomKing.Brokerages.Tastytrade.Api;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Adapters;

/// <summary>
/// Builds and keeps the live <see cref="IMarketView"/> the strategies read, over Tastytrade: option chains from the
/// REST nested chains (equity and index roots through <c>/option-chains/{underlying}/nested</c>, futures roots through
/// <c>/futures-option-chains/{product}/nested</c>) limited to the expiries an <see cref="ILiveChainScope"/> says the
/// enabled strategies can read today, every listed contract subscribed on DXLink through <see cref="DxLinkMarketView"/>
/// (with the broker's own streamer symbols), the underlyings (Quote, Trade, and Summary for the session open), the
/// VIX, IV ranks from <c>/market-metrics</c>, and, when IPMCC is enabled, daily candles of every equity and index
/// underlying for the daily EMAs (<see cref="LiveMarketFeedOptions.DailyEmaPeriods"/>).
/// </summary>
/// <remarks>
/// <para>What the live runner calls, and when:</para>
/// <list type="number">
/// <item><see cref="LoadAsync"/> once at start, before the first decision (then start the DXLink client if it is not
/// started; subscriptions made before or after the start are both sent).</item>
/// <item><see cref="Apply"/> on the kernel's thread before each decision event: it drains DXLink's conflating stores
/// into the chains (allocation-free, bounded by the number of tracked symbols).</item>
/// <item><see cref="RefreshAsync"/> at each trading day's rollover (before the first decision of the day) and after a
/// fill opens an expiry the scope did not carry: newly listed expiries are added, expired ones dropped (their contracts
/// unsubscribed), session opens cleared until the day's Summary arrives, IV ranks re-read.</item>
/// </list>
/// <para>Threading: <see cref="View"/> is single-threaded like the kernel. <see cref="LoadAsync"/> and
/// <see cref="RefreshAsync"/> await REST first and change the view only after that, in their continuation: await them on
/// the kernel's thread (or while it is paused), never concurrently with <see cref="Apply"/> or a decision.</para>
/// <para>Daily EMAs (IPMCC-2/3): with IPMCC enabled, each equity or index underlying's daily candles are subscribed at
/// load with history for the longest of <see cref="LiveMarketFeedOptions.DailyEmaPeriods"/>
/// (<see cref="DxLinkMarketView.TrackDailyEma"/>); the view computes the EMA the backtest computes. Another period is
/// subscribed on its first ask.</para>
/// </remarks>
public sealed class LiveMarketFeed
{
    private readonly TastytradeRestClient _rest;
    private readonly DxLinkMarketView _view;
    private readonly Func<IReadOnlyList<StrategyId>, ILiveChainScope> _scopeFor;
    private readonly LiveMarketFeedOptions _options;
    private readonly List<LiveDteWindow> _windows = [];
    private readonly List<string> _warnings = [];
    private readonly Dictionary<Ticker, RootState> _roots = [];
    private readonly Dictionary<string, string> _underlyingStreamers = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Root, DateOnly Expiry, decimal Strike, OptionRight Right), string> _orderSymbols = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, OptionContract> _contractsByOrderSymbol = new(StringComparer.Ordinal);
    private ILiveChainScope? _scope;
    private bool _dailyEmas;

    /// <summary>A feed over a REST client and a DXLink market view.</summary>
    /// <param name="rest">The REST client (chains, market metrics, equity instruments).</param>
    /// <param name="view">The view the strategies read (over the DXLink client the runner starts).</param>
    /// <param name="scopeFor">The chain scope for a set of enabled strategies (the runner adapts the engine's
    /// <c>ChainScopePlan</c>, so live and backtest carry the same expiries).</param>
    /// <param name="options">Rates, dividend yields, held expiries, VIX symbol (null: defaults).</param>
    public LiveMarketFeed(TastytradeRestClient rest, DxLinkMarketView view, Func<IReadOnlyList<StrategyId>, ILiveChainScope> scopeFor, LiveMarketFeedOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(scopeFor);
        _rest = rest;
        _view = view;
        _scopeFor = scopeFor;
        _options = options ?? new LiveMarketFeedOptions();
    }

    /// <summary>The market view the strategies read.</summary>
    public DxLinkMarketView View => _view;

    /// <summary>The trading day the chains were last scoped for.</summary>
    public DateOnly Day { get; private set; }

    /// <summary>Option roots carried today (with at least one expiry), ascending.</summary>
    public IReadOnlyList<string> TrackedRoots => [.. _roots.Where(r => r.Value.Chain is not null).Select(r => r.Key.Symbol).Order(StringComparer.Ordinal)];

    /// <summary>Contracts across the carried chains.</summary>
    public int TrackedContracts => _roots.Values.Sum(r => r.ContractCount);

    /// <summary>The broker's order symbol of a listed contract (futures options need it: their symbol names the
    /// delivered future, which <see cref="OptionContract"/> does not carry). Thread-safe.</summary>
    public bool TryGetOrderSymbol(in OptionContract contract, out string symbol) =>
        _orderSymbols.TryGetValue((contract.Root.Symbol, contract.Expiry, contract.Strike, contract.Right), out symbol!);

    /// <summary>The contract a broker order symbol names, as the chains the strategies trade define it (so fills and
    /// positions read back from the broker key the same contracts the book holds). Thread-safe.</summary>
    public bool TryGetContract(string orderSymbol, out OptionContract contract) =>
        _contractsByOrderSymbol.TryGetValue(orderSymbol, out contract);

    /// <summary>Symbols with a Quote subscription (contracts, underlyings, futures, VIX).</summary>
    public int TrackedSymbols => _view.TrackedSymbols;

    /// <summary>Quote, trade and summary updates applied to the view since creation.</summary>
    public long QuotesApplied => _view.UpdatesApplied;

    /// <summary>The newest quote time applied (Eastern; default before the first).</summary>
    public DateTime LastQuoteTime => _view.LastQuoteTime;

    /// <summary>Problems met while loading (a root the broker does not list, a failed metrics read…), oldest first.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Tracked symbols with no update in the last <paramref name="maxAge"/> of market time before
    /// <paramref name="nowEastern"/> (never quoted counts as stale).</summary>
    public int StaleSymbols(DateTime nowEastern, TimeSpan maxAge) => _view.CountStale(nowEastern - maxAge);

    /// <summary>Loads the chains, underlyings, VIX and IV ranks the enabled strategies need on
    /// <paramref name="nowEastern"/>'s day and subscribes them on DXLink.</summary>
    /// <param name="strategies">Enabled strategies.</param>
    /// <param name="nowEastern">Market time (the emulator's when following it; the wall clock live).</param>
    /// <param name="cancellationToken">Cancels the REST reads (the view is then unchanged).</param>
    public async Task LoadAsync(IReadOnlyList<StrategyId> strategies, DateTime nowEastern, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        _scope = _scopeFor(strategies) ?? throw new InvalidOperationException("The scope factory returned null.");
        _dailyEmas = strategies.Contains(StrategyId.IPMCC);
        if (_options.VixStreamerSymbol is { Length: > 0 } vix)
        {
            _view.TrackUnderlying(new Ticker("VIX"), vix);
        }

        await ScopeAsync(nowEastern, forceRebuild: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drains the DXLink stores into the view (kernel thread, before each decision event).</summary>
    public void Apply() => _view.Apply();

    /// <summary>Day rollover: re-scopes every root for <paramref name="nowEastern"/>'s day (adds newly listed expiries
    /// such as the next SPXW daily, drops expired ones), clears session opens, re-reads IV ranks.</summary>
    /// <exception cref="InvalidOperationException"><see cref="LoadAsync"/> was not called.</exception>
    public async Task RefreshAsync(DateTime nowEastern, CancellationToken cancellationToken)
    {
        if (_scope is null)
        {
            throw new InvalidOperationException("Call LoadAsync first.");
        }

        bool newDay = DateOnly.FromDateTime(nowEastern) != Day;
        await ScopeAsync(nowEastern, forceRebuild: false, cancellationToken).ConfigureAwait(false);
        if (newDay)
        {
            _view.ClearSessionOpens();
        }
    }

    private async Task ScopeAsync(DateTime now, bool forceRebuild, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now);
        var equityChains = new Dictionary<string, IReadOnlyList<NestedOptionChain>?>(StringComparer.Ordinal);
        var futureChains = new Dictionary<string, NestedFutureOptionChains?>(StringComparer.Ordinal);
        var plans = new List<(Ticker Root, Instrument Instrument, LiveDteWindow[] Windows)>();

        // 1. REST reads (no view change yet).
        foreach (string symbol in _scope!.Roots.Distinct(StringComparer.Ordinal))
        {
            var root = new Ticker(symbol);
            if (!InstrumentCatalogue.TryGet(root, out var instrument))
            {
                Warn($"{symbol}: not in the instrument catalogue; no chain carried");
                continue;
            }

            IReadOnlyCollection<DateOnly> held = _options.HeldExpiries?.Invoke(root) ?? [];
            _scope.WindowsFor(root, today, held, _windows);
            plans.Add((root, instrument, [.. _windows]));
            if (_windows.Count == 0)
            {
                continue;
            }

            if (instrument.AssetClass == AssetClass.Future)
            {
                if (!futureChains.ContainsKey(symbol))
                {
                    futureChains[symbol] = await TryReadAsync(symbol, c => _rest.GetNestedFutureOptionChainAsync(symbol, c), ct).ConfigureAwait(false);
                }
            }
            else
            {
                string underlying = instrument.Underlying.Symbol;
                if (!equityChains.ContainsKey(underlying))
                {
                    equityChains[underlying] = await TryReadAsync<IReadOnlyList<NestedOptionChain>>(underlying, async c => await _rest.GetNestedOptionChainAsync(underlying, c).ConfigureAwait(false), ct).ConfigureAwait(false);
                }

                if (!_underlyingStreamers.ContainsKey(underlying))
                {
                    var equity = await TryReadAsync(underlying, c => _rest.GetEquityAsync(underlying, c), ct).ConfigureAwait(false);
                    _underlyingStreamers[underlying] = equity?.StreamerSymbol is { Length: > 0 } s ? s : underlying;
                }
            }
        }

        var metricSymbols = new List<(Ticker Underlying, string Symbol)>();
        foreach (var (root, instrument, windows) in plans)
        {
            if (windows.Length > 0)
            {
                string symbol = instrument.AssetClass == AssetClass.Future ? "/" + root.Symbol : instrument.Underlying.Symbol;
                if (!metricSymbols.Exists(m => m.Symbol == symbol))
                {
                    metricSymbols.Add((instrument.Underlying, symbol));
                }
            }
        }

        IReadOnlyList<MarketMetric> metrics = metricSymbols.Count == 0
            ? []
            : await TryReadAsync<IReadOnlyList<MarketMetric>>("market metrics", async c => await _rest.GetMarketMetricsAsync(metricSymbols.Select(m => m.Symbol), c).ConfigureAwait(false), ct).ConfigureAwait(false) ?? [];

        // 2. View changes.
        foreach (var (root, instrument, windows) in plans)
        {
            if (!_roots.TryGetValue(root, out var state))
            {
                state = new RootState();
                _roots.Add(root, state);
            }

            if (windows.Length == 0)
            {
                Drop(root, state);
                continue;
            }

            var listing = instrument.AssetClass == AssetClass.Future
                ? FutureListing(root, futureChains.GetValueOrDefault(root.Symbol), today, windows)
                : EquityListing(root, instrument, equityChains.GetValueOrDefault(instrument.Underlying.Symbol), today, windows);
            if (listing is null || listing.Expiries.Count == 0)
            {
                Drop(root, state);
                continue;
            }

            if (!forceRebuild && state.Chain is not null && state.Signature == listing.Signature)
            {
                continue;
            }

            Build(root, instrument, listing, state, now);
        }

        foreach (var (underlying, symbol) in metricSymbols)
        {
            var metric = metrics.FirstOrDefault(m => string.Equals(m.Symbol, symbol, StringComparison.Ordinal));
            if (metric?.IvRank is decimal rank)
            {
                // Tastytrade sends the rank as a fraction (0.2345); the core reads 0–100.
                double r = (double)rank;
                _view.SetIvRank(underlying, r <= 1.0 ? r * 100.0 : r);
            }
            else if (metricSymbols.Count > 0)
            {
                Warn($"{symbol}: no IV rank in the market metrics");
            }
        }

        Day = today;
    }

    private void Build(Ticker root, Instrument instrument, Listing listing, RootState state, DateTime now)
    {
        var builder = new OptionChainBuilder(instrument).AsOf(now).Rates(_options.Rates, _options.DividendYields.GetValueOrDefault(instrument.Underlying.Symbol));
        var symbols = new Dictionary<(DateOnly, double, OptionRight), string>();
        int contracts = 0;
        foreach (var (expiry, strikes) in listing.Expiries)
        {
            foreach (var s in strikes)
            {
                double k = (double)s.StrikePrice!.Value;
                builder.AddQuote(expiry, k, OptionRight.Call, 0, 0, 0, 0);
                builder.AddQuote(expiry, k, OptionRight.Put, 0, 0, 0, 0);
                symbols[(expiry, k, OptionRight.Call)] = s.CallStreamerSymbol!;
                symbols[(expiry, k, OptionRight.Put)] = s.PutStreamerSymbol!;
                if (s.Call is { Length: > 0 } call)
                {
                    _orderSymbols[(root.Symbol, expiry, s.StrikePrice.Value, OptionRight.Call)] = call;
                }

                if (s.Put is { Length: > 0 } put)
                {
                    _orderSymbols[(root.Symbol, expiry, s.StrikePrice.Value, OptionRight.Put)] = put;
                }

                contracts += 2;
            }
        }

        var chain = builder.Build();
        for (int e = 0; e < chain.ExpiryCount; e++)
        {
            var expiry = chain.ExpiryAt(e);
            for (int k = 0; k < expiry.Count; k++)
            {
                foreach (var right in (ReadOnlySpan<OptionRight>)[OptionRight.Call, OptionRight.Put])
                {
                    var contract = expiry.ContractAt(k, right);
                    if (_orderSymbols.TryGetValue((root.Symbol, contract.Expiry, contract.Strike, right), out string? orderSymbol))
                    {
                        _contractsByOrderSymbol[orderSymbol] = contract;
                    }
                }
            }
        }

        _view.Track(chain, listing.UnderlyingStreamer, (e, k, right) => symbols[(e.Expiry, e.Strikes[k], right)]);
        foreach (var (expiry, future) in listing.ExpiryUnderlyings)
        {
            if (chain.TryGetExpiry(expiry, out var e))
            {
                _view.TrackExpiryUnderlying(e, future);
            }
        }

        _view.TrackSessionOpen(instrument.Underlying, listing.UnderlyingStreamer);
        if (_dailyEmas && instrument.AssetClass != AssetClass.Future)
        {
            foreach (int period in _options.DailyEmaPeriods)
            {
                _view.TrackDailyEma(instrument.Underlying, listing.UnderlyingStreamer, period);
            }
        }

        state.Chain = chain;
        state.Signature = listing.Signature;
        state.ContractCount = contracts;
    }

    private void Drop(Ticker root, RootState state)
    {
        if (state.Chain is not null)
        {
            _view.Untrack(root);
            state.Chain = null;
            state.Signature = string.Empty;
            state.ContractCount = 0;
        }
    }

    private Listing? EquityListing(Ticker root, Instrument instrument, IReadOnlyList<NestedOptionChain>? chains, DateOnly today, LiveDteWindow[] windows)
    {
        var nested = chains?.FirstOrDefault(c => string.Equals(c.RootSymbol, root.Symbol, StringComparison.Ordinal));
        if (nested is null)
        {
            if (chains is not null)
            {
                Warn($"{root.Symbol}: the {instrument.Underlying.Symbol} nested chain lists no such root");
            }

            return null;
        }

        var listing = new Listing(_underlyingStreamers.GetValueOrDefault(instrument.Underlying.Symbol, instrument.Underlying.Symbol));
        AddExpirations(listing, nested.Expirations, today, windows, null);
        return listing;
    }

    private Listing? FutureListing(Ticker root, NestedFutureOptionChains? chains, DateOnly today, LiveDteWindow[] windows)
    {
        if (chains is null)
        {
            return null;
        }

        var futures = chains.Futures.Where(f => f.Symbol is not null && f.StreamerSymbol is not null && (f.ExpirationDate ?? DateOnly.MaxValue) >= today)
            .OrderBy(f => f.ExpirationDate ?? DateOnly.MaxValue).ToList();
        if (futures.Count == 0)
        {
            Warn($"{root.Symbol}: the futures-option chain lists no live future");
            return null;
        }

        var byFuture = futures.ToDictionary(f => f.Symbol!, f => f.StreamerSymbol!, StringComparer.Ordinal);
        var front = futures.FirstOrDefault(f => f.ActiveMonth == true) ?? futures[0];
        var listing = new Listing(front.StreamerSymbol!);
        foreach (var chain in chains.OptionChains)
        {
            AddExpirations(listing, chain.Expirations, today, windows, byFuture);
        }

        return listing;
    }

    private static void AddExpirations(Listing listing, IReadOnlyList<NestedExpiration> expirations, DateOnly today, LiveDteWindow[] windows, Dictionary<string, string>? futures)
    {
        foreach (var e in expirations)
        {
            if (e.ExpirationDate is not { } date || !Carried(date.DayNumber - today.DayNumber, windows))
            {
                continue;
            }

            var strikes = e.Strikes.Where(s => s.StrikePrice is > 0m && s.CallStreamerSymbol is { Length: > 0 } && s.PutStreamerSymbol is { Length: > 0 }).ToList();
            if (strikes.Count == 0 || listing.Expiries.ContainsKey(date))
            {
                continue;
            }

            listing.Expiries.Add(date, strikes);
            if (futures is not null && e.UnderlyingSymbol is { } future && futures.TryGetValue(future, out string? streamer))
            {
                listing.ExpiryUnderlyings.Add((date, streamer));
            }
        }
    }

    private static bool Carried(int dte, LiveDteWindow[] windows)
    {
        if (dte < 0)
        {
            return false;
        }

        foreach (var w in windows)
        {
            if (w.Contains(dte))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<T?> TryReadAsync<T>(string what, Func<CancellationToken, Task<T?>> read, CancellationToken ct)
        where T : class
    {
        try
        {
            return await read(ct).ConfigureAwait(false);
        }
        catch (TastytradeApiException ex) when (!ex.IsTransient)
        {
            Warn($"{what}: {(int)ex.StatusCode} {ex.Code} {ex.ApiMessage}".TrimEnd());
            return null;
        }
    }

    private void Warn(string message)
    {
        if (_warnings.Count < 1000)
        {
            _warnings.Add(message);
        }
    }

    private sealed class RootState
    {
        public OptionChain? Chain { get; set; }

        public string Signature { get; set; } = string.Empty;

        public int ContractCount { get; set; }
    }

    private sealed class Listing(string underlyingStreamer)
    {
        public string UnderlyingStreamer { get; } = underlyingStreamer;

        public SortedDictionary<DateOnly, List<NestedStrike>> Expiries { get; } = [];

        public List<(DateOnly Expiry, string Future)> ExpiryUnderlyings { get; } = [];

        /// <summary>Expiries and strike counts: an unchanged listing keeps its chain at a refresh.</summary>
        public string Signature => string.Join(';', Expiries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key:yyyyMMdd}:{e.Value.Count}")));
    }
}

/// <summary>Settings of a <see cref="LiveMarketFeed"/>.</summary>
public sealed record LiveMarketFeedOptions
{
    /// <summary>The discount curve chains price Greeks with (default: a flat 4 %).</summary>
    public IRateCurve Rates { get; init; } = new ConstantRate(0.04);

    /// <summary>Continuous dividend yields by underlying for equity-option Greeks (missing: 0; index options use the
    /// parity forward and futures options the future, so neither needs one).</summary>
    public IReadOnlyDictionary<string, double> DividendYields { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Expiries held on a root (the portfolio's), so held expiries stay carried outside the strategies'
    /// windows, as in the backtest (null: none).</summary>
    public Func<Ticker, IReadOnlyCollection<DateOnly>>? HeldExpiries { get; init; }

    /// <summary>The daily EMA periods subscribed at load when IPMCC is enabled (default: the built-in rulebook's IPMCC
    /// fast and slow EMAs, 8 and 21 days); the longest sets the candle history asked for.</summary>
    public IReadOnlyList<int> DailyEmaPeriods { get; init; } = [RulebookSettings.Default.IPMCC.FastEmaDays, RulebookSettings.Default.IPMCC.SlowEmaDays];

    /// <summary>The VIX's DXLink symbol for P-1 (null or empty: not subscribed).</summary>
    public string? VixStreamerSymbol { get; init; } = "VIX";
}

using System.Globalization;
using System.Runtime.InteropServices;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;
using TomKing.Engine.Synthetic;
using TomKing.Greeks;
using SyntheticDteWindow = TomKing.Engine.Synthetic.DteWindow;

namespace TomKing.Engine.Replay;

/// <summary>
/// The built-in synthetic market as an <see cref="IReplayMarket"/>: the trading days of
/// <see cref="SyntheticMarket"/>, one evaluation per minute bar end (09:31 … 16:00, 13:00 on early closes),
/// prices, VIX, IV ranks, EMAs and session opens from <see cref="SyntheticMarketView"/>, and option chains
/// whose expiries follow a <see cref="ChainScopePlan"/> (the strategies' windows plus held expiries),
/// re-listed each trading day and re-quoted lazily, once per minute, for the roots a strategy reads.
/// </summary>
/// <remarks>
/// Events: each re-quoted contract counts as one market event, plus one per underlying tick
/// (<see cref="AdvanceTo"/> reports those generated since the previous call). Held strikes stay listed
/// (<see cref="SyntheticChainFeed.KeepListed"/>) as exchanges keep strikes with open interest. Settlement prices: the
/// underlying's close on the expiry day (PM), its 09:30 open (AM), available once that instant has passed.
/// </remarks>
public sealed class SyntheticReplayMarket : IReplayMarket, IHoldingsAwareMarket
{
    private readonly SyntheticMarket _market;
    private readonly SyntheticMarketView _view;
    private readonly ChainScopePlan _plan;
    private readonly DateOnly[] _days;
    private readonly List<DateTime> _times = new(NyseCalendar.RegularSessionMinutes);
    private readonly Dictionary<Ticker, FeedState> _feeds = [];
    private readonly Dictionary<Ticker, HashSet<DateOnly>> _held = [];
    private readonly Dictionary<Ticker, List<(DateOnly Expiry, double Strike)>> _heldStrikes = [];
    private readonly List<SyntheticDteWindow> _windows = [];
    private readonly List<string> _warnings = [];
    private long _events;
    private DateOnly _today;

    /// <summary>Creates the market for a run.</summary>
    /// <param name="seed">Synthetic seed.</param>
    /// <param name="from">First date.</param>
    /// <param name="to">Last date.</param>
    /// <param name="strategies">Enabled strategies (decide which chains and expiries are carried).</param>
    /// <param name="rules">The rulebook (DTE windows and schedules).</param>
    /// <param name="settings">Synthetic model settings (null: the default 2024-like market).</param>
    public SyntheticReplayMarket(ulong seed, DateOnly from, DateOnly to, IReadOnlyList<StrategyId> strategies, RulebookSettings rules, SyntheticMarketSettings? settings = null)
        : this(new SyntheticMarket(seed, from, to, settings), new ChainScopePlan(strategies, rules))
    {
    }

    /// <summary>Wraps an existing synthetic market.</summary>
    /// <param name="market">The market.</param>
    /// <param name="plan">Which expiries each root carries.</param>
    public SyntheticReplayMarket(SyntheticMarket market, ChainScopePlan plan)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(plan);
        _market = market;
        _plan = plan;
        _view = new SyntheticMarketView(market);
        _days = market.TradingDays.ToArray();
        Description = string.Create(CultureInfo.InvariantCulture, $"synthetic (seed {market.Seed})");
        Now = _days[0].ToDateTime(NyseCalendar.Open);
        _view.SetTime(Now);
    }

    /// <summary>The synthetic market underneath.</summary>
    public SyntheticMarket Market => _market;

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IReadOnlyList<DateOnly> TradingDays => _days;

    /// <inheritdoc />
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The Eastern time the market answers as of.</summary>
    public DateTime Now { get; private set; }

    /// <inheritdoc />
    /// <remarks>The returned list is reused: it is valid until the next call.</remarks>
    public IReadOnlyList<DateTime> EvaluationTimes(DateOnly day)
    {
        _times.Clear();
        if (!NyseCalendar.IsTradingDay(day))
        {
            return _times;
        }

        var open = day.ToDateTime(NyseCalendar.Open);
        int minutes = NyseCalendar.SessionMinutes(day);
        for (int m = 1; m <= minutes; m++)
        {
            _times.Add(open.AddMinutes(m));
        }

        return _times;
    }

    /// <inheritdoc />
    public long AdvanceTo(DateTime eastern)
    {
        Now = eastern;
        _view.SetTime(eastern);
        _today = DateOnly.FromDateTime(eastern);
        long events = _events + 1;
        _events = 0;
        return events;
    }

    /// <inheritdoc />
    public void SetHoldings(ReadOnlySpan<OptionContract> held)
    {
        foreach (var set in _held.Values)
        {
            set.Clear();
        }

        foreach (var list in _heldStrikes.Values)
        {
            list.Clear();
        }

        foreach (ref readonly var c in held)
        {
            if (!_held.TryGetValue(c.Root, out var set))
            {
                set = [];
                _held.Add(c.Root, set);
            }

            if (!_heldStrikes.TryGetValue(c.Root, out var strikes))
            {
                strikes = [];
                _heldStrikes.Add(c.Root, strikes);
            }

            strikes.Add((c.Expiry, (double)c.Strike));
            if (set.Add(c.Expiry) && _feeds.TryGetValue(c.Root, out var feed) && feed.Day == _today && !feed.Carries(c.Expiry, _today))
            {
                feed.Day = default; // a newly held expiry outside today's scope: re-scope on the next read
            }
        }

        // Strikes with open interest stay listed (a far out-of-the-money short must stay closable).
        foreach (var (root, state) in _feeds)
        {
            state.Feed?.KeepListed(_heldStrikes.TryGetValue(root, out var strikes) ? CollectionsMarshal.AsSpan(strikes) : []);
        }
    }

    /// <inheritdoc />
    public bool TryQuote(in OptionContract contract, out Quote quote)
    {
        _events++;
        return _market.TryQuoteOption(contract, Now, out quote);
    }

    /// <inheritdoc />
    public bool TryGetSettlementPrice(Ticker underlying, DateOnly expiry, OptionSettlement settlement, out double price)
    {
        price = double.NaN;
        if (settlement.Style == SettlementStyle.AmOpen)
        {
            return Now >= expiry.ToDateTime(NyseCalendar.Open) && _market.TryGetSessionOpen(underlying, expiry, out price);
        }

        var day = NyseCalendar.OnOrBefore(expiry);
        return Now >= day.ToDateTime(NyseCalendar.CloseOn(day)) && _market.TryGetDailyClose(underlying, day, out price);
    }

    /// <inheritdoc />
    public bool TryGetPrice(Ticker underlying, out double price) => _view.TryGetPrice(underlying, out price);

    /// <inheritdoc />
    public bool TryGetChain(Ticker root, out OptionChain chain)
    {
        chain = null!;
        if (!_feeds.TryGetValue(root, out var state))
        {
            if (!_market.TryGetOptionRoot(root, out _))
            {
                return false;
            }

            state = new FeedState();
            _feeds.Add(root, state);
        }

        if (state.Day != _today || state.Feed is null)
        {
            Rescope(root, state);
        }

        var feed = state.Feed!;
        if (feed.QuotedAt != Now || feed.Chain is null)
        {
            chain = feed.Refresh(Now);
            _events += feed.ContractCount;
            return true;
        }

        chain = feed.Chain;
        return true;
    }

    /// <inheritdoc />
    public bool TryGetVix(out VixReading vix) => _view.TryGetVix(out vix);

    /// <inheritdoc />
    public bool TryGetIvRank(Ticker underlying, out double ivRank) => _view.TryGetIvRank(underlying, out ivRank);

    /// <inheritdoc />
    public bool TryGetDailyEma(Ticker underlying, int period, out double ema) => _view.TryGetDailyEma(underlying, period, out ema);

    /// <inheritdoc />
    public bool TryGetSessionOpen(Ticker underlying, out double open) => _view.TryGetSessionOpen(underlying, out open);

    private void Rescope(Ticker root, FeedState state)
    {
        IReadOnlyCollection<DateOnly> held = _held.TryGetValue(root, out var set) ? set : [];
        _plan.WindowsFor(root, _today, held, _windows);
        if (state.Feed is null || !SameWindows(state.Windows, _windows))
        {
            state.Windows = [.. _windows];
            state.Feed = _market.CreateChainFeed(root, new ChainScope(state.Windows));
            state.Feed.KeepListed(_heldStrikes.TryGetValue(root, out var strikes) ? CollectionsMarshal.AsSpan(strikes) : []);
        }

        state.Day = _today;
    }

    private static bool SameWindows(SyntheticDteWindow[] a, List<SyntheticDteWindow> b)
    {
        if (a.Length != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    private sealed class FeedState
    {
        public SyntheticChainFeed? Feed { get; set; }

        public SyntheticDteWindow[] Windows { get; set; } = [];

        public DateOnly Day { get; set; }

        public bool Carries(DateOnly expiry, DateOnly today)
        {
            int dte = expiry.DayNumber - today.DayNumber;
            foreach (var w in Windows)
            {
                if (w.Contains(dte))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

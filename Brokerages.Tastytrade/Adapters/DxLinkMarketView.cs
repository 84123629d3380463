using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Brokerages.Tastytrade.Streaming.DxLink;
using TomKing.Brokerages.Tastytrade.Symbology;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Adapters;

/// <summary>
/// The live runner's <see cref="IMarketView"/> over DXLink: tracked <see cref="OptionChain"/>s get every
/// contract's streamer symbol subscribed (Quote), underlyings get Quote + Trade, and <see cref="Apply"/> —
/// called on the kernel's thread between events — drains the client's conflating stores (latest quote per
/// symbol) into <see cref="ChainExpiry.UpdateQuote"/> and the chains' underlying prices. Futures-option expiries can
/// follow the future each one delivers (<see cref="TrackExpiryUnderlying"/>), and the session open can come from
/// DXLink's Summary event (<see cref="TrackSessionOpen"/>). Daily EMAs come from DXLink daily candles
/// (<see cref="TrackDailyEma"/>, or on the first <see cref="TryGetDailyEma"/> of a tracked underlying) and are computed
/// as the backtest computes them (<see cref="DailyEma.TryComputeWindow"/> over the closes before today). The IV rank
/// DXLink does not carry is set by the host from REST. Re-tracking a root replaces its chain and unsubscribes the
/// contracts it no longer lists (the day rollover of <see cref="LiveMarketFeed"/>).
/// </summary>
/// <remarks>Not thread-safe: like the kernel, one thread calls <see cref="Apply"/> and reads the view. The
/// drain buffer is allocated once; <see cref="Apply"/> allocates nothing.</remarks>
public sealed class DxLinkMarketView : IMarketView
{
    private readonly DxLinkClient _client;
    private readonly Func<OptionContract, string> _streamerSymbol;
    private readonly Dictionary<Ticker, OptionChain> _chains = [];
    private readonly Dictionary<Ticker, int> _underlyingIds = [];
    private readonly Dictionary<(Ticker, int), double> _emas = [];
    private readonly Dictionary<Ticker, double> _ivRanks = [];
    private readonly Dictionary<Ticker, double> _opens = [];
    private readonly Dictionary<Ticker, HashSet<int>> _chainIds = [];
    private readonly Dictionary<int, Ticker> _summaryIds = [];
    private readonly HashSet<int> _quoted = [];
    private readonly DxSummary[] _summaryBuffer = new DxSummary[256];
    private DateTime[] _updated;
    private long _applied;
    private DateTime _lastQuoteTime;
    private readonly Func<DateTime> _nowEastern;
    private Slot[] _slots;
    private double[] _prices;
    private readonly DxQuote[] _buffer = new DxQuote[4096];
    private readonly DxTrade[] _tradeBuffer = new DxTrade[1024];
    private int _vixId = -1;
    private readonly Dictionary<Ticker, DailySeries> _dailyByUnderlying = [];
    private readonly Dictionary<int, DailySeries> _dailyById = [];
    private readonly DxCandle[] _candleBuffer = new DxCandle[1024];
    private double[] _closeScratch = new double[512];

    /// <summary>A view over a client.</summary>
    /// <param name="client">The DXLink client (its stores are drained here).</param>
    /// <param name="nowEastern">The host clock, Eastern wall time (quote times when the feed sends none).</param>
    /// <param name="streamerSymbol">Contract → streamer symbol (default: the symbology's OCC streamer form).</param>
    public DxLinkMarketView(DxLinkClient client, Func<DateTime> nowEastern, Func<OptionContract, string>? streamerSymbol = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(nowEastern);
        _client = client;
        _nowEastern = nowEastern;
        _streamerSymbol = streamerSymbol ?? (c => OptionContractSymbols.ToStreamer(c));
        _slots = new Slot[client.Symbols.Capacity];
        _prices = new double[client.Symbols.Capacity];
        _prices.AsSpan().Fill(double.NaN);
        _updated = new DateTime[client.Symbols.Capacity];
    }

    /// <summary>Symbols whose Quote this view has subscribed (contracts and underlyings).</summary>
    public int TrackedSymbols => _quoted.Count;

    /// <summary>Updates applied by <see cref="Apply"/> since creation.</summary>
    public long UpdatesApplied => _applied;

    /// <summary>The newest quote time applied (Eastern; default before the first).</summary>
    public DateTime LastQuoteTime => _lastQuoteTime;

    /// <summary>Tracked symbols with no quote applied at or after <paramref name="sinceEastern"/> (never quoted counts as stale).</summary>
    public int CountStale(DateTime sinceEastern)
    {
        int stale = 0;
        foreach (int id in _quoted)
        {
            if (_updated[id] < sinceEastern)
            {
                stale++;
            }
        }

        return stale;
    }

    /// <summary>Tracks a chain: subscribes its underlying and every listed contract.</summary>
    /// <param name="chain">The chain (built from the REST nested chain).</param>
    /// <param name="underlyingStreamerSymbol">The underlying's streamer symbol (<c>SPX</c>, <c>/ESZ25:XCME</c>).</param>
    public void Track(OptionChain chain, string underlyingStreamerSymbol)
    {
        ArgumentNullException.ThrowIfNull(chain);
        Track(chain, underlyingStreamerSymbol, (expiry, k, right) => _streamerSymbol(expiry.ContractAt(k, right)));
    }

    /// <summary>Tracks a chain with the streamer symbols the broker listed (REST nested chains carry them; futures
    /// options need them). A root already tracked is replaced: contracts the new chain no longer lists are
    /// unsubscribed, contracts in both keep their subscription and start from their latest quote.</summary>
    /// <param name="chain">The chain.</param>
    /// <param name="underlyingStreamerSymbol">The underlying's streamer symbol (for futures options, the front future's).</param>
    /// <param name="streamerSymbolAt">The streamer symbol of (expiry, strike index, right).</param>
    public void Track(OptionChain chain, string underlyingStreamerSymbol, Func<ChainExpiry, int, OptionRight, string> streamerSymbolAt)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(streamerSymbolAt);
        var ids = new HashSet<int>();
        for (int e = 0; e < chain.ExpiryCount; e++)
        {
            var expiry = chain.ExpiryAt(e);
            for (int k = 0; k < expiry.Count; k++)
            {
                foreach (var right in (ReadOnlySpan<OptionRight>)[OptionRight.Call, OptionRight.Put])
                {
                    int id = _client.Subscribe(DxEventType.Quote, streamerSymbolAt(expiry, k, right));
                    _slots[id] = new Slot(expiry, k, right, null, null);
                    ids.Add(id);
                    _quoted.Add(id);
                    if (_client.Quotes.TryGetLatest(id, out var latest))
                    {
                        expiry.UpdateQuote(k, right, ToQuote(latest, _nowEastern()));
                    }
                }
            }
        }

        ReleaseChain(chain.Root, keep: ids);
        _chainIds[chain.Root] = ids;
        _chains[chain.Root] = chain;
        int u = TrackUnderlying(chain.Underlying, underlyingStreamerSymbol);
        _slots[u] = _slots[u] with { Chains = [.. _slots[u].Chains ?? [], chain] };
        if (!double.IsNaN(_prices[u]))
        {
            chain.SetUnderlyingPrice(_prices[u]);
        }
    }

    /// <summary>Stops tracking a root's chain: unsubscribes its contracts (the underlying stays tracked).</summary>
    /// <returns>False when the root was not tracked.</returns>
    public bool Untrack(Ticker root)
    {
        if (!_chains.ContainsKey(root))
        {
            return false;
        }

        ReleaseChain(root, keep: null);
        _chains.Remove(root);
        _chainIds.Remove(root);
        return true;
    }

    /// <summary>Makes an expiry follow the price of the future it delivers (futures options on several contract
    /// months share one chain); subscribes the future's Quote and Trade.</summary>
    public void TrackExpiryUnderlying(ChainExpiry expiry, string futureStreamerSymbol)
    {
        ArgumentNullException.ThrowIfNull(expiry);
        ArgumentException.ThrowIfNullOrWhiteSpace(futureStreamerSymbol);
        int id = _client.Subscribe(DxEventType.Quote, futureStreamerSymbol);
        _client.Subscribe(DxEventType.Trade, futureStreamerSymbol);
        _quoted.Add(id);
        _slots[id] = _slots[id] with { Expiries = [.. (_slots[id].Expiries ?? []).Where(x => !ReferenceEquals(x, expiry)), expiry] };
        if (!double.IsNaN(_prices[id]))
        {
            expiry.SetUnderlyingPrice(_prices[id]);
        }
    }

    /// <summary>Takes <paramref name="underlying"/>'s session open from DXLink's Summary <c>dayOpenPrice</c> (NaN
    /// before the open is ignored); subscribes the Summary event.</summary>
    public void TrackSessionOpen(Ticker underlying, string streamerSymbol)
    {
        int id = _client.Subscribe(DxEventType.Summary, streamerSymbol);
        _summaryIds[id] = underlying;
        if (_client.Summaries.TryGetLatest(id, out var s))
        {
            ApplySummary(s);
        }
    }

    /// <summary>
    /// Subscribes <paramref name="underlying"/>'s daily candles (<c>{streamerSymbol}{=d}</c>) with enough history for
    /// <see cref="TryGetDailyEma"/> of <paramref name="period"/> days: <see cref="DailyEma.LookbackPeriods"/> ×
    /// period sessions before today, and a margin (<see cref="DailyHistoryFrom"/>). Tracking again with a longer period
    /// asks again from an earlier time (the server sends a new snapshot); a shorter one changes nothing.
    /// </summary>
    public void TrackDailyEma(Ticker underlying, string streamerSymbol, int period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamerSymbol);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (_dailyByUnderlying.TryGetValue(underlying, out var series) && series.Period >= period)
        {
            return;
        }

        string candleSymbol = streamerSymbol + "{=d}";
        long from = DailyHistoryFrom(DateOnly.FromDateTime(_nowEastern()), period);
        int id = _client.Subscribe(DxEventType.Candle, candleSymbol, from);
        if (series is null)
        {
            series = new DailySeries();
            _dailyByUnderlying[underlying] = series;
        }

        series.Period = period;
        _dailyById[id] = series;
    }

    /// <summary>The DXLink <c>fromTime</c> (epoch ms, 00:00 UTC of a date) that covers
    /// <see cref="DailyEma.LookbackPeriods"/> × <paramref name="period"/> sessions before <paramref name="today"/>: that
    /// many sessions plus five, at 7 calendar days per 5 sessions, plus 10 days for holidays.</summary>
    public static long DailyHistoryFrom(DateOnly today, int period)
    {
        int sessions = (DailyEma.LookbackPeriods * Math.Max(period, 1)) + 5;
        int days = ((sessions * 7) + 4) / 5 + 10;
        return new DateTimeOffset(today.AddDays(-days).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
    }

    /// <summary>Daily bars held for an underlying (its candle snapshot and updates; 0 before the snapshot ends).</summary>
    public int DailyBarCount(Ticker underlying) =>
        _dailyByUnderlying.TryGetValue(underlying, out var series) && series.Ready ? series.Bars.Count : 0;

    /// <summary>Underlyings whose daily candles are subscribed but whose snapshot has not been applied yet (a host can wait
    /// for 0 before the first IPMCC decision, as it waits for prices).</summary>
    public int PendingDailySeries
    {
        get
        {
            int n = 0;
            foreach (var series in _dailyByUnderlying.Values)
            {
                if (!series.Ready)
                {
                    n++;
                }
            }

            return n;
        }
    }

    /// <summary>Host, at the day rollover: forgets every session open until the new day's Summary arrives.</summary>
    public void ClearSessionOpens() => _opens.Clear();

    private void ReleaseChain(Ticker root, HashSet<int>? keep)
    {
        if (_chains.TryGetValue(root, out var old))
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].Chains is { } chains && Array.IndexOf(chains, old) >= 0)
                {
                    _slots[i] = _slots[i] with { Chains = chains.Length == 1 ? null : [.. chains.Where(c => !ReferenceEquals(c, old))] };
                }

                if (_slots[i].Expiries is { } expiries && expiries.Any(x => ReferenceEquals(Owner(x), old)))
                {
                    var left = expiries.Where(x => !ReferenceEquals(Owner(x), old)).ToArray();
                    _slots[i] = _slots[i] with { Expiries = left.Length == 0 ? null : left };
                }
            }
        }

        if (_chainIds.TryGetValue(root, out var ids))
        {
            foreach (int id in ids)
            {
                if (keep is null || !keep.Contains(id))
                {
                    _client.Unsubscribe(DxEventType.Quote, _client.Symbols.NameOf(id));
                    _slots[id] = default;
                    _quoted.Remove(id);
                    _prices[id] = double.NaN; // the id goes back to the client's table; nothing of this contract stays
                    _updated[id] = default;
                }
            }
        }
    }

    private OptionChain? Owner(ChainExpiry expiry)
    {
        foreach (var chain in _chains.Values)
        {
            if (chain.TryGetExpiry(expiry.Expiry, out var e) && ReferenceEquals(e, expiry))
            {
                return chain;
            }
        }

        return null;
    }

    /// <summary>Tracks an underlying price (Quote mid, else last Trade); returns its symbol id.</summary>
    public int TrackUnderlying(Ticker underlying, string streamerSymbol)
    {
        int id = _client.Subscribe(DxEventType.Quote, streamerSymbol);
        _client.Subscribe(DxEventType.Trade, streamerSymbol);
        _underlyingIds[underlying] = id;
        _quoted.Add(id);
        if (underlying.Symbol == "VIX")
        {
            _vixId = id;
        }

        return id;
    }

    /// <summary>Drains the conflated quotes and trades into the chains; returns how many updates were applied.</summary>
    public int Apply()
    {
        var now = _nowEastern();
        int applied = 0;
        int n;
        while ((n = _client.Trades.Drain(_tradeBuffer)) > 0)
        {
            foreach (ref readonly var t in _tradeBuffer.AsSpan(0, n))
            {
                if (double.IsFinite(t.Price) && t.Price > 0 && double.IsNaN(_prices[t.SymbolId]))
                {
                    SetPrice(t.SymbolId, t.Price);
                    _updated[t.SymbolId] = t.Time > 0 ? UsEastern.FromUtc(DateTime.UnixEpoch.AddMilliseconds(t.Time)) : now;
                    applied++;
                }
            }
        }

        while ((n = _client.Quotes.Drain(_buffer)) > 0)
        {
            foreach (ref readonly var q in _buffer.AsSpan(0, n))
            {
                ref var slot = ref _slots[q.SymbolId];
                var quote = ToQuote(q, now);
                if (quote.Time > _lastQuoteTime)
                {
                    _lastQuoteTime = quote.Time;
                }

                _updated[q.SymbolId] = quote.Time;
                if (slot.Expiry is not null)
                {
                    slot.Expiry.UpdateQuote(slot.StrikeIndex, slot.Right, quote);
                    applied++;
                }
                else if (_quoted.Contains(q.SymbolId)) // not a late quote of a contract already dropped
                {
                    double bid = Clean(q.BidPrice), ask = Clean(q.AskPrice);
                    if (bid > 0 && ask >= bid)
                    {
                        SetPrice(q.SymbolId, 0.5 * (bid + ask));
                        applied++;
                    }
                }
            }
        }

        while ((n = _client.Candles.Drain(_candleBuffer)) > 0)
        {
            foreach (ref readonly var c in _candleBuffer.AsSpan(0, n))
            {
                if (_dailyById.TryGetValue(c.SymbolId, out var series))
                {
                    series.Apply(c);
                    applied++;
                }
            }
        }

        while ((n = _client.Summaries.Drain(_summaryBuffer)) > 0)
        {
            foreach (ref readonly var s in _summaryBuffer.AsSpan(0, n))
            {
                if (ApplySummary(s))
                {
                    applied++;
                }
            }
        }

        foreach (var chain in _chains.Values)
        {
            chain.SetTime(now);
        }

        _applied += applied;
        return applied;
    }

    private bool ApplySummary(in DxSummary summary)
    {
        if (_summaryIds.TryGetValue(summary.SymbolId, out var underlying) && double.IsFinite(summary.DayOpenPrice) && summary.DayOpenPrice > 0)
        {
            _opens[underlying] = summary.DayOpenPrice;
            return true;
        }

        return false;
    }

    private static Quote ToQuote(in DxQuote q, DateTime now)
    {
        var time = q.Time > 0 ? UsEastern.FromUtc(DateTime.UnixEpoch.AddMilliseconds(q.Time)) : now;
        return new Quote(Clean(q.BidPrice), Clean(q.AskPrice), Size(q.BidSize), Size(q.AskSize), time);
    }

    private void SetPrice(int id, double price)
    {
        _prices[id] = price;
        if (_slots[id].Chains is { } chains)
        {
            foreach (var c in chains)
            {
                c.SetUnderlyingPrice(price);
            }
        }

        if (_slots[id].Expiries is { } expiries)
        {
            foreach (var e in expiries)
            {
                e.SetUnderlyingPrice(price);
            }
        }
    }

    private static double Clean(double price) => double.IsFinite(price) && price > 0 ? price : 0.0;

    private static int Size(double size) => double.IsFinite(size) && size > 0 ? (int)Math.Min(size, int.MaxValue) : 0;

    /// <summary>Host: IV rank from REST market metrics.</summary>
    public void SetIvRank(Ticker underlying, double ivRank) => _ivRanks[underlying] = ivRank;

    /// <summary>Host: a daily EMA computed elsewhere (it wins over the candles' until cleared with NaN).</summary>
    public void SetDailyEma(Ticker underlying, int period, double ema)
    {
        if (double.IsNaN(ema))
        {
            _emas.Remove((underlying, period));
        }
        else
        {
            _emas[(underlying, period)] = ema;
        }
    }

    /// <summary>Host: today's 09:30 open.</summary>
    public void SetSessionOpen(Ticker underlying, double open) => _opens[underlying] = open;

    /// <inheritdoc />
    public bool TryGetPrice(Ticker underlying, out double price)
    {
        price = _underlyingIds.TryGetValue(underlying, out int id) ? _prices[id] : double.NaN;
        return !double.IsNaN(price);
    }

    /// <inheritdoc />
    public bool TryGetChain(Ticker root, out OptionChain chain) => _chains.TryGetValue(root, out chain!);

    /// <summary>Underlyings (VIX included) subscribed that have no price yet: the view is warm at 0.</summary>
    public int UnpricedUnderlyings
    {
        get
        {
            int n = 0;
            foreach (int id in _underlyingIds.Values)
            {
                if (double.IsNaN(_prices[id]))
                {
                    n++;
                }
            }

            return n;
        }
    }

    /// <inheritdoc />
    public bool TryGetVix(out VixReading vix)
    {
        if (_vixId >= 0 && !double.IsNaN(_prices[_vixId]))
        {
            vix = new VixReading(_prices[_vixId], VixSource.Feed, _nowEastern());
            return true;
        }

        vix = default;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetIvRank(Ticker underlying, out double ivRank) => _ivRanks.TryGetValue(underlying, out ivRank);

    /// <inheritdoc />
    /// <remarks>From the underlying's daily candles: <see cref="DailyEma.TryComputeWindow"/> over the closes of the
    /// sessions before today (the view clock's date), as the backtest's synthetic market computes it. An underlying
    /// tracked for its price but not yet for candles is subscribed on the first ask (false until its snapshot has
    /// arrived and been applied); so is a longer period than the one tracked.</remarks>
    public bool TryGetDailyEma(Ticker underlying, int period, out double ema)
    {
        if (_emas.TryGetValue((underlying, period), out ema))
        {
            return true;
        }

        ema = double.NaN;
        if (period < 1)
        {
            return false;
        }

        if (!_dailyByUnderlying.TryGetValue(underlying, out var series) || series.Period < period)
        {
            if (_underlyingIds.TryGetValue(underlying, out int id))
            {
                TrackDailyEma(underlying, _client.Symbols.NameOf(id), period);
            }

            if (series is null)
            {
                return false;
            }
        }

        if (!series.Ready)
        {
            return false;
        }

        var today = DateOnly.FromDateTime(_nowEastern());
        var dates = series.Bars.Keys;
        var closes = series.Bars.Values;
        int before = 0;
        while (before < dates.Count && dates[before] < today)
        {
            before++;
        }

        if (_closeScratch.Length < before)
        {
            _closeScratch = new double[Math.Max(before, _closeScratch.Length * 2)];
        }

        for (int i = 0; i < before; i++)
        {
            _closeScratch[i] = closes[i];
        }

        return DailyEma.TryComputeWindow(_closeScratch.AsSpan(0, before), period, out ema);
    }

    /// <inheritdoc />
    public bool TryGetSessionOpen(Ticker underlying, out double open) => _opens.TryGetValue(underlying, out open);

    /// <summary>One underlying's daily closes by session date, from DXLink candles: a snapshot (SNAPSHOT_BEGIN …
    /// SNAPSHOT_END or SNAPSHOT_SNIP, newest first) replaces the bars when it ends; other events add, update or (REMOVE_EVENT,
    /// NaN close) remove one bar. The session date is the UTC date of the candle time (00:00 UTC on Tastytrade).</summary>
    private sealed class DailySeries
    {
        private SortedList<DateOnly, double>? _pending;

        public int Period { get; set; }

        public SortedList<DateOnly, double> Bars { get; private set; } = [];

        public bool Ready { get; private set; }

        public void Apply(in DxCandle c)
        {
            if ((c.EventFlags & DxCandle.SnapshotBegin) != 0)
            {
                _pending = [];
            }

            var target = _pending ?? Bars;
            if (c.Time > 0)
            {
                var date = DateOnly.FromDateTime(DateTime.UnixEpoch.AddMilliseconds(c.Time));
                if ((c.EventFlags & DxCandle.RemoveEvent) != 0 || !double.IsFinite(c.Close) || !(c.Close > 0.0))
                {
                    target.Remove(date);
                }
                else
                {
                    target[date] = c.Close;
                }
            }

            if ((c.EventFlags & (DxCandle.SnapshotEnd | DxCandle.SnapshotSnip)) != 0 && _pending is not null)
            {
                Bars = _pending;
                _pending = null;
                Ready = true;
            }
        }
    }

    private readonly record struct Slot(ChainExpiry? Expiry, int StrikeIndex, OptionRight Right, OptionChain[]? Chains, ChainExpiry[]? Expiries);
}

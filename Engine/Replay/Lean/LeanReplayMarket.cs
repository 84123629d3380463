using System.Globalization;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Engine.Data.Lean;
using TomKing.Engine.Data.Lean.MarketHours;
using TomKing.Greeks;

namespace TomKing.Engine.Replay.Lean;

/// <summary>
/// An <see cref="IReplayMarket"/> over a LEAN-format data folder, replayed minute by minute:
/// index-option minute quotes (SPXW, SPX) become <see cref="OptionChain"/>s, SPX index minute trades the
/// underlying price and the 9:30 open, daily bars the EMAs and settlement fallbacks.
/// </summary>
/// <remarks>
/// <para>Per trading day each root's quote zip is read once into compact per-contract arrays (minute,
/// bid, ask, sizes: 26 bytes a row) and the day's chain is built from the zip's entry list;
/// <see cref="AdvanceTo"/> then moves one cursor per contract to the last bar ending at or before the
/// instant (a merge by time that touches each row once), writes that bar's closing bid/ask into the chain
/// and counts every row passed as one applied event. Nothing is allocated per row or per minute.</para>
/// <para>Settlement (<see cref="TryGetSettlementPrice"/>): the SPX daily bar's close (PM) or open (AM) when
/// the daily file has the date (the official values); else the last index minute bar ending at or before
/// 16:00 (PM) or the session's first bar (AM); else the parity-implied level at those minutes.</para>
/// <para>Underlying price: the SPX index minute close when the day has an index file; otherwise the
/// put–call-parity forward of the nearest unexpired expiry discounted to today (a warning names the
/// missing file). Rates: no rate data exists in a LEAN folder, so a flat 0 % curve is used (the parity
/// forward absorbs the financing the market used).</para>
/// <para>VIX: LEAN folders carry no VIX feed, so <see cref="TryGetVix"/> answers the model-free 30-day
/// implied volatility (CBOE VIX method, <see cref="ModelFreeVariance"/>) over every expiry of the loaded
/// SPX/SPXW chains with more than one day to settlement, <see cref="VixSource.ModelFree"/>. When those
/// expiries do not bracket 30 days the value is the closest expiry's model-free volatility
/// (<see cref="ConstantMaturityStatus.NotBracketed"/>), said once in <see cref="Warnings"/>.</para>
/// <para>Not covered yet: futures options (ES) and equity options as chains, IV rank (false: the
/// folder's universes hold too little history).</para>
/// </remarks>
public sealed class LeanReplayMarket : IReplayMarket
{
    private const double MinVixExpiryYears = 1.0 / 365.0;
    private static readonly Ticker Spx = new("SPX");
    private static readonly string[] OptionRoots = ["SPXW", "SPX"];

    private readonly LeanDataReader _reader;
    private readonly LeanRowReader _rows;
    private readonly MarketHoursEntry _session;
    private readonly RootFeed[] _roots;
    private readonly LeanSeries _indexMinute = new(LeanSecurityType.Index, "usa", "spx", LeanResolution.Minute, LeanTickType.Trade);
    private readonly ConstantRate _rates = new(0.0);
    private readonly List<string> _warnings = [];
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly Dictionary<DateOnly, DateTime[]> _evaluationTimes = [];
    private readonly Dictionary<DateOnly, Settlement> _settlements = [];
    private readonly Dictionary<Ticker, TradeBar[]?> _daily = [];
    private readonly Dictionary<(Ticker Ticker, int Period), (DateOnly Day, double Ema)> _emaCache = [];
    private readonly QuoteBar[] _chunk = new QuoteBar[512];

    // The loaded day's option rows, struct of arrays, contract by contract.
    private ContractStream[] _streams = new ContractStream[64];
    private int _streamCount;
    private ushort[] _rowMinute = new ushort[4096];
    private double[] _rowBid = new double[4096];
    private double[] _rowAsk = new double[4096];
    private int[] _rowBidSize = new int[4096];
    private int[] _rowAskSize = new int[4096];
    private int _rowCount;

    // The loaded day's index bars.
    private TradeBar[] _indexBars = new TradeBar[512];
    private int _indexCount;
    private int _indexCursor;

    // Model-free VIX scratch and cache.
    private ExpiryVariance[] _vixScratch = new ExpiryVariance[16];
    private DateTime _vixAt = DateTime.MinValue;
    private bool _vixOk;
    private bool _warnedNotBracketed;
    private bool _warnedNoVix;
    private VixReading _vix;

    private DateOnly _day = DateOnly.MinValue;
    private DateTime _now = DateTime.MinValue;
    private double _spot = double.NaN;
    private double _sessionOpen = double.NaN;
    private bool _dayHasIndex;
    private DateOnly _settlementDay = DateOnly.MinValue;

    private LeanReplayMarket(LeanDataReader reader, MarketHoursEntry session, RootFeed[] roots, string description)
    {
        _reader = reader;
        _rows = reader.CreateRowReader();
        _session = session;
        _roots = roots;
        Description = description;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IReadOnlyList<DateOnly> TradingDays { get; private set; } = [];

    /// <inheritdoc />
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The Eastern instant the market stands at (<see cref="DateTime.MinValue"/> before the first <see cref="AdvanceTo"/>).</summary>
    public DateTime Now => _now;

    /// <summary>The option roots with data in the range ("SPXW", "SPX").</summary>
    public IReadOnlyList<Ticker> Roots => Array.ConvertAll(_roots, r => r.Root);

    /// <summary>
    /// Opens a LEAN data folder for a replay over [<paramref name="from"/>, <paramref name="to"/>]:
    /// reads the market-hours database, lists the trading days (exchange calendar) and keeps those with
    /// index-option minute quotes; a trading day without them is dropped with a warning naming the
    /// expected file.
    /// </summary>
    /// <param name="dataFolder">The LEAN <c>Data/</c> folder (with <c>market-hours/</c>).</param>
    /// <param name="from">First date (inclusive).</param>
    /// <param name="to">Last date (inclusive).</param>
    /// <param name="strategies">The strategies of the run; those whose instruments this market does not
    /// provide (futures and equity option chains) get one warning each.</param>
    /// <exception cref="LeanDataException">The folder, its market-hours database, or any option quotes in the range are missing.</exception>
    /// <exception cref="ArgumentException">The range is empty.</exception>
    public static LeanReplayMarket Open(string dataFolder, DateOnly from, DateOnly to, IReadOnlyList<StrategyId> strategies)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        ArgumentNullException.ThrowIfNull(strategies);
        if (to < from)
        {
            throw new ArgumentException($"the date range is empty: {from:yyyy-MM-dd} is after {to:yyyy-MM-dd}", nameof(to));
        }

        if (!Directory.Exists(dataFolder))
        {
            throw new LeanDataException(LeanDamage.MissingFile, dataFolder, null, 0, "the LEAN data folder does not exist");
        }

        LeanDataReader reader = LeanDataReader.ForRoot(dataFolder);
        MarketHoursEntry session = reader.MarketHours.GetEntry(LeanSecurityType.Equity, "usa", "SPY");

        var calendarDays = new List<DateOnly>();
        for (DateOnly d = from; d <= to; d = d.AddDays(1))
        {
            if (session.IsTradingDay(d))
            {
                calendarDays.Add(d);
            }
        }

        if (calendarDays.Count == 0)
        {
            throw new LeanDataException($"no trading days between {from:yyyy-MM-dd} and {to:yyyy-MM-dd} (weekend or exchange holiday by {session.Key})");
        }

        var roots = new List<RootFeed>();
        foreach (string root in OptionRoots)
        {
            var series = LeanSeries.IndexOptionMinute(root.ToLowerInvariant(), LeanTickType.Quote);
            if (calendarDays.Exists(d => reader.Paths.Locate(series, d).Exists))
            {
                roots.Add(new RootFeed(new Ticker(root), InstrumentCatalogue.Get(root), series));
            }
        }

        if (roots.Count == 0)
        {
            string expected = reader.Paths.ZipPath(LeanSeries.IndexOptionMinute("spxw", LeanTickType.Quote), calendarDays[0]);
            throw new LeanDataException(LeanDamage.MissingFile, expected, null, 0,
                $"no SPXW or SPX index-option minute quotes between {from:yyyy-MM-dd} and {to:yyyy-MM-dd} on any of its {calendarDays.Count} trading day(s)");
        }

        string description = string.Create(CultureInfo.InvariantCulture, $"LEAN {dataFolder} {from:yyyy-MM-dd}..{to:yyyy-MM-dd} ({string.Join('/', roots.Select(r => r.Root.Symbol))})");
        var market = new LeanReplayMarket(reader, session, [.. roots], description);
        var days = new List<DateOnly>();
        foreach (DateOnly d in calendarDays)
        {
            bool any = false;
            foreach (RootFeed feed in market._roots)
            {
                LeanFileLocation location = reader.Paths.Locate(feed.Series, d);
                if (location.Exists)
                {
                    any = true;
                }
                else
                {
                    market.Warn($"{d:yyyy-MM-dd}: no {feed.Root} index-option minute quotes (expected {location.ExpectedPath}); the {feed.Root} chain is absent that day");
                }
            }

            if (any)
            {
                days.Add(d);
            }
            else
            {
                market.Warn($"{d:yyyy-MM-dd}: a trading day without option quotes; skipped");
            }
        }

        market.TradingDays = days;
        foreach (StrategyId s in strategies.Distinct())
        {
            if (s is StrategyId.FS or StrategyId.IPMCC or StrategyId.LPL)
            {
                market.Warn($"{s}: the LEAN replay provides SPX/SPXW chains only (no futures or equity option chains yet); {s} will skip for lack of a chain");
            }
        }

        return market;
    }

    /// <inheritdoc />
    public IReadOnlyList<DateTime> EvaluationTimes(DateOnly day)
    {
        if (_evaluationTimes.TryGetValue(day, out DateTime[]? times))
        {
            return times;
        }

        DateTime? open = _session.RegularOpen(day);
        DateTime? close = _session.RegularClose(day);
        if (open is null || close is null || !ContainsDay(day))
        {
            times = [];
        }
        else
        {
            int minutes = (int)(close.Value - open.Value).TotalMinutes;
            times = new DateTime[minutes];
            for (int i = 0; i < minutes; i++)
            {
                times[i] = open.Value.AddMinutes(i + 1);
            }
        }

        _evaluationTimes[day] = times;
        return times;
    }

    /// <inheritdoc />
    public long AdvanceTo(DateTime eastern)
    {
        DateOnly day = DateOnly.FromDateTime(eastern);
        if (day != _day || eastern < _now)
        {
            LoadDay(day);
        }

        long events = 0;
        int minute = MinuteOfDay(eastern);
        for (int s = 0; s < _streamCount; s++)
        {
            ref ContractStream stream = ref _streams[s];
            int c = stream.Cursor;
            while (c < stream.End && _rowMinute[c] <= minute)
            {
                c++;
            }

            if (c != stream.Cursor)
            {
                events += c - stream.Cursor;
                int last = c - 1;
                stream.Cursor = c;
                var quote = new Quote(_rowBid[last], _rowAsk[last], _rowBidSize[last], _rowAskSize[last], day.ToDateTime(TimeOnly.MinValue).AddMinutes(_rowMinute[last]));
                stream.Expiry.UpdateQuote(stream.StrikeIndex, stream.Right, quote);
            }
        }

        bool indexMoved = false;
        while (_indexCursor < _indexCount && _indexBars[_indexCursor].EndTime <= eastern)
        {
            if (_indexCursor == 0)
            {
                _sessionOpen = _indexBars[0].Open;
            }

            _spot = _indexBars[_indexCursor].Close;
            _indexCursor++;
            events++;
            indexMoved = true;
        }

        _now = eastern;
        foreach (RootFeed feed in _roots)
        {
            feed.Chain?.SetTime(eastern);
        }

        if (!_dayHasIndex && events > 0)
        {
            double implied = ImpliedSpot(eastern);
            if (double.IsFinite(implied))
            {
                _spot = implied;
                if (double.IsNaN(_sessionOpen))
                {
                    _sessionOpen = implied;
                }
            }
        }

        if (indexMoved || (!_dayHasIndex && events > 0))
        {
            foreach (RootFeed feed in _roots)
            {
                feed.Chain?.SetUnderlyingPrice(_spot);
            }
        }

        TrackSettlement(eastern);
        return events;
    }

    /// <inheritdoc />
    public bool TryQuote(in OptionContract contract, out Quote quote)
    {
        quote = default;
        foreach (RootFeed feed in _roots)
        {
            if (feed.Chain is not null && feed.Root.Equals(contract.Root) && feed.Chain.TryGetExpiry(contract.Expiry, out ChainExpiry expiry))
            {
                int i = expiry.IndexOfStrike((double)contract.Strike);
                if (i < 0)
                {
                    return false;
                }

                quote = expiry.QuoteAt(i, contract.Right);
                return quote != default;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public bool TryGetSettlementPrice(Ticker underlying, DateOnly expiry, OptionSettlement settlement, out double price)
    {
        price = double.NaN;
        if (!underlying.Equals(Spx) || expiry > _day)
        {
            return false;
        }

        bool am = settlement.Style == SettlementStyle.AmOpen;
        if (expiry == _day && !am && _now < expiry.ToDateTime(new TimeOnly(16, 0)))
        {
            return false;
        }

        // The daily bar is the official open/close (SPX's close is published after 16:00, so the
        // last minute bar ending at 16:00 can differ by a few cents); minutes or the parity forward otherwise.
        if (TryDailyBar(Spx, expiry, out TradeBar bar))
        {
            price = am ? bar.Open : bar.Close;
        }
        else if (_settlements.TryGetValue(expiry, out Settlement s))
        {
            price = am ? s.AmOpen : s.PmClose;
        }

        return double.IsFinite(price) && price > 0.0;
    }

    /// <inheritdoc />
    public bool TryGetPrice(Ticker underlying, out double price)
    {
        price = _spot;
        return underlying.Equals(Spx) && double.IsFinite(price) && price > 0.0;
    }

    /// <inheritdoc />
    public bool TryGetChain(Ticker root, out OptionChain chain)
    {
        foreach (RootFeed feed in _roots)
        {
            if (feed.Root.Equals(root) && feed.Chain is not null)
            {
                chain = feed.Chain;
                return true;
            }
        }

        chain = null!;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetVix(out VixReading vix)
    {
        if (_vixAt != _now)
        {
            _vixAt = _now;
            _vixOk = ComputeModelFreeVix(out _vix);
        }

        vix = _vix;
        return _vixOk;
    }

    /// <summary>The model-free 30-day variance behind <see cref="TryGetVix"/> at the current instant, with its status.</summary>
    public ConstantMaturityVariance ModelFreeThirtyDay()
    {
        int n = 0;
        foreach (RootFeed feed in _roots)
        {
            OptionChain? chain = feed.Chain;
            if (chain is null)
            {
                continue;
            }

            for (int e = 0; e < chain.ExpiryCount; e++)
            {
                ChainExpiry expiry = chain.ExpiryAt(e);
                double years = ExpiryTime.YearsToExpiry(_now, expiry.Expiry, expiry.Settlement.Style);
                if (!(years > MinVixExpiryYears))
                {
                    continue;
                }

                if (n == _vixScratch.Length)
                {
                    Array.Resize(ref _vixScratch, n * 2);
                }

                _vixScratch[n++] = ModelFreeVariance.ForExpiry(expiry.Strikes, expiry.CallBids, expiry.CallAsks, expiry.PutBids, expiry.PutAsks, years, _rates.ZeroRate(years));
            }
        }

        return ModelFreeVariance.ThirtyDay(_vixScratch.AsSpan(0, n));
    }

    /// <inheritdoc />
    public bool TryGetIvRank(Ticker underlying, out double ivRank)
    {
        ivRank = double.NaN;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetDailyEma(Ticker underlying, int period, out double ema)
    {
        ema = double.NaN;
        if (period <= 0 || _day == DateOnly.MinValue)
        {
            return false;
        }

        if (_emaCache.TryGetValue((underlying, period), out var cached) && cached.Day == _day)
        {
            ema = cached.Ema;
            return double.IsFinite(ema);
        }

        TradeBar[]? bars = DailyBars(underlying);
        if (bars is not null)
        {
            DateTime today = _day.ToDateTime(TimeOnly.MinValue);
            int end = 0;
            while (end < bars.Length && bars[end].Time < today)
            {
                end++;
            }

            if (end >= period)
            {
                double k = 2.0 / (period + 1);
                double value = 0.0;
                for (int i = 0; i < period; i++)
                {
                    value += bars[i].Close;
                }

                value /= period;
                for (int i = period; i < end; i++)
                {
                    value += k * (bars[i].Close - value);
                }

                ema = value;
            }
        }

        _emaCache[(underlying, period)] = (_day, ema);
        return double.IsFinite(ema);
    }

    /// <inheritdoc />
    public bool TryGetSessionOpen(Ticker underlying, out double open)
    {
        open = _sessionOpen;
        return underlying.Equals(Spx) && double.IsFinite(open) && open > 0.0;
    }

    private bool ContainsDay(DateOnly day)
    {
        IReadOnlyList<DateOnly> days = TradingDays;
        for (int i = 0; i < days.Count; i++)
        {
            if (days[i] == day)
            {
                return true;
            }
        }

        return false;
    }

    private static int MinuteOfDay(DateTime t) => (t.Hour * 60) + t.Minute;

    private void WarnOnce(ref bool warned, string message)
    {
        if (!warned)
        {
            warned = true;
            Warn(message);
        }
    }

    private void Warn(string message)
    {
        if (_warned.Add(message))
        {
            _warnings.Add(message);
        }
    }

    private void LoadDay(DateOnly day)
    {
        FinishSettlementDay();
        _day = day;
        _now = day.ToDateTime(TimeOnly.MinValue);
        _spot = double.NaN;
        _sessionOpen = double.NaN;
        _streamCount = 0;
        _rowCount = 0;
        _indexCount = 0;
        _indexCursor = 0;
        _vixAt = DateTime.MinValue;
        foreach (RootFeed feed in _roots)
        {
            feed.Chain = null;
        }

        if (!ContainsDay(day))
        {
            _dayHasIndex = false;
            return;
        }

        DateTime asOf = _session.RegularOpen(day) ?? day.ToDateTime(new TimeOnly(9, 30));
        foreach (RootFeed feed in _roots)
        {
            LoadRoot(feed, day, asOf);
        }

        LoadIndex(day);
        _settlementDay = day;
        _settlements[day] = new Settlement(double.NaN, double.NaN);
    }

    private void LoadRoot(RootFeed feed, DateOnly day, DateTime asOf)
    {
        LeanFileLocation location = _reader.Paths.Locate(feed.Series, day);
        if (!location.Exists)
        {
            return;
        }

        using var zip = LeanArchive.Open(location.ExistingPath!, _reader.FormatOf(feed.Series), day, _reader.Options);
        var builder = new OptionChainBuilder(feed.Instrument).AsOf(asOf).UnderlyingPrice(double.NaN).Rates(_rates);
        IReadOnlyList<LeanArchiveEntry> entries = zip.Entries;
        int listed = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            LeanContractId id = entries[i].Contract;
            if (id.Kind == LeanContractKind.Option && id.Expiry >= day)
            {
                builder.AddQuote(id.Expiry, id.StrikeValue, id.Right, 0.0, 0.0, 0, 0);
                listed++;
            }
        }

        if (listed == 0)
        {
            Warn($"{day:yyyy-MM-dd}: {location.DisplayPath} lists no unexpired {feed.Root} contracts");
            return;
        }

        OptionChain chain = builder.Build();
        feed.Chain = chain;
        for (int i = 0; i < entries.Count; i++)
        {
            LeanContractId id = entries[i].Contract;
            if (id.Kind != LeanContractKind.Option || id.Expiry < day || !chain.TryGetExpiry(id.Expiry, out ChainExpiry expiry))
            {
                continue;
            }

            int strikeIndex = expiry.IndexOfStrike(id.StrikeValue);
            int start = _rowCount;
            zip.StartEntry(i, _rows);
            int n;
            while ((n = _rows.Read(_chunk)) > 0)
            {
                EnsureRows(_rowCount + n);
                for (int r = 0; r < n; r++)
                {
                    ref readonly QuoteBar bar = ref _chunk[r];
                    int at = _rowCount++;
                    _rowMinute[at] = (ushort)Math.Min(MinuteOfDay(bar.EndTime) + ((bar.EndTime.Date - bar.Time.Date).Days * 1440), ushort.MaxValue);
                    _rowBid[at] = bar.HasBid ? bar.BidClose : 0.0;
                    _rowAsk[at] = bar.HasAsk ? bar.AskClose : 0.0;
                    _rowBidSize[at] = (int)Math.Min(bar.BidSize, int.MaxValue);
                    _rowAskSize[at] = (int)Math.Min(bar.AskSize, int.MaxValue);
                }
            }

            if (_streamCount == _streams.Length)
            {
                Array.Resize(ref _streams, _streamCount * 2);
            }

            _streams[_streamCount++] = new ContractStream(expiry, strikeIndex, id.Right, start, _rowCount);
        }

        if (_reader.Issues.SkippedRows > 0)
        {
            Warn(string.Create(CultureInfo.InvariantCulture, $"{_reader.Issues.SkippedRows} bad rows skipped so far (first: {_reader.Issues.Issues[0]})"));
        }
    }

    private void LoadIndex(DateOnly day)
    {
        LeanFileLocation location = _reader.Paths.Locate(_indexMinute, day);
        _dayHasIndex = location.Exists;
        if (!location.Exists)
        {
            Warn($"{day:yyyy-MM-dd}: no SPX index minute trades (expected {location.ExpectedPath}); the underlying price is the option chain's put–call-parity forward and the session open is that forward at the first minute");
            return;
        }

        using var zip = LeanArchive.Open(location.ExistingPath!, _reader.FormatOf(_indexMinute), day, _reader.Options);
        if (zip.Entries.Count == 0)
        {
            _dayHasIndex = false;
            Warn($"{day:yyyy-MM-dd}: {location.DisplayPath} has no rows; using the parity forward");
            return;
        }

        zip.StartEntry(0, _rows);
        while (_rows.TryRead(out TradeBar bar))
        {
            if (_indexCount == _indexBars.Length)
            {
                Array.Resize(ref _indexBars, _indexCount * 2);
            }

            _indexBars[_indexCount++] = bar;
        }

        _dayHasIndex = _indexCount > 0;
    }

    private void EnsureRows(int count)
    {
        if (count <= _rowMinute.Length)
        {
            return;
        }

        int size = Math.Max(count, _rowMinute.Length * 2);
        Array.Resize(ref _rowMinute, size);
        Array.Resize(ref _rowBid, size);
        Array.Resize(ref _rowAsk, size);
        Array.Resize(ref _rowBidSize, size);
        Array.Resize(ref _rowAskSize, size);
    }

    private double ImpliedSpot(DateTime eastern)
    {
        foreach (RootFeed feed in _roots)
        {
            OptionChain? chain = feed.Chain;
            if (chain is null)
            {
                continue;
            }

            for (int e = 0; e < chain.ExpiryCount; e++)
            {
                ChainExpiry expiry = chain.ExpiryAt(e);
                double years = ExpiryTime.YearsToExpiry(eastern, expiry.Expiry, expiry.Settlement.Style);
                if (!(years > 0.0))
                {
                    continue;
                }

                double forward = ParityForward(expiry, _rates.DiscountFactor(years));
                if (double.IsFinite(forward) && forward > 0.0)
                {
                    return forward * _rates.DiscountFactor(years);
                }
            }
        }

        return double.NaN;
    }

    private static double ParityForward(ChainExpiry expiry, double discountFactor)
    {
        int n = expiry.Count;
        Span<double> callMids = n <= 256 ? stackalloc double[n] : new double[n];
        Span<double> putMids = n <= 256 ? stackalloc double[n] : new double[n];
        for (int i = 0; i < n; i++)
        {
            callMids[i] = expiry.QuoteAt(i, OptionRight.Call).Mid;
            putMids[i] = expiry.QuoteAt(i, OptionRight.Put).Mid;
        }

        return ImpliedForward.FromParity(expiry.Strikes, callMids, putMids, discountFactor, out _);
    }

    private bool ComputeModelFreeVix(out VixReading vix)
    {
        vix = default;
        if (_day == DateOnly.MinValue)
        {
            return false;
        }

        ConstantMaturityVariance v = ModelFreeThirtyDay();
        switch (v.Status)
        {
            case ConstantMaturityStatus.Interpolated or ConstantMaturityStatus.ExactMaturity:
                break;
            case ConstantMaturityStatus.NotBracketed:
                WarnOnce(ref _warnedNotBracketed, string.Create(CultureInfo.InvariantCulture,
                    $"model-free VIX (first at {_now:yyyy-MM-dd HH:mm}): the chain's computable expiries do not bracket 30 days (nearest used: {v.NearYears * 365.0:F1} days), so the VIX-equivalent is that expiry's model-free volatility (ConstantMaturityStatus.NotBracketed), not a 30-day value"));
                break;
            default:
                WarnOnce(ref _warnedNoVix, $"model-free VIX (first at {_now:yyyy-MM-dd HH:mm}): no expiry of the chain yields a model-free variance (ConstantMaturityStatus.NoComputedExpiry: no strike with both a call and a put quote, or no out-of-the-money strikes); the regime is unknown then");
                return false;
        }

        double value = v.Index;
        if (!double.IsFinite(value) || !(value > 0.0))
        {
            return false;
        }

        vix = new VixReading(value, VixSource.ModelFree, _now);
        return true;
    }

    private void TrackSettlement(DateTime eastern)
    {
        if (_settlementDay != _day || !double.IsFinite(_spot))
        {
            return;
        }

        Settlement s = _settlements[_day];
        double am = s.AmOpen;
        double pm = s.PmClose;
        if (_dayHasIndex)
        {
            am = _indexBars[0].Open;
            for (int i = _indexCursor - 1; i >= 0; i--)
            {
                if (_indexBars[i].EndTime <= _day.ToDateTime(new TimeOnly(16, 0)))
                {
                    pm = _indexBars[i].Close;
                    break;
                }
            }
        }
        else
        {
            am = _sessionOpen;
            if (eastern <= _day.ToDateTime(new TimeOnly(16, 0)))
            {
                pm = _spot;
            }
        }

        _settlements[_day] = new Settlement(am, pm);
    }

    private void FinishSettlementDay()
    {
        if (_settlementDay == DateOnly.MinValue || !_settlements.TryGetValue(_settlementDay, out Settlement s))
        {
            return;
        }

        if (!double.IsFinite(s.PmClose) && !TryDailyBar(Spx, _settlementDay, out _))
        {
            Warn($"{_settlementDay:yyyy-MM-dd}: no SPX settlement value could be formed (no index minute, daily bar or parity forward)");
        }
    }

    private bool TryDailyBar(Ticker ticker, DateOnly day, out TradeBar bar)
    {
        bar = default;
        TradeBar[]? bars = DailyBars(ticker);
        if (bars is null)
        {
            return false;
        }

        DateTime date = day.ToDateTime(TimeOnly.MinValue);
        int lo = 0, hi = bars.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int cmp = bars[mid].Time.CompareTo(date);
            if (cmp == 0)
            {
                bar = bars[mid];
                return true;
            }

            if (cmp < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return false;
    }

    private TradeBar[]? DailyBars(Ticker ticker)
    {
        if (_daily.TryGetValue(ticker, out TradeBar[]? bars))
        {
            return bars;
        }

        bars = null;
        LeanSecurityType type = ticker.Symbol is "SPX" or "NDX" or "VIX" or "RUT" ? LeanSecurityType.Index : LeanSecurityType.Equity;
        var series = new LeanSeries(type, "usa", ticker.Symbol.ToLowerInvariant(), LeanResolution.Daily, LeanTickType.Trade);
        LeanFileLocation location = _reader.Paths.Locate(series, _day);
        if (!location.Exists)
        {
            Warn($"{ticker}: no daily bars (expected {location.ExpectedPath}); daily EMAs and daily settlement fallbacks unavailable");
        }
        else
        {
            using var zip = LeanArchive.Open(location.ExistingPath!, _reader.FormatOf(series), _day, _reader.Options);
            var list = new List<TradeBar>();
            if (zip.Entries.Count > 0)
            {
                zip.StartEntry(0, _rows);
                while (_rows.TryRead(out TradeBar bar))
                {
                    list.Add(bar);
                }
            }

            bars = [.. list];
        }

        _daily[ticker] = bars;
        return bars;
    }

    private readonly record struct Settlement(double AmOpen, double PmClose);

    private record struct ContractStream(ChainExpiry Expiry, int StrikeIndex, OptionRight Right, int Start, int End)
    {
        public int Cursor = Start;
    }

    private sealed class RootFeed(Ticker root, Instrument instrument, LeanSeries series)
    {
        public Ticker Root { get; } = root;

        public Instrument Instrument { get; } = instrument;

        public LeanSeries Series { get; } = series;

        public OptionChain? Chain { get; set; }
    }
}

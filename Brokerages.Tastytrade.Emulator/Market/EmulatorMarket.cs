using System.Collections.Concurrent;
using System.Globalization;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Risk.Margin;
using TomKing.Engine.Synthetic;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Emulator.Market;

/// <summary>
/// The emulator's market: the engine's <see cref="SyntheticMarket"/> at the <see cref="EmulatorClock"/>'s time,
/// behind a lock (the synthetic market is single-threaded), with Tastytrade symbology on top. The order engine
/// fills against its quotes; the DXLink endpoint streams them (<see cref="TryQuote(string, out Quote)"/> accepts
/// order or streamer symbols). Shares, indices and futures are quoted as the product price ± one tick; options
/// from the synthetic volatility surface.
/// </summary>
public sealed partial class EmulatorMarket
{
    private readonly Lock _gate = new();
    private readonly SyntheticMarket _market;
    private readonly MarginModel _margin;
    private readonly ConcurrentDictionary<string, EmulatorInstrument> _byStreamer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SyntheticProductKind> _productKinds;

    /// <summary>Creates the market.</summary>
    /// <param name="seed">Synthetic market seed.</param>
    /// <param name="clock">Market time.</param>
    /// <param name="days">Calendar days of history generated after the clock's start (orders and quotes beyond it fail).</param>
    public EmulatorMarket(ulong seed, EmulatorClock clock, int days = 400)
    {
        Clock = clock ?? throw new ArgumentNullException(nameof(clock));
        var start = DateOnly.FromDateTime(clock.NowEastern);
        _market = new SyntheticMarket(seed, start, start.AddDays(Math.Max(days, 7)));
        _productKinds = _market.Settings.Products.ToDictionary(p => p.Ticker, p => p.Kind, StringComparer.Ordinal);
        _margin = new MarginModel(DefaultFuturesMargins(_market, start));
    }

    /// <summary>The market time.</summary>
    public EmulatorClock Clock { get; }

    /// <summary>The margin model dry runs use (the strategy core's, with flat exchange margins of about 6 % of
    /// each future's notional at the start, since the emulator has no LEAN margin files).</summary>
    public MarginModel MarginModel => _margin;

    /// <summary>Today in market time.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Clock.NowEastern);

    /// <summary>Runs <paramref name="read"/> on the synthetic market under its lock (for endpoints that need more than this type offers).</summary>
    public T Read<T>(Func<SyntheticMarket, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            return read(_market);
        }
    }

    /// <summary>Last price of a product (SPX, SPY, ES…) now.</summary>
    public bool TryGetPrice(string product, out double price)
    {
        var now = Clock.NowEastern;
        lock (_gate)
        {
            return _market.TryGetPrice(product, now, out price);
        }
    }

    /// <summary>IV rank (0–100) of a product now.</summary>
    public bool TryGetIvRank(string product, out double ivRank, out double atmVolatility)
    {
        var now = Clock.NowEastern;
        lock (_gate)
        {
            atmVolatility = double.NaN;
            return _market.TryGetIvRank(product, now, out ivRank) && _market.TryGetAtmVolatility(product, now, out atmVolatility);
        }
    }

    /// <summary>The streamer symbol of the VIX index (quoted for DXLink, not tradable).</summary>
    public const string VixSymbol = "VIX";

    /// <summary>The quote of an order or streamer symbol now (also <see cref="VixSymbol"/>: the synthetic VIX ± 0.01).</summary>
    public bool TryQuote(string symbol, out Quote quote)
    {
        quote = default;
        if (string.Equals(symbol, VixSymbol, StringComparison.Ordinal))
        {
            return TryQuoteVix(out quote);
        }

        return (TryResolve(symbol, out var instrument) || _byStreamer.TryGetValue(symbol, out instrument)) && TryQuote(instrument, out quote);
    }

    /// <summary>The day's 09:30 open (NaN before the open or on a non-trading day) and the previous trading day's close
    /// of a share, index, future or <see cref="VixSymbol"/> named by an order or streamer symbol (DXLink's Summary).</summary>
    public bool TryGetDaySummary(string symbol, out double dayOpen, out double previousClose)
    {
        dayOpen = double.NaN;
        previousClose = double.NaN;
        var now = Clock.NowEastern;
        var today = DateOnly.FromDateTime(now);
        bool opened = NyseCalendar.IsTradingDay(today) && TimeOnly.FromDateTime(now) >= NyseCalendar.Open;
        var previous = NyseCalendar.PreviousTradingDay(today);
        lock (_gate)
        {
            if (string.Equals(symbol, VixSymbol, StringComparison.Ordinal))
            {
                if (previous < _market.HistoryStart)
                {
                    return false;
                }

                dayOpen = opened ? _market.VixOpen(today) : double.NaN;
                previousClose = _market.VixClose(previous);
                return true;
            }
        }

        if (!(TryResolve(symbol, out var instrument) || _byStreamer.TryGetValue(symbol, out instrument)) || instrument.Right is not null)
        {
            return false;
        }

        lock (_gate)
        {
            if (!_market.TryGetDailyClose(instrument.Product, previous, out previousClose))
            {
                return false;
            }

            if (!opened || !_market.TryGetSessionOpen(instrument.Product, today, out dayOpen))
            {
                dayOpen = double.NaN;
            }

            return true;
        }
    }

    private bool TryQuoteVix(out Quote quote)
    {
        var now = Clock.NowEastern;
        quote = default;
        lock (_gate)
        {
            if (!_market.TryGetPrice("SPX", now, out _))
            {
                return false; // outside the generated history
            }

            double vix = Math.Round(_market.Vix(now), 2);
            quote = new Quote(vix - 0.01, vix + 0.01, 100, 100, now);
            return true;
        }
    }

    /// <summary>The quote of an instrument now.</summary>
    public bool TryQuote(EmulatorInstrument instrument, out Quote quote)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var now = Clock.NowEastern;
        quote = default;
        lock (_gate)
        {
            if (instrument.Right is { } right)
            {
                return _market.TryQuoteOption(instrument.Root, instrument.Expiration!.Value, (double)instrument.Strike!.Value, right, now, out quote);
            }

            if (!_market.TryGetPrice(instrument.Product, now, out double price))
            {
                return false;
            }

            double tick = (double)instrument.TickSize;
            double bid = Math.Round(Math.Floor(price / tick) * tick, 10);
            quote = new Quote(bid, Math.Round(bid + tick, 10), 100, 100, now);
            return true;
        }
    }

    /// <summary>The instrument an order symbol names, when the emulator lists it (equities and indices it prices,
    /// OCC options of its roots, futures and futures options of its products).</summary>
    public bool TryResolve(string? symbol, out EmulatorInstrument instrument)
    {
        instrument = null!;
        if (string.IsNullOrWhiteSpace(symbol))
        {
            return false;
        }

        if (symbol.StartsWith("./", StringComparison.Ordinal))
        {
            if (!EmulatorSymbols.TryParseFutureOption(symbol, out string future, out _, out var expiry, out var right, out decimal strike)
                || !EmulatorSymbols.TryParseFuture(future, Today, out string product, out _, out _)
                || !TryFutureOption(product, expiry, right, strike, out instrument))
            {
                return false;
            }

            return string.Equals(instrument.Symbol, symbol, StringComparison.Ordinal);
        }

        if (symbol[0] == '/')
        {
            if (!EmulatorSymbols.TryParseFuture(symbol, Today, out string product, out int year, out int month) || !IsFutureProduct(product)
                || !ListFutures(product).Any(f => string.Equals(f.Symbol, symbol, StringComparison.Ordinal)))
            {
                return false;
            }

            instrument = Register(FutureInstrument(product, year, month));
            return true;
        }

        if (EmulatorSymbols.TryParseOcc(symbol, out string root, out var occExpiry, out var occRight, out decimal occStrike))
        {
            return TryEquityOption(root, occExpiry, occRight, occStrike, out instrument);
        }

        return TryEquity(symbol, out instrument);
    }

    /// <summary>Shares, ETFs and indices the market prices.</summary>
    public IReadOnlyList<EmulatorInstrument> ListEquities() =>
        [.. _productKinds.Where(p => p.Value is SyntheticProductKind.Etf or SyntheticProductKind.Index)
            .Select(p => TryEquity(p.Key, out var i) ? i : null).OfType<EmulatorInstrument>()];

    /// <summary>A share, ETF or index by symbol.</summary>
    public bool TryEquity(string symbol, out EmulatorInstrument instrument)
    {
        instrument = null!;
        if (!_productKinds.TryGetValue(symbol, out var kind) || kind is not (SyntheticProductKind.Etf or SyntheticProductKind.Index))
        {
            return false;
        }

        instrument = Register(new EmulatorInstrument(symbol, symbol, kind == SyntheticProductKind.Index ? "Index" : "Equity", symbol, symbol, symbol, null, null, null, 1m, 0.01m));
        return true;
    }

    /// <summary>The equity/index option roots written on an underlying (SPX: SPX and SPXW).</summary>
    public IReadOnlyList<string> EquityOptionRoots(string underlying)
    {
        lock (_gate)
        {
            return [.. _market.Settings.OptionRoots
                .Where(r => string.Equals(r.Product, underlying, StringComparison.Ordinal) && !IsFutureProduct(r.Product))
                .Select(r => r.Root)];
        }
    }

    /// <summary>Expiries a root lists today.</summary>
    public IReadOnlyList<DateOnly> ListExpiries(string root)
    {
        var today = Today;
        var list = new List<DateOnly>();
        lock (_gate)
        {
            _market.ListExpiries(root, today, list);
        }

        return list;
    }

    /// <summary>Strikes a root lists today for an expiry.</summary>
    public IReadOnlyList<decimal> ListStrikes(string root, DateOnly expiry)
    {
        var today = Today;
        var list = new List<double>();
        lock (_gate)
        {
            _market.ListStrikes(root, today, expiry, list);
        }

        return [.. list.Select(k => Math.Round((decimal)k, 6))];
    }

    /// <summary>An equity or index option of a listed root.</summary>
    public bool TryEquityOption(string root, DateOnly expiry, OptionRight right, decimal strike, out EmulatorInstrument instrument)
    {
        instrument = null!;
        SyntheticOptionRoot spec;
        lock (_gate)
        {
            if (!_market.TryGetOptionRoot(root, out spec) || IsFutureProduct(spec.Product) || strike <= 0m)
            {
                return false;
            }
        }

        instrument = Register(new EmulatorInstrument(
            EmulatorSymbols.Occ(root, expiry, right, strike), EmulatorSymbols.OccStreamer(root, expiry, right, strike),
            "Equity Option", spec.Product, spec.Product, root, expiry, strike, right, 100m, (decimal)spec.SmallTick));
        return true;
    }

    /// <summary>True for a futures product the market prices (ES, CL, GC…).</summary>
    public bool IsFutureProduct(string product) =>
        _productKinds.TryGetValue(product, out var kind) && kind is SyntheticProductKind.Future or SyntheticProductKind.EquityIndexFuture;

    /// <summary>Futures products.</summary>
    public IEnumerable<string> FutureProducts => _productKinds.Where(p => IsFutureProduct(p.Key)).Select(p => p.Key);

    /// <summary>The listed contracts of a futures product: the next four quarterlies for equity-index futures,
    /// the next six months otherwise.</summary>
    public IReadOnlyList<EmulatorInstrument> ListFutures(string product)
    {
        if (!IsFutureProduct(product))
        {
            return [];
        }

        var today = Today;
        var result = new List<EmulatorInstrument>();
        var month = new DateOnly(today.Year, today.Month, 1);
        bool quarterly = _productKinds[product] == SyntheticProductKind.EquityIndexFuture;
        while (result.Count < (quarterly ? 4 : 6))
        {
            if ((!quarterly || month.Month % 3 == 0) && FutureExpiration(product, month.Year, month.Month) >= today)
            {
                result.Add(Register(FutureInstrument(product, month.Year, month.Month)));
            }

            month = month.AddMonths(1);
        }

        return result;
    }

    /// <summary>Last trading day of a futures contract: the third Friday of the month for equity-index futures, the
    /// fourth-last trading day of the month before for the others.</summary>
    public DateOnly FutureExpiration(string product, int year, int month) =>
        _productKinds.TryGetValue(product, out var kind) && kind == SyntheticProductKind.EquityIndexFuture
            ? NyseCalendar.OnOrBefore(NyseCalendar.ThirdFriday(year, month))
            : FourthLastTradingDay(new DateOnly(year, month, 1).AddMonths(-1));

    /// <summary>The option roots on a futures product (its own ticker when the synthetic market lists options on it).</summary>
    public bool HasFutureOptions(string product)
    {
        lock (_gate)
        {
            return IsFutureProduct(product) && _market.TryGetOptionRoot(product, out _);
        }
    }

    /// <summary>The future an option expiry is written on: the quarterly at or after it for equity-index products,
    /// the first contract expiring at or after it otherwise.</summary>
    public (int Year, int Month) DeliveredFuture(string product, DateOnly expiry)
    {
        var month = new DateOnly(expiry.Year, expiry.Month, 1);
        bool quarterly = _productKinds[product] == SyntheticProductKind.EquityIndexFuture;
        for (int i = 0; i < 24; i++, month = month.AddMonths(1))
        {
            if ((!quarterly || month.Month % 3 == 0) && FutureExpiration(product, month.Year, month.Month) >= expiry)
            {
                return (month.Year, month.Month);
            }
        }

        return (month.Year, month.Month);
    }

    /// <summary>A futures option of a product.</summary>
    public bool TryFutureOption(string product, DateOnly expiry, OptionRight right, decimal strike, out EmulatorInstrument instrument)
    {
        instrument = null!;
        if (!HasFutureOptions(product) || strike <= 0m || !InstrumentCatalogue.TryGet(product, out var catalogued))
        {
            return false;
        }

        SyntheticOptionRoot spec;
        lock (_gate)
        {
            _market.TryGetOptionRoot(product, out spec);
        }

        var (fy, fm) = DeliveredFuture(product, expiry);
        string future = EmulatorSymbols.Future(product, fy, fm);
        bool standard = expiry == FutureExpiration(product, fy, fm) || (_productKinds[product] == SyntheticProductKind.EquityIndexFuture
            ? expiry == NyseCalendar.OnOrBefore(NyseCalendar.ThirdFriday(fy, fm))
            : expiry == FourthLastTradingDay(new DateOnly(fy, fm, 1).AddMonths(-1)));
        string codeRoot = standard ? product : string.Create(CultureInfo.InvariantCulture, $"{product[..Math.Min(2, product.Length)]}{((expiry.Day - 1) / 7) + 1}{(char)('A' + (int)expiry.DayOfWeek - 1)}");
        int codeYear = standard ? fy : expiry.Year;
        int codeMonth = standard ? fm : expiry.Month;
        string code = codeRoot + EmulatorSymbols.MonthCode(codeMonth) + (codeYear % 10).ToString(CultureInfo.InvariantCulture);
        string mic = EmulatorSymbols.Mic(catalogued.Market);
        instrument = Register(new EmulatorInstrument(
            EmulatorSymbols.FutureOption(future, code, expiry, right, strike),
            EmulatorSymbols.FutureOptionStreamer(codeRoot, codeYear, codeMonth, right, strike, mic),
            "Future Option", future, product, product, expiry, strike, right, catalogued.OptionMultiplier, (decimal)spec.SmallTick));
        return true;
    }

    /// <summary>The option contract code (e.g. <c>ESM4</c>, <c>ES3EJ4</c>) inside a futures option's symbol.</summary>
    public static string FutureOptionCode(EmulatorInstrument option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option.Symbol[7..13].TrimEnd();
    }

    /// <summary>Buying power one unit of a structure uses now, by the strategy core's <see cref="MarginModel"/> over a
    /// <see cref="SyntheticMarketView"/> at the clock's time (chains limited to the structure's expiries).</summary>
    public bool TryBuyingPower(in OptionStructure unit, out decimal buyingPower)
    {
        var now = Clock.NowEastern;
        var today = DateOnly.FromDateTime(now);
        var dtes = new HashSet<int>();
        for (int i = 0; i < unit.Count; i++)
        {
            dtes.Add(unit[i].Contract.DaysToExpiry(today));
        }

        var scope = ChainScope.Within([.. dtes.Select(d => new DteWindow(d, d))]);
        lock (_gate)
        {
            var view = new SyntheticMarketView(_market, _ => scope);
            view.SetTime(now);
            return _margin.TryPerUnit(unit, view, out buyingPower);
        }
    }

    private EmulatorInstrument FutureInstrument(string product, int year, int month)
    {
        var catalogued = InstrumentCatalogue.Get(product);
        return new EmulatorInstrument(
            EmulatorSymbols.Future(product, year, month), EmulatorSymbols.FutureStreamer(product, year, month, EmulatorSymbols.Mic(catalogued.Market)),
            "Future", product, product, product, FutureExpiration(product, year, month), null, null, catalogued.PointValue, catalogued.TickSize);
    }

    private EmulatorInstrument Register(EmulatorInstrument instrument)
    {
        _byStreamer.TryAdd(instrument.StreamerSymbol, instrument);
        return instrument;
    }

    private static DateOnly FourthLastTradingDay(DateOnly anyDayOfMonth)
    {
        var d = NyseCalendar.OnOrBefore(new DateOnly(anyDayOfMonth.Year, anyDayOfMonth.Month, 1).AddMonths(1).AddDays(-1));
        for (int i = 0; i < 3; i++)
        {
            d = NyseCalendar.PreviousTradingDay(d);
        }

        return d;
    }

    private static FuturesMarginBook DefaultFuturesMargins(SyntheticMarket market, DateOnly start)
    {
        var book = FuturesMarginBook.Empty;
        var from = market.HistoryStart;
        foreach (var product in market.Settings.Products.Where(p => p.Kind is SyntheticProductKind.Future or SyntheticProductKind.EquityIndexFuture))
        {
            if (InstrumentCatalogue.TryGet(product.Ticker, out var instrument) && market.TryGetDailyClose(product.Ticker, start, out double close))
            {
                decimal initial = Math.Round((decimal)close * instrument.PointValue * 0.06m, 0);
                book = book.Add(product.Ticker, FuturesMarginSchedule.FromRows([new FuturesMargin(from, initial, Math.Round(initial * 0.9m, 0))]));
            }
        }

        return book;
    }
}

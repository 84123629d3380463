using System.Collections.Frozen;
using TomKing.Algorithm.Domain;

namespace TomKing.Engine.Synthetic;

/// <summary>
/// The built-in default market data: a seeded, deterministic, correlated market for SPX and the
/// rulebook's products, with a VIX process coupled to SPX (jumps, the August 2024 shock) and option
/// chains quoted on demand from a volatility surface. Daily opens and closes are generated once at
/// construction (a few hundred kilobytes for five years, needed anyway for EMAs and IV ranks); minute
/// paths are generated per day from counter-based random numbers and cached for one day only, so any
/// minute can be asked for in any order, always gets the same value, and memory stays flat however
/// long the run.
/// </summary>
/// <remarks>
/// Model. SPX: log-returns with volatility <c>RealizedToImplied × 0.15 × VIX/17</c> (yesterday's VIX),
/// split into an overnight gap and an intraday Brownian bridge. VIX: a mean-reverting log process,
/// correlated −0.75 with SPX, with exponential up-jumps that co-move SPX down, clamped to
/// [MinVix, MaxVix]. Other factors: correlated with a parent (SPX or a relative) through
/// <c>z = ρ z_parent + √(1−ρ²) ε</c> at both the daily and the minute scale, with volatility
/// <c>base × (VIX/17)^elasticity × own multiplier</c>. Products are scaled factors (see
/// <see cref="SyntheticProductKind"/>). Times are US/Eastern wall-clock; the session is 09:30–16:00
/// (13:00 on early closes) for every product (<see cref="NyseCalendar"/>). Not thread-safe: one
/// replay thread owns it, like the rest of the kernel. Bit-identical results are guaranteed for the same
/// seed, dates and settings on the same runtime and CPU architecture (the generator uses Math.Log/Cos/Exp).
/// </remarks>
public sealed partial class SyntheticMarket
{
    private const int MinuteStride = NyseCalendar.RegularSessionMinutes + 1;
    private const double TradingDaysPerYear = 252.0;
    private const ulong VixStream = 0x5649585F44414931UL;
    private const ulong JumpStream = 0x4A554D505F535458UL;
    private const ulong MinuteSalt = 0x4D494E5554455321UL;
    private const ulong MultiplierSalt = 0x4D554C5449504C52UL;

    private readonly SyntheticFactor[] _factors;
    private readonly int[] _parent;
    private readonly ulong[] _factorStream;
    private readonly ulong[] _factorMinuteStream;
    private readonly FrozenDictionary<string, int> _factorIndex;
    private readonly SyntheticProduct[] _products;
    private readonly int[] _productFactor;
    private readonly FrozenDictionary<string, int> _productIndex;

    private readonly DateOnly[] _dates;
    private readonly int[] _sessionMinutes;
    private readonly int _firstRangeDay;
    private readonly double[] _open;
    private readonly double[] _close;
    private readonly double[] _sigmaIntraday;
    private readonly double[] _volMultiplier;
    private readonly double[] _vixOpen;
    private readonly double[] _vixClose;
    private readonly double[] _vixSigmaIntraday;
    private readonly (VolatilityShock Shock, int Day)[] _shocks;

    private readonly double[] _dayLog;
    private readonly double[] _dayZ;
    private readonly double[] _humpAmplitude;
    private int _cachedDay = -1;

    /// <summary>Creates the market for <paramref name="start"/>..<paramref name="end"/> (inclusive) and generates
    /// its daily history, including <see cref="SyntheticMarketSettings.WarmupTradingDays"/> before the start.</summary>
    /// <param name="seed">The seed; the same seed, dates and settings give the same market.</param>
    /// <param name="start">First date of the range.</param>
    /// <param name="end">Last date of the range.</param>
    /// <param name="settings">Model settings (default: <see cref="SyntheticMarketSettings.Default"/>).</param>
    /// <exception cref="ArgumentException">The range has no trading day or the settings are inconsistent.</exception>
    public SyntheticMarket(ulong seed, DateOnly start, DateOnly end, SyntheticMarketSettings? settings = null)
    {
        Settings = settings ?? SyntheticMarketSettings.Default;
        Seed = seed;
        Start = start;
        End = end;
        if (end < start)
        {
            throw new ArgumentException($"End {end:yyyy-MM-dd} is before start {start:yyyy-MM-dd}.", nameof(end));
        }

        (_factors, _parent, _factorIndex) = IndexFactors(Settings.Factors);
        _factorStream = Array.ConvertAll(_factors, f => CounterRandom.StreamOf(f.Name));
        _factorMinuteStream = Array.ConvertAll(_factorStream, s => CounterRandom.Mix(s ^ MinuteSalt));
        (_products, _productFactor, _productIndex) = IndexProducts(Settings.Products, _factorIndex);
        _roots = IndexRoots(Settings.OptionRoots, _productIndex, _productFactor);

        var dates = new List<DateOnly>();
        var first = NyseCalendar.IsTradingDay(start) ? start : NyseCalendar.NextTradingDay(start);
        if (first > end)
        {
            throw new ArgumentException($"No trading day between {start:yyyy-MM-dd} and {end:yyyy-MM-dd}.", nameof(start));
        }

        var d0 = first;
        for (int i = 0; i < Settings.WarmupTradingDays; i++)
        {
            d0 = NyseCalendar.PreviousTradingDay(d0);
        }

        for (var d = d0; d <= end; d = NyseCalendar.NextTradingDay(d))
        {
            dates.Add(d);
        }

        _dates = [.. dates];
        _firstRangeDay = Settings.WarmupTradingDays;
        _sessionMinutes = Array.ConvertAll(_dates, NyseCalendar.SessionMinutes);
        int nd = _dates.Length;
        int nf = _factors.Length;
        _open = new double[nf * nd];
        _close = new double[nf * nd];
        _sigmaIntraday = new double[nf * nd];
        _volMultiplier = new double[nf * nd];
        _vixOpen = new double[nd];
        _vixClose = new double[nd];
        _vixSigmaIntraday = new double[nd];
        _shocks = [.. Settings.Shocks
            .Select(s => (Shock: s, Day: Array.BinarySearch(_dates, s.Date)))
            .Where(s => s.Day >= 0)];
        _dayLog = new double[(nf + 1) * MinuteStride];
        _dayZ = new double[(nf + 1) * MinuteStride];
        _humpAmplitude = new double[nf];
        GenerateDaily();
    }

    /// <summary>The seed.</summary>
    public ulong Seed { get; }

    /// <summary>First date of the requested range.</summary>
    public DateOnly Start { get; }

    /// <summary>Last date of the requested range.</summary>
    public DateOnly End { get; }

    /// <summary>The model settings.</summary>
    public SyntheticMarketSettings Settings { get; }

    /// <summary>The trading days of the range, ascending (what a backtest replays).</summary>
    public ReadOnlySpan<DateOnly> TradingDays => _dates.AsSpan(_firstRangeDay);

    /// <summary>The first generated (warm-up) trading day; daily history is available from here.</summary>
    public DateOnly HistoryStart => _dates[0];

    /// <summary>Tickers of every product the market prices.</summary>
    public IEnumerable<string> ProductTickers => _products.Select(p => p.Ticker);

    /// <summary>Tickers of every option root the market lists.</summary>
    public IEnumerable<string> OptionRootTickers => _roots.Keys;

    /// <summary>The price of a product at an Eastern time: the last minute at or before it (the previous close
    /// before 09:30 and on non-trading days). False for an unknown ticker or a time before the history.</summary>
    public bool TryGetPrice(Ticker product, DateTime eastern, out double price)
    {
        price = double.NaN;
        if (!_productIndex.TryGetValue(product.Symbol, out int p) || !TryLocate(eastern, out int d, out int m))
        {
            return false;
        }

        price = ProductPrice(p, d, m);
        return true;
    }

    /// <summary>The price of a product at an Eastern time.</summary>
    /// <exception cref="ArgumentException">Unknown ticker or a time outside the generated history.</exception>
    public double Price(Ticker product, DateTime eastern) =>
        TryGetPrice(product, eastern, out double price) ? price : throw new ArgumentException($"No synthetic price for '{product}' at {eastern:yyyy-MM-dd HH:mm}.", nameof(product));

    /// <summary>The VIX feed at an Eastern time (index points).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The time is before the generated history.</exception>
    public double Vix(DateTime eastern)
    {
        if (!TryLocate(eastern, out int d, out int m))
        {
            throw new ArgumentOutOfRangeException(nameof(eastern), "Before the synthetic history.");
        }

        return VixAt(d, m);
    }

    /// <summary>VIX at the close of a trading day (or the last trading day before it).</summary>
    public double VixClose(DateOnly date) => _vixClose[DayOnOrBefore(date)];

    /// <summary>VIX at the open of a trading day (or the last trading day before it).</summary>
    public double VixOpen(DateOnly date) => _vixOpen[DayOnOrBefore(date)];

    /// <summary>A product's close on a trading day (or the last trading day before it).</summary>
    public bool TryGetDailyClose(Ticker product, DateOnly date, out double close)
    {
        close = double.NaN;
        if (!_productIndex.TryGetValue(product.Symbol, out int p) || date < _dates[0])
        {
            return false;
        }

        int d = DayOnOrBefore(date);
        close = ProductPrice(p, d, _sessionMinutes[d]);
        return true;
    }

    /// <summary>A product's 09:30 opening price on a trading day (false on non-trading days).</summary>
    public bool TryGetSessionOpen(Ticker product, DateOnly date, out double open)
    {
        open = double.NaN;
        int d = Array.BinarySearch(_dates, date);
        if (d < 0 || !_productIndex.TryGetValue(product.Symbol, out int p))
        {
            return false;
        }

        open = ProductPrice(p, d, 0);
        return true;
    }

    /// <summary>EMA of a product's daily closes over <paramref name="period"/> days, up to the last close before
    /// <paramref name="asOf"/> (seeded with the simple average of the first <paramref name="period"/> of the
    /// 5 × period closes it looks back over). False when the history is too short.</summary>
    public bool TryGetDailyEma(Ticker product, int period, DateOnly asOf, out double ema)
    {
        ema = double.NaN;
        if (period < 1 || !_productIndex.TryGetValue(product.Symbol, out int p))
        {
            return false;
        }

        int last = DayOnOrBefore(asOf.AddDays(-1));
        int lookback = 5 * period;
        int first = last - lookback + 1;
        if (last < 0 || first < 0)
        {
            return false;
        }

        double sum = 0.0;
        for (int d = first; d < first + period; d++)
        {
            sum += CloseOf(p, d);
        }

        double value = sum / period;
        double alpha = 2.0 / (period + 1.0);
        for (int d = first + period; d <= last; d++)
        {
            value += alpha * (CloseOf(p, d) - value);
        }

        ema = value;
        return true;
    }

    /// <summary>
    /// The 30-day at-the-money implied volatility of a product at an Eastern time (what the option surface is
    /// anchored to: base volatility × (VIX / long-run VIX)^elasticity × the factor's own multiplier).
    /// </summary>
    public bool TryGetAtmVolatility(Ticker product, DateTime eastern, out double volatility)
    {
        volatility = double.NaN;
        if (!_productIndex.TryGetValue(product.Symbol, out int p) || !TryLocate(eastern, out int d, out int m))
        {
            return false;
        }

        volatility = Atm30(_productFactor[p], VixAt(d, m), MultiplierBefore(_productFactor[p], d));
        return true;
    }

    /// <summary>
    /// IV rank (0–100, FS-4): the current 30-day ATM implied volatility within the range of its daily closing
    /// values over the previous <paramref name="lookbackDays"/> trading days.
    /// </summary>
    public bool TryGetIvRank(Ticker product, DateTime eastern, out double ivRank, int lookbackDays = 252)
    {
        ivRank = double.NaN;
        if (!TryGetAtmVolatility(product, eastern, out double current) || !TryLocate(eastern, out int d, out int m))
        {
            return false;
        }

        int f = _productFactor[_productIndex[product.Symbol]];
        int last = m >= _sessionMinutes[d] ? d : d - 1;
        int first = last - lookbackDays + 1;
        if (first < 0)
        {
            return false;
        }

        double lo = double.MaxValue;
        double hi = double.MinValue;
        for (int i = first; i <= last; i++)
        {
            double v = Atm30(f, _vixClose[i], _volMultiplier[(f * _dates.Length) + i]);
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }

        ivRank = hi > lo ? Math.Clamp(100.0 * (current - lo) / (hi - lo), 0.0, 100.0) : 50.0;
        return true;
    }

    private double CloseOf(int p, int d) =>
        ProductPrice(p, d, _sessionMinutes[d]);

    /// <summary>Index of the last generated trading day at or before a date (−1 before the history; the last day after it).</summary>
    private int DayOnOrBefore(DateOnly date)
    {
        int i = Array.BinarySearch(_dates, date);
        return i >= 0 ? i : (~i) - 1;
    }

    /// <summary>Maps an Eastern time to (day index, minute after 09:30 clamped to the session).</summary>
    private bool TryLocate(DateTime eastern, out int day, out int minute)
    {
        var date = DateOnly.FromDateTime(eastern);
        int i = Array.BinarySearch(_dates, date);
        if (i >= 0)
        {
            int minutes = (int)Math.Floor((eastern.TimeOfDay - NyseCalendar.Open.ToTimeSpan()).TotalMinutes);
            if (minutes >= 0)
            {
                day = i;
                minute = Math.Min(minutes, _sessionMinutes[i]);
                return true;
            }

            i--;
        }
        else
        {
            i = (~i) - 1;
        }

        day = i;
        minute = i >= 0 ? _sessionMinutes[i] : 0;
        return i >= 0;
    }

    private static (SyntheticFactor[] Factors, int[] Parent, FrozenDictionary<string, int> Index) IndexFactors(IReadOnlyList<SyntheticFactor> factors)
    {
        if (factors.Count == 0 || factors[0].Parent is not null || factors[0].Name != "SPX")
        {
            throw new ArgumentException("The first factor must be the root driver SPX (no parent).", nameof(factors));
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var parent = new int[factors.Count];
        for (int i = 0; i < factors.Count; i++)
        {
            var f = factors[i];
            if (i > 0 && (f.Parent is null || !index.TryGetValue(f.Parent, out parent[i])))
            {
                throw new ArgumentException($"Factor '{f.Name}': its parent '{f.Parent}' must be listed before it.", nameof(factors));
            }

            if (Math.Abs(f.CorrelationToParent) > 1.0 || !(f.StartLevel > 0.0) || !(f.BaseVolatility > 0.0))
            {
                throw new ArgumentException($"Factor '{f.Name}': correlation in [−1, 1], positive start level and volatility required.", nameof(factors));
            }

            if (!index.TryAdd(f.Name, i))
            {
                throw new ArgumentException($"Factor '{f.Name}' is listed twice.", nameof(factors));
            }
        }

        parent[0] = -1;
        return ([.. factors], parent, index.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static (SyntheticProduct[] Products, int[] Factor, FrozenDictionary<string, int> Index) IndexProducts(IReadOnlyList<SyntheticProduct> products, FrozenDictionary<string, int> factors)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var factor = new int[products.Count];
        for (int i = 0; i < products.Count; i++)
        {
            var p = products[i];
            if (!factors.TryGetValue(p.Factor, out factor[i]) || !index.TryAdd(p.Ticker, i))
            {
                throw new ArgumentException($"Product '{p.Ticker}': unknown factor '{p.Factor}' or listed twice.", nameof(products));
            }
        }

        return ([.. products], factor, index.ToFrozenDictionary(StringComparer.Ordinal));
    }
}

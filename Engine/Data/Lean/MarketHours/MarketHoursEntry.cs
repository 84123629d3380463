namespace TomKing.Engine.Data.Lean.MarketHours;

/// <summary>
/// The trading calendar of one market-hours database entry (<c>IndexOption-usa-SPX</c>): weekly
/// sessions, holidays, early closes and late opens in the exchange's time zone, plus the zone the data
/// files are written in. Holidays, early closes and late opens include those inherited from the
/// market-wide <c>[*]</c> entry and, for options, from the underlying's entries (see
/// <see cref="MarketHoursDatabase"/>). Methods taking or returning <see cref="DateTime"/> use US/Eastern
/// wall-clock time, the engine's clock; methods taking <see cref="DateOnly"/> use the exchange date.
/// </summary>
public sealed class MarketHoursEntry
{
    private readonly MarketSession[][] _sessions;
    private readonly HashSet<DateOnly> _holidays;
    private readonly Dictionary<DateOnly, TimeSpan> _earlyCloses;
    private readonly Dictionary<DateOnly, TimeSpan> _lateOpens;
    private readonly LeanTimeZone? _exchangeZone;
    private readonly LeanTimeZone? _dataZone;

    internal MarketHoursEntry(
        string key,
        string exchangeTimeZoneId,
        string dataTimeZoneId,
        MarketSession[][] sessions,
        HashSet<DateOnly> holidays,
        Dictionary<DateOnly, TimeSpan> earlyCloses,
        Dictionary<DateOnly, TimeSpan> lateOpens)
    {
        Key = key;
        ExchangeTimeZoneId = exchangeTimeZoneId;
        DataTimeZoneId = dataTimeZoneId;
        _sessions = sessions;
        _holidays = holidays;
        _earlyCloses = earlyCloses;
        _lateOpens = lateOpens;
        _exchangeZone = LeanTimeZone.TryFind(exchangeTimeZoneId, out LeanTimeZone exchange) ? exchange : null;
        _dataZone = LeanTimeZone.TryFind(dataTimeZoneId, out LeanTimeZone data) ? data : null;
    }

    /// <summary>The database key, e.g. <c>IndexOption-usa-SPX</c>.</summary>
    public string Key { get; }

    /// <summary>IANA id of the exchange's time zone (sessions and holidays are in it).</summary>
    public string ExchangeTimeZoneId { get; }

    /// <summary>IANA id of the zone the data files' times are written in.</summary>
    public string DataTimeZoneId { get; }

    /// <summary>The exchange zone; throws <see cref="LeanDataException"/> when it is not supported.</summary>
    public LeanTimeZone ExchangeTimeZone => _exchangeZone ?? throw Unsupported(ExchangeTimeZoneId);

    /// <summary>The data zone; throws <see cref="LeanDataException"/> when it is not supported.</summary>
    public LeanTimeZone DataTimeZone => _dataZone ?? throw Unsupported(DataTimeZoneId);

    /// <summary>Holidays (exchange dates), including inherited ones.</summary>
    public IReadOnlySet<DateOnly> Holidays => _holidays;

    /// <summary>Early-close times of day by exchange date, including inherited ones.</summary>
    public IReadOnlyDictionary<DateOnly, TimeSpan> EarlyCloses => _earlyCloses;

    /// <summary>Late-open times of day by exchange date, including inherited ones.</summary>
    public IReadOnlyDictionary<DateOnly, TimeSpan> LateOpens => _lateOpens;

    /// <summary>The weekly sessions of a weekday, in exchange time.</summary>
    public IReadOnlyList<MarketSession> SessionsOn(DayOfWeek day) => _sessions[(int)day];

    /// <summary>Whether the exchange is closed all day for a holiday.</summary>
    public bool IsHoliday(DateOnly exchangeDate) => _holidays.Contains(exchangeDate);

    /// <summary>Whether the exchange date is a trading day: not a holiday and with a regular session.</summary>
    public bool IsTradingDay(DateOnly exchangeDate) =>
        !IsHoliday(exchangeDate) && Array.Exists(_sessions[(int)exchangeDate.DayOfWeek], s => s.State == MarketState.Market);

    /// <summary>The state at an exchange-local time, honouring holidays, early closes and late opens.</summary>
    public MarketState StateAtExchangeTime(DateTime exchangeTime)
    {
        var date = DateOnly.FromDateTime(exchangeTime);
        if (IsHoliday(date))
        {
            return MarketState.Closed;
        }

        TimeSpan time = exchangeTime.TimeOfDay;
        bool hasClose = _earlyCloses.TryGetValue(date, out TimeSpan close);
        bool hasOpen = _lateOpens.TryGetValue(date, out TimeSpan open);
        if (hasClose && hasOpen && open > close)
        {
            // A halt inside the day (CME holiday: close at 13:00 ET, reopen at 18:00 ET for the next day).
            if (time >= close && time < open)
            {
                return MarketState.Closed;
            }
        }
        else if ((hasClose && time >= close) || (hasOpen && time < open))
        {
            return MarketState.Closed;
        }

        foreach (MarketSession session in _sessions[(int)exchangeTime.DayOfWeek])
        {
            if (session.Contains(time))
            {
                return session.State;
            }
        }

        return MarketState.Closed;
    }

    /// <summary>The state at a US/Eastern time.</summary>
    public MarketState StateAt(DateTime eastern) => StateAtExchangeTime(ExchangeTimeZone.FromEastern(eastern));

    /// <summary>Whether the market is open at a US/Eastern time: regular session only, or also pre/post
    /// market when <paramref name="extendedHours"/>.</summary>
    public bool IsOpen(DateTime eastern, bool extendedHours = false)
    {
        MarketState state = StateAt(eastern);
        return state == MarketState.Market || (extendedHours && state != MarketState.Closed);
    }

    /// <summary>
    /// Start of the regular session on an exchange date, in US/Eastern (a late open moves it later);
    /// null on holidays and days without a regular session.
    /// </summary>
    public DateTime? RegularOpen(DateOnly exchangeDate)
    {
        if (!TryRegularBounds(exchangeDate, out TimeSpan start, out _))
        {
            return null;
        }

        return ExchangeTimeZone.ToEastern(exchangeDate.ToDateTime(TimeOnly.MinValue) + start);
    }

    /// <summary>
    /// End of the regular session on an exchange date, in US/Eastern (an early close moves it earlier:
    /// 2020-11-27 SPX closes 12:00 CT = 13:00 ET); null on holidays and days without a regular session.
    /// </summary>
    public DateTime? RegularClose(DateOnly exchangeDate)
    {
        if (!TryRegularBounds(exchangeDate, out _, out TimeSpan end))
        {
            return null;
        }

        return ExchangeTimeZone.ToEastern(exchangeDate.ToDateTime(TimeOnly.MinValue) + end);
    }

    /// <inheritdoc />
    public override string ToString() => Key;

    private bool TryRegularBounds(DateOnly date, out TimeSpan start, out TimeSpan end)
    {
        start = TimeSpan.MaxValue;
        end = TimeSpan.MinValue;
        if (IsHoliday(date))
        {
            return false;
        }

        foreach (MarketSession s in _sessions[(int)date.DayOfWeek])
        {
            if (s.State == MarketState.Market)
            {
                start = s.Start < start ? s.Start : start;
                end = s.End > end ? s.End : end;
            }
        }

        if (start == TimeSpan.MaxValue)
        {
            return false;
        }

        if (_lateOpens.TryGetValue(date, out TimeSpan open) && open > start && open < end)
        {
            start = open; // a late open after the regular session (a futures evening reopen) does not move it
        }

        if (_earlyCloses.TryGetValue(date, out TimeSpan close) && close < end)
        {
            end = close;
        }

        return end > start;
    }

    private LeanDataException Unsupported(string zoneId) => new(
        LeanDamage.Unsupported, "market-hours-database.json", Key, 0,
        $"time zone '{zoneId}' is not supported by the rule-based converter (US zones, UTC and fixed UTC offsets are)");
}

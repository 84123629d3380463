using TomKing.Engine.Synthetic;

namespace TomKing.Brokerages.Tastytrade.Emulator.Market;

/// <summary>
/// The emulator's market time (US/Eastern wall clock of the synthetic market). By default it starts at a
/// chosen session minute and runs with real elapsed time; tests call <see cref="Set"/> or
/// <see cref="Advance"/>, which freeze it (it then moves only when told). Thread-safe.
/// </summary>
public sealed class EmulatorClock
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private DateTime _anchorEastern;
    private long _anchorTimestamp;
    private bool _running;

    /// <summary>Creates the clock.</summary>
    /// <param name="startEastern">Market time at creation.</param>
    /// <param name="running">True: market time moves with real elapsed time.</param>
    /// <param name="time">Real time source (null: the system's).</param>
    public EmulatorClock(DateTime startEastern, bool running, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _anchorEastern = DateTime.SpecifyKind(startEastern, DateTimeKind.Unspecified);
        _anchorTimestamp = _time.GetTimestamp();
        _running = running;
    }

    /// <summary>True while market time follows real time.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>Market time, US/Eastern wall clock.</summary>
    public DateTime NowEastern
    {
        get
        {
            lock (_gate)
            {
                return _running ? _anchorEastern + _time.GetElapsedTime(_anchorTimestamp) : _anchorEastern;
            }
        }
    }

    /// <summary>Market time as a UTC instant (what timestamps on the wire carry).</summary>
    public DateTimeOffset NowUtc => new(Greeks.UsEastern.ToUtc(NowEastern), TimeSpan.Zero);

    /// <summary>True on a trading day between the 09:30 open and the close (13:00 on early-close days).</summary>
    public bool IsMarketOpen => IsOpenAt(NowEastern);

    /// <summary>Sets market time and stops it from following real time.</summary>
    public void Set(DateTime eastern)
    {
        lock (_gate)
        {
            _anchorEastern = DateTime.SpecifyKind(eastern, DateTimeKind.Unspecified);
            _running = false;
        }
    }

    /// <summary>Moves market time forward and stops it from following real time.</summary>
    public void Advance(TimeSpan by) => Set(NowEastern + by);

    /// <summary>Lets market time follow real time again from its current value.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _anchorEastern = _running ? _anchorEastern + _time.GetElapsedTime(_anchorTimestamp) : _anchorEastern;
            _anchorTimestamp = _time.GetTimestamp();
            _running = true;
        }
    }

    /// <summary>True when <paramref name="eastern"/> falls in a regular session.</summary>
    public static bool IsOpenAt(DateTime eastern)
    {
        var date = DateOnly.FromDateTime(eastern);
        var time = TimeOnly.FromDateTime(eastern);
        return NyseCalendar.IsTradingDay(date) && time >= NyseCalendar.Open && time < NyseCalendar.CloseOn(date);
    }

    /// <summary>Converts a market time to the UTC instant the wire carries.</summary>
    public static DateTimeOffset ToUtc(DateTime eastern) => new(Greeks.UsEastern.ToUtc(eastern), TimeSpan.Zero);
}

using TomKing.Engine.Synthetic;

namespace TomKing.Brokerages.Tastytrade.Emulator.Market;

/// <summary>
/// The emulator's market time (US/Eastern wall clock of the synthetic market). By default it starts at a
/// chosen session minute and runs with real elapsed time multiplied by <see cref="Speed"/> (market time =
/// start + real elapsed × speed; 60 replays a trading day in 6.5 minutes); tests call <see cref="Set"/> or
/// <see cref="Advance"/>, which freeze it (it then moves only when told), and <see cref="Resume"/> lets it run
/// again at the same speed from where it stands. Thread-safe.
/// </summary>
public sealed class EmulatorClock
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private DateTime _anchorEastern;
    private long _anchorTimestamp;
    private bool _running;
    private double _speed;

    /// <summary>The fastest speed accepted (one real second is one market hour).</summary>
    public const double MaxSpeed = 3600.0;

    /// <summary>Creates the clock.</summary>
    /// <param name="startEastern">Market time at creation.</param>
    /// <param name="running">True: market time moves with real elapsed time.</param>
    /// <param name="time">Real time source (null: the system's).</param>
    /// <param name="speed">Market seconds per real second while running, in (0, <see cref="MaxSpeed"/>].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="speed"/> is outside (0, 3600].</exception>
    public EmulatorClock(DateTime startEastern, bool running, TimeProvider? time = null, double speed = 1.0)
    {
        CheckSpeed(speed);
        _time = time ?? TimeProvider.System;
        _anchorEastern = DateTime.SpecifyKind(startEastern, DateTimeKind.Unspecified);
        _anchorTimestamp = _time.GetTimestamp();
        _running = running;
        _speed = speed;
    }

    /// <summary>Market seconds per real second while running (1 = real time).</summary>
    public double Speed
    {
        get
        {
            lock (_gate)
            {
                return _speed;
            }
        }
    }

    /// <summary>True for a speed the clock accepts: finite, above 0 and at most <see cref="MaxSpeed"/>.</summary>
    public static bool IsValidSpeed(double speed) => double.IsFinite(speed) && speed > 0.0 && speed <= MaxSpeed;

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
                return CurrentLocked();
            }
        }
    }

    /// <summary>Market time and whether it is running, read together (one consistent snapshot).</summary>
    public (DateTime NowEastern, double Speed, bool Running) Snapshot()
    {
        lock (_gate)
        {
            return (CurrentLocked(), _speed, _running);
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
            _anchorEastern = CurrentLocked();
            _anchorTimestamp = _time.GetTimestamp();
            _running = true;
        }
    }

    /// <summary>Changes the speed from now on (market time already passed is kept).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="speed"/> is outside (0, 3600].</exception>
    public void SetSpeed(double speed)
    {
        CheckSpeed(speed);
        lock (_gate)
        {
            _anchorEastern = CurrentLocked();
            _anchorTimestamp = _time.GetTimestamp();
            _speed = speed;
        }
    }

    /// <summary>True when <paramref name="eastern"/> falls in a regular session.</summary>
    public static bool IsOpenAt(DateTime eastern)
    {
        var date = DateOnly.FromDateTime(eastern);
        var time = TimeOnly.FromDateTime(eastern);
        return NyseCalendar.IsTradingDay(date) && time >= NyseCalendar.Open && time < NyseCalendar.CloseOn(date);
    }

    private DateTime CurrentLocked()
    {
        if (!_running)
        {
            return _anchorEastern;
        }

        var elapsed = _time.GetElapsedTime(_anchorTimestamp);
        return _anchorEastern + (_speed == 1.0 ? elapsed : TimeSpan.FromTicks((long)(elapsed.Ticks * _speed)));
    }

    private static void CheckSpeed(double speed)
    {
        if (!IsValidSpeed(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The clock speed must be above 0 and at most 3600 (market seconds per real second).");
        }
    }

    /// <summary>Converts a market time to the UTC instant the wire carries.</summary>
    public static DateTimeOffset ToUtc(DateTime eastern) => new(Greeks.UsEastern.ToUtc(eastern), TimeSpan.Zero);
}

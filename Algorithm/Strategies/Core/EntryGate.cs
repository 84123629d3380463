namespace TomKing.Algorithm.Strategies.Core;

/// <summary>
/// The once-per-day entry schedule every strategy shares: an entry is due at the first evaluation at or
/// after its decision time and before its window end, once per exchange date. A market holiday simply
/// has no evaluations, so nothing is decided that day (F0-1: no Thursday substitute).
/// </summary>
internal sealed class EntryGate
{
    /// <summary>The regular session's close, the window end of entries whose rule names none.</summary>
    public static readonly TimeOnly SessionClose = new(16, 0);

    private DateOnly _lastDecided = DateOnly.MinValue;

    /// <summary>True when today's entry decision is due now and has not been made yet.</summary>
    public bool IsDue(DateTime now, TimeOnly decisionTime, TimeOnly windowEnd)
    {
        if (DateOnly.FromDateTime(now) == _lastDecided)
        {
            return false;
        }

        TimeOnly time = TimeOnly.FromDateTime(now);
        return time >= decisionTime && time < windowEnd;
    }

    /// <summary>The exchange date of the last entry decision (<see cref="DateOnly.MinValue"/>: none yet); a live
    /// host journals it and sets it back after a restart so a decision is never made twice in a day.</summary>
    public DateOnly LastDecided
    {
        get => _lastDecided;
        set => _lastDecided = value;
    }

    /// <summary>Marks today's decision as made (whatever it was: enter or skip).</summary>
    public void MarkDecided(DateTime now) => _lastDecided = DateOnly.FromDateTime(now);

    /// <summary>Which occurrence of its weekday in the calendar month a date is (1 = first).</summary>
    public static int WeekdayOccurrence(DateOnly date) => ((date.Day - 1) / 7) + 1;
}

namespace TomKing.Engine.Data.Lean.MarketHours;

/// <summary>The state of a market at a moment, as the market-hours database names it.</summary>
public enum MarketState
{
    /// <summary>No session.</summary>
    Closed = 0,

    /// <summary>Pre-market (extended hours before the regular session).</summary>
    PreMarket = 1,

    /// <summary>The regular session.</summary>
    Market = 2,

    /// <summary>Post-market (extended hours after the regular session, or the overnight session of futures).</summary>
    PostMarket = 3,
}

/// <summary>One session of a weekday: [start, end) in the exchange's time zone; end may be 24:00.</summary>
/// <param name="Start">Start of the session, time of day.</param>
/// <param name="End">End of the session, time of day (up to one day).</param>
/// <param name="State">What kind of session.</param>
public readonly record struct MarketSession(TimeSpan Start, TimeSpan End, MarketState State)
{
    /// <summary>Whether <paramref name="timeOfDay"/> falls in [Start, End).</summary>
    public bool Contains(TimeSpan timeOfDay) => timeOfDay >= Start && timeOfDay < End;
}

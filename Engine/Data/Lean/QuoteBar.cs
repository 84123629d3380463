namespace TomKing.Engine.Data.Lean;

/// <summary>Which sides of a quote bar carry prices.</summary>
[Flags]
public enum QuoteSides : byte
{
    /// <summary>Neither side quoted.</summary>
    None = 0,

    /// <summary>The bid side has prices.</summary>
    Bid = 1,

    /// <summary>The ask side has prices.</summary>
    Ask = 2,

    /// <summary>Both sides have prices.</summary>
    Both = Bid | Ask,
}

/// <summary>
/// One bid/ask OHLC bar from a LEAN quote file, with prices already scaled to price units and times
/// already in US/Eastern wall-clock time. A side LEAN wrote as empty (or all-zero) OHLC fields is
/// missing: its prices are 0 and <see cref="Sides"/> lacks it, so a one-sided market is never
/// mistaken for a zero bid.
/// </summary>
/// <param name="Time">Bar start, US/Eastern.</param>
/// <param name="EndTime">Bar end (start + period), US/Eastern: when the bar is known.</param>
/// <param name="BidOpen">Bid open.</param>
/// <param name="BidHigh">Bid high.</param>
/// <param name="BidLow">Bid low.</param>
/// <param name="BidClose">Bid close: the bid at <see cref="EndTime"/>.</param>
/// <param name="BidSize">Last bid size.</param>
/// <param name="AskOpen">Ask open.</param>
/// <param name="AskHigh">Ask high.</param>
/// <param name="AskLow">Ask low.</param>
/// <param name="AskClose">Ask close: the ask at <see cref="EndTime"/>.</param>
/// <param name="AskSize">Last ask size.</param>
/// <param name="Sides">Which sides are present.</param>
public readonly record struct QuoteBar(
    DateTime Time,
    DateTime EndTime,
    double BidOpen,
    double BidHigh,
    double BidLow,
    double BidClose,
    long BidSize,
    double AskOpen,
    double AskHigh,
    double AskLow,
    double AskClose,
    long AskSize,
    QuoteSides Sides)
{
    /// <summary>Whether the bid side is present.</summary>
    public bool HasBid => (Sides & QuoteSides.Bid) != 0;

    /// <summary>Whether the ask side is present.</summary>
    public bool HasAsk => (Sides & QuoteSides.Ask) != 0;
}

/// <summary>One OHLCV trade bar, prices scaled to price units, times in US/Eastern.</summary>
/// <param name="Time">Bar start, US/Eastern.</param>
/// <param name="EndTime">Bar end (start + period), US/Eastern.</param>
/// <param name="Open">First trade price.</param>
/// <param name="High">Highest trade price.</param>
/// <param name="Low">Lowest trade price.</param>
/// <param name="Close">Last trade price.</param>
/// <param name="Volume">Contracts or shares traded (index files carry a meaningless count).</param>
public readonly record struct TradeBar(DateTime Time, DateTime EndTime, double Open, double High, double Low, double Close, long Volume);

/// <summary>One open-interest observation (LEAN writes one per day, at 06:30 ET for index options).</summary>
/// <param name="Time">Observation time, US/Eastern.</param>
/// <param name="Value">Open contracts.</param>
public readonly record struct OpenInterestRow(DateTime Time, long Value);

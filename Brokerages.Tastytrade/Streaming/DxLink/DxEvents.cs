using System.Runtime.InteropServices;

namespace TomKing.Brokerages.Tastytrade.Streaming.DxLink;

/// <summary>A DXLink Quote. Prices and sizes are NaN when the feed sent <c>"NaN"</c>, <c>null</c> or did not
/// negotiate the field; times are epoch milliseconds (0 when absent).</summary>
/// <param name="SymbolId">The id of the event symbol in the client's <see cref="DxSymbolTable"/>.</param>
/// <param name="BidPrice">Best bid.</param>
/// <param name="AskPrice">Best ask.</param>
/// <param name="BidSize">Bid size.</param>
/// <param name="AskSize">Ask size.</param>
/// <param name="EventTime">Event time, epoch ms (0 when not sent).</param>
/// <param name="Time">Latest of bid/ask time, epoch ms (0 when not sent).</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct DxQuote(int SymbolId, double BidPrice, double AskPrice, double BidSize, double AskSize, long EventTime, long Time);

/// <summary>A DXLink Trade (last sale). Indices have size NaN.</summary>
/// <param name="SymbolId">Symbol id.</param>
/// <param name="Price">Trade price.</param>
/// <param name="Size">Trade size.</param>
/// <param name="DayVolume">Day volume.</param>
/// <param name="Change">Change from the previous close.</param>
/// <param name="Time">Trade time, epoch ms.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct DxTrade(int SymbolId, double Price, double Size, double DayVolume, double Change, long Time);

/// <summary>DXLink Greeks (the feed's own model values).</summary>
/// <param name="SymbolId">Symbol id.</param>
/// <param name="Price">Option price the Greeks were computed at.</param>
/// <param name="Volatility">Implied volatility.</param>
/// <param name="Delta">Delta.</param>
/// <param name="Gamma">Gamma.</param>
/// <param name="Theta">Theta.</param>
/// <param name="Rho">Rho.</param>
/// <param name="Vega">Vega.</param>
/// <param name="Time">Time, epoch ms.</param>
/// <param name="EventFlags">dxFeed event flags.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct DxGreeks(int SymbolId, double Price, double Volatility, double Delta, double Gamma, double Theta, double Rho, double Vega, long Time, int EventFlags);

/// <summary>A DXLink Summary (daily statistics).</summary>
/// <param name="SymbolId">Symbol id.</param>
/// <param name="OpenInterest">Open interest.</param>
/// <param name="DayOpenPrice">Day open.</param>
/// <param name="DayHighPrice">Day high.</param>
/// <param name="DayLowPrice">Day low.</param>
/// <param name="DayClosePrice">Day close.</param>
/// <param name="PrevDayClosePrice">Previous day's close.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct DxSummary(int SymbolId, double OpenInterest, double DayOpenPrice, double DayHighPrice, double DayLowPrice, double DayClosePrice, double PrevDayClosePrice);

/// <summary>A DXLink Candle (one bar). Snapshots arrive newest-first with <see cref="EventFlags"/>
/// (TX_PENDING 0x1, REMOVE_EVENT 0x2, SNAPSHOT_BEGIN 0x4, SNAPSHOT_END 0x8, SNAPSHOT_SNIP 0x10).</summary>
/// <param name="SymbolId">Symbol id (the candle symbol, e.g. <c>AAPL{=d}</c>).</param>
/// <param name="EventFlags">dxFeed event flags.</param>
/// <param name="Time">Bar start, epoch ms.</param>
/// <param name="Open">Open.</param>
/// <param name="High">High.</param>
/// <param name="Low">Low.</param>
/// <param name="Close">Close.</param>
/// <param name="Volume">Volume.</param>
/// <param name="OpenInterest">Open interest.</param>
/// <param name="Vwap">Volume-weighted average price.</param>
/// <param name="ImpVolatility">Implied volatility.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct DxCandle(int SymbolId, int EventFlags, long Time, double Open, double High, double Low, double Close, double Volume, double OpenInterest, double Vwap, double ImpVolatility)
{
    /// <summary>SNAPSHOT_BEGIN.</summary>
    public const int SnapshotBegin = 0x4;

    /// <summary>SNAPSHOT_END.</summary>
    public const int SnapshotEnd = 0x8;

    /// <summary>REMOVE_EVENT.</summary>
    public const int RemoveEvent = 0x2;

    /// <summary>SNAPSHOT_SNIP (server limit hit).</summary>
    public const int SnapshotSnip = 0x10;
}

/// <summary>Receives parsed events. Implement it on a struct and pass it by <c>ref</c> for a
/// devirtualized, allocation-free parse; every member is called on the parsing thread.</summary>
public interface IDxFeedHandler
{
    /// <summary>A quote.</summary>
    void OnQuote(in DxQuote quote);

    /// <summary>A trade.</summary>
    void OnTrade(in DxTrade trade);

    /// <summary>Greeks.</summary>
    void OnGreeks(in DxGreeks greeks);

    /// <summary>A summary.</summary>
    void OnSummary(in DxSummary summary);

    /// <summary>A candle.</summary>
    void OnCandle(in DxCandle candle);
}

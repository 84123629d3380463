using TomKing.Algorithm.Domain;
using TomKing.Brokerages.Tastytrade.Emulator.Events;
using TomKing.Brokerages.Tastytrade.Emulator.Faults;
using TomKing.Brokerages.Tastytrade.Emulator.Market;

namespace TomKing.Brokerages.Tastytrade.Emulator.Streaming;

/// <summary>The quote of a streamer symbol now (false: not priced; nothing is sent for it).</summary>
public delegate bool StreamerQuoteSource(string streamerSymbol, out Quote quote);

/// <summary>A DXLink Summary of a streamer symbol now: the day's open (NaN before the open) and the previous close
/// (false: not known; nothing is sent for it).</summary>
public delegate bool StreamerSummarySource(string streamerSymbol, out double dayOpen, out double previousClose);

/// <summary>The Greeks of an option streamer symbol now (false: not an option the source prices; nothing is sent).</summary>
public delegate bool StreamerGreeksSource(string streamerSymbol, out EmulatorGreeks greeks);

/// <summary>Daily bars of a streamer symbol (without the candle suffix) from a DXLink <c>fromTime</c> (epoch ms) to now,
/// oldest first, into <paramref name="candles"/> (false: not a symbol the source has candles for).</summary>
public delegate bool StreamerCandleSource(string streamerSymbol, long fromTimeMs, List<EmulatorCandle> candles);

/// <summary>Settings of the emulator's two WebSockets.</summary>
public sealed record StreamingEndpointOptions
{
    /// <summary>Account-streamer path.</summary>
    public string AccountStreamerPath { get; init; } = "/account-streamer";

    /// <summary>DXLink path (the quote token's <c>dxlink-url</c> should point here).</summary>
    public string DxLinkPath { get; init; } = "/dxlink";

    /// <summary>The order engine's events.</summary>
    public required IEmulatorEvents Events { get; init; }

    /// <summary>The fault switches (duplicates, out-of-order, drop, freeze, 1012, token expiry).</summary>
    public required FaultInjector Faults { get; init; }

    /// <summary>Accepts an access token (without the <c>Bearer </c> prefix).</summary>
    public required Func<string, bool> ValidateAccessToken { get; init; }

    /// <summary>Accepts a DXLink quote token.</summary>
    public required Func<string, bool> ValidateQuoteToken { get; init; }

    /// <summary>Quotes for DXLink (e.g. the synthetic market through <c>EmulatorMarket.TryQuote</c>).</summary>
    public required StreamerQuoteSource Quotes { get; init; }

    /// <summary>Day summaries for DXLink's Summary events (null: Summary subscriptions get no data).</summary>
    public StreamerSummarySource? Summaries { get; init; }

    /// <summary>Option Greeks for DXLink's Greeks events (null: Greeks subscriptions get no data).</summary>
    public StreamerGreeksSource? Greeks { get; init; }

    /// <summary>Daily bars for DXLink's Candle events on <c>{=d}</c> symbols (null: Candle subscriptions get an empty
    /// snapshot).</summary>
    public StreamerCandleSource? Candles { get; init; }

    /// <summary>Interval between FEED_DATA batches per DXLink connection (the feed rate).</summary>
    public TimeSpan QuoteInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Interval of the server's KEEPALIVE.</summary>
    public TimeSpan DxKeepaliveInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A client silent for this long gets ERROR TIMEOUT and a close (DXLink) or a close (account streamer).</summary>
    public TimeSpan ClientSilenceTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the account streamer waits for the next event before releasing a held-back (out-of-order) one.</summary>
    public TimeSpan ShuffleFlushDelay { get; init; } = TimeSpan.FromMilliseconds(200);
}

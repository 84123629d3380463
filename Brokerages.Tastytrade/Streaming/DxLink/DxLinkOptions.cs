namespace TomKing.Brokerages.Tastytrade.Streaming.DxLink;

/// <summary>An API quote token and the DXLink address it is valid for (REST <c>GET /api-quote-tokens</c>).</summary>
/// <param name="Token">The token sent in AUTH.</param>
/// <param name="Url">The <c>dxlink-url</c>.</param>
/// <param name="ExpiresAt">When it stops being valid (tokens last about 24 h); the client fetches a new one
/// before then and whenever the server answers UNAUTHORIZED.</param>
public sealed record DxLinkQuoteToken(string Token, Uri Url, DateTimeOffset ExpiresAt);

/// <summary>Fetches a quote token (the REST client's quote-token call). Called before every connection whose
/// cached token is near expiry, and after every UNAUTHORIZED.</summary>
public delegate ValueTask<DxLinkQuoteToken> DxLinkQuoteTokenProvider(CancellationToken cancellationToken);

/// <summary>Receives candles on the receive thread (history snapshots must not be conflated).</summary>
public delegate void DxCandleHandler(in DxCandle candle);

/// <summary>Settings of <see cref="DxLinkClient"/>.</summary>
public sealed record DxLinkOptions
{
    /// <summary>Most symbols the client can register (bounds every per-symbol structure).</summary>
    public int MaxSymbols { get; init; } = 20_000;

    /// <summary>Subscription entries per FEED_SUBSCRIPTION message (large messages close the socket with 1009).</summary>
    public int SubscriptionChunkSize { get; init; } = 500;

    /// <summary>The feed channel (odd: the server refuses even client channels).</summary>
    public int Channel { get; init; } = 1;

    /// <summary>Interval of outgoing KEEPALIVE messages.</summary>
    public TimeSpan KeepaliveInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The keepalive timeout announced in SETUP (seconds the server may wait for us).</summary>
    public int KeepaliveTimeoutSeconds { get; init; } = 60;

    /// <summary>No inbound message for this long ⇒ the stream is frozen: abort and reconnect.</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Bound on connecting and on each handshake step.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay; doubles per failed attempt up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest reconnect delay.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fetch a new token this long before the cached one expires.</summary>
    public TimeSpan TokenRefreshMargin { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary><c>acceptAggregationPeriod</c> in seconds.</summary>
    public double AggregationPeriodSeconds { get; init; } = 0.1;

    /// <summary>The fields requested per event type (also the parse schema until FEED_CONFIG).</summary>
    public DxFeedSchema RequestedFields { get; init; } = DxFeedSchema.Default;

    /// <summary>Optional candle sink (candles are delivered, never conflated). When set, candles go only here; when
    /// null they go to <see cref="DxLinkClient.Candles"/>.</summary>
    public DxCandleHandler? OnCandle { get; init; }

    /// <summary>Most undrained candles <see cref="DxLinkClient.Candles"/> holds (past it new ones are dropped and counted).</summary>
    public int MaxQueuedCandles { get; init; } = 100_000;

    /// <summary>SETUP <c>version</c>.</summary>
    public string Version { get; init; } = "0.1-DXF-JS/0.3.0";

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSymbols, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(SubscriptionChunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueuedCandles, 1);
        if (Channel <= 0 || Channel % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Channel), Channel, "DXLink client channels must be odd and positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KeepaliveInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SilenceTimeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(RequestedFields);
    }
}

/// <summary>Where a <see cref="DxLinkClient"/> connection is.</summary>
public enum DxLinkState
{
    /// <summary>Not started or stopped.</summary>
    Stopped = 0,

    /// <summary>Opening the socket / handshake before AUTHORIZED.</summary>
    Connecting = 1,

    /// <summary>Authorized; opening the channel and negotiating the feed.</summary>
    Authorized = 2,

    /// <summary>FEED_CONFIG received and subscriptions sent: data flows.</summary>
    Streaming = 3,

    /// <summary>Between connections (backing off).</summary>
    Reconnecting = 4,
}

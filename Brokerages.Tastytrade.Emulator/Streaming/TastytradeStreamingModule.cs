using Microsoft.AspNetCore.Routing;
using TomKing.Algorithm.Domain;

namespace TomKing.Brokerages.Tastytrade.Emulator.Streaming;

/// <summary>
/// The emulator module for both WebSockets (discovered by <c>EmulatorHost</c>): the account streamer at
/// <c>/account-streamer</c> over the order engine's events, and DXLink at <c>/dxlink</c> (the quote token's URL)
/// over the synthetic market's quotes, Greeks and daily candles. Tokens are checked against the emulator's token store; faults come from
/// its fault switches. Pass an instance in <c>EmulatorOptions.Modules</c> to tune the rates or read
/// <see cref="Server"/>'s counters.
/// </summary>
public sealed class TastytradeStreamingModule : IEmulatorModule
{
    private readonly Func<StreamingEndpointOptions, StreamingEndpointOptions>? _configure;

    /// <summary>The module with default rates (100 ms FEED_DATA, 20 s KEEPALIVE, 60 s client silence).</summary>
    public TastytradeStreamingModule()
    {
    }

    /// <summary>The module with adjusted options (e.g. <c>o =&gt; o with { QuoteInterval = … }</c>).</summary>
    public TastytradeStreamingModule(Func<StreamingEndpointOptions, StreamingEndpointOptions> configure) => _configure = configure;

    /// <summary>The endpoints once mapped.</summary>
    public StreamingServer? Server { get; private set; }

    /// <inheritdoc />
    public void Map(IEndpointRouteBuilder endpoints, EmulatorContext context)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(context);
        var market = context.Market;
        var options = new StreamingEndpointOptions
        {
            Events = context.Events,
            Faults = context.Faults,
            ValidateAccessToken = context.Tokens.IsValidAccessToken,
            ValidateQuoteToken = context.Tokens.IsValidQuoteToken,
            Quotes = (string symbol, out Quote quote) => market.TryQuote(symbol, out quote),
            Summaries = (string symbol, out double open, out double previousClose) => market.TryGetDaySummary(symbol, out open, out previousClose),
            Greeks = market.TryGetGreeks,
            Candles = market.TryGetDailyCandles,
        };
        Server = endpoints.MapTastytradeStreaming(_configure?.Invoke(options) ?? options);
    }
}

namespace TomKing.Engine.Live.Operations;

/// <summary>The live runner's connections to the broker, each reported on its own.</summary>
public enum LiveLink : byte
{
    /// <summary>The REST API (orders, positions, balances).</summary>
    Rest = 0,

    /// <summary>The market data stream (DXLink quotes and Greeks).</summary>
    MarketData = 1,

    /// <summary>The account stream (order, fill and balance events).</summary>
    AccountStream = 2,
}

/// <summary>Names of <see cref="LiveLink"/> and <see cref="LinkState"/> as they appear in metrics, health
/// and alerts.</summary>
public static class LiveLinkNames
{
    /// <summary>Every link, in metric order.</summary>
    public static IReadOnlyList<LiveLink> All { get; } = [LiveLink.Rest, LiveLink.MarketData, LiveLink.AccountStream];

    /// <summary>"rest", "market-data" or "account-stream".</summary>
    public static string Name(this LiveLink link) => link switch
    {
        LiveLink.Rest => "rest",
        LiveLink.MarketData => "market-data",
        LiveLink.AccountStream => "account-stream",
        _ => throw new ArgumentOutOfRangeException(nameof(link), link, "unknown link"),
    };

    /// <summary>"disconnected", "connecting", "connected" or "stale".</summary>
    public static string Name(this LinkState state) => state switch
    {
        LinkState.Disconnected => "disconnected",
        LinkState.Connecting => "connecting",
        LinkState.Connected => "connected",
        LinkState.Stale => "stale",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown link state"),
    };

    /// <summary>True for <see cref="LinkState.Disconnected"/> and <see cref="LinkState.Connecting"/>: the
    /// link carries nothing (a stale link is still connected).</summary>
    public static bool IsDown(this LinkState state) => state is LinkState.Disconnected or LinkState.Connecting;
}

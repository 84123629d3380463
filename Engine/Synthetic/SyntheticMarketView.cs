using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;

namespace TomKing.Engine.Synthetic;

/// <summary>
/// <see cref="IMarketView"/> over a <see cref="SyntheticMarket"/> at the replay clock's time: the
/// reference adapter the replay kernel can use as is (or copy the pattern of). Chains are refreshed
/// lazily, only for roots a strategy asks for and at most once per clock time; after a root's first
/// request, reads allocate nothing.
/// </summary>
public sealed class SyntheticMarketView : IMarketView
{
    private readonly SyntheticMarket _market;
    private readonly Func<Ticker, ChainScope> _scopeOf;
    private readonly Dictionary<Ticker, SyntheticChainFeed> _feeds = [];

    /// <summary>A view over a market.</summary>
    /// <param name="market">The synthetic market.</param>
    /// <param name="scopeOf">Which expiries each root's chain carries (default: every listed expiry).</param>
    public SyntheticMarketView(SyntheticMarket market, Func<Ticker, ChainScope>? scopeOf = null)
    {
        _market = market ?? throw new ArgumentNullException(nameof(market));
        _scopeOf = scopeOf ?? (_ => ChainScope.All);
        Now = market.TradingDays[0].ToDateTime(NyseCalendar.Open);
    }

    /// <summary>The Eastern time the view answers as of.</summary>
    public DateTime Now { get; private set; }

    /// <summary>Host: moves the view's clock.</summary>
    public void SetTime(DateTime eastern) => Now = eastern;

    /// <inheritdoc />
    public bool TryGetPrice(Ticker underlying, out double price) => _market.TryGetPrice(underlying, Now, out price);

    /// <inheritdoc />
    public bool TryGetChain(Ticker root, out OptionChain chain)
    {
        chain = null!;
        if (!_feeds.TryGetValue(root, out var feed))
        {
            if (!_market.TryGetOptionRoot(root, out _))
            {
                return false;
            }

            feed = _market.CreateChainFeed(root, _scopeOf(root));
            _feeds.Add(root, feed);
        }

        chain = feed.Refresh(Now);
        return true;
    }

    /// <inheritdoc />
    public bool TryGetVix(out VixReading vix)
    {
        vix = default;
        if (Now < _market.HistoryStart.ToDateTime(NyseCalendar.Open))
        {
            return false;
        }

        vix = new VixReading(_market.Vix(Now), VixSource.Feed, Now);
        return true;
    }

    /// <inheritdoc />
    public bool TryGetIvRank(Ticker underlying, out double ivRank) => _market.TryGetIvRank(underlying, Now, out ivRank);

    /// <inheritdoc />
    public bool TryGetDailyEma(Ticker underlying, int period, out double ema) =>
        _market.TryGetDailyEma(underlying, period, DateOnly.FromDateTime(Now), out ema);

    /// <inheritdoc />
    public bool TryGetSessionOpen(Ticker underlying, out double open)
    {
        open = double.NaN;
        return TimeOnly.FromDateTime(Now) >= NyseCalendar.Open && _market.TryGetSessionOpen(underlying, DateOnly.FromDateTime(Now), out open);
    }
}

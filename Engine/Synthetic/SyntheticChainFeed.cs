using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Greeks;

namespace TomKing.Engine.Synthetic;

/// <summary>
/// Keeps one root's <see cref="OptionChain"/> current over the synthetic market: once per trading day
/// it lists the expiries (within its <see cref="ChainScope"/>) and strikes and builds the chain with
/// <see cref="OptionChainBuilder"/>; on every <see cref="Refresh"/> it re-quotes every contract in place
/// through the chain's host setters (<c>SetTime</c>, <c>SetUnderlyingPrice</c>, <c>UpdateQuote</c>, and
/// per-expiry futures prices), so minute updates allocate nothing and the chain's lazy Greeks cache
/// works as with real data.
/// </summary>
/// <remarks>Strikes are fixed for the day (listed at the open from the previous close), as exchanges
/// list them; a strike outside today's listing is still quotable with <see cref="SyntheticMarket.TryQuoteOption(Ticker, DateOnly, double, OptionRight, DateTime, out Quote)"/>.</remarks>
public sealed class SyntheticChainFeed
{
    private readonly SyntheticMarket _market;
    private readonly SyntheticMarket.RootInfo _root;
    private readonly List<DateOnly> _expiryScratch = [];
    private readonly List<double> _strikeScratch = [];
    private double[][] _strikes = [];
    private double[] _callBid = [];
    private double[] _callAsk = [];
    private double[] _putBid = [];
    private double[] _putAsk = [];
    private DateOnly[] _expiries = [];
    private DateOnly _listedFor;
    private OptionChain? _chain;
    private DateTime _quotedAt;

    internal SyntheticChainFeed(SyntheticMarket market, SyntheticMarket.RootInfo root, ChainScope scope)
    {
        _market = market;
        _root = root;
        Scope = scope;
        Root = root.Spec.Root;
    }

    /// <summary>The option root.</summary>
    public Ticker Root { get; }

    /// <summary>Which expiries are carried.</summary>
    public ChainScope Scope { get; }

    /// <summary>The chain as of the last <see cref="Refresh"/> (null before the first).</summary>
    public OptionChain? Chain => _chain;

    /// <summary>The Eastern time of the last refresh.</summary>
    public DateTime QuotedAt => _quotedAt;

    /// <summary>Number of contracts (calls + puts) in the current listing.</summary>
    public int ContractCount { get; private set; }

    /// <summary>
    /// Brings the chain to an Eastern time and returns it: relists when the trading day changed, then
    /// re-quotes every contract. Calling again with the same time does nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The time is before the generated history.</exception>
    public OptionChain Refresh(DateTime eastern)
    {
        if (_chain is not null && eastern == _quotedAt)
        {
            return _chain;
        }

        if (!_market.TryLocateForFeed(eastern, out int d, out int m, out var session))
        {
            throw new ArgumentOutOfRangeException(nameof(eastern), "Before the synthetic history.");
        }

        if (_chain is null || session != _listedFor)
        {
            Relist(d, session, eastern);
        }

        Requote(_chain!, d, m, eastern);
        _quotedAt = eastern;
        return _chain!;
    }

    private void Relist(int d, DateOnly session, DateTime eastern)
    {
        SyntheticMarket.ListExpiries(_root.Spec.Listing, session, _expiryScratch);
        var expiries = new List<DateOnly>(_expiryScratch.Count);
        var strikes = new List<double[]>(_expiryScratch.Count);
        int max = 0;
        int contracts = 0;
        foreach (var expiry in _expiryScratch)
        {
            if (!Scope.Includes(expiry.DayNumber - session.DayNumber))
            {
                continue;
            }

            _market.ListStrikes(_root, d, expiry, _strikeScratch);
            if (_strikeScratch.Count == 0)
            {
                continue;
            }

            expiries.Add(expiry);
            strikes.Add([.. _strikeScratch]);
            max = Math.Max(max, _strikeScratch.Count);
            contracts += 2 * _strikeScratch.Count;
        }

        var builder = new OptionChainBuilder(_root.Instrument)
            .AsOf(eastern)
            .UnderlyingPrice(_market.ProductPriceAt(_root.Product, d, 0))
            .Rates(new ConstantRate(_market.Settings.RiskFreeRate), _market.Settings.Products[_root.Product].DividendYield);
        for (int e = 0; e < expiries.Count; e++)
        {
            foreach (double k in strikes[e])
            {
                builder.AddQuote(expiries[e], k, OptionRight.Call, 0.0, 0.0, 0, 0);
                builder.AddQuote(expiries[e], k, OptionRight.Put, 0.0, 0.0, 0, 0);
            }
        }

        _chain = builder.Build();
        _expiries = [.. expiries];
        _strikes = [.. strikes];
        if (_callBid.Length < max)
        {
            _callBid = new double[max];
            _callAsk = new double[max];
            _putBid = new double[max];
            _putAsk = new double[max];
        }

        _listedFor = session;
        ContractCount = contracts;
    }

    private void Requote(OptionChain chain, int d, int m, DateTime eastern)
    {
        chain.SetTime(eastern);
        chain.SetUnderlyingPrice(_market.ProductPriceAt(_root.Product, d, m));
        var spec = _root.Spec;
        for (int e = 0; e < _expiries.Length; e++)
        {
            var pricing = _market.PriceExpiry(_root, d, m, eastern, _expiries[e]);
            var strikes = _strikes[e];
            int n = strikes.Length;
            SyntheticMarket.QuoteStrikes(spec, pricing, strikes, _callBid.AsSpan(0, n), _callAsk.AsSpan(0, n), _putBid.AsSpan(0, n), _putAsk.AsSpan(0, n));
            var expiry = chain.ExpiryAt(e);
            if (_root.OnFuture)
            {
                expiry.SetUnderlyingPrice(pricing.Forward);
            }

            for (int i = 0; i < n; i++)
            {
                expiry.UpdateQuote(i, OptionRight.Call, SyntheticMarket.MakeQuote(_callBid[i], _callAsk[i], eastern));
                expiry.UpdateQuote(i, OptionRight.Put, SyntheticMarket.MakeQuote(_putBid[i], _putAsk[i], eastern));
            }
        }
    }
}

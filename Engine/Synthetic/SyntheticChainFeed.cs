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
/// list them, and a strike with open interest stays listed: every strike given to <see cref="KeepListed"/>
/// (the account's held contracts) is added to its expiry's listing even when the day's range has moved
/// away from it, so a far out-of-the-money short can still be closed through the chain. A strike outside
/// the listing is still quotable with <see cref="SyntheticMarket.TryQuoteOption(Ticker, DateOnly, double, OptionRight, DateTime, out Quote)"/>.</remarks>
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
    private readonly Dictionary<DateOnly, List<double>> _kept = [];
    private DateOnly _listedFor;
    private bool _stale;
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
    /// Keeps strikes listed whatever the day's range (exchanges keep strikes with open interest): each
    /// (expiry, strike) pair is carried by the listing while it is given here; the set replaces the previous
    /// one. A kept strike of an expiry that the listing carries but whose strike is missing makes the next
    /// <see cref="Refresh"/> relist; a kept expiry outside the listing rule or the scope is ignored.
    /// </summary>
    /// <param name="held">Expiry and strike of each held contract (duplicates allowed).</param>
    public void KeepListed(ReadOnlySpan<(DateOnly Expiry, double Strike)> held)
    {
        foreach (var list in _kept.Values)
        {
            list.Clear();
        }

        foreach (var (expiry, strike) in held)
        {
            if (!(strike > 0.0))
            {
                continue;
            }

            if (!_kept.TryGetValue(expiry, out var list))
            {
                list = [];
                _kept.Add(expiry, list);
            }

            if (!list.Contains(strike))
            {
                list.Add(strike);
            }

            if (_chain is not null && !_stale && !IsListed(expiry, strike))
            {
                int e = Array.IndexOf(_expiries, expiry);
                _stale = e >= 0 || Scope.Includes(expiry.DayNumber - _listedFor.DayNumber);
            }
        }
    }

    /// <summary>True when the current listing carries <paramref name="strike"/> on <paramref name="expiry"/>.</summary>
    public bool IsListed(DateOnly expiry, double strike)
    {
        int e = Array.IndexOf(_expiries, expiry);
        return e >= 0 && Array.BinarySearch(_strikes[e], Math.Round(strike, 10)) >= 0;
    }

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

        if (_chain is null || session != _listedFor || _stale)
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
            if (_kept.TryGetValue(expiry, out var kept) && kept.Count > 0)
            {
                MergeKept(kept);
            }

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
        _stale = false;
        ContractCount = contracts;
    }

    /// <summary>Adds the kept strikes missing from the day's listing, keeping it ascending and distinct.</summary>
    private void MergeKept(List<double> kept)
    {
        int listed = _strikeScratch.Count;
        foreach (double k in kept)
        {
            double strike = Math.Round(k, 10);
            if (_strikeScratch.BinarySearch(0, listed, strike, null) < 0 && _strikeScratch.IndexOf(strike, listed) < 0)
            {
                _strikeScratch.Add(strike);
            }
        }

        if (_strikeScratch.Count > listed)
        {
            _strikeScratch.Sort();
        }
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

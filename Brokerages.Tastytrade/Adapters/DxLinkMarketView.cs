using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Brokerages.Tastytrade.Streaming.DxLink;
using TomKing.Brokerages.Tastytrade.Symbology;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Adapters;

/// <summary>
/// The live runner's <see cref="IMarketView"/> over DXLink: tracked <see cref="OptionChain"/>s get every
/// contract's streamer symbol subscribed (Quote), underlyings get Quote + Trade, and <see cref="Apply"/> —
/// called on the kernel's thread between events — drains the client's conflating stores (latest quote per
/// symbol) into <see cref="ChainExpiry.UpdateQuote"/> and the chains' underlying prices. Values DXLink does not
/// carry (IV rank, daily EMAs, the session open) are set by the host from REST with the setters.
/// </summary>
/// <remarks>Not thread-safe: like the kernel, one thread calls <see cref="Apply"/> and reads the view. The
/// drain buffer is allocated once; <see cref="Apply"/> allocates nothing.</remarks>
public sealed class DxLinkMarketView : IMarketView
{
    private readonly DxLinkClient _client;
    private readonly Func<OptionContract, string> _streamerSymbol;
    private readonly Dictionary<Ticker, OptionChain> _chains = [];
    private readonly Dictionary<Ticker, int> _underlyingIds = [];
    private readonly Dictionary<(Ticker, int), double> _emas = [];
    private readonly Dictionary<Ticker, double> _ivRanks = [];
    private readonly Dictionary<Ticker, double> _opens = [];
    private readonly Func<DateTime> _nowEastern;
    private Slot[] _slots;
    private double[] _prices;
    private readonly DxQuote[] _buffer = new DxQuote[4096];
    private readonly DxTrade[] _tradeBuffer = new DxTrade[1024];
    private int _vixId = -1;

    /// <summary>A view over a client.</summary>
    /// <param name="client">The DXLink client (its stores are drained here).</param>
    /// <param name="nowEastern">The host clock, Eastern wall time (quote times when the feed sends none).</param>
    /// <param name="streamerSymbol">Contract → streamer symbol (default: the symbology's OCC streamer form).</param>
    public DxLinkMarketView(DxLinkClient client, Func<DateTime> nowEastern, Func<OptionContract, string>? streamerSymbol = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(nowEastern);
        _client = client;
        _nowEastern = nowEastern;
        _streamerSymbol = streamerSymbol ?? (c => OptionContractSymbols.ToStreamer(c));
        _slots = new Slot[client.Symbols.Capacity];
        _prices = new double[client.Symbols.Capacity];
        _prices.AsSpan().Fill(double.NaN);
    }

    /// <summary>Tracks a chain: subscribes its underlying and every listed contract.</summary>
    /// <param name="chain">The chain (built from the REST nested chain).</param>
    /// <param name="underlyingStreamerSymbol">The underlying's streamer symbol (<c>SPX</c>, <c>/ESZ25:XCME</c>).</param>
    public void Track(OptionChain chain, string underlyingStreamerSymbol)
    {
        ArgumentNullException.ThrowIfNull(chain);
        _chains[chain.Root] = chain;
        int u = TrackUnderlying(chain.Underlying, underlyingStreamerSymbol);
        for (int e = 0; e < chain.ExpiryCount; e++)
        {
            var expiry = chain.ExpiryAt(e);
            for (int k = 0; k < expiry.Count; k++)
            {
                foreach (var right in (ReadOnlySpan<OptionRight>)[OptionRight.Call, OptionRight.Put])
                {
                    int id = _client.Subscribe(DxEventType.Quote, _streamerSymbol(expiry.ContractAt(k, right)));
                    _slots[id] = new Slot(expiry, k, right, null);
                }
            }
        }

        _slots[u] = _slots[u] with { Chains = [.. _slots[u].Chains ?? [], chain] };
    }

    /// <summary>Tracks an underlying price (Quote mid, else last Trade); returns its symbol id.</summary>
    public int TrackUnderlying(Ticker underlying, string streamerSymbol)
    {
        int id = _client.Subscribe(DxEventType.Quote, streamerSymbol);
        _client.Subscribe(DxEventType.Trade, streamerSymbol);
        _underlyingIds[underlying] = id;
        if (underlying.Symbol == "VIX")
        {
            _vixId = id;
        }

        return id;
    }

    /// <summary>Drains the conflated quotes and trades into the chains; returns how many updates were applied.</summary>
    public int Apply()
    {
        var now = _nowEastern();
        int applied = 0;
        int n;
        while ((n = _client.Trades.Drain(_tradeBuffer)) > 0)
        {
            foreach (ref readonly var t in _tradeBuffer.AsSpan(0, n))
            {
                if (double.IsFinite(t.Price) && t.Price > 0 && double.IsNaN(_prices[t.SymbolId]))
                {
                    SetPrice(t.SymbolId, t.Price);
                    applied++;
                }
            }
        }

        while ((n = _client.Quotes.Drain(_buffer)) > 0)
        {
            foreach (ref readonly var q in _buffer.AsSpan(0, n))
            {
                ref var slot = ref _slots[q.SymbolId];
                var time = q.Time > 0 ? UsEastern.FromUtc(DateTime.UnixEpoch.AddMilliseconds(q.Time)) : now;
                if (slot.Expiry is not null)
                {
                    var quote = new Quote(Clean(q.BidPrice), Clean(q.AskPrice), Size(q.BidSize), Size(q.AskSize), time);
                    slot.Expiry.UpdateQuote(slot.StrikeIndex, slot.Right, quote);
                    applied++;
                }
                else
                {
                    double bid = Clean(q.BidPrice), ask = Clean(q.AskPrice);
                    if (bid > 0 && ask >= bid)
                    {
                        SetPrice(q.SymbolId, 0.5 * (bid + ask));
                        applied++;
                    }
                }
            }
        }

        foreach (var chain in _chains.Values)
        {
            chain.SetTime(now);
        }

        return applied;
    }

    private void SetPrice(int id, double price)
    {
        _prices[id] = price;
        if (_slots[id].Chains is { } chains)
        {
            foreach (var c in chains)
            {
                c.SetUnderlyingPrice(price);
            }
        }
    }

    private static double Clean(double price) => double.IsFinite(price) && price > 0 ? price : 0.0;

    private static int Size(double size) => double.IsFinite(size) && size > 0 ? (int)Math.Min(size, int.MaxValue) : 0;

    /// <summary>Host: IV rank from REST market metrics.</summary>
    public void SetIvRank(Ticker underlying, double ivRank) => _ivRanks[underlying] = ivRank;

    /// <summary>Host: a daily EMA computed from REST/candle closes.</summary>
    public void SetDailyEma(Ticker underlying, int period, double ema) => _emas[(underlying, period)] = ema;

    /// <summary>Host: today's 09:30 open.</summary>
    public void SetSessionOpen(Ticker underlying, double open) => _opens[underlying] = open;

    /// <inheritdoc />
    public bool TryGetPrice(Ticker underlying, out double price)
    {
        price = _underlyingIds.TryGetValue(underlying, out int id) ? _prices[id] : double.NaN;
        return !double.IsNaN(price);
    }

    /// <inheritdoc />
    public bool TryGetChain(Ticker root, out OptionChain chain) => _chains.TryGetValue(root, out chain!);

    /// <inheritdoc />
    public bool TryGetVix(out VixReading vix)
    {
        if (_vixId >= 0 && !double.IsNaN(_prices[_vixId]))
        {
            vix = new VixReading(_prices[_vixId], VixSource.Feed, _nowEastern());
            return true;
        }

        vix = default;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetIvRank(Ticker underlying, out double ivRank) => _ivRanks.TryGetValue(underlying, out ivRank);

    /// <inheritdoc />
    public bool TryGetDailyEma(Ticker underlying, int period, out double ema) => _emas.TryGetValue((underlying, period), out ema);

    /// <inheritdoc />
    public bool TryGetSessionOpen(Ticker underlying, out double open) => _opens.TryGetValue(underlying, out open);

    private readonly record struct Slot(ChainExpiry? Expiry, int StrikeIndex, OptionRight Right, OptionChain[]? Chains);
}

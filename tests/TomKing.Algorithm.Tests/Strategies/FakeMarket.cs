using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;

namespace TomKing.Algorithm.Tests.Strategies;

/// <summary>An in-memory market view for strategy scenarios: chains by root, prices, VIX, IV rank, EMAs, opens.</summary>
internal sealed class FakeMarket : IMarketView
{
    public Dictionary<Ticker, OptionChain> Chains { get; } = [];
    public Dictionary<Ticker, double> Prices { get; } = [];
    public Dictionary<Ticker, double> Opens { get; } = [];
    public Dictionary<Ticker, double> IvRanks { get; } = [];
    public Dictionary<(Ticker, int), double> Emas { get; } = [];
    public double Vix { get; set; } = double.NaN;

    public FakeMarket With(OptionChain chain)
    {
        Chains[chain.Root] = chain;
        Prices.TryAdd(chain.Underlying, chain.UnderlyingPrice);
        return this;
    }

    public bool TryGetPrice(Ticker underlying, out double price) => Prices.TryGetValue(underlying, out price);

    public bool TryGetChain(Ticker root, out OptionChain chain) => Chains.TryGetValue(root, out chain!);

    public bool TryGetVix(out VixReading vix)
    {
        vix = new VixReading(Vix, VixSource.Feed, default);
        return !double.IsNaN(Vix);
    }

    public bool TryGetIvRank(Ticker underlying, out double ivRank) => IvRanks.TryGetValue(underlying, out ivRank);

    public bool TryGetDailyEma(Ticker underlying, int period, out double ema) => Emas.TryGetValue((underlying, period), out ema);

    public bool TryGetSessionOpen(Ticker underlying, out double open) => Opens.TryGetValue(underlying, out open);
}

using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Portfolio;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk.Margin;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies;
using TomKing.Algorithm.Testing;
using TomKing.Greeks;

namespace TomKing.Benchmarks;

/// <summary>A hand-built market (SPXW, SPY, ES chains, four expiries, flat 20 % smile) and a
/// 50-position <see cref="PortfolioLedger"/> for the risk and portfolio benchmarks.</summary>
internal sealed class RiskPortfolioFixture : IMarketView
{
    public static readonly DateTime Now = new(2021, 9, 1, 10, 0, 0);
    public static readonly DateOnly[] Expiries = [new(2021, 9, 17), new(2021, 10, 15), new(2021, 11, 19), new(2021, 12, 17)];

    private readonly Dictionary<Ticker, double> _prices = new() { ["SPX"] = 3800, ["SPY"] = 380, ["ES"] = 3800 };
    private readonly Dictionary<Ticker, OptionChain> _chains = [];

    public RiskPortfolioFixture(int positions = 50)
    {
        Add("SPXW", 3800, Enumerable.Range(0, 121).Select(i => 3200.0 + (10 * i)));
        Add("SPY", 380, Enumerable.Range(0, 121).Select(i => 320.0 + i));
        Add("ES", 3800, Enumerable.Range(0, 121).Select(i => 3200.0 + (10 * i)));
        Clock = new FakeClock(Now);
        Margin = new MarginModel(new FuturesMarginBook().Add("ES", FuturesMarginSchedule.FromRows([new FuturesMargin(new DateOnly(2021, 8, 18), 12_650m, 11_500m)])));
        Ledger = new PortfolioLedger(1_000_000m, this, Margin, capacity: 64);
        long order = 0;
        for (int i = 0; i < positions; i++)
        {
            var e = Expiries[1 + (i % 3)];
            OptionStructure s = (i % 3) switch
            {
                0 => OptionStructure.PutCreditSpread(C("SPXW", e, 3600 - (10 * (i % 20)), OptionRight.Put), C("SPXW", e, 3550 - (10 * (i % 20)), OptionRight.Put)),
                1 => OptionStructure.Strangle(C("ES", e, 3400 - (10 * (i % 10)), OptionRight.Put), C("ES", e, 4100 + (10 * (i % 10)), OptionRight.Call)),
                _ => OptionStructure.SinglePut(C("SPY", e, 350 - (i % 20), OptionRight.Put)),
            };
            var id = Ledger.ReservePosition((StrategyId)(i % 5), s);
            var client = new ClientOrderId(++order);
            Ledger.BindOrder(client, id);
            for (int l = 0; l < s.Count; l++)
            {
                Ledger.OnFill(new LegFill(new OrderId(order), client, s[l].Contract, s[l].Ratio, Mid(s[l].Contract), 0.65m, Now, $"x{order}-{l}"));
            }
        }

        Ledger.MarkToMarket(this);
        Ledger.OnNewDay(DateOnly.FromDateTime(Now));
        Rules = RulebookSettings.Default;
        Wide = RulebookSettings.Default with
        {
            Phases = RulebookSettings.Default.Phases with { Phase4 = RulebookSettings.Default.Phases.Phase4 with { MaxPositions = 1_000 } },
            Groups = new GroupLimitSettings { A1 = 1_000, A2 = 1_000, A1A2Combined = 2_000 },
            NoSharedExpiry = false,
            GreeksLimits = new GreeksLimitSettings { MaxAbsDelta = [1e9, 1e9, 1e9, 1e9], MaxAbsGamma = [1e9, 1e9, 1e9, 1e9] },
        };
        Entry = new OrderIntent(StrategyId.L112, IntentKind.Open, default, OptionStructure.OneOneTwo(C("SPXW", Expiries[3], 3550, OptionRight.Put), C("SPXW", Expiries[3], 3500, OptionRight.Put), C("SPXW", Expiries[3], 3350, OptionRight.Put)), 1, -1, -0.9, PricingPolicy.MidThenLadder, DateTime.MaxValue, "L112-3");
    }

    public FakeClock Clock { get; }

    public MarginModel Margin { get; }

    public PortfolioLedger Ledger { get; }

    public RulebookSettings Rules { get; }

    /// <summary>The rulebook with count and Greeks limits opened so a check runs every rule to the end.</summary>
    public RulebookSettings Wide { get; }

    public OrderIntent Entry { get; }

    public DecisionContext Context(RulebookSettings rules)
    {
        var c = new DecisionContext(Clock, this, Ledger, rules) { BuyingPower = Margin };
        c.Refresh();
        return c;
    }

    private decimal Mid(OptionContract c)
    {
        _chains[c.Root].TryGetExpiry(c.Expiry, out var e);
        return Math.Round((decimal)e.QuoteAt(e.IndexOfStrike((double)c.Strike), c.Right).Mid, 2);
    }

    public static OptionContract C(string root, DateOnly e, double k, OptionRight r) =>
        OptionContract.FromCatalogue(InstrumentCatalogue.Get(root), e, (decimal)k, r);

    public bool TryGetPrice(Ticker underlying, out double price) => _prices.TryGetValue(underlying, out price);

    public bool TryGetChain(Ticker root, out OptionChain chain) => _chains.TryGetValue(root, out chain!);

    public bool TryGetVix(out VixReading vix)
    {
        vix = new VixReading(20, VixSource.Feed, Now);
        return true;
    }

    public bool TryGetIvRank(Ticker underlying, out double ivRank)
    {
        ivRank = 50;
        return true;
    }

    public bool TryGetDailyEma(Ticker underlying, int period, out double ema)
    {
        ema = double.NaN;
        return false;
    }

    public bool TryGetSessionOpen(Ticker underlying, out double open)
    {
        open = double.NaN;
        return false;
    }

    private void Add(string root, double spot, IEnumerable<double> strikes)
    {
        var b = new OptionChainBuilder(InstrumentCatalogue.Get(root)).AsOf(Now).UnderlyingPrice(spot);
        var list = strikes.ToArray();
        foreach (var e in Expiries)
        {
            b.AddModelQuotes(e, list, _ => 0.20, spot / 4000.0);
        }

        _chains[root] = b.Build();
    }
}

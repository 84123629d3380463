using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;
using TomKing.Algorithm.Risk.Events;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies;
using TomKing.Algorithm.Testing;
using TomKing.Greeks;

namespace TomKing.Algorithm.Tests.Risk;

/// <summary>A hand-built market and account for risk-rule scenarios: Wednesday 2021-09-01 10:00,
/// SPX 3800 (SPY 380), ES 3800; SPXW, SPY and ES chains at 16, 21, 44 and 79 DTE with a flat 20 % smile.</summary>
internal sealed class RiskScenario
{
    public static readonly DateTime Now = new(2021, 9, 1, 10, 0, 0);
    public static readonly DateOnly D16 = new(2021, 9, 17);
    public static readonly DateOnly D21 = new(2021, 9, 22);
    public static readonly DateOnly D44 = new(2021, 10, 15);
    public static readonly DateOnly D79 = new(2021, 11, 19);

    private long _nextId;

    public RiskScenario(double vix = 20, decimal netLiq = 100_000m, RulebookSettings? rules = null, EventCalendar? calendar = null)
    {
        Clock = new FakeClock(Now);
        Market = new TestMarket().WithPrice("SPX", 3800).WithPrice("SPY", 380).WithPrice("ES", 3800);
        Market.WithChain(Chain("SPXW", 3800, Enumerable.Range(0, 121).Select(i => 3200.0 + (10 * i))));
        Market.WithChain(Chain("SPY", 380, Enumerable.Range(0, 121).Select(i => 320.0 + i)));
        Market.WithChain(Chain("ES", 3800, Enumerable.Range(0, 121).Select(i => 3200.0 + (10 * i))));
        SetVix(vix);
        Portfolio = new TestPortfolio().WithNetLiq(netLiq);
        Rules = rules ?? RelaxedGreeks;
        BuyingPower = new FixedBuyingPower(1_000m);
        Engine = new RiskEngine(BuyingPower, calendar);
        Refresh();
    }

    /// <summary>The rulebook with P-7 limits opened wide, for scenarios about other rules.</summary>
    public static RulebookSettings RelaxedGreeks { get; } = RulebookSettings.Default with
    {
        GreeksLimits = new GreeksLimitSettings { MaxAbsDelta = [10_000, 10_000, 10_000, 10_000], MaxAbsGamma = [1_000, 1_000, 1_000, 1_000] },
    };

    public FakeClock Clock { get; }

    public TestMarket Market { get; }

    public TestPortfolio Portfolio { get; }

    public RulebookSettings Rules { get; set; }

    public FixedBuyingPower BuyingPower { get; }

    public RiskEngine Engine { get; }

    public DecisionContext Context { get; private set; } = null!;

    public void SetVix(double vix) => Market.Vix = new VixReading(vix, VixSource.Feed, Clock.Now);

    /// <summary>Re-reads VIX and net liq into a fresh context (call after changing the scenario).</summary>
    public DecisionContext Refresh()
    {
        Context = new DecisionContext(Clock, Market, Portfolio, Rules) { BuyingPower = BuyingPower };
        Context.Refresh();
        return Context;
    }

    public RiskVerdict Check(in OrderIntent intent)
    {
        Refresh();
        return Engine.Check(intent, Context);
    }

    public OptionContract Contract(string root, DateOnly expiry, double strike, OptionRight right) =>
        OptionContract.FromCatalogue(InstrumentCatalogue.Get(root), expiry, (decimal)strike, right);

    public OptionStructure PutSpread(string root, DateOnly expiry, double shortStrike, double longStrike) =>
        OptionStructure.PutCreditSpread(Contract(root, expiry, shortStrike, OptionRight.Put), Contract(root, expiry, longStrike, OptionRight.Put));

    public OptionStructure Strangle(string root, DateOnly expiry, double put, double call) =>
        OptionStructure.Strangle(Contract(root, expiry, put, OptionRight.Put), Contract(root, expiry, call, OptionRight.Call));

    public OptionStructure OneOneTwo(DateOnly expiry) =>
        OptionStructure.OneOneTwo(Contract("SPXW", expiry, 3550, OptionRight.Put), Contract("SPXW", expiry, 3500, OptionRight.Put), Contract("SPXW", expiry, 3350, OptionRight.Put));

    public static OrderIntent Open(StrategyId strategy, OptionStructure structure, int quantity = 1) =>
        new(strategy, IntentKind.Open, default, structure, quantity, -1.0, -0.9, PricingPolicy.MidThenLadder, DateTime.MaxValue, "TEST");

    /// <summary>Adds an open position to the account.</summary>
    public OpenPosition Hold(StrategyId strategy, OptionStructure structure, int quantity = 1, decimal unrealized = 0m)
    {
        var p = new OpenPosition(new PositionId(++_nextId), strategy, structure, quantity, InstrumentCatalogue.GroupOf(structure.Underlying).Group, Now.AddDays(-10), -1.0m, 1_000m, unrealized);
        Portfolio.Positions.Add(p);
        return p;
    }

    private static OptionChain Chain(string root, double spot, IEnumerable<double> strikes)
    {
        var b = new OptionChainBuilder(InstrumentCatalogue.Get(root)).AsOf(Now).UnderlyingPrice(spot);
        var list = strikes.ToArray();
        foreach (var e in new[] { D16, D21, D44, D79 })
        {
            b.AddModelQuotes(e, list, _ => 0.20, spot / 4000.0);
        }

        return b.Build();
    }
}

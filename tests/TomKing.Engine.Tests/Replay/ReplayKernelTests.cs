using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Hosting;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies;
using TomKing.Engine.Backtest;
using TomKing.Engine.Replay;
using TomKing.Engine.Venue;
using TomKing.Greeks;

namespace TomKing.Engine.Tests.Replay;

public sealed class ReplayKernelTests
{
    private static readonly DateOnly Friday = new(2024, 3, 15);

    /// <summary>Opens one near-the-money SPXW 0DTE put credit spread at 10:30 (window 10:40), nothing else (both legs two-sided, so P-7 has Greeks).</summary>
    private sealed class OneSpread : IStrategy
    {
        private bool _done;

        public StrategyId Id => StrategyId.F0;

        public void Evaluate(DecisionContext context, DecisionOutput output)
        {
            var now = context.Clock.Now;
            if (_done || now.TimeOfDay < new TimeSpan(10, 30, 0) || !context.Market.TryGetChain("SPXW", out var chain)
                || !chain.TryGetExpiry(DateOnly.FromDateTime(now), out var e))
            {
                return;
            }

            _done = true;
            int atm = e.NearestStrikeIndex(e.UnderlyingPrice);
            int shortK = e.IndexOfStrike(e.Strikes[atm] - 15);
            int longK = e.IndexOfStrike(e.Strikes[atm] - 30);
            var s = OptionStructure.PutCreditSpread(e.ContractAt(shortK, OptionRight.Put), e.ContractAt(longK, OptionRight.Put));
            var qs = e.QuoteAt(shortK, OptionRight.Put);
            var ql = e.QuoteAt(longK, OptionRight.Put);
            double mid = -qs.Mid + ql.Mid;
            double natural = -qs.Bid + ql.Ask;
            var record = new DecisionRecord(now, Id, DecisionKind.Enter, "TEST", "one spread", e.UnderlyingPrice, context.Vix.Value, context.Regime, context.Phase,
                LegValues.None, LegValues.None, default, default, 1, default);
            output.Add(new OrderIntent(Id, IntentKind.Open, default, s, 1, mid, natural, PricingPolicy.MidThenLadder, now.Date.AddHours(10).AddMinutes(40), "TEST"), record);
        }
    }

    /// <summary>The synthetic market with its quotes frozen from 10:30 on (the clock keeps moving), so a ladder test
    /// sees the same mid and natural every minute.</summary>
    private sealed class FrozenAfter(SyntheticReplayMarket inner, DateTime freeze) : IReplayMarket
    {
        public string Description => inner.Description;

        public IReadOnlyList<DateOnly> TradingDays => inner.TradingDays;

        public IReadOnlyList<string> Warnings => inner.Warnings;

        public IReadOnlyList<DateTime> EvaluationTimes(DateOnly day) => inner.EvaluationTimes(day);

        public long AdvanceTo(DateTime eastern) => inner.AdvanceTo(eastern < freeze ? eastern : freeze);

        public bool TryQuote(in OptionContract contract, out Quote quote) => inner.TryQuote(contract, out quote);

        public bool TryGetSettlementPrice(Ticker underlying, DateOnly expiry, OptionSettlement settlement, out double price) =>
            inner.Market.TryGetDailyClose(underlying, expiry, out price);

        public bool TryGetPrice(Ticker underlying, out double price) => inner.TryGetPrice(underlying, out price);

        public bool TryGetChain(Ticker root, out Algorithm.Market.OptionChain chain) => inner.TryGetChain(root, out chain);

        public bool TryGetVix(out VixReading vix) => inner.TryGetVix(out vix);

        public bool TryGetIvRank(Ticker underlying, out double ivRank) => inner.TryGetIvRank(underlying, out ivRank);

        public bool TryGetDailyEma(Ticker underlying, int period, out double ema) => inner.TryGetDailyEma(underlying, period, out ema);

        public bool TryGetSessionOpen(Ticker underlying, out double open) => inner.TryGetSessionOpen(underlying, out open);
    }

    /// <summary>P-7 limits lifted (a 0DTE SPXW spread's gamma weighted to SPY exceeds them; see RISK-NOTES), so the
    /// test exercises the order path.</summary>
    private static RulebookSettings Rules(OrderSettings? orders = null) => RulebookSettings.Default with
    {
        GreeksLimits = RulebookSettings.Default.GreeksLimits with { MaxAbsDelta = [1e9, 1e9, 1e9, 1e9], MaxAbsGamma = [1e9, 1e9, 1e9, 1e9] },
        Orders = orders ?? RulebookSettings.Default.Orders,
    };

    private static (ReplayKernel Kernel, SimulatedVenue Venue, TradingCore Core) Build(double passiveExponent)
    {
        var rules = Rules();
        var market = new FrozenAfter(new SyntheticReplayMarket(7, Friday, Friday, [StrategyId.F0], rules), Friday.ToDateTime(new TimeOnly(10, 30)));
        var clock = new ReplayClock(Friday.ToDateTime(new TimeOnly(9, 30)));
        var venue = new SimulatedVenue(market.TryQuote, clock, VenueSettings.Default with { PassiveFillExponent = passiveExponent });
        var core = new TradingCore(clock, market, venue, rules, 1_000_000m, SyntheticFuturesMargins.Create());
        return (new ReplayKernel(market, core, venue, [new OneSpread()], clock), venue, core);
    }

    [Test]
    public void P10_Ladder_EndToEnd_RepricedThenFilledAtNaturalOnTheLastStep()
    {
        // Quotes frozen from 10:30, passive fills disabled (exponent huge): the order rests at mid, steps at 10:31
        // and 10:32, and the third step (10:33) is the natural price, which fills at once.
        var (kernel, venue, core) = Build(passiveExponent: 1e9);
        kernel.Run();
        Assert.That(venue.Orders, Has.Count.EqualTo(1), string.Join("; ", kernel.Journal.Decisions.Select(d => $"{d.Kind} {d.RuleIds} {d.Reason}")));
        var order = venue.Orders[0];
        Assert.That(order.SubmittedAt, Is.EqualTo(Friday.ToDateTime(new TimeOnly(10, 30))));
        // Steps that round to the same tick are not sent again (0.10-wide spread, 0.05 ticks: two replaces).
        Assert.That(order.Replaces, Is.InRange(1, 3), $"{order.Status} {order.FinishedAt} {order.LimitPrice} {order.FillPrice}");
        Assert.That(order.Status, Is.EqualTo(BrokerOrderStatus.Filled));
        Assert.That(order.FillPrice, Is.EqualTo(order.LimitPrice), "the last step is the natural price");
        Assert.That(order.FinishedAt, Is.EqualTo(Friday.ToDateTime(new TimeOnly(10, 33))));
        Assert.That(kernel.Journal.Trades, Has.Count.EqualTo(1));
        var trade = kernel.Journal.Trades[0];
        Assert.That(trade.Closed, Is.Not.Null, "the 0DTE spread settles after the close");
        Assert.That(trade.ExitReason, Is.AnyOf("expired", "cash-settled"));
        Assert.That(core.Ledger.OpenPositions.Length, Is.Zero);
    }

    [Test]
    public void P10_Ladder_EndToEnd_CancelledAtTheWindowEndWhenTheNaturalIsNeverReached()
    {
        // Three steps of a fifth each end at 60 % of the way: passive fills off, so the order is cancelled at 10:40.
        var rules = Rules(new OrderSettings { RepriceSteps = 3, StepFraction = 0.2 });
        var market = new FrozenAfter(new SyntheticReplayMarket(7, Friday, Friday, [StrategyId.F0], rules), Friday.ToDateTime(new TimeOnly(10, 30)));
        var clock = new ReplayClock(Friday.ToDateTime(new TimeOnly(9, 30)));
        var venue = new SimulatedVenue(market.TryQuote, clock, VenueSettings.Default with { PassiveFillExponent = 1e9 });
        var core = new TradingCore(clock, market, venue, rules, 1_000_000m, SyntheticFuturesMargins.Create());
        var kernel = new ReplayKernel(market, core, venue, [new OneSpread()], clock);
        kernel.Run();
        Assert.That(venue.Orders, Has.Count.EqualTo(1), string.Join("; ", kernel.Journal.Decisions.Select(d => $"{d.Kind} {d.RuleIds} {d.Reason}")));
        var order = venue.Orders[0];
        Assert.That(order.Replaces, Is.InRange(1, 3), $"{order.Status} {order.FinishedAt} {order.LimitPrice} {order.FillPrice}");
        Assert.That(order.LimitPrice, Is.Not.EqualTo(order.Request.LimitPrice), "repriced toward the natural");
        Assert.That(order.Status, Is.EqualTo(BrokerOrderStatus.Cancelled));
        Assert.That(order.FinishedAt, Is.EqualTo(Friday.ToDateTime(new TimeOnly(10, 40))));
        Assert.That(core.Ledger.OpenPositions.Length, Is.Zero);
        Assert.That(core.Ledger.BuyingPowerInUse, Is.Zero, "the pending entry's reservation is released");
    }

    [Test]
    public void Run_RecordsOneMarkPerDayAndHonoursEarlyCloses()
    {
        var rules = RulebookSettings.Default;
        var day = new DateOnly(2024, 11, 29); // day after Thanksgiving: 13:00 close
        var market = new SyntheticReplayMarket(3, day, day, [StrategyId.F0], rules);
        Assert.That(market.EvaluationTimes(day), Has.Count.EqualTo(210));
        Assert.That(market.EvaluationTimes(day)[^1], Is.EqualTo(day.ToDateTime(new TimeOnly(13, 0))));
        var clock = new ReplayClock(day.ToDateTime(new TimeOnly(9, 30)));
        var venue = new SimulatedVenue(market.TryQuote, clock);
        var core = new TradingCore(clock, market, venue, rules, 50_000m, SyntheticFuturesMargins.Create());
        var kernel = new ReplayKernel(market, core, venue, [TradingCore.CreateStrategy(StrategyId.F0)], clock);
        var journal = kernel.Run();
        Assert.That(journal.Days, Has.Count.EqualTo(1));
        Assert.That(journal.Minutes, Is.EqualTo(210));
        Assert.That(journal.Days[0].NetLiq, Is.GreaterThan(0m));
    }
}

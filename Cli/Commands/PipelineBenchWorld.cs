using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Portfolio;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;
using TomKing.Algorithm.Risk.Margin;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies;
using TomKing.Algorithm.Testing;
using TomKing.Greeks;

namespace TomKing.Cli.Commands;

/// <summary>
/// A hand-built market and account for the order-path benchmarks (<c>tomking bench pipeline</c> and the
/// BenchmarkDotNet suite, which compiles this file too): SPXW (0DTE, next week, ~120 DTE), ES futures
/// options (~70/90/130 DTE), QQQ/SPY/IWM weeklies and LEAPs, all quoted from model smiles; a
/// 50-position portfolio (13 F0, 13 L112, 13 FS, 2 IPMCC and 9 LPL, so the phase's IPMCC cap and
/// the LPL-4 ten-rung cap leave room for one more) in the real <see cref="PortfolioLedger"/> with the real <see cref="MarginModel"/>;
/// the real <see cref="RiskEngine"/>; the order pipeline (reserving entries' positions in the ledger) over a venue
/// stub that only hands out order ids.
/// </summary>
/// <remarks>
/// The clock stands at Friday 2021-01-08 10:30 (US/Eastern), the second Friday of the month. The bench
/// rulebook moves L112, FS and LPL entries to that Friday (their own times are before 10:30), so all
/// five strategies decide at one instant on one clock, and raises P-2 max positions, P-3 group limits and
/// P-7 Greeks limits so a 50-position book can still add a position; every other number is the
/// rulebook's. Existing positions sit on other expiries than the ones the strategies pick (P-4).
/// </remarks>
internal sealed class PipelineBenchWorld
{
    public static readonly DateTime Now = new(2021, 1, 8, 10, 30, 0);
    public static readonly DateOnly Today = new(2021, 1, 8);

    private readonly List<(ChainExpiry Expiry, double Tick, Quote[] Base)> _perturbable = [];
    private ulong _rng = 0x9E3779B97F4A7C15UL;

    public PipelineBenchWorld()
    {
        Clock = new FakeClock(Now);
        Market = new BenchMarket();
        BuildChains();
        var margins = FuturesMarginBook.Empty.AddCsv("ES", "date,initial,maintenance\n20200101,13200,12000\n");
        Margin = new MarginModel(margins);
        Ledger = new PortfolioLedger(5_000_000m, Market, Margin, capacity: 128);
        Rules = BenchRules();
        Risk = new RiskEngine(Margin);
        Context = new DecisionContext(Clock, Market, Ledger, Rules) { BuyingPower = Margin };
        Venue = new StubVenue();
        Pipeline = new OrderPipeline(Venue, Risk, Rules.Orders, new OrderTable(capacity: 1024), new LedgerPositions(Ledger));
        OpenFiftyPositions();
        Ledger.OnNewDay(Today);
        Context.Refresh();
    }

    public FakeClock Clock { get; }

    public BenchMarket Market { get; }

    public MarginModel Margin { get; }

    public PortfolioLedger Ledger { get; }

    public RulebookSettings Rules { get; }

    public RiskEngine Risk { get; }

    public DecisionContext Context { get; }

    public StubVenue Venue { get; }

    public OrderPipeline Pipeline { get; }

    public OptionChain Spxw { get; private set; } = null!;

    /// <summary>The rulebook with the bench changes described on the type.</summary>
    public static RulebookSettings BenchRules()
    {
        var d = RulebookSettings.Default;
        return d with
        {
            Phases = d.Phases with { Phase4 = d.Phases.Phase4 with { MaxPositions = 64 } },
            Groups = d.Groups with { A1 = 64, A2 = 64, B1 = 64, B2 = 64, C1 = 64, C2 = 64, D1 = 64, D2 = 64, E = 64, A1A2Combined = 64 },
            GreeksLimits = d.GreeksLimits with { MaxAbsDelta = [1e9, 1e9, 1e9, 1e9], MaxAbsGamma = [1e9, 1e9, 1e9, 1e9] },
            L112 = d.L112 with { Day = DayOfWeek.Friday, Weeks = [2], Phase4ExtraWeeks = [] },
            FS = d.FS with { Day = DayOfWeek.Friday, Week = 2 },
            LPL = d.LPL with { Day = DayOfWeek.Friday },
        };
    }

    /// <summary>An approved-size F0 iron condor entry on today's SPXW expiry (for risk-check throughput).</summary>
    public OrderIntent IronCondorEntry()
    {
        Spxw.TryGetExpiry(Today, out var e);
        var ic = OptionStructure.IronCondor(
            e.ContractAt(e.IndexOfStrike(3745), OptionRight.Put), e.ContractAt(e.IndexOfStrike(3775), OptionRight.Put),
            e.ContractAt(e.IndexOfStrike(3835), OptionRight.Call), e.ContractAt(e.IndexOfStrike(3865), OptionRight.Call));
        return new OrderIntent(StrategyId.F0, IntentKind.Open, default, ic, 2, -4.125, -3.90, PricingPolicy.MidThenLadder, Now.AddMinutes(30), "F0-2 F0-3 F0-4");
    }

    /// <summary>Moves a few random quotes per expiry: each to one tick above or below its model quote, or back to it.</summary>
    public void PerturbQuotes(long sequence, int perExpiry = 2)
    {
        foreach (var (e, tick, quotes) in _perturbable)
        {
            for (int j = 0; j < perExpiry; j++)
            {
                int k = (int)(Next() % (ulong)e.Count);
                var right = (Next() & 1) == 0 ? OptionRight.Call : OptionRight.Put;
                Quote q = quotes[right == OptionRight.Call ? k : e.Count + k];
                if (!(q.Bid > 0.0) || !(q.Ask > 0.0))
                {
                    continue;
                }

                // One tick up, down or back to the model quote, never the same as now: quotes jiggle around
                // fair value as market makers' do, and the chain stays within a tick of arbitrage-free (a
                // random walk would drift into non-monotone deltas no real chain shows).
                double now = e.QuoteAt(k, right).Bid;
                int step = (int)(sequence % 3) - 1;
                if (step < 0 && q.Bid - tick <= 0.0)
                {
                    step = 1;
                }

                if (Math.Abs(q.Bid + (step * tick) - now) < 1e-12)
                {
                    step = step == 0 ? 1 : 0;
                }

                double d = step * tick;
                e.UpdateQuote(k, right, new Quote(q.Bid + d, q.Ask + d, q.BidSize, q.AskSize, Now));
            }
        }
    }

    /// <summary>Distinct contracts the portfolio holds (for mark updates).</summary>
    public int MarkSlots => Ledger.MarkSlotCount;

    private ulong Next()
    {
        _rng ^= _rng << 13;
        _rng ^= _rng >> 7;
        _rng ^= _rng << 17;
        return _rng;
    }

    private void BuildChains()
    {
        var rates = new ConstantRate(0.001);
        static IEnumerable<double> Range(double from, double to, double step)
        {
            for (double k = from; k <= to + 1e-9; k += step)
            {
                yield return k;
            }
        }

        // SPXW: 0DTE and next Friday at 5-point strikes; ~112/119/126 DTE at 10-point strikes.
        Spxw = new OptionChainBuilder(InstrumentCatalogue.Get("SPXW")).AsOf(Now).UnderlyingPrice(3803).Rates(rates, 0.015)
            .AddModelQuotes(Today, Range(3500, 4100, 5), k => 0.30 + (1.5 * Math.Abs(k - 3803) / 3803), 0.05)
            .AddModelQuotes(new DateOnly(2021, 1, 15), Range(3500, 4100, 5), _ => 0.17, 0.05)
            .AddModelQuotes(new DateOnly(2021, 4, 30), Range(2800, 4200, 10), k => 0.18 + (0.1 * (3800 - k) / 3800), 0.20)
            .AddModelQuotes(new DateOnly(2021, 5, 7), Range(2800, 4200, 10), k => 0.18 + (0.1 * (3800 - k) / 3800), 0.20)
            .AddModelQuotes(new DateOnly(2021, 5, 14), Range(2800, 4200, 10), k => 0.18 + (0.1 * (3800 - k) / 3800), 0.20)
            .Build();
        Register("SPXW", Spxw, 3803, 0.05);
        Market.Prices["SPX"] = 3803;
        Market.SessionOpens["SPX"] = 3800;

        var es = new OptionChainBuilder(InstrumentCatalogue.Get("ES")).AsOf(Now).UnderlyingPrice(3795).Rates(rates)
            .AddModelQuotes(new DateOnly(2021, 3, 19), Range(2600, 4800, 25), _ => 0.19, 0.25)
            .AddModelQuotes(new DateOnly(2021, 4, 9), Range(2600, 4800, 25), _ => 0.19, 0.25)
            .AddModelQuotes(new DateOnly(2021, 5, 21), Range(2600, 4800, 25), _ => 0.19, 0.25)
            .Build();
        Register("ES", es, 3795, 0.25);
        Market.IvRanks["ES"] = 45;

        foreach (var (sym, spot) in new[] { ("QQQ", 313.0), ("SPY", 379.0), ("IWM", 208.0) })
        {
            var chain = new OptionChainBuilder(InstrumentCatalogue.Get(sym)).AsOf(Now).UnderlyingPrice(spot).Rates(rates, 0.01)
                .AddModelQuotes(new DateOnly(2021, 1, 15), Range(Math.Round(spot * 0.85), Math.Round(spot * 1.15), 1), _ => 0.20, 0.02)
                .AddModelQuotes(new DateOnly(2021, 1, 22), Range(Math.Round(spot * 0.85), Math.Round(spot * 1.15), 1), _ => 0.20, 0.02)
                .AddModelQuotes(new DateOnly(2021, 12, 17), Range(Math.Round(spot * 0.1) * 5, Math.Round(spot * 0.26) * 5, 5), k => 0.22 + (0.15 * (spot - k) / spot), 0.10)
                .AddModelQuotes(new DateOnly(2022, 1, 21), Range(Math.Round(spot * 0.1) * 5, Math.Round(spot * 0.26) * 5, 5), k => 0.22 + (0.15 * (spot - k) / spot), 0.10)
                .Build();
            Register(sym, chain, spot, 0.01);
            Market.Emas[(sym, 8)] = spot * 0.995;
            Market.Emas[(sym, 21)] = spot * 0.985;
        }

        Market.Vix = 19.5;
    }

    private void Register(string root, OptionChain chain, double spot, double tick)
    {
        Market.Chains[root] = chain;
        Market.Prices[chain.Underlying.Symbol] = spot;
        for (int i = 0; i < chain.ExpiryCount; i++)
        {
            ChainExpiry e = chain.ExpiryAt(i);
            var quotes = new Quote[2 * e.Count];
            for (int k = 0; k < e.Count; k++)
            {
                quotes[k] = e.QuoteAt(k, OptionRight.Call);
                quotes[e.Count + k] = e.QuoteAt(k, OptionRight.Put);
            }

            _perturbable.Add((e, tick, quotes));
        }
    }

    private void OpenFiftyPositions()
    {
        long order = 9_000_000;
        int exec = 0;
        void Open(StrategyId strategy, OptionStructure structure)
        {
            var position = Ledger.ReservePosition(strategy, structure);
            var id = new ClientOrderId(order++);
            Ledger.BindOrder(id, position);
            for (int i = 0; i < structure.Count; i++)
            {
                var leg = structure[i];
                double mid = Mid(leg.Contract);
                Ledger.OnFill(new LegFill(new OrderId(id.Value), id, leg.Contract, leg.Ratio, (decimal)Math.Round(mid, 2), 1.1m, Now.AddDays(-1), "SETUP-" + exec++));
            }

            Ledger.OnOrderUpdate(new OrderUpdate(new OrderId(id.Value), id, BrokerOrderStatus.Filled, Now.AddDays(-1), 1, 0m, null));
        }

        var jan15 = new DateOnly(2021, 1, 15);
        for (int i = 0; i < 13; i++)
        {
            Open(StrategyId.F0, OptionStructure.IronCondor(C("SPXW", jan15, 3600 + (5 * i), OptionRight.Put), C("SPXW", jan15, 3650 + (5 * i), OptionRight.Put),
                C("SPXW", jan15, 3950 - (5 * i), OptionRight.Call), C("SPXW", jan15, 4000 - (5 * i), OptionRight.Call)));
            var l112 = new DateOnly(2021, i % 2 == 0 ? 4 : 5, i % 2 == 0 ? 30 : 14);
            Open(StrategyId.L112, OptionStructure.OneOneTwo(C("SPXW", l112, 3550 - (10 * i), OptionRight.Put), C("SPXW", l112, 3500 - (10 * i), OptionRight.Put),
                C("SPXW", l112, 3350 - (10 * i), OptionRight.Put)));
            var fs = i % 2 == 0 ? new DateOnly(2021, 3, 19) : new DateOnly(2021, 5, 21);
            Open(StrategyId.FS, OptionStructure.Strangle(C("ES", fs, 3300 - (25 * i), OptionRight.Put), C("ES", fs, 4200 + (25 * i), OptionRight.Call)));
        }

        // IPMCC: two of the phase's three positions, so one may still open; LPL: nine of ten rungs (LPL-4).
        foreach (string sym in new[] { "QQQ", "IWM" })
        {
            double spot = Market.Prices[sym];
            Open(StrategyId.IPMCC, OptionStructure.LeapPlusShortCall(C(sym, new DateOnly(2022, 1, 21), Math.Round(spot * 0.8 / 5) * 5, OptionRight.Call),
                C(sym, new DateOnly(2021, 1, 22), Math.Round(spot) + 2, OptionRight.Call)));
        }

        for (int i = 0; i < 9; i++)
        {
            Open(StrategyId.LPL, OptionStructure.SinglePut(C("SPY", new DateOnly(2021, 12, 17), 300 - (5 * i), OptionRight.Put)));
        }
    }

    private OptionContract C(string root, DateOnly expiry, double strike, OptionRight right)
    {
        var chain = Market.Chains[root];
        if (!chain.TryGetExpiry(expiry, out var e) || e.IndexOfStrike(strike) < 0)
        {
            throw new InvalidOperationException($"bench world: {root} {expiry} {strike} is not listed");
        }

        return e.ContractAt(e.IndexOfStrike(strike), right);
    }

    private double Mid(OptionContract contract)
    {
        var chain = Market.Chains[contract.Root.Symbol];
        chain.TryGetExpiry(contract.Expiry, out var e);
        var q = e.QuoteAt(e.IndexOfStrike((double)contract.Strike), contract.Right);
        return q.IsUsable ? q.Mid : 0.05;
    }

    /// <summary>The host's market view over the hand-built chains.</summary>
    internal sealed class BenchMarket : IMarketView
    {
        public Dictionary<string, OptionChain> Chains { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, double> Prices { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, double> SessionOpens { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, double> IvRanks { get; } = new(StringComparer.Ordinal);

        public Dictionary<(string, int), double> Emas { get; } = [];

        public double Vix { get; set; } = double.NaN;

        public bool TryGetPrice(Ticker underlying, out double price) => Prices.TryGetValue(underlying.Symbol, out price);

        public bool TryGetChain(Ticker root, out OptionChain chain) => Chains.TryGetValue(root.Symbol, out chain!);

        public bool TryGetVix(out VixReading vix)
        {
            vix = new VixReading(Vix, VixSource.Feed, Now);
            return double.IsFinite(Vix);
        }

        public bool TryGetIvRank(Ticker underlying, out double ivRank) => IvRanks.TryGetValue(underlying.Symbol, out ivRank);

        public bool TryGetDailyEma(Ticker underlying, int period, out double ema) => Emas.TryGetValue((underlying.Symbol, period), out ema);

        public bool TryGetSessionOpen(Ticker underlying, out double open) => SessionOpens.TryGetValue(underlying.Symbol, out open);
    }

    /// <summary>Order news for the pipeline's state machine and the ledger (which frees a pending entry's
    /// position when its order ends unfilled), as a host's event fan-out does.</summary>
    public void Deliver(in OrderUpdate update)
    {
        Pipeline.ApplyUpdate(in update);
        Ledger.OnOrderUpdate(in update);
    }

    /// <summary>The host's adapter from the pipeline's position binder to the ledger.</summary>
    internal sealed class LedgerPositions(PortfolioLedger ledger) : IPositionBinder
    {
        public PositionId ReservePosition(StrategyId strategy, in OptionStructure unit) => ledger.ReservePosition(strategy, unit);

        public void BindOrder(ClientOrderId order, PositionId position, decimal reservedBuyingPower = 0m) => ledger.BindOrder(order, position, reservedBuyingPower);
    }

    /// <summary>The venue side of the benchmark: hands out order ids and counts requests. It is not a
    /// matching engine; what is measured ends when the combo order has been built and handed over.</summary>
    internal sealed class StubVenue : IOrderPort
    {
        private long _next = 1;

        public long Submitted { get; private set; }

        public long Cancels { get; private set; }

        public long Replaces { get; private set; }

        public int LastLegCount { get; private set; }

        public OrderId Submit(in ComboOrderRequest request)
        {
            Submitted++;
            LastLegCount = request.Structure.Count;
            return new OrderId(_next++);
        }

        public void Cancel(OrderId order) => Cancels++;

        public void Replace(OrderId order, decimal newLimitPrice) => Replaces++;
    }
}

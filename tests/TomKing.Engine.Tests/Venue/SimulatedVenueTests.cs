using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Testing;
using TomKing.Engine.Venue;
using TomKing.Greeks;

namespace TomKing.Engine.Tests.Venue;

public sealed class SimulatedVenueTests
{
    private static readonly DateTime Now = new(2024, 3, 15, 10, 30, 0);
    private static readonly OptionContract ShortPut = C("SPXW", 5000m, OptionRight.Put);
    private static readonly OptionContract LongPut = C("SPXW", 4970m, OptionRight.Put);

    private static OptionContract C(string root, decimal strike, OptionRight right, DateOnly? expiry = null) =>
        OptionContract.FromCatalogue(InstrumentCatalogue.Get(root), expiry ?? new DateOnly(2024, 3, 15), strike, right);

    private sealed class Quotes
    {
        public Dictionary<OptionContract, Quote> Book { get; } = [];

        public bool TryQuote(in OptionContract contract, out Quote quote) => Book.TryGetValue(contract, out quote);
    }

    private static (SimulatedVenue Venue, Quotes Quotes, FakeClock Clock) Create(VenueSettings? settings = null)
    {
        var quotes = new Quotes();
        quotes.Book[ShortPut] = new Quote(2.00, 2.20, 10, 10, Now); // mid 2.10
        quotes.Book[LongPut] = new Quote(1.00, 1.10, 10, 10, Now);  // mid 1.05
        var clock = new FakeClock(Now);
        return (new SimulatedVenue(quotes.TryQuote, clock, settings), quotes, clock);
    }

    // Put credit spread per unit: -1 short put, +1 long put. Mid = -2.10 + 1.05 = -1.05; natural (buying the
    // structure: sell the short at its bid, buy the long at its ask) = -2.00 + 1.10 = -0.90.
    private static ComboOrderRequest Spread(decimal limit, int quantity = 1, long position = 7) =>
        new(new ClientOrderId(1), StrategyId.F0, new PositionId(position), OptionStructure.PutCreditSpread(ShortPut, LongPut), quantity, limit, "F0-2");

    private static List<VenueEvent> Drain(SimulatedVenue venue)
    {
        var list = new List<VenueEvent>();
        while (venue.TryDequeue(out var e))
        {
            list.Add(e);
        }

        return list;
    }

    [Test]
    public void Submit_LimitAtNatural_FillsAtOnceEachLegAtBidOrAsk()
    {
        var (venue, _, _) = Create();
        venue.Submit(Spread(-0.90m));
        var events = Drain(venue);
        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { VenueEventKind.Update, VenueEventKind.Fill, VenueEventKind.Fill, VenueEventKind.Update }));
        Assert.That(events[0].Update.Status, Is.EqualTo(BrokerOrderStatus.Working));
        Assert.That(events[1].Fill.Contract, Is.EqualTo(ShortPut));
        Assert.That(events[1].Fill.Quantity, Is.EqualTo(-1));
        Assert.That(events[1].Fill.Price, Is.EqualTo(2.00m));
        Assert.That(events[2].Fill.Quantity, Is.EqualTo(1));
        Assert.That(events[2].Fill.Price, Is.EqualTo(1.10m));
        Assert.That(events[3].Update.Status, Is.EqualTo(BrokerOrderStatus.Filled));
        Assert.That(events[3].Update.FilledQuantity, Is.EqualTo(1));
        Assert.That(venue.Orders[0].FillPrice, Is.EqualTo(-0.90m));
        Assert.That(events.Select(e => e.Sequence), Is.Ordered.Ascending);
    }

    [Test]
    public void Submit_LimitThroughNatural_FillsAtNaturalNotAtTheLimit()
    {
        var (venue, _, _) = Create();
        venue.Submit(Spread(-0.50m));
        Drain(venue);
        Assert.That(venue.Orders[0].FillPrice, Is.EqualTo(-0.90m));
    }

    [Test]
    public void Submit_LimitAtMid_NeverFills()
    {
        var (venue, _, clock) = Create();
        venue.Submit(Spread(-1.05m));
        for (int m = 1; m <= 390; m++)
        {
            clock.Set(Now.AddMinutes(m));
            venue.Match(clock.Now);
        }

        Assert.That(venue.Orders[0].Status, Is.EqualTo(BrokerOrderStatus.Working));
        Assert.That(venue.WorkingCount, Is.EqualTo(1));
    }

    [Test]
    public void Match_BetweenMidAndNatural_FillsAtTheLimitWithProbabilityAPowExponent_Deterministically()
    {
        // Limit 2/3 of the way from mid to natural: a = 2/3, p = 4/9 per minute. Over many orders the share
        // filled on the first check is close to 4/9; the same seed gives the same outcomes.
        int Filled(ulong seed)
        {
            var (venue, _, clock) = Create(VenueSettings.Default with { FillSeed = seed });
            for (int i = 0; i < 2000; i++)
            {
                venue.Submit(Spread(-0.95m, position: 100 + i));
            }

            return venue.Orders.Count(o => o.Status == BrokerOrderStatus.Filled);
        }

        int a = Filled(1);
        Assert.That(a, Is.EqualTo(Filled(1)));
        Assert.That(a / 2000.0, Is.EqualTo(4.0 / 9.0).Within(0.04));
        var (v, _, _) = Create(VenueSettings.Default with { FillSeed = 1 });
        v.Submit(Spread(-0.95m));
        var filled = Drain(v).Where(e => e.Kind == VenueEventKind.Fill).ToList();
        if (filled.Count > 0)
        {
            // Legs at mid + a (side - mid): short 2.10 - 2/3 * 0.10, long 1.05 + 2/3 * 0.05; net = the limit.
            Assert.That(filled[0].Fill.Price, Is.EqualTo(2.0333m));
            Assert.That(filled[1].Fill.Price, Is.EqualTo(1.0833m));
        }
    }

    [Test]
    public void Replace_ToNatural_FillsAndCountsTheRepricing()
    {
        var (venue, _, _) = Create();
        var id = venue.Submit(Spread(-1.05m));
        venue.Replace(id, -0.90m);
        var events = Drain(venue);
        Assert.That(events.Any(e => e.Kind == VenueEventKind.Update && e.Update.Status == BrokerOrderStatus.Replaced), Is.True);
        Assert.That(venue.Orders[0].Status, Is.EqualTo(BrokerOrderStatus.Filled));
        Assert.That(venue.Orders[0].Replaces, Is.EqualTo(1));
    }

    [Test]
    public void Cancel_WorkingThenFilled_CancelsThenRefuses()
    {
        var (venue, _, _) = Create();
        var id = venue.Submit(Spread(-1.05m));
        venue.Cancel(id);
        venue.Cancel(id);
        var updates = Drain(venue).Select(e => e.Update.Status).ToArray();
        Assert.That(updates, Is.EqualTo(new[] { BrokerOrderStatus.Working, BrokerOrderStatus.Cancelled, BrokerOrderStatus.RequestRefused }));
    }

    [Test]
    public void CancelAllWorking_AtTheClose_CancelsDayOrders()
    {
        var (venue, _, _) = Create();
        venue.Submit(Spread(-1.05m));
        venue.Submit(Spread(-1.05m, position: 8));
        Assert.That(venue.CancelAllWorking(Now.AddHours(5)), Is.EqualTo(2));
        Assert.That(venue.Orders.All(o => o.Status == BrokerOrderStatus.Cancelled), Is.True);
    }

    [Test]
    public void Submit_ClosingALegThePositionNoLongerHolds_IsRejected()
    {
        var (venue, _, _) = Create();
        venue.Submit(Spread(-0.90m));                  // opens: short put -1, long put +1 in P7
        var buyBack = OptionStructure.Adjustment([Leg.Buy(ShortPut)]);
        venue.Submit(new ComboOrderRequest(new ClientOrderId(2), StrategyId.F0, new PositionId(7), buyBack, 1, 2.20m, "x")); // closes the short
        venue.Submit(new ComboOrderRequest(new ClientOrderId(3), StrategyId.F0, new PositionId(7), buyBack, 1, 2.20m, "x")); // nothing left to close
        Drain(venue);
        Assert.That(venue.Orders[1].Status, Is.EqualTo(BrokerOrderStatus.Filled));
        Assert.That(venue.Orders[2].Status, Is.EqualTo(BrokerOrderStatus.Rejected));
        Assert.That(venue.RejectedBeyondPosition, Is.EqualTo(1));
    }

    // Fees by hand (defaults): equity/ETF options $1.00 to open capped at $10 per leg, $0 to close, $0.10 clearing;
    // SPXW adds the $0.60 index fee; micro futures options $1.50 + $0.30, futures options $2.50 + $0.85, both ways.
    [TestCase("SPY", 3, 0, 3.30)]
    [TestCase("SPY", -12, 0, 11.20)]
    [TestCase("SPY", 2, -2, 0.20)]
    [TestCase("SPY", 5, -2, 3.50)]
    [TestCase("SPXW", -1, 0, 1.70)]
    [TestCase("SPXW", 1, -1, 0.70)]
    [TestCase("MES", -1, 0, 1.80)]
    [TestCase("MES", 1, -1, 1.80)]
    [TestCase("ES", -2, 0, 6.70)]
    public void Fee_TastytradeDefaults_HandComputed(string root, int quantity, int heldBefore, double expected)
    {
        var contract = C(root, 100m, OptionRight.Put);
        Assert.That(SimulatedVenue.Fee(VenueSettings.Default, contract, quantity, heldBefore), Is.EqualTo((decimal)expected));
    }

    [Test]
    public void Execute_ChargesFeesAndTracksInventory()
    {
        var (venue, _, _) = Create();
        venue.Submit(Spread(-0.90m, quantity: 2));
        var fills = Drain(venue).Where(e => e.Kind == VenueEventKind.Fill).Select(e => e.Fill).ToArray();
        // Each leg: 2 contracts open = $2.00 + clearing $0.20 + SPXW $1.20 = $3.40.
        Assert.That(fills.Select(f => f.Fee), Is.All.EqualTo(3.40m));
        Assert.That(venue.TotalFees, Is.EqualTo(6.80m));
        Assert.That(venue.Held(ShortPut), Is.EqualTo(-2));
        Assert.That(venue.Held(LongPut), Is.EqualTo(2));
    }
}

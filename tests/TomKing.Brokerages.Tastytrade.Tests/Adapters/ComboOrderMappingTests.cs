using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Brokerages.Tastytrade.Adapters;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Symbology;

namespace TomKing.Brokerages.Tastytrade.Tests.Adapters;

/// <summary>ComboOrderRequest → Tastytrade order, every expectation written out by hand from the request's sign
/// conventions (combo price Σ ratio × price; quantity &gt; 0 trades the structure as defined).</summary>
[TestFixture]
public class ComboOrderMappingTests
{
    private const string LongPut = "SPY   240705P00500000";
    private const string ShortPut = "SPY   240705P00510000";
    private const string ShortCall = "SPY   240705C00560000";
    private const string LongCall = "SPY   240705C00570000";

    private static OptionContract C(string occ) => OptionContractSymbols.FromOcc(occ);

    private static OptionStructure IronCondor => OptionStructure.IronCondor(C(LongPut), C(ShortPut), C(ShortCall), C(LongCall));

    private static LegSymbolResolver Default(Dictionary<OptionContract, FutureOptionSymbol>? fops = null) =>
        (in OptionContract c, out LegSymbol s, out string? why) => ComboOrderMapping.TryLegSymbol(c, k => fops is not null && fops.TryGetValue(k, out var f) ? f : null, out s, out why);

    private static OrderRequest Map(OptionStructure structure, int quantity, decimal limit, Func<OptionContract, int>? held = null, LegSymbolResolver? symbols = null)
    {
        var request = new ComboOrderRequest(new ClientOrderId(42), StrategyId.F0, new PositionId(7), structure, quantity, limit, "test");
        bool ok = ComboOrderMapping.TryMap(request, "tk-C42", held ?? (_ => 0), symbols ?? Default(), strictPositionEffect: true, out var order, out _, out string? reason);
        Assert.That(ok, Is.True, reason);
        Assert.That((order!.OrderType, order.TimeInForce, order.ExternalIdentifier), Is.EqualTo((OrderTypes.Limit, TimeInForces.Day, "tk-C42")));
        return order;
    }

    private static (string?, string?, decimal?, string?)[] Legs(OrderRequest order) =>
        [.. order.Legs!.Select(l => (l.Symbol, l.Action, l.Quantity, l.InstrumentType))];

    [Test]
    public void ShortIronCondor_OpenedForACredit_IsCredit120_BuyPutsAndCallsToOpen_SellTheShortsToOpen()
    {
        var order = Map(IronCondor, +1, -1.20m);
        Assert.That((order.Price, order.PriceEffect), Is.EqualTo(((decimal?)1.20m, PriceEffects.Credit)));
        Assert.That(Legs(order), Is.EqualTo(new (string?, string?, decimal?, string?)[]
        {
            (LongPut, OrderActions.BuyToOpen, 1m, InstrumentTypes.EquityOption),
            (ShortPut, OrderActions.SellToOpen, 1m, InstrumentTypes.EquityOption),
            (ShortCall, OrderActions.SellToOpen, 1m, InstrumentTypes.EquityOption),
            (LongCall, OrderActions.BuyToOpen, 1m, InstrumentTypes.EquityOption),
        }));
        Assert.That(order.AdvancedInstructions, Is.Null, "nothing closes");
    }

    [Test]
    public void ShortIronCondor_ClosedForADebit_IsDebit050_EveryLegCloses_Strict()
    {
        var held = new Dictionary<OptionContract, int> { [C(LongPut)] = 3, [C(ShortPut)] = -3, [C(ShortCall)] = -3, [C(LongCall)] = 3 };
        var order = Map(IronCondor, -3, -0.50m, c => held.GetValueOrDefault(c));
        Assert.That((order.Price, order.PriceEffect), Is.EqualTo(((decimal?)0.50m, PriceEffects.Debit)), "quantity −3 reverses the legs: −(−0.50) = +0.50 paid");
        Assert.That(Legs(order), Is.EqualTo(new (string?, string?, decimal?, string?)[]
        {
            (LongPut, OrderActions.SellToClose, 3m, InstrumentTypes.EquityOption),
            (ShortPut, OrderActions.BuyToClose, 3m, InstrumentTypes.EquityOption),
            (ShortCall, OrderActions.BuyToClose, 3m, InstrumentTypes.EquityOption),
            (LongCall, OrderActions.SellToClose, 3m, InstrumentTypes.EquityOption),
        }));
        Assert.That(order.AdvancedInstructions?.StrictPositionEffectValidation, Is.True);
    }

    [Test]
    public void OneOneTwo_TwoUnits_QuantitiesTwoTwoFour_CreditAndDebitByLimitSign()
    {
        var s = OptionStructure.OneOneTwo(C("SPY   240816P00500000"), C("SPY   240816P00490000"), C("SPY   240816P00470000"));
        var credit = Map(s, +2, -0.35m);
        Assert.That((credit.Price, credit.PriceEffect), Is.EqualTo(((decimal?)0.35m, PriceEffects.Credit)));
        Assert.That(Legs(credit).Select(l => (l.Item2, l.Item3)), Is.EqualTo(new (string?, decimal?)[]
        {
            (OrderActions.BuyToOpen, 2m), (OrderActions.SellToOpen, 2m), (OrderActions.SellToOpen, 4m),
        }));
        var debit = Map(s, +2, 0.10m);
        Assert.That((debit.Price, debit.PriceEffect), Is.EqualTo(((decimal?)0.10m, PriceEffects.Debit)));
    }

    [Test]
    public void FuturesOptionStrangle_SoldToOpenForACredit_WithFuturesOptionSymbols()
    {
        var put = FutureOptionSymbol.ParseOrderSymbol("./ESU4 ESU4  240920P5000");
        var call = FutureOptionSymbol.ParseOrderSymbol("./ESU4 ESU4  240920C5600");
        var fops = new Dictionary<OptionContract, FutureOptionSymbol>
        {
            [OptionContractSymbols.FromFutureOption(put)] = put,
            [OptionContractSymbols.FromFutureOption(call)] = call,
        };
        var s = OptionStructure.Strangle(OptionContractSymbols.FromFutureOption(put), OptionContractSymbols.FromFutureOption(call));
        Assert.That(s[0].Contract.Multiplier, Is.EqualTo(50m), "ES options: 50 USD per point");
        var order = Map(s, +1, -45.50m, symbols: Default(fops));
        Assert.That((order.Price, order.PriceEffect), Is.EqualTo(((decimal?)45.50m, PriceEffects.Credit)));
        Assert.That(Legs(order), Is.EqualTo(new (string?, string?, decimal?, string?)[]
        {
            ("./ESU4 ESU4  240920P5000", OrderActions.SellToOpen, 1m, InstrumentTypes.FutureOption),
            ("./ESU4 ESU4  240920C5600", OrderActions.SellToOpen, 1m, InstrumentTypes.FutureOption),
        }));

        var request = new ComboOrderRequest(new ClientOrderId(1), StrategyId.FS, default, s, 1, -45.50m, "x");
        Assert.That(ComboOrderMapping.TryMap(request, "tk-C1", _ => 0, Default(), true, out _, out _, out string? reason), Is.False);
        Assert.That(reason, Does.Contain("futures-option symbol"), "without the host's delivered future nothing is guessed");
    }

    [Test]
    public void LeapPlusShortCall_RollAdjustment_BuysTheOldShortToClose_SellsTheNewToOpen()
    {
        var leap = C("SPY   250620C00480000");
        var oldShort = C("SPY   240705C00540000");
        var newShort = C("SPY   240712C00545000");
        var held = new Dictionary<OptionContract, int> { [leap] = 1, [oldShort] = -1 };
        var roll = Map(OptionStructure.Adjustment([Leg.Buy(oldShort), Leg.Sell(newShort)]), +1, -0.30m, c => held.GetValueOrDefault(c));
        Assert.That((roll.Price, roll.PriceEffect), Is.EqualTo(((decimal?)0.30m, PriceEffects.Credit)));
        Assert.That(Legs(roll).Select(l => (l.Item1, l.Item2, l.Item3)), Is.EqualTo(new (string?, string?, decimal?)[]
        {
            ("SPY   240705C00540000", OrderActions.BuyToClose, 1m),
            ("SPY   240712C00545000", OrderActions.SellToOpen, 1m),
        }));

        var add = Map(OptionStructure.LeapPlusShortCall(leap, newShort), +1, 25.00m, c => held.GetValueOrDefault(c));
        Assert.That((add.Price, add.PriceEffect), Is.EqualTo(((decimal?)25.00m, PriceEffects.Debit)));
        Assert.That(Legs(add).Select(l => l.Item2), Is.EqualTo(new[] { OrderActions.BuyToOpen, OrderActions.SellToOpen }), "buying more of a held long opens");
    }

    [Test]
    public void LegCrossingThroughZero_IsRefusedWithAReason()
    {
        var oldShort = C("SPY   240705C00540000");
        var request = new ComboOrderRequest(new ClientOrderId(5), StrategyId.IPMCC, default, OptionStructure.Adjustment([Leg.Buy(oldShort, 2)]), 1, 1.00m, "x");
        bool ok = ComboOrderMapping.TryMap(request, "tk-C5", _ => -1, Default(), true, out var order, out _, out string? reason);
        Assert.That((ok, order), Is.EqualTo((false, (OrderRequest?)null)));
        Assert.That(reason, Does.Contain("crosses through zero").And.Contain("+2").And.Contain("-1"));
    }

    [TestCase(+1, 0, OrderActions.BuyToOpen)]
    [TestCase(+1, 3, OrderActions.BuyToOpen)]
    [TestCase(+2, -2, OrderActions.BuyToClose)]
    [TestCase(+1, -2, OrderActions.BuyToClose)]
    [TestCase(+3, -2, null)]
    [TestCase(-1, 0, OrderActions.SellToOpen)]
    [TestCase(-1, -4, OrderActions.SellToOpen)]
    [TestCase(-2, 2, OrderActions.SellToClose)]
    [TestCase(-3, 2, null)]
    public void ActionOf_FollowsTheHolding(int trade, int held, string? expected) =>
        Assert.That(ComboOrderMapping.ActionOf(trade, held), Is.EqualTo(expected));

    [TestCase(-1.20, 1, 1.20, PriceEffects.Credit)]
    [TestCase(-1.20, -1, 1.20, PriceEffects.Debit)]
    [TestCase(0.85, 2, 0.85, PriceEffects.Debit)]
    [TestCase(0.85, -2, 0.85, PriceEffects.Credit)]
    [TestCase(0.0, 1, 0.0, PriceEffects.Debit)]
    public void PriceOf_SignedComboTimesQuantitySign(decimal limit, int quantity, decimal price, string effect) =>
        Assert.That(ComboOrderMapping.PriceOf(limit, quantity), Is.EqualTo((price, effect)));
}

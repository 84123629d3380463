using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Greeks;

namespace TomKing.Algorithm.Tests.Domain;

public sealed class AdjustmentStructureTests
{
    private static readonly Instrument Spy = InstrumentCatalogue.Get("SPY");

    private static OptionContract C(decimal strike, OptionRight right, DateOnly expiry) =>
        OptionContract.FromCatalogue(Spy, expiry, strike, right);

    [Test]
    public void Adjustment_RollOfAShortCall_KeepsLegsAsTraded()
    {
        // IPMCC-4 roll: buy back this Friday's 450 call, sell next Friday's 452 call, one combo (P-10).
        var roll = OptionStructure.Adjustment([Leg.Buy(C(450, OptionRight.Call, new(2024, 3, 8))), Leg.Sell(C(452, OptionRight.Call, new(2024, 3, 15)))]);
        Assert.Multiple(() =>
        {
            Assert.That(roll.Kind, Is.EqualTo(StructureKind.Adjustment));
            Assert.That(roll.Count, Is.EqualTo(2));
            Assert.That(roll[0].Ratio, Is.EqualTo(1));
            Assert.That(roll[1].Ratio, Is.EqualTo(-1));
            Assert.That(roll.NearestExpiry, Is.EqualTo(new DateOnly(2024, 3, 8)));
        });
    }

    [Test]
    public void Adjustment_BuyBackTwoNakedPuts_IsOneLegOfRatioTwo()
    {
        // L112-5: the two naked puts closed at 90 % of their credit.
        var buyBack = OptionStructure.Adjustment([Leg.Buy(C(380, OptionRight.Put, new(2024, 7, 19)), 2)]);
        Assert.That(buyBack[0].Ratio, Is.EqualTo(2));
    }

    [Test]
    public void TryCreate_AdjustmentWithTheSameContractTwice_IsRefusedWithReason()
    {
        var c = C(450, OptionRight.Call, new(2024, 3, 8));
        bool ok = OptionStructure.TryCreate(StructureKind.Adjustment, [Leg.Buy(c), Leg.Sell(c)], out _, out string? reason);
        Assert.That(ok, Is.False);
        Assert.That(reason, Does.Contain("same contract"));
    }

    [Test]
    public void OpenPosition_LegEntryPrices_DefaultIsUnknownAndCanBeSet()
    {
        var position = new OpenPosition(new PositionId(1), StrategyId.L112, OptionStructure.SinglePut(C(400, OptionRight.Put, new(2025, 1, 17))), 1,
            CorrelationGroup.A2, new DateTime(2024, 1, 2, 10, 0, 0), -3.10m, 4000m, 0m);
        Assert.That(position.LegEntryPrices.Leg0, Is.Zero);
        var withPrices = position with { LegEntryPrices = new TomKing.Algorithm.Decisions.LegValues(3.10, double.NaN, double.NaN, double.NaN) };
        Assert.That(withPrices.LegEntryPrices.Leg0, Is.EqualTo(3.10));
    }
}

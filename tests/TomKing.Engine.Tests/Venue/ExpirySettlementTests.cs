using TomKing.Algorithm.Domain;
using TomKing.Engine.Venue;
using TomKing.Greeks;

namespace TomKing.Engine.Tests.Venue;

public sealed class ExpirySettlementTests
{
    private static readonly DateOnly Friday = new(2024, 3, 15);

    private static OptionContract C(string root, decimal strike, OptionRight right) =>
        OptionContract.FromCatalogue(InstrumentCatalogue.Get(root), Friday, strike, right);

    [Test]
    public void Settle_SpxwPmCash_ItmCallAtTheCloseIsCashSettledAtIntrinsic()
    {
        var call = C("SPXW", 5100m, OptionRight.Call);
        Assert.That(ExpirySettlement.IsDue(call, Friday, afterClose: false), Is.False);
        Assert.That(ExpirySettlement.IsDue(call, Friday, afterClose: true), Is.True);
        Assert.That(ExpirySettlement.Settle(call, -1, 5112.35, out decimal price), Is.EqualTo(SettlementAction.CashSettled));
        Assert.That(price, Is.EqualTo(12.35m));
    }

    [Test]
    public void Settle_SpxAmCash_SettlesOnTheMorningOfExpiryOnTheOpen()
    {
        var put = C("SPX", 5000m, OptionRight.Put);
        Assert.That(ExpirySettlement.IsDue(put, Friday.AddDays(-1), afterClose: true), Is.False);
        Assert.That(ExpirySettlement.IsDue(put, Friday, afterClose: false), Is.True);
        Assert.That(ExpirySettlement.Settle(put, 1, 4987.5, out decimal price), Is.EqualTo(SettlementAction.CashSettled));
        Assert.That(price, Is.EqualTo(12.5m));
    }

    [Test]
    public void Settle_EquityShortPutItm_IsAssignedAtIntrinsic()
    {
        var put = C("SPY", 500m, OptionRight.Put);
        Assert.That(ExpirySettlement.Settle(put, -2, 495.20, out decimal price), Is.EqualTo(SettlementAction.Assigned));
        Assert.That(price, Is.EqualTo(4.80m));
        Assert.That(ExpirySettlement.ReasonOf(SettlementAction.Assigned), Is.EqualTo("assigned"));
    }

    [Test]
    public void Settle_FuturesLongCallItm_IsExercisedIntoTheFutureClosedAtSettlement()
    {
        var call = C("ES", 5200m, OptionRight.Call);
        Assert.That(ExpirySettlement.Settle(call, 1, 5231.25, out decimal price), Is.EqualTo(SettlementAction.Exercised));
        Assert.That(price, Is.EqualTo(31.25m));
    }

    [TestCase("SPXW", 5000, OptionRight.Put, 5000.0)]
    [TestCase("SPY", 520, OptionRight.Call, 510.0)]
    [TestCase("MES", 4800, OptionRight.Put, 5100.0)]
    public void Settle_OutOrAtTheMoney_ExpiresWorthless(string root, double strike, OptionRight right, double settlement)
    {
        var c = C(root, (decimal)strike, right);
        Assert.That(ExpirySettlement.Settle(c, -1, settlement, out decimal price), Is.EqualTo(SettlementAction.Expired));
        Assert.That(price, Is.Zero);
    }
}

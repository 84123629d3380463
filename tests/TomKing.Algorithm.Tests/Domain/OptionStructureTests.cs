using TomKing.Algorithm.Domain;
using TomKing.Greeks;

namespace TomKing.Algorithm.Tests.Domain;

public sealed class OptionStructureTests
{
    private static readonly DateOnly Expiry = new(2021, 1, 8);
    private static readonly Instrument Spxw = InstrumentCatalogue.Get("SPXW");

    private static OptionContract C(decimal strike, OptionRight right, DateOnly? expiry = null) =>
        OptionContract.FromCatalogue(Spxw, expiry ?? Expiry, strike, right);

    [Test]
    public void IronCondor_WellFormed_HasFourLegsInDocumentedOrder()
    {
        var ic = OptionStructure.IronCondor(C(3670, OptionRight.Put), C(3700, OptionRight.Put), C(3900, OptionRight.Call), C(3930, OptionRight.Call));
        Assert.Multiple(() =>
        {
            Assert.That(ic.Kind, Is.EqualTo(StructureKind.IronCondor));
            Assert.That(ic.Count, Is.EqualTo(4));
            Assert.That(ic[0].Side, Is.EqualTo(LegSide.Buy));
            Assert.That(ic[1].Ratio, Is.EqualTo(-1));
            Assert.That(ic[2].Contract.Strike, Is.EqualTo(3900m));
            Assert.That(ic.Underlying, Is.EqualTo(new Ticker("SPX")));
            Assert.That(ic.NearestExpiry, Is.EqualTo(Expiry));
        });
    }

    [Test]
    public void IronCondor_WingsInsideShorts_Throws() =>
        Assert.That(() => OptionStructure.IronCondor(C(3720, OptionRight.Put), C(3700, OptionRight.Put), C(3900, OptionRight.Call), C(3930, OptionRight.Call)),
            Throws.ArgumentException.With.Message.Contains("long put < short put"));

    [Test]
    public void OneOneTwo_WellFormed_NakedLegHasRatioMinusTwo()
    {
        var s = OptionStructure.OneOneTwo(C(3530, OptionRight.Put), C(3480, OptionRight.Put), C(3340, OptionRight.Put));
        Assert.That(s[2].Ratio, Is.EqualTo(-2));
        Assert.That(s[2].Size, Is.EqualTo(2));
    }

    [Test]
    public void TryCreate_SparseChainSameStrikes_ReturnsReasonNotThrow()
    {
        Leg[] legs = [Leg.Sell(C(3700, OptionRight.Put)), Leg.Buy(C(3700, OptionRight.Put))];
        bool ok = OptionStructure.TryCreate(StructureKind.PutCreditSpread, legs, out _, out var reason);
        Assert.That(ok, Is.False);
        Assert.That(reason, Does.Contain("below the short put"));
    }

    [Test]
    public void LeapPlusShortCall_ShortExpiresFirst_NearestExpiryIsShort()
    {
        var leap = C(300, OptionRight.Call, new DateOnly(2022, 1, 21));
        var weekly = C(330, OptionRight.Call, new DateOnly(2021, 1, 15));
        var s = OptionStructure.LeapPlusShortCall(leap, weekly);
        Assert.That(s.NearestExpiry, Is.EqualTo(new DateOnly(2021, 1, 15)));
    }

    [Test]
    public void Equality_SameLegs_AreEqual()
    {
        var a = OptionStructure.SinglePut(C(3500, OptionRight.Put));
        var b = OptionStructure.SinglePut(C(3500m, OptionRight.Put));
        Assert.That(a, Is.EqualTo(b));
    }

    [Test]
    public void ToString_Contract_IsReadable() =>
        Assert.That(C(3700, OptionRight.Put).ToString(), Is.EqualTo("SPXW 2021-01-08 3700 P"));
}

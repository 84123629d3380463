using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Tests.Domain;

public sealed class QuoteTests
{
    private static readonly DateTime T = new(2021, 1, 8, 10, 30, 0);

    [Test]
    public void Mid_TwoSided_IsAverage()
    {
        var q = new Quote(1.10, 1.30, 5, 7, T);
        Assert.Multiple(() =>
        {
            Assert.That(q.IsTwoSided && q.IsUsable && !q.IsCrossed, Is.True);
            Assert.That(q.Mid, Is.EqualTo(1.20).Within(1e-12));
            Assert.That(q.Spread, Is.EqualTo(0.20).Within(1e-12));
            Assert.That(q.Natural(LegSide.Buy), Is.EqualTo(1.30));
            Assert.That(q.Natural(LegSide.Sell), Is.EqualTo(1.10));
        });
    }

    [Test]
    public void Mid_Crossed_IsNaNAndFlagged()
    {
        var q = new Quote(1.40, 1.30, 1, 1, T);
        Assert.Multiple(() =>
        {
            Assert.That(q.IsCrossed, Is.True);
            Assert.That(q.IsUsable, Is.False);
            Assert.That(q.Mid, Is.NaN);
            Assert.That(q.Natural(LegSide.Buy), Is.NaN);
        });
    }

    [TestCase(0.0, 0.05)]
    [TestCase(0.05, 0.0)]
    [TestCase(double.NaN, 0.05)]
    public void IsTwoSided_MissingSide_IsFalse(double bid, double ask)
    {
        var q = new Quote(bid, ask, 0, 0, T);
        Assert.That(q.IsTwoSided, Is.False);
        Assert.That(q.Mid, Is.NaN);
    }

    [Test]
    public void Locked_BidEqualsAsk_IsUsable() => Assert.That(new Quote(1.0, 1.0, 1, 1, T).IsUsable, Is.True);
}

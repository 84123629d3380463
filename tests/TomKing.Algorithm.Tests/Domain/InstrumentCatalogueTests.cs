using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Tests.Domain;

public sealed class InstrumentCatalogueTests
{
    [TestCase("ES", CorrelationGroup.A1)]
    [TestCase("MES", CorrelationGroup.A1)]
    [TestCase("MYM", CorrelationGroup.A1)]
    [TestCase("SPXW", CorrelationGroup.A2)]
    [TestCase("spy", CorrelationGroup.A2)]
    [TestCase("TLT", CorrelationGroup.B1)]
    [TestCase("PA", CorrelationGroup.B2)]
    [TestCase("XOP", CorrelationGroup.C1)]
    [TestCase("NG", CorrelationGroup.C2)]
    [TestCase("ZW", CorrelationGroup.D1)]
    [TestCase("GF", CorrelationGroup.D2)]
    [TestCase("M6A", CorrelationGroup.E)]
    [Category("P-3")]
    public void GroupOf_RulebookMember_IsItsGroup_P3(string ticker, CorrelationGroup expected)
    {
        var membership = InstrumentCatalogue.GroupOf(ticker);
        Assert.Multiple(() =>
        {
            Assert.That(membership.Group, Is.EqualTo(expected));
            Assert.That(membership.IsRefused, Is.False);
            Assert.That(membership.RefusalReason, Is.Null);
        });
    }

    [TestCase("AAPL")]
    [TestCase("VIX")]
    [Category("P-3")]
    public void GroupOf_UnknownUnderlying_IsRefusedWithReason_P3(string ticker)
    {
        var membership = InstrumentCatalogue.GroupOf(ticker);
        Assert.Multiple(() =>
        {
            Assert.That(membership.Group, Is.EqualTo(CorrelationGroup.None));
            Assert.That(membership.IsRefused, Is.True);
            Assert.That(membership.RefusalReason, Does.Contain("P-3").And.Contain(ticker));
        });
    }

    [TestCase("ES", 50.0, 50.0, 0.25, false)]
    [TestCase("MES", 5.0, 5.0, 0.25, true)]
    [TestCase("SPX", 1.0, 100.0, 0.01, false)]
    [TestCase("SPY", 1.0, 100.0, 0.01, false)]
    [TestCase("CL", 1000.0, 1000.0, 0.01, false)]
    [TestCase("MCL", 100.0, 100.0, 0.01, true)]
    [TestCase("GC", 100.0, 100.0, 0.1, false)]
    [TestCase("ZC", 5000.0, 5000.0, 0.0025, false)]
    public void Get_ContractFacts_MatchExchangeSpecs(string ticker, double pointValue, double optionMultiplier, double tick, bool micro)
    {
        var i = InstrumentCatalogue.Get(ticker);
        Assert.Multiple(() =>
        {
            Assert.That(i.PointValue, Is.EqualTo((decimal)pointValue));
            Assert.That(i.OptionMultiplier, Is.EqualTo((decimal)optionMultiplier));
            Assert.That(i.TickSize, Is.EqualTo((decimal)tick));
            Assert.That(i.IsMicro, Is.EqualTo(micro));
        });
    }

    [Test]
    public void Get_Spxw_IsPmSettledEuropeanCashOnSpx()
    {
        var spxw = InstrumentCatalogue.Get("SPXW");
        Assert.Multiple(() =>
        {
            Assert.That(spxw.Underlying, Is.EqualTo(new Ticker("SPX")));
            Assert.That(spxw.IsOptionRootAlias, Is.True);
            Assert.That(spxw.OptionExercise, Is.EqualTo(ExerciseStyle.European));
            Assert.That(spxw.OptionSettlement, Is.EqualTo(OptionSettlement.PmCash));
            Assert.That(InstrumentCatalogue.Get("SPX").OptionSettlement, Is.EqualTo(OptionSettlement.AmCash));
        });
    }

    [Test]
    public void TryGet_Unknown_ReturnsFalse() => Assert.That(InstrumentCatalogue.TryGet("NOPE", out _), Is.False);

    [Test]
    public void Ticker_LowerCaseAndSpaces_NormalizedAndEqual() =>
        Assert.That(new Ticker(" spxw "), Is.EqualTo(new Ticker("SPXW")));
}

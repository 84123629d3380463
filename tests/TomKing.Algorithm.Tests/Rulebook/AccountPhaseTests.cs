using TomKing.Algorithm.Rulebook;

namespace TomKing.Algorithm.Tests.Rulebook;

[Category("P-2")]
public sealed class AccountPhaseTests
{
    private static readonly PhaseSettings Phases = RulebookSettings.Default.Phases;

    [TestCase(-1_000, AccountPhase.Phase1)]
    [TestCase(0, AccountPhase.Phase1)]
    [TestCase(39_999.99, AccountPhase.Phase1)]
    [TestCase(40_000, AccountPhase.Phase2)]
    [TestCase(59_999.99, AccountPhase.Phase2)]
    [TestCase(60_000, AccountPhase.Phase3)]
    [TestCase(99_999.99, AccountPhase.Phase3)]
    [TestCase(100_000, AccountPhase.Phase4)]
    [TestCase(5_000_000, AccountPhase.Phase4)]
    public void Classify_NetLiqAtBoundaries_LowerBoundInclusive_P2(double netLiq, AccountPhase expected) =>
        Assert.That(Phases.Classify((decimal)netLiq), Is.EqualTo(expected));

    [TestCase(AccountPhase.Phase1, 3)]
    [TestCase(AccountPhase.Phase2, 5)]
    [TestCase(AccountPhase.Phase3, 7)]
    [TestCase(AccountPhase.Phase4, 10)]
    public void RulesFor_EachPhase_MaxPositionsAsRulebook_P2(AccountPhase phase, int expected) =>
        Assert.That(Phases.RulesFor(phase).MaxPositions, Is.EqualTo(expected));

    [Test]
    public void RulesFor_Phase1_OnlyMicroStranglesAndNoLt112_P2()
    {
        var p1 = Phases.RulesFor(AccountPhase.Phase1);
        Assert.Multiple(() =>
        {
            Assert.That(p1.StrangleFutures, Is.EquivalentTo(new[] { "MCL", "MGC" }));
            Assert.That(p1.Lt112Instruments, Is.Empty);
            Assert.That(p1.IpmccMaxPositions, Is.EqualTo(1));
            Assert.That(p1.LeapLadder, Is.False);
        });
    }

    [Test]
    public void RulesFor_Phase4_AddsFullSizeMetalsBondsCurrencies_P2()
    {
        var p4 = Phases.RulesFor(AccountPhase.Phase4);
        Assert.Multiple(() =>
        {
            Assert.That(p4.StrangleFutures, Is.SupersetOf(Phases.Phase3.StrangleFutures));
            Assert.That(p4.StrangleFutures, Is.SupersetOf(new[] { "SI", "HG", "ZB", "6E", "6J" }));
            Assert.That(p4.Lt112StackedWednesdays, Is.True);
            Assert.That(Phases.Phase2.Lt112Instruments, Is.EquivalentTo(new[] { "MES" }));
            Assert.That(Phases.Phase2.ZeroDteMaxContracts, Is.EqualTo(1));
        });
    }
}

using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Risk;
using TomKing.Greeks;

namespace TomKing.Algorithm.Tests.Risk;

/// <summary>P-7 and far wings offered with no bid (common on 0DTE chains).</summary>
public sealed class GreeksLimitWingTests
{
    [Test]
    public void Check_LongWingOfferedWithoutBid_CountsAsZeroNotRefusedP7()
    {
        var s = new RiskScenario(rules: RiskScenario.RelaxedGreeks);
        // Far below 3800 on the 16-day expiry the model quotes have no bid: the wing is the highest such
        // strike, the short the first strike above it with a two-sided quote.
        (double wing, double shortStrike) = NoBidBoundary(s);
        Assert.That(Bid(s, wing), Is.Zero, "precondition: the wing is offered with no bid");
        Assert.That(Bid(s, shortStrike), Is.GreaterThan(0.0), "precondition: the short leg is two-sided");
        var v = s.Check(RiskScenario.Open(StrategyId.F0, s.PutSpread("SPXW", RiskScenario.D16, shortStrike, wing)));
        Assert.That(v.RuleIds, Does.Not.Contain("P-7"), v.Reason);
        Assert.That(v.IsApproved, Is.True, v.Reason);
    }

    [Test]
    public void Check_ShortLegOfferedWithoutBid_StillRefusedP7()
    {
        var s = new RiskScenario(rules: RiskScenario.RelaxedGreeks);
        (double wing, _) = NoBidBoundary(s);
        Assert.That(Bid(s, wing), Is.Zero, "precondition: the short leg is offered with no bid");
        var v = s.Check(RiskScenario.Open(StrategyId.F0, s.PutSpread("SPXW", RiskScenario.D16, wing, wing - 10)));
        Assert.That((v.Outcome, v.RuleIds), Is.EqualTo((RiskOutcome.Denied, "P-7")));
    }

    private static (double Wing, double Short) NoBidBoundary(RiskScenario s)
    {
        for (double k = 3200; k < 3800; k += 10)
        {
            if (Bid(s, k) > 0.0)
            {
                Assert.That(k, Is.GreaterThan(3210.0), "the chain must have at least two no-bid strikes below the boundary");
                return (k - 10, k);
            }
        }

        Assert.Fail("no two-sided put below 3800");
        return default;
    }

    private static double Bid(RiskScenario s, double strike)
    {
        Assert.That(s.Market.TryGetChain("SPXW", out OptionChain chain) && chain.TryGetExpiry(RiskScenario.D16, out ChainExpiry expiry), Is.True);
        chain.TryGetExpiry(RiskScenario.D16, out ChainExpiry e);
        return e.QuoteAt(e.IndexOfStrike(strike), OptionRight.Put).Bid;
    }
}

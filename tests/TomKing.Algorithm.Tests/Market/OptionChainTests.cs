using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Testing;
using TomKing.Greeks;

namespace TomKing.Algorithm.Tests.Market;

public sealed class OptionChainTests
{
    private static readonly DateTime Friday1030 = new(2021, 1, 8, 10, 30, 0);
    private static readonly DateOnly Today = new(2021, 1, 8);

    private static OptionChain Spxw0Dte(double vol = 0.15) =>
        new OptionChainBuilder(InstrumentCatalogue.Get("SPXW"))
            .AsOf(Friday1030)
            .UnderlyingPrice(3800)
            .AddModelQuotes(Today, Enumerable.Range(0, 81).Select(i => 3600.0 + (5 * i)), _ => vol, halfSpread: 0.05)
            .Build();

    [Test]
    public void GreeksAfterAForwardMove_WarmStarted_EqualAFreshChainsGreeks()
    {
        // Chain A has every Greek cached, so after the at-the-money quotes move (which moves the parity
        // forward and discards them) its implied-vol solves start from each contract's previous
        // volatility; chain B gets the same quotes and solves cold. Same Greeks, to rounding.
        var warm = Spxw0Dte().ExpiryAt(0);
        var cold = Spxw0Dte().ExpiryAt(0);
        for (int i = 0; i < warm.Count; i++)
        {
            _ = warm.GreeksAt(i, OptionRight.Call);
            _ = warm.GreeksAt(i, OptionRight.Put);
        }

        double forwardBefore = warm.Forward;
        foreach (var e in new[] { warm, cold })
        {
            for (int i = 38; i <= 42; i++)
            {
                var q = e.QuoteAt(i, OptionRight.Call);
                e.UpdateQuote(i, OptionRight.Call, new Quote(q.Bid + 0.10, q.Ask + 0.10, q.BidSize, q.AskSize, q.Time));
            }
        }

        Assert.That(warm.Forward, Is.Not.EqualTo(forwardBefore), "the parity forward moved");
        Assert.That(warm.Forward, Is.EqualTo(cold.Forward));
        int compared = 0;
        for (int i = 0; i < warm.Count; i++)
        {
            foreach (var right in new[] { OptionRight.Call, OptionRight.Put })
            {
                var a = warm.GreeksAt(i, right);
                var b = cold.GreeksAt(i, right);
                Assert.That(a.Status, Is.EqualTo(b.Status), $"{i} {right}");
                if (!a.IsAvailable)
                {
                    continue;
                }

                Assert.That(a.ImpliedVolatility, Is.EqualTo(b.ImpliedVolatility).Within(1e-10).Percent, $"{i} {right}");
                Assert.That(a.Greeks.Delta, Is.EqualTo(b.Greeks.Delta).Within(1e-12), $"{i} {right}");
                Assert.That(a.Greeks.Gamma, Is.EqualTo(b.Greeks.Gamma).Within(1e-10).Percent, $"{i} {right}");
                compared++;
            }
        }

        Assert.That(compared, Is.GreaterThan(40), "the two-sided middle of the 0DTE chain (its wings are bid at zero)");
    }

    [Test]
    public void Build_HandBuiltChain_HasSortedStrikesAndSpans()
    {
        var chain = Spxw0Dte();
        Assert.That(chain.ExpiryCount, Is.EqualTo(1));
        var e = chain.ExpiryAt(0);
        Assert.Multiple(() =>
        {
            Assert.That(chain.Root, Is.EqualTo(new Ticker("SPXW")));
            Assert.That(chain.Underlying, Is.EqualTo(new Ticker("SPX")));
            Assert.That(e.Count, Is.EqualTo(81));
            Assert.That(e.Strikes[0], Is.EqualTo(3600));
            Assert.That(e.Strikes[^1], Is.EqualTo(4000));
            Assert.That(e.CallBids.Length, Is.EqualTo(81));
            Assert.That(e.Model, Is.EqualTo(GreeksModel.EuropeanOnParityForward));
            Assert.That(e.IndexOfStrike(3805), Is.EqualTo(41));
            Assert.That(e.NearestStrikeIndex(3806.2), Is.EqualTo(41));
            Assert.That(e.NearestStrikeIndex(10), Is.Zero);
            Assert.That(e.ContractAt(41, OptionRight.Put).ToString(), Is.EqualTo("SPXW 2021-01-08 3805 P"));
        });
    }

    [Test]
    public void GreeksAt_AtTheMoney_RecoversModelVolAndHalfDelta()
    {
        var e = Spxw0Dte().ExpiryAt(0);
        var g = e.GreeksAt(e.IndexOfStrike(3800), OptionRight.Call);
        Assert.Multiple(() =>
        {
            Assert.That(g.IsAvailable, Is.True);
            Assert.That(g.ImpliedVolatility, Is.EqualTo(0.15).Within(1e-9));
            Assert.That(g.Delta, Is.EqualTo(0.5).Within(0.01));
            Assert.That(e.Forward, Is.EqualTo(3800).Within(1e-9));
        });
    }

    [Test]
    public void GreeksAt_PutScan_FindsStrikeClosestTo016Delta()
    {
        var e = Spxw0Dte().ExpiryAt(0);
        int best = -1;
        double bestGap = double.MaxValue;
        for (int i = 0; i < e.Count; i++)
        {
            var g = e.GreeksAt(i, OptionRight.Put);
            if (g.IsAvailable && g.AbsDelta <= 0.25 && Math.Abs(g.AbsDelta - 0.16) < bestGap)
            {
                bestGap = Math.Abs(g.AbsDelta - 0.16);
                best = i;
            }
        }

        Assert.That(best, Is.GreaterThan(0));
        Assert.That(e.Strikes[best], Is.LessThan(3800));
        Assert.That(bestGap, Is.LessThan(0.03));
    }

    [Test]
    public void GreeksAt_SameQuote_IsCachedUntilQuoteChanges()
    {
        var e = Spxw0Dte().ExpiryAt(0);
        int k = e.IndexOfStrike(3750);
        var first = e.GreeksAt(k, OptionRight.Put);
        Assert.That(e.GreeksAt(k, OptionRight.Put), Is.EqualTo(first));
        var q = e.QuoteAt(k, OptionRight.Put);
        e.UpdateQuote(k, OptionRight.Put, q with { Bid = q.Bid + 0.5, Ask = q.Ask + 0.5 });
        var after = e.GreeksAt(k, OptionRight.Put);
        Assert.That(after.ImpliedVolatility, Is.GreaterThan(first.ImpliedVolatility));
    }

    [Test]
    public void GreeksAt_TimeMoves_RecomputesWithLessTime()
    {
        var chain = Spxw0Dte();
        var e = chain.ExpiryAt(0);
        int k = e.IndexOfStrike(3800);
        double before = e.GreeksAt(k, OptionRight.Call).Years;
        chain.SetTime(Friday1030.AddHours(2));
        Assert.That(e.GreeksAt(k, OptionRight.Call).Years, Is.LessThan(before));
    }

    [Test]
    public void GreeksAt_CrossedOrOneSidedOrExpired_ReportsWhy()
    {
        var chain = Spxw0Dte();
        var e = chain.ExpiryAt(0);
        e.UpdateQuote(10, OptionRight.Call, new Quote(5.0, 4.0, 1, 1, Friday1030));
        Assert.Multiple(() =>
        {
            Assert.That(e.GreeksAt(10, OptionRight.Call).Status, Is.EqualTo(GreeksStatus.CrossedQuote));
            Assert.That(e.GreeksAt(0, OptionRight.Put).Status, Is.EqualTo(GreeksStatus.NoTwoSidedQuote), "far OTM wing: zero bid");
        });
        chain.SetTime(new DateTime(2021, 1, 8, 16, 0, 0));
        Assert.That(e.GreeksAt(40, OptionRight.Call).Status, Is.EqualTo(GreeksStatus.Expired));
    }

    [Test]
    public void GreeksAt_EquityChain_UsesSpotModel()
    {
        var chain = new OptionChainBuilder(InstrumentCatalogue.Get("QQQ"))
            .AsOf(Friday1030).UnderlyingPrice(310).Rates(new ConstantRate(0.01), 0.005)
            .AddModelQuotes(new DateOnly(2022, 1, 21), [250.0, 310.0, 370.0], _ => 0.25, 0.05)
            .Build();
        var e = chain.ExpiryAt(0);
        var g = e.GreeksAt(0, OptionRight.Call);
        Assert.That(e.Model, Is.EqualTo(GreeksModel.AmericanOnSpot));
        Assert.That(g.IsAvailable, Is.True);
        Assert.That(g.ImpliedVolatility, Is.EqualTo(0.25).Within(1e-6));
        Assert.That(g.Delta, Is.InRange(0.75, 0.95));
    }

    [Test]
    public void TryGetExpiry_UnknownDate_ReturnsFalse() =>
        Assert.That(Spxw0Dte().TryGetExpiry(new DateOnly(2021, 1, 15), out _), Is.False);

    [Test]
    public void FakeClock_SetAndAdvance_MovesNow()
    {
        var clock = new FakeClock(Friday1030);
        clock.Advance(TimeSpan.FromMinutes(30));
        Ports.IClock port = clock;
        Assert.That(port.Now, Is.EqualTo(new DateTime(2021, 1, 8, 11, 0, 0)));
        Assert.That(port.Today, Is.EqualTo(Today));
        Assert.That(port.UtcNow, Is.EqualTo(new DateTime(2021, 1, 8, 16, 0, 0)));
    }
}

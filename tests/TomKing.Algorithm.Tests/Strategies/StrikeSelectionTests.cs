using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Strategies.Core;
using TomKing.Greeks;

namespace TomKing.Algorithm.Tests.Strategies;

public sealed class StrikeSelectionTests
{
    /// <summary>The bisecting selection equals the full scan on arbitrage-free skewed chains, for
    /// 0DTE to a year, both rights, targets across the delta range (F0-3, FS-3, IPMCC-2, LPL-1).</summary>
    [Test]
    public void ClosestDelta_RandomSkewedChains_EqualsFullScan()
    {
        var random = new Random(42);
        var spxw = InstrumentCatalogue.Get("SPXW");
        int fastPathAgreements = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            var now = new DateTime(2021, 1, 8, 10, 30, 0);
            double spot = 3000 + (random.NextDouble() * 2000);
            int days = random.Next(0, 400);
            var expiry = DateOnly.FromDateTime(now).AddDays(days);
            double years = Math.Max(ExpiryTime.YearsToExpiry(now, expiry, SettlementStyle.PmClose), 1e-4);
            double atm = 0.1 + (random.NextDouble() * 0.4);
            double skew = random.NextDouble() * 1.2;
            double step = new[] { 5.0, 10.0, 25.0 }[random.Next(3)];
            double width = Math.Max(4.0 * atm * Math.Sqrt(years) * spot, 20 * step);
            var strikes = new List<double>();
            for (double k = Math.Round((spot - width) / step) * step; k <= spot + width; k += step)
            {
                strikes.Add(k);
            }

            var chain = new OptionChainBuilder(spxw).AsOf(now).UnderlyingPrice(spot)
                .AddModelQuotes(expiry, strikes, k => atm * Math.Max(0.4, 1.0 - (skew * Math.Log(k / spot) / Math.Sqrt(years) * 0.3)), 0.05)
                .Build();
            Assert.That(chain.TryGetExpiry(expiry, out ChainExpiry e), Is.True);
            foreach (OptionRight right in new[] { OptionRight.Put, OptionRight.Call })
            {
                double target = 0.03 + (random.NextDouble() * 0.85);
                double max = target + (random.NextDouble() * 0.3);
                int fast = StrikeSelection.ClosestDelta(e, right, target, max);
                int scan = StrikeSelection.ClosestDeltaByScan(e, right, target, max);
                Assert.That(fast, Is.EqualTo(scan), $"trial {trial} {right} target {target:F3} max {max:F3} days {days}");
                fastPathAgreements += fast >= 0 ? 1 : 0;
            }
        }

        Assert.That(fastPathAgreements, Is.GreaterThan(300), "most trials must find a strike");
    }

    /// <summary>0DTE chains whose far wings are bid at zero (no Greeks there), as real SPXW chains at
    /// 10:30 are, half of them with random strikes inside the chain also without a bid: the bisection starts from the first strikes with Greeks instead of falling back to
    /// the full scan, gives the scan's answer, and computes far fewer Greeks than the scan (measured on
    /// two identical fresh chains, so neither reuses the other's cache).</summary>
    [Test]
    public void ClosestDelta_ZeroDteChainsWithOneSidedWings_EqualsFullScanWithFewerGreeks()
    {
        var random = new Random(7);
        var spxw = InstrumentCatalogue.Get("SPXW");
        var now = new DateTime(2021, 1, 8, 10, 30, 0);
        var today = DateOnly.FromDateTime(now);
        long fastComputations = 0, scanComputations = 0;
        int oneSidedWings = 0;
        for (int trial = 0; trial < 60; trial++)
        {
            double spot = 3000 + (random.NextDouble() * 2000);
            double atm = 0.15 + (random.NextDouble() * 0.3);
            double skew = random.NextDouble() * 1.5;
            var strikes = new List<double>();
            for (double k = Math.Round(spot * 0.9 / 5) * 5; k <= spot * 1.08; k += 5)
            {
                strikes.Add(k);
            }

            // half the trials punch holes: random strikes lose their bid (no Greeks, not candidates)
            var holes = new HashSet<int>();
            if (trial % 2 == 1)
            {
                for (int h = 0; h < strikes.Count / 8; h++)
                {
                    holes.Add(random.Next(strikes.Count));
                }
            }

            ChainExpiry Fresh()
            {
                var chain = new OptionChainBuilder(spxw).AsOf(now).UnderlyingPrice(spot)
                    .AddModelQuotes(today, strikes, k => atm + (skew * Math.Abs(k - spot) / spot), 0.05)
                    .Build();
                chain.TryGetExpiry(today, out ChainExpiry e);
                foreach (int k in holes)
                {
                    foreach (OptionRight r in new[] { OptionRight.Put, OptionRight.Call })
                    {
                        var q = e.QuoteAt(k, r);
                        e.UpdateQuote(k, r, new Quote(0.0, q.Ask, 0, q.AskSize, q.Time));
                    }
                }

                return e;
            }

            foreach (OptionRight right in new[] { OptionRight.Put, OptionRight.Call })
            {
                var fastChain = Fresh();
                var scanChain = Fresh();
                oneSidedWings += !fastChain.GreeksAt(right == OptionRight.Put ? 0 : fastChain.Count - 1, right).IsAvailable ? 1 : 0;
                fastComputations -= fastChain.GreeksComputations;
                scanComputations -= scanChain.GreeksComputations;
                double target = 0.05 + (random.NextDouble() * 0.3);
                int fast = StrikeSelection.ClosestDelta(fastChain, right, target, 0.5);
                int scan = StrikeSelection.ClosestDeltaByScan(scanChain, right, target, 0.5);
                fastComputations += fastChain.GreeksComputations;
                scanComputations += scanChain.GreeksComputations;
                Assert.That(fast, Is.EqualTo(scan), $"trial {trial} {right} target {target:F3}");
            }
        }

        Assert.That(oneSidedWings, Is.GreaterThan(60), "most chains must have a far wing without Greeks (the case under test)");
        Assert.That(fastComputations, Is.LessThan(scanComputations * 0.6), $"fast {fastComputations} vs scan {scanComputations} Greeks computations");
        TestContext.Out.WriteLine($"Greeks computed: bisection {fastComputations}, scan {scanComputations}");
    }
}

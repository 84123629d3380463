using TomKing.Algorithm.Market;

namespace TomKing.Brokerages.Tastytrade.Tests.LiveMarket;

/// <summary>The shared EMA function the live view uses, against hand-computed values.</summary>
[TestFixture]
public class DailyEmaFunctionTests
{
    [Test]
    public void TryCompute_SeededWithTheSma_ThenAlphaTwoOverPeriodPlusOne()
    {
        // period 2: seed (1 + 2) / 2 = 1.5; α = 2/3: 1.5 + 2/3·1.5 = 2.5; 2.5 + 2/3·1.5 = 3.5; 3.5 + 2/3·1.5 = 4.5.
        Assert.That(DailyEma.TryCompute([1, 2, 3, 4, 5], 2, out double ema), Is.True);
        Assert.That(ema, Is.EqualTo(4.5).Within(1e-12));
        Assert.That(DailyEma.TryCompute([10, 20, 30], 3, out ema), Is.True);
        Assert.That(ema, Is.EqualTo(20.0), "exactly period closes: the simple average");
        Assert.That(DailyEma.TryCompute([1, 2], 3, out _), Is.False);
        Assert.That(DailyEma.TryCompute([1, 2], 0, out _), Is.False);
    }

    [Test]
    public void TryComputeWindow_UsesTheLastFivePeriodsOfCloses()
    {
        // period 1 (α = 1): the EMA is the last close; window 5. Period 2: window 10 → the last 10 of 12 closes.
        Assert.That(DailyEma.TryComputeWindow([7, 8, 9, 10, 11], 1, out double ema), Is.True);
        Assert.That(ema, Is.EqualTo(11.0));
        double[] closes = [1000, 1000, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.That(DailyEma.TryComputeWindow(closes, 2, out ema), Is.True);
        Assert.That(DailyEma.TryCompute(closes.AsSpan(2), 2, out double expected), Is.True);
        Assert.That(ema, Is.EqualTo(expected), "the two oldest closes are outside the window");
        Assert.That(ema, Is.EqualTo(9.5).Within(1e-9), "seed 1.5, then each step closes 2/3 of a gap that stays 1.5: 9.5 at 10");
        Assert.That(DailyEma.TryComputeWindow(closes.AsSpan(3), 2, out _), Is.False, "9 closes < 5 × 2");
    }
}

using TomKing.Engine.Results;

namespace TomKing.Engine.Tests.Results;

/// <summary>
/// The metrics against a series worked out by hand.
/// Start V0 = 100,000; closes 101,000 / 99,990 / 102,989.70 / 100,929.906 / 103,957.80318, i.e. daily
/// returns +1 %, −1 %, +3 %, −2 %, +3 % (each close = previous × (1 + r), exact in decimal).
///   mean = (0.01 − 0.01 + 0.03 − 0.02 + 0.03) / 5 = 0.04 / 5 = 0.008
///   deviations from the mean: 0.002, −0.018, 0.022, −0.028, 0.022
///   squares: 0.000004 + 0.000324 + 0.000484 + 0.000784 + 0.000484 = 0.00208; sample variance 0.00208 / 4 = 0.00052
///   Sharpe² = 0.008² / 0.00052 × 252 = 0.000064 / 0.00052 × 252 = 403.2 / 13 = 31.0153846… → Sharpe = 5.569145770…
///   downside: min(r,0)² = 0.0001 (−1 %) + 0.0004 (−2 %) = 0.0005; / 5 days = 0.0001 → DD = 0.01
///   Sortino = 0.008 / 0.01 × √252 = 0.8 × 15.874507866 = 12.699606293…
///   drawdowns: 101,000 → 99,990 is 1,010 / 101,000 = 1 %; 102,989.70 → 100,929.906 is 2 % → max 0.02
///   CAGR = 1.0395780318^(252/5) − 1 = 6.0728998971 (five days of +3.96 % compounded over a year)
/// </summary>
public sealed class PerformanceMetricsTests
{
    private const decimal Start = 100_000m;
    private static readonly decimal[] Closes = [101_000m, 99_990m, 102_989.7m, 100_929.906m, 103_957.80318m];

    [Test]
    public void DailyReturns_FiveDays_MatchTheHandSeries()
    {
        double[] r = PerformanceMetrics.DailyReturns(Start, Closes);
        Assert.That(r, Is.EqualTo(new[] { 0.01, -0.01, 0.03, -0.02, 0.03 }).Within(1e-15));
    }

    [Test]
    public void Sharpe_FiveDays_IsRootOf403Point2Over13()
    {
        double sharpe = PerformanceMetrics.Sharpe(PerformanceMetrics.DailyReturns(Start, Closes));
        Assert.That(sharpe, Is.EqualTo(5.5691457707070864).Within(1e-12));
    }

    [Test]
    public void Sortino_FiveDays_IsPoint8TimesRoot252()
    {
        double sortino = PerformanceMetrics.Sortino(PerformanceMetrics.DailyReturns(Start, Closes));
        Assert.That(sortino, Is.EqualTo(12.699606293110037).Within(1e-12));
    }

    [Test]
    public void MaxDrawdown_FiveDays_IsTwoPercent()
    {
        Assert.That(PerformanceMetrics.MaxDrawdown(Start, Closes), Is.EqualTo(0.02).Within(1e-15));
        Assert.That(PerformanceMetrics.Drawdowns(Start, Closes), Is.EqualTo(new[] { 0, 0.01, 0, 0.02, 0 }).Within(1e-15));
    }

    [Test]
    public void MaxDrawdown_FirstDayBelowStart_CountsFromTheStartingCash()
    {
        Assert.That(PerformanceMetrics.MaxDrawdown(1000m, [900m, 950m]), Is.EqualTo(0.1).Within(1e-15));
    }

    [Test]
    public void Cagr_FiveDays_CompoundsOver252TradingDays()
    {
        Assert.That(PerformanceMetrics.Cagr(Start, Closes), Is.EqualTo(6.072899897063099).Within(1e-9));
    }

    [Test]
    public void Cagr_OneYearOfDays_IsTheTotalReturn()
    {
        var closes = Enumerable.Repeat(50_000m, 251).Append(55_000m).ToArray();
        Assert.That(PerformanceMetrics.Cagr(50_000m, closes), Is.EqualTo(0.10).Within(1e-12));
    }

    [Test]
    public void WinRate_FlatTradeIsNotAWin()
    {
        Assert.That(PerformanceMetrics.WinRate([120m, -80m, 0m, 45m]), Is.EqualTo(0.5));
        Assert.That(PerformanceMetrics.WinRate([]), Is.Zero);
    }

    [Test]
    public void Ratios_Undefined_AreNaN()
    {
        Assert.That(PerformanceMetrics.Sharpe([0.01]), Is.NaN, "one return");
        Assert.That(PerformanceMetrics.Sharpe([0.01, 0.01, 0.01]), Is.NaN, "no deviation");
        Assert.That(PerformanceMetrics.Sortino([0.01, 0.02]), Is.NaN, "no losing day");
        Assert.That(PerformanceMetrics.Cagr(1000m, []), Is.NaN, "no days");
    }

    [Test]
    public void Summarize_FiveDays_FillsEveryField()
    {
        PerformanceSummary s = PerformanceMetrics.Summarize(Start, Closes, [120m, -80m, 0m, 45m], 17.5m);
        Assert.Multiple(() =>
        {
            Assert.That(s.StartingNetLiq, Is.EqualTo(Start));
            Assert.That(s.EndingNetLiq, Is.EqualTo(103_957.80318m));
            Assert.That(s.NetProfit, Is.EqualTo(3_957.80318m));
            Assert.That(s.TotalFees, Is.EqualTo(17.5m));
            Assert.That(s.Sharpe, Is.EqualTo(5.5691457707070864).Within(1e-12));
            Assert.That(s.Sortino, Is.EqualTo(12.699606293110037).Within(1e-12));
            Assert.That(s.MaxDrawdown, Is.EqualTo(0.02).Within(1e-15));
            Assert.That(s.Trades, Is.EqualTo(4));
            Assert.That(s.WinRate, Is.EqualTo(0.5));
        });
    }
}

namespace TomKing.Engine.Results;

/// <summary>
/// Account metrics from the daily equity series (net liq at each trading day's close).
/// <para>Conventions, used everywhere the results show these numbers:</para>
/// <list type="bullet">
/// <item>Daily returns r<sub>i</sub> = V<sub>i</sub> / V<sub>i−1</sub> − 1, where V<sub>0</sub> is the starting
/// net liq (before the first day) and V<sub>1..n</sub> are the closes, so n closes give n returns.</item>
/// <item>CAGR = (V<sub>n</sub> / V<sub>0</sub>)<sup>252 / n</sup> − 1: years are counted in trading days (252 a
/// year), the same clock as the annualization of Sharpe and Sortino.</item>
/// <item>Sharpe = mean(r) / s(r) · √252 with the sample standard deviation (n − 1) and a risk-free rate
/// of 0 (the account's cash earns nothing in the simulation, so excess return = return).</item>
/// <item>Sortino = mean(r) / DD · √252 with the downside deviation DD = √(Σ min(r, 0)² / n), target 0,
/// over all n days (not only the losing ones).</item>
/// <item>Max drawdown = max over days of (peak − V) / peak, where the peak includes V<sub>0</sub>.</item>
/// <item>Win rate = closed positions with realized P&amp;L &gt; 0 / closed positions (a flat trade is not a win).</item>
/// </list>
/// A ratio that is undefined (fewer than two returns, or zero deviation) is NaN; the report shows it as
/// "n/a". A win rate with no closed trades is 0.
/// </summary>
public static class PerformanceMetrics
{
    /// <summary>Trading days per year used to annualize.</summary>
    public const int TradingDaysPerYear = 252;

    /// <summary>Daily returns: one per close, the first against <paramref name="startingNetLiq"/>.</summary>
    public static double[] DailyReturns(decimal startingNetLiq, IReadOnlyList<decimal> closes)
    {
        ArgumentNullException.ThrowIfNull(closes);
        var returns = new double[closes.Count];
        decimal previous = startingNetLiq;
        for (int i = 0; i < closes.Count; i++)
        {
            returns[i] = previous == 0m ? 0.0 : (double)(closes[i] / previous) - 1.0;
            previous = closes[i];
        }

        return returns;
    }

    /// <summary>Compound annual growth rate over <c>closes.Count</c> trading days (fraction; NaN without
    /// closes or with a non-positive start or end).</summary>
    public static double Cagr(decimal startingNetLiq, IReadOnlyList<decimal> closes)
    {
        ArgumentNullException.ThrowIfNull(closes);
        if (closes.Count == 0 || startingNetLiq <= 0m || closes[^1] <= 0m)
        {
            return double.NaN;
        }

        double growth = (double)(closes[^1] / startingNetLiq);
        return Math.Pow(growth, TradingDaysPerYear / (double)closes.Count) - 1.0;
    }

    /// <summary>Annualized Sharpe ratio of daily returns (risk-free 0, sample deviation, √252).</summary>
    public static double Sharpe(IReadOnlyList<double> dailyReturns)
    {
        ArgumentNullException.ThrowIfNull(dailyReturns);
        int n = dailyReturns.Count;
        if (n < 2)
        {
            return double.NaN;
        }

        double mean = Mean(dailyReturns);
        double sumSquares = 0;
        for (int i = 0; i < n; i++)
        {
            double d = dailyReturns[i] - mean;
            sumSquares += d * d;
        }

        double deviation = Math.Sqrt(sumSquares / (n - 1));
        return deviation > 0 ? mean / deviation * Math.Sqrt(TradingDaysPerYear) : double.NaN;
    }

    /// <summary>Annualized Sortino ratio of daily returns (target 0, downside deviation over all days, √252).</summary>
    public static double Sortino(IReadOnlyList<double> dailyReturns)
    {
        ArgumentNullException.ThrowIfNull(dailyReturns);
        int n = dailyReturns.Count;
        if (n < 2)
        {
            return double.NaN;
        }

        double downside = 0;
        for (int i = 0; i < n; i++)
        {
            double r = Math.Min(dailyReturns[i], 0.0);
            downside += r * r;
        }

        double deviation = Math.Sqrt(downside / n);
        return deviation > 0 ? Mean(dailyReturns) / deviation * Math.Sqrt(TradingDaysPerYear) : double.NaN;
    }

    /// <summary>Drawdown at each close: (high-water mark − close) / high-water mark, the mark starting at
    /// <paramref name="startingNetLiq"/> (fractions, ≥ 0).</summary>
    public static double[] Drawdowns(decimal startingNetLiq, IReadOnlyList<decimal> closes)
    {
        ArgumentNullException.ThrowIfNull(closes);
        var drawdowns = new double[closes.Count];
        decimal peak = startingNetLiq;
        for (int i = 0; i < closes.Count; i++)
        {
            peak = Math.Max(peak, closes[i]);
            drawdowns[i] = peak > 0m ? (double)((peak - closes[i]) / peak) : 0.0;
        }

        return drawdowns;
    }

    /// <summary>Largest drawdown of the series (fraction, ≥ 0; 0 for an empty series).</summary>
    public static double MaxDrawdown(decimal startingNetLiq, IReadOnlyList<decimal> closes)
    {
        double max = 0;
        foreach (double d in Drawdowns(startingNetLiq, closes))
        {
            max = Math.Max(max, d);
        }

        return max;
    }

    /// <summary>Share of closed positions with positive realized P&amp;L (0 when none closed).</summary>
    public static double WinRate(IReadOnlyList<decimal> closedTradePnls)
    {
        ArgumentNullException.ThrowIfNull(closedTradePnls);
        if (closedTradePnls.Count == 0)
        {
            return 0.0;
        }

        int wins = 0;
        foreach (decimal pnl in closedTradePnls)
        {
            if (pnl > 0m)
            {
                wins++;
            }
        }

        return wins / (double)closedTradePnls.Count;
    }

    /// <summary>The whole account summary from the closes, the closed positions' realized P&amp;L and the
    /// fees paid. The ending net liq is the last close (the start when there are none).</summary>
    public static PerformanceSummary Summarize(decimal startingNetLiq, IReadOnlyList<decimal> closes, IReadOnlyList<decimal> closedTradePnls, decimal totalFees)
    {
        ArgumentNullException.ThrowIfNull(closes);
        ArgumentNullException.ThrowIfNull(closedTradePnls);
        double[] returns = DailyReturns(startingNetLiq, closes);
        decimal ending = closes.Count > 0 ? closes[^1] : startingNetLiq;
        return new PerformanceSummary(
            startingNetLiq,
            ending,
            ending - startingNetLiq,
            totalFees,
            Cagr(startingNetLiq, closes),
            Sharpe(returns),
            Sortino(returns),
            MaxDrawdown(startingNetLiq, closes),
            closedTradePnls.Count,
            WinRate(closedTradePnls));
    }

    private static double Mean(IReadOnlyList<double> values)
    {
        double sum = 0;
        for (int i = 0; i < values.Count; i++)
        {
            sum += values[i];
        }

        return sum / values.Count;
    }
}

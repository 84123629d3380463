namespace TomKing.Engine.Backtest;

/// <summary>
/// Account performance figures from a daily net-liq series: daily simple returns, annualized with √252
/// (risk-free rate 0), CAGR over calendar time, and the largest peak-to-trough fall.
/// </summary>
public static class PerformanceMetrics
{
    /// <summary>Trading days per year used to annualize.</summary>
    public const double TradingDaysPerYear = 252.0;

    /// <summary>Daily simple returns of a net-liq series starting from <paramref name="start"/> (one per point).</summary>
    public static double[] DailyReturns(decimal start, IReadOnlyList<decimal> netLiq)
    {
        ArgumentNullException.ThrowIfNull(netLiq);
        var r = new double[netLiq.Count];
        double previous = (double)start;
        for (int i = 0; i < netLiq.Count; i++)
        {
            double v = (double)netLiq[i];
            r[i] = previous > 0.0 ? (v / previous) - 1.0 : 0.0;
            previous = v;
        }

        return r;
    }

    /// <summary>Annualized Sharpe ratio: mean / sample standard deviation × √252 (0 when undefined).</summary>
    public static double Sharpe(ReadOnlySpan<double> returns)
    {
        if (returns.Length < 2)
        {
            return 0.0;
        }

        double mean = Mean(returns);
        double ss = 0.0;
        foreach (double r in returns)
        {
            ss += (r - mean) * (r - mean);
        }

        double sd = Math.Sqrt(ss / (returns.Length - 1));
        return sd > 0.0 ? mean / sd * Math.Sqrt(TradingDaysPerYear) : 0.0;
    }

    /// <summary>Annualized Sortino ratio: mean / downside deviation × √252, the downside deviation being
    /// √(Σ min(r, 0)² / n) (0 when there is no down day).</summary>
    public static double Sortino(ReadOnlySpan<double> returns)
    {
        if (returns.Length < 2)
        {
            return 0.0;
        }

        double mean = Mean(returns);
        double ss = 0.0;
        foreach (double r in returns)
        {
            if (r < 0.0)
            {
                ss += r * r;
            }
        }

        double dd = Math.Sqrt(ss / returns.Length);
        return dd > 0.0 ? mean / dd * Math.Sqrt(TradingDaysPerYear) : 0.0;
    }

    /// <summary>Compound annual growth rate between two dates (calendar days / 365.25).</summary>
    public static double Cagr(decimal start, decimal end, DateOnly from, DateOnly to)
    {
        double years = (to.DayNumber - from.DayNumber + 1) / 365.25;
        if (start <= 0m || end <= 0m || years <= 0.0)
        {
            return end < start ? -1.0 : 0.0;
        }

        return Math.Pow((double)(end / start), 1.0 / years) - 1.0;
    }

    /// <summary>Largest fall from a running peak (the starting value counts as a peak), as a positive fraction.</summary>
    public static double MaxDrawdown(decimal start, IReadOnlyList<decimal> netLiq)
    {
        ArgumentNullException.ThrowIfNull(netLiq);
        double peak = (double)start;
        double worst = 0.0;
        for (int i = 0; i < netLiq.Count; i++)
        {
            double v = (double)netLiq[i];
            peak = Math.Max(peak, v);
            if (peak > 0.0)
            {
                worst = Math.Max(worst, (peak - v) / peak);
            }
        }

        return worst;
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0.0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }
}

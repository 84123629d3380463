using TomKing.Engine.Results;
using TomKing.Engine.Synthetic;

namespace TomKing.Engine.Tests.Results;

/// <summary>A hand-built, deterministic year of results (no runner involved) for the JSON and report
/// tests: all five strategies, a VIX shock in August with the regime moving through High to Extreme,
/// days without a VIX (NaN), open and closed trades, latency histograms, and hostile strings.</summary>
internal static class SampleResults
{
    public const string MaliciousReason = "P-3 group <script>alert('x')</script> & \"full\"";

    public static readonly string[] StrategyNames = ["F0", "L112", "FS", "IPMCC", "LPL"];

    public static BacktestResults Year(int seed = 7)
    {
        var random = new Random(seed);
        var days = new List<DateOnly>();
        for (var d = new DateOnly(2024, 1, 2); d <= new DateOnly(2024, 12, 31); d = d.AddDays(1))
        {
            if (NyseCalendar.IsTradingDay(d))
            {
                days.Add(d);
            }
        }

        const decimal start = 50_000m;
        var closes = new List<decimal>();
        var equity = new List<EquityPoint>();
        decimal netLiq = start;
        decimal peak = start;
        for (int i = 0; i < days.Count; i++)
        {
            DateOnly day = days[i];
            bool shock = day >= new DateOnly(2024, 8, 2) && day <= new DateOnly(2024, 8, 7);
            double drift = shock ? -0.012 : 0.0009;
            netLiq = Math.Round(netLiq * (decimal)(1 + drift + ((random.NextDouble() - 0.5) * 0.012)), 2);
            peak = Math.Max(peak, netLiq);
            double vix = day == new DateOnly(2024, 8, 5) ? 38.6
                : shock ? 24 + (random.NextDouble() * 4)
                : 12.5 + (4 * Math.Sin(i / 19.0)) + (random.NextDouble() * 1.5);
            if (i is 40 or 41)
            {
                vix = double.NaN; // no VIX those days: must survive JSON and leave a gap in the chart
            }

            closes.Add(netLiq);
            equity.Add(new EquityPoint(day, netLiq, (double)((peak - netLiq) / peak), Math.Round(netLiq * 0.3m, 2), vix, Regime(vix), 2, random.Next(3, 14)));
        }

        var trades = new List<TradeRecord>();
        var realized = new List<decimal>();
        for (int k = 0; k < 60; k++)
        {
            string strategy = StrategyNames[k % 5];
            DateOnly opened = days[(k * 4) % (days.Count - 10)];
            bool open = k >= 55;
            decimal pnl = open ? 0m : Math.Round((decimal)((random.NextDouble() * 420) - 140), 2);
            decimal fees = Math.Round(4m + (decimal)random.NextDouble(), 2);
            if (!open)
            {
                realized.Add(pnl);
            }

            trades.Add(new TradeRecord(
                "P" + (k + 1),
                strategy,
                strategy == "F0" ? $"SPXW {opened:yyyy-MM-dd} IC 4650/4680P 4900/4930C" : $"{strategy} structure #{k}",
                1 + (k % 3),
                opened.ToDateTime(new TimeOnly(10, 30)),
                open ? null : opened.AddDays(3).ToDateTime(new TimeOnly(15, 45)),
                -1.35m - (k % 7 * 0.05m),
                open ? null : -0.45m,
                pnl,
                fees,
                open ? null : k % 4 == 0 ? "F0-5 take profit <50%>" : "expired"));
        }

        var strategies = StrategyNames.Select((name, i) =>
        {
            var mine = trades.Where(t => t.Strategy == name).ToList();
            var closed = mine.Where(t => t.Closed is not null).ToList();
            return new StrategySummary(
                name,
                mine.Count,
                closed.Count,
                PerformanceMetrics.WinRate([.. closed.Select(t => t.RealizedPnl)]),
                closed.Sum(t => t.RealizedPnl),
                name == "LPL" ? -310.5m : 42m * i,
                9 * (i + 1),
                i == 0 ? [MaliciousReason + ": 12", "P-1 regime Extreme: 3"] : i == 4 ? [] : ["P-5 BP cap 35 %: " + (i + 2)]);
        }).ToList();

        string[] stages = ["MarketView", "Strategy", "Risk", "OrderConstruction", "Total"];
        var latency = new List<LatencySummary>();
        foreach (string who in new[] { "all" }.Concat(StrategyNames))
        {
            for (int s = 0; s < stages.Length; s++)
            {
                var buckets = new List<LatencyBucket>();
                double centre = 5 + (s * 1.3);
                for (int b = 0; b < 24; b++)
                {
                    double upper = 0.125 * Math.Pow(2, b);
                    long count = (long)(5000 * Math.Exp(-0.5 * Math.Pow((b - centre) / 1.6, 2))) + (b == 18 ? 2 : 0);
                    buckets.Add(new LatencyBucket(upper, count));
                }

                long n = buckets.Sum(b => b.Count);
                latency.Add(new LatencySummary(who, stages[s], n, 0.125 * Math.Pow(2, centre), 0.125 * Math.Pow(2, centre + 3.7), 0.125 * Math.Pow(2, centre + 5), 0.125 * Math.Pow(2, 18), buckets));
            }
        }

        var orders = trades.Select((t, i) => new OrderRecord("C" + (i + 1), t.Opened, t.Strategy, t.Position, t.Strategy + "-2", t.Quantity, t.EntryPrice, i % 3, i % 11 == 0 ? "Cancelled" : "Filled", i % 11 == 0 ? 0 : t.Quantity, i % 11 == 0 ? null : t.EntryPrice)).ToList();
        var decisions = trades.Select(t => new DecisionEntry(t.Opened, t.Strategy, "Enter", t.Strategy + "-1 " + t.Strategy + "-3", "entry due", 4800.25, 14.2, "Low", 2, [4650, 4680], [-0.16, -0.08], "C1", t.Quantity, 2.5, 11.25, 3.5, 1.75))
            .Append(new DecisionEntry(new DateTime(2024, 8, 5, 10, 30, 0), "F0", "Skip", "P-1", MaliciousReason, 5100, double.NaN, "Unknown", 2, [], [], string.Empty, 0, 1, 2, 3, 0))
            .ToList();
        var regimeChanges = new List<RegimeChange>();
        for (int i = 1; i < equity.Count; i++)
        {
            if (equity[i].Regime != equity[i - 1].Regime)
            {
                regimeChanges.Add(new RegimeChange(equity[i].Date.ToDateTime(new TimeOnly(9, 31)), equity[i - 1].Regime, equity[i].Regime, equity[i].Vix, 0.8 + (i % 5 * 0.1)));
            }
        }

        PerformanceSummary summary = PerformanceMetrics.Summarize(start, closes, realized, trades.Sum(t => t.Fees));
        return new BacktestResults
        {
            Run = new RunInfo("0.1.0-test", $"synthetic (seed {seed})", (ulong)seed, days[0], days[^1], start, StrategyNames, "built-in", days.Count, 123_456_789, 41.5, 2_974_862.4, 96.3),
            Summary = summary,
            Strategies = strategies,
            Equity = equity,
            Trades = trades,
            Orders = orders,
            Decisions = decisions,
            RegimeChanges = regimeChanges,
            Latency = latency,
            Warnings = ["2024-03-12: no VIX quotes (regime Unknown that day) <b>not bold</b>", "LEAN file missing: option/usa/minute/spxw/20240315_quote_american.zip — day skipped"],
        };
    }

    private static string Regime(double vix) => double.IsNaN(vix) ? "Unknown"
        : vix < 12 ? "VeryLow"
        : vix < 15 ? "Low"
        : vix < 20 ? "Normal"
        : vix < 30 ? "High"
        : "Extreme";
}

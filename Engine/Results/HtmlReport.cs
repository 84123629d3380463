using System.Globalization;
using System.Text;
using static TomKing.Engine.Results.SvgChart;

namespace TomKing.Engine.Results;

/// <summary>
/// Renders <see cref="BacktestResults"/> as ONE self-contained HTML file that opens offline: inline CSS,
/// inline SVG charts drawn here in C#, no script, no fonts or anything else fetched. Sections: summary
/// cards, equity curve with the P-1 regime band and the VIX line, drawdown, P&amp;L by strategy, decision
/// latency histograms (log-scaled latency axis) with percentile tables, strategy table with the top
/// skip reasons, trades, orders and decisions by kind, regime changes, warnings. Every string from the
/// results is HTML-escaped. The output depends on the results alone (no clock, no machine state), so
/// <c>tomking report</c> re-rendering from the JSON gives the same file.
/// </summary>
public static class HtmlReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly string[] StageOrder = ["MarketView", "Strategy", "Risk", "OrderConstruction", "Total"];

    private static readonly (string Name, string Color)[] Regimes =
    [
        ("VeryLow", "#93c5fd"), ("Low", "#a7f3d0"), ("Normal", "#fde68a"), ("High", "#fdba74"), ("Extreme", "#f87171"), ("Unknown", "#d1d5db"),
    ];

    private static readonly string[] Palette = ["#2563eb", "#7c3aed", "#0891b2", "#d97706", "#059669", "#db2777", "#4b5563", "#65a30d"];

    /// <summary>The report as HTML text.</summary>
    public static string Render(BacktestResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sb = new StringBuilder(256 * 1024);
        var colors = StrategyColors(results);
        RunInfo run = results.Run;
        string title = $"TomKing backtest {run.From:yyyy-MM-dd} – {run.To:yyyy-MM-dd}";

        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>").Append(Esc(title)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");

        Header(sb, results, title);
        Cards(sb, results.Summary, run);
        Section(sb, "Equity", "Net liq at each trading day's close (open positions at mid); the dashed line is the starting cash. Below: the P-1 VIX regime at the close and the VIX.");
        EquityChart(sb, results);
        RegimeStrip(sb, results);
        sb.Append("</section>\n");
        Section(sb, "Drawdown", "Fall of net liq from its high-water mark.");
        DrawdownChart(sb, results);
        sb.Append("</section>\n");
        Section(sb, "P&amp;L by strategy", "Realized P&amp;L after fees plus open positions marked at mid at the end.");
        StrategyBars(sb, results, colors);
        StrategyTable(sb, results, colors);
        sb.Append("</section>\n");
        Section(sb, "Decision latency", "Wall-clock cost of each decision per stage (RULEBOOK section 3). Histogram latency axes are logarithmic.");
        LatencyCharts(sb, results);
        LatencyTable(sb, results);
        sb.Append("</section>\n");
        Section(sb, "Skip reasons", "Most frequent reasons an entry that was due did not happen.");
        SkipReasons(sb, results, colors);
        sb.Append("</section>\n");
        Section(sb, "Trades", $"{results.Trades.Count.ToString("N0", Inv)} positions (entry/exit prices per unit, LEAN sign convention: credit negative).");
        TradesTable(sb, results, colors);
        sb.Append("</section>\n");
        Section(sb, "Orders and decisions", null);
        OrdersAndDecisions(sb, results, colors);
        sb.Append("</section>\n");
        Section(sb, "Regime changes", "P-1 transitions with the VIX that crossed and the wall-clock detection latency.");
        RegimeChanges(sb, results);
        sb.Append("</section>\n");
        Section(sb, "Warnings", null);
        Warnings(sb, results);
        sb.Append("</section>\n");

        sb.Append("<footer>TomKing ").Append(Esc(run.Version))
          .Append(" · Sharpe and Sortino from daily returns of net liq, annualized with √252, risk-free rate 0 (Sortino: downside deviation below 0 over all days; n/a when undefined); CAGR counts 252 trading days a year. ")
          .Append("Times are US/Eastern exchange time; money in USD. Re-render with <code>tomking report results.json</code>.</footer>\n")
          .Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>Renders and writes the report atomically (temporary file, then rename).</summary>
    public static void Write(BacktestResults results, string path) => ResultsFile.WriteAtomically(path, Render(results));

    private static void Header(StringBuilder sb, BacktestResults r, string title)
    {
        RunInfo run = r.Run;
        sb.Append("<header><h1>").Append(Esc(title)).Append("</h1>\n<p class=\"meta\">")
          .Append("<span><b>Data</b> ").Append(Esc(run.DataSource)).Append("</span>")
          .Append("<span><b>Strategies</b> ").Append(Esc(string.Join(", ", run.Strategies))).Append("</span>")
          .Append("<span><b>Starting cash</b> ").Append(Money(run.StartingCash)).Append("</span>")
          .Append("<span><b>Rulebook</b> ").Append(Esc(run.Rulebook)).Append("</span>")
          .Append("</p>\n<p class=\"meta dim\">")
          .Append("<span>").Append(run.TradingDays.ToString("N0", Inv)).Append(" trading days</span>")
          .Append("<span>").Append(run.Events.ToString("N0", Inv)).Append(" market events</span>")
          .Append("<span>").Append(Num(run.EventsPerSecond / 1e6, "0.00")).Append(" M events/s</span>")
          .Append("<span>").Append(Num(run.WallSeconds, "0.0")).Append(" s wall</span>")
          .Append("<span>peak ").Append(Num(run.PeakWorkingSetMb, "0")).Append(" MB</span>")
          .Append("<span>TomKing ").Append(Esc(ShortVersion(run.Version))).Append("</span>");
        if (r.Warnings.Count > 0)
        {
            sb.Append("<span class=\"warn\"><a href=\"#warnings\">").Append(r.Warnings.Count.ToString(Inv)).Append(r.Warnings.Count == 1 ? " warning" : " warnings").Append("</a></span>");
        }

        sb.Append("</p></header>\n");
    }

    private static void Cards(StringBuilder sb, PerformanceSummary s, RunInfo run)
    {
        decimal start = s.StartingNetLiq != 0m ? s.StartingNetLiq : run.StartingCash;
        double totalReturn = start != 0m ? (double)(s.NetProfit / start) : double.NaN;
        sb.Append("<section class=\"cards\">\n");
        Card(sb, "Net profit", SignedMoney(s.NetProfit), $"{SignedPct(totalReturn)} · ending {Money(s.EndingNetLiq)}", Tone(s.NetProfit));
        Card(sb, "CAGR", SignedPct(s.Cagr), "252 trading days a year", Tone(s.Cagr));
        Card(sb, "Sharpe", Num(s.Sharpe, "0.00"), "daily, √252, risk-free 0", Tone(s.Sharpe));
        Card(sb, "Sortino", Num(s.Sortino, "0.00"), "downside deviation, √252", Tone(s.Sortino));
        Card(sb, "Max drawdown", Pct(-s.MaxDrawdown), "peak to trough of net liq", s.MaxDrawdown > 0 ? "neg" : string.Empty);
        Card(sb, "Win rate", s.Trades > 0 ? Pct(s.WinRate) : "n/a", "closed positions with P&amp;L &gt; 0", string.Empty);
        Card(sb, "Trades", s.Trades.ToString("N0", Inv), "closed positions", string.Empty);
        Card(sb, "Fees", Money(s.TotalFees), "commissions and fees", string.Empty);
        sb.Append("</section>\n");
    }

    private static void Card(StringBuilder sb, string label, string value, string note, string tone) =>
        sb.Append("<div class=\"card\"><div class=\"label\">").Append(label).Append("</div><div class=\"value ").Append(tone).Append("\">")
          .Append(value).Append("</div><div class=\"note\">").Append(note).Append("</div></div>\n");

    private static void Section(StringBuilder sb, string heading, string? note)
    {
        string id = new([.. heading.ToLowerInvariant().Where(char.IsAsciiLetter)]);
        sb.Append("<section class=\"panel\" id=\"").Append(id).Append("\"><h2>").Append(heading).Append("</h2>");
        if (note is not null)
        {
            sb.Append("<p class=\"note\">").Append(note).Append("</p>");
        }

        sb.Append('\n');
    }

    // ---- charts ----------------------------------------------------------------------------------

    private const double Width = 1000;
    private const double Left = 64;
    private const double Right = 16;

    private static double X(int index, int count) => count <= 1
        ? (Left + Width - Right) / 2
        : Left + (index / (double)(count - 1) * (Width - Left - Right));

    private static void EquityChart(StringBuilder sb, BacktestResults r)
    {
        var eq = r.Equity;
        if (eq.Count == 0)
        {
            sb.Append("<p class=\"empty\">No trading days in the results.</p>\n");
            return;
        }

        const double height = 300, top = 12, bottom = 28;
        double start = (double)r.Run.StartingCash;
        double min = Math.Min(start, eq.Min(p => (double)p.NetLiq));
        double max = Math.Max(start, eq.Max(p => (double)p.NetLiq));
        var (low, high, ticks) = NiceAxis(min, max, 5);
        var y = Linear(low, high, height - bottom, top);
        sb.Append(SvgOpen(height, "Equity curve"));
        YGrid(sb, ticks, y, ShortMoney);
        MonthTicks(sb, eq, height - bottom, height - bottom + 16);
        var pts = eq.Select((p, i) => (X(i, eq.Count), y((double)p.NetLiq))).ToList();
        sb.Append("<path class=\"area\" d=\"");
        AppendPath(sb, pts);
        sb.Append(" L").Append(C(pts[^1].Item1)).Append(',').Append(C(height - bottom))
          .Append(" L").Append(C(pts[0].Item1)).Append(',').Append(C(height - bottom)).Append(" Z\"/>");
        sb.Append("<line class=\"ref\" x1=\"").Append(C(Left)).Append("\" x2=\"").Append(C(Width - Right)).Append("\" y1=\"").Append(C(y(start)))
          .Append("\" y2=\"").Append(C(y(start))).Append("\"/>");
        sb.Append("<path class=\"line\" d=\"");
        AppendPath(sb, pts);
        sb.Append("\"/>");
        EndLabel(sb, pts[^1].Item1, pts[^1].Item2, Money(eq[^1].NetLiq));
        sb.Append("</svg>\n");
    }

    private static void RegimeStrip(StringBuilder sb, BacktestResults r)
    {
        var eq = r.Equity;
        if (eq.Count == 0)
        {
            return;
        }

        const double height = 150, bandTop = 4, bandHeight = 18, vixTop = 36, bottom = 26;
        double step = eq.Count > 1 ? (Width - Left - Right) / (eq.Count - 1) : Width - Left - Right;
        sb.Append(SvgOpen(height, "P-1 regime and VIX"));
        sb.Append("<text class=\"axis\" x=\"").Append(C(Left - 8)).Append("\" y=\"").Append(C(bandTop + 13)).Append("\" text-anchor=\"end\">regime</text>");

        // Runs of equal regime become one rectangle each (a year is a handful of rectangles, not 252).
        int runStart = 0;
        for (int i = 1; i <= eq.Count; i++)
        {
            if (i < eq.Count && eq[i].Regime == eq[runStart].Regime)
            {
                continue;
            }

            double x0 = Math.Max(Left, X(runStart, eq.Count) - (step / 2));
            double x1 = Math.Min(Width - Right, X(i - 1, eq.Count) + (step / 2));
            sb.Append("<rect x=\"").Append(C(x0)).Append("\" y=\"").Append(C(bandTop)).Append("\" width=\"").Append(C(Math.Max(0.5, x1 - x0)))
              .Append("\" height=\"").Append(C(bandHeight)).Append("\" fill=\"").Append(RegimeColor(eq[runStart].Regime)).Append("\"><title>")
              .Append(Esc(eq[runStart].Regime)).Append(' ').Append(eq[runStart].Date.ToString("yyyy-MM-dd", Inv)).Append(" – ")
              .Append(eq[i - 1].Date.ToString("yyyy-MM-dd", Inv)).Append("</title></rect>");
            runStart = i;
        }

        var vix = eq.Select(p => p.Vix).Where(double.IsFinite).ToArray();
        if (vix.Length > 0)
        {
            var (low, high, ticks) = NiceAxis(Math.Min(vix.Min(), 10), vix.Max(), 3);
            var y = Linear(low, high, height - bottom, vixTop);
            YGrid(sb, ticks, y, v => v.ToString("0", Inv));
            double mid = (vixTop + height - bottom) / 2;
            sb.Append("<text class=\"axis\" transform=\"translate(16,").Append(C(mid)).Append(") rotate(-90)\" text-anchor=\"middle\">VIX</text>");
            var pts = eq.Select((p, i) => (X(i, eq.Count), double.IsFinite(p.Vix) ? y(p.Vix) : double.NaN)).ToList();
            sb.Append("<path class=\"vix\" d=\"");
            AppendPath(sb, pts);
            sb.Append("\"/>");
        }
        else
        {
            sb.Append("<text class=\"axis\" x=\"").Append(C(Width / 2)).Append("\" y=\"").Append(C(80)).Append("\" text-anchor=\"middle\">no VIX in the results</text>");
        }

        MonthTicks(sb, eq, height - bottom, height - bottom + 16);
        sb.Append("</svg>\n<div class=\"legend\">");
        foreach (var (name, color) in Regimes)
        {
            sb.Append("<span><i style=\"background:").Append(color).Append("\"></i>").Append(name).Append("</span>");
        }

        sb.Append("<span><i class=\"lineswatch\"></i>VIX at the close</span></div>\n");
    }

    private static void DrawdownChart(StringBuilder sb, BacktestResults r)
    {
        var eq = r.Equity;
        if (eq.Count == 0)
        {
            sb.Append("<p class=\"empty\">No trading days in the results.</p>\n");
            return;
        }

        const double height = 170, top = 10, bottom = 28;
        double deepest = Math.Max(eq.Max(p => p.Drawdown), 0.001);
        var (low, _, ticks) = NiceAxis(-deepest, 0, 4);
        var y = Linear(low, 0, height - bottom, top);
        sb.Append(SvgOpen(height, "Drawdown"));
        YGrid(sb, ticks, y, v => (v * 100).ToString("0.##", Inv) + "%");
        MonthTicks(sb, eq, height - bottom, height - bottom + 16);
        var pts = eq.Select((p, i) => (X(i, eq.Count), y(-p.Drawdown))).ToList();
        sb.Append("<path class=\"dd\" d=\"M").Append(C(pts[0].Item1)).Append(',').Append(C(y(0)));
        foreach (var (px, py) in pts)
        {
            sb.Append(" L").Append(C(px)).Append(',').Append(C(py));
        }

        sb.Append(" L").Append(C(pts[^1].Item1)).Append(',').Append(C(y(0))).Append(" Z\"/>");
        int worst = 0;
        for (int i = 1; i < eq.Count; i++)
        {
            worst = eq[i].Drawdown > eq[worst].Drawdown ? i : worst;
        }

        if (eq[worst].Drawdown > 0)
        {
            sb.Append("<circle class=\"mark\" cx=\"").Append(C(pts[worst].Item1)).Append("\" cy=\"").Append(C(pts[worst].Item2)).Append("\" r=\"3.5\"/>");
            EndLabel(sb, pts[worst].Item1, pts[worst].Item2 - 2, $"{Pct(-eq[worst].Drawdown)} on {eq[worst].Date:yyyy-MM-dd}");
        }

        sb.Append("</svg>\n");
    }

    private static void StrategyBars(StringBuilder sb, BacktestResults r, Dictionary<string, string> colors)
    {
        var rows = r.Strategies;
        if (rows.Count == 0)
        {
            sb.Append("<p class=\"empty\">No strategies in the results.</p>\n");
            return;
        }

        const double rowHeight = 34, top = 8, labelWidth = 80, valueWidth = 340;
        double height = top + (rows.Count * rowHeight) + 22;
        double[] totals = [.. rows.Select(s => (double)(s.RealizedPnl + s.UnrealizedPnl))];
        double lo = Math.Min(0, totals.Min());
        double hi = Math.Max(0, totals.Max());
        var (low, high, ticks) = NiceAxis(lo, hi, 5);
        var x = Linear(low, high, labelWidth + 10, Width - valueWidth);
        sb.Append(SvgOpen(height, "P&L by strategy"));
        foreach (double t in ticks)
        {
            sb.Append("<line class=\"grid\" x1=\"").Append(C(x(t))).Append("\" x2=\"").Append(C(x(t))).Append("\" y1=\"").Append(C(top))
              .Append("\" y2=\"").Append(C(height - 20)).Append("\"/><text class=\"axis\" x=\"").Append(C(x(t))).Append("\" y=\"").Append(C(height - 6))
              .Append("\" text-anchor=\"middle\">").Append(ShortMoney(t)).Append("</text>");
        }

        sb.Append("<line class=\"zero\" x1=\"").Append(C(x(0))).Append("\" x2=\"").Append(C(x(0))).Append("\" y1=\"").Append(C(top)).Append("\" y2=\"").Append(C(height - 20)).Append("\"/>");
        for (int i = 0; i < rows.Count; i++)
        {
            StrategySummary s = rows[i];
            double yTop = top + (i * rowHeight) + 6;
            double x0 = Math.Min(x(0), x(totals[i]));
            double w = Math.Abs(x(totals[i]) - x(0));
            sb.Append("<text class=\"label\" x=\"").Append(C(labelWidth)).Append("\" y=\"").Append(C(yTop + 15)).Append("\" text-anchor=\"end\">").Append(Esc(s.Strategy)).Append("</text>")
              .Append("<rect x=\"").Append(C(x0)).Append("\" y=\"").Append(C(yTop)).Append("\" width=\"").Append(C(Math.Max(w, 1))).Append("\" height=\"20\" rx=\"3\" fill=\"")
              .Append(colors[s.Strategy]).Append("\"><title>").Append(Esc(s.Strategy)).Append(": ").Append(SignedMoney(s.RealizedPnl + s.UnrealizedPnl)).Append("</title></rect>")
              .Append("<text class=\"value ").Append(Tone(s.RealizedPnl + s.UnrealizedPnl)).Append("\" x=\"").Append(C(Width - valueWidth + 12)).Append("\" y=\"").Append(C(yTop + 15)).Append("\">")
              .Append(SignedMoney(s.RealizedPnl + s.UnrealizedPnl)).Append("<tspan class=\"dimtext\"> realized ").Append(SignedMoney(s.RealizedPnl))
              .Append(" · open ").Append(SignedMoney(s.UnrealizedPnl)).Append("</tspan></text>");
        }

        sb.Append("</svg>\n");
    }

    private static void LatencyCharts(StringBuilder sb, BacktestResults r)
    {
        var stages = AggregateByStage(r.Latency);
        if (stages.Count == 0)
        {
            sb.Append("<p class=\"empty\">No decision latency in the results.</p>\n");
            return;
        }

        sb.Append("<div class=\"hists\">\n");
        foreach (var (stage, summary) in stages)
        {
            Histogram(sb, stage, summary);
        }

        sb.Append("</div>\n");
    }

    private static void Histogram(StringBuilder sb, string stage, LatencySummary s)
    {
        const double w = 320, h = 178, left = 40, right = 12, top = 34, bottom = 30;
        var all = s.Buckets.Where(b => b.UpperMicros > 0 && double.IsFinite(b.UpperMicros)).OrderBy(b => b.UpperMicros).ToList();
        int firstUsed = all.FindIndex(b => b.Count > 0);
        int lastUsed = all.FindLastIndex(b => b.Count > 0);
        // Keep the bucket before the first used one: it is the lower bound of the first bar.
        var buckets = firstUsed < 0 ? all : all.GetRange(Math.Max(0, firstUsed - 1), lastUsed - Math.Max(0, firstUsed - 1) + 1);
        sb.Append("<figure><svg viewBox=\"0 0 ").Append(C(w)).Append(' ').Append(C(h)).Append("\" role=\"img\" aria-label=\"")
          .Append(Esc(stage)).Append(" latency histogram\">");
        sb.Append("<text class=\"htitle\" x=\"").Append(C(left)).Append("\" y=\"14\">").Append(Esc(stage)).Append("</text>")
          .Append("<text class=\"axis\" x=\"").Append(C(w - right)).Append("\" y=\"14\" text-anchor=\"end\">n = ").Append(s.Count.ToString("N0", Inv)).Append("</text>");
        if (buckets.Count == 0 || buckets.All(b => b.Count == 0))
        {
            sb.Append("<text class=\"axis\" x=\"").Append(C(w / 2)).Append("\" y=\"").Append(C(h / 2)).Append("\" text-anchor=\"middle\">no samples</text></svg></figure>\n");
            return;
        }

        // Each bucket spans (previous upper bound, its upper bound]; the first one spans one ratio step below.
        var lowers = new double[buckets.Count];
        for (int i = 0; i < buckets.Count; i++)
        {
            lowers[i] = i > 0 ? buckets[i - 1].UpperMicros
                : buckets.Count > 1 ? buckets[0].UpperMicros * buckets[0].UpperMicros / buckets[1].UpperMicros
                : buckets[0].UpperMicros / 2;
        }

        // The axis spans the used buckets and the p50/p99 markers, in whole decades.
        double lowest = lowers[0], highest = buckets[^1].UpperMicros;
        foreach (double p in new[] { s.P50, s.P99 })
        {
            if (p > 0 && double.IsFinite(p))
            {
                lowest = Math.Min(lowest, p);
                highest = Math.Max(highest, p);
            }
        }

        double d0 = Math.Floor(Math.Log10(lowest));
        double d1 = Math.Ceiling(Math.Log10(highest));
        if (d1 <= d0)
        {
            d1 = d0 + 1;
        }

        var x = Linear(d0, d1, left, w - right);
        long peak = buckets.Max(b => b.Count);
        var (_, yHigh, yTicks) = NiceAxis(0, peak, 3);
        var y = Linear(0, yHigh, h - bottom, top);
        foreach (double t in yTicks)
        {
            sb.Append("<line class=\"grid\" x1=\"").Append(C(left)).Append("\" x2=\"").Append(C(w - right)).Append("\" y1=\"").Append(C(y(t))).Append("\" y2=\"").Append(C(y(t)))
              .Append("\"/><text class=\"axis\" x=\"").Append(C(left - 4)).Append("\" y=\"").Append(C(y(t) + 3)).Append("\" text-anchor=\"end\">").Append(ShortCount(t)).Append("</text>");
        }

        int decadeStep = d1 - d0 > 5 ? 2 : 1;
        for (double d = d0; d <= d1; d += decadeStep)
        {
            sb.Append("<line class=\"tick\" x1=\"").Append(C(x(d))).Append("\" x2=\"").Append(C(x(d))).Append("\" y1=\"").Append(C(h - bottom)).Append("\" y2=\"").Append(C(h - bottom + 4))
              .Append("\"/><text class=\"axis\" x=\"").Append(C(x(d))).Append("\" y=\"").Append(C(h - bottom + 15)).Append("\" text-anchor=\"").Append(x(d) > w - right - 14 ? "end" : "middle").Append("\">")
              .Append(DecadeLabel(Math.Pow(10, d))).Append("</text>");
        }

        for (int i = 0; i < buckets.Count; i++)
        {
            if (buckets[i].Count == 0)
            {
                continue;
            }

            double x0 = x(Math.Log10(lowers[i]));
            double x1 = x(Math.Log10(buckets[i].UpperMicros));
            double yv = y(buckets[i].Count);
            sb.Append("<rect class=\"bar\" x=\"").Append(C(x0 + 0.3)).Append("\" y=\"").Append(C(yv)).Append("\" width=\"").Append(C(Math.Max(0.8, x1 - x0 - 0.6)))
              .Append("\" height=\"").Append(C(h - bottom - yv)).Append("\"><title>≤ ").Append(ShortMicros(buckets[i].UpperMicros)).Append(": ")
              .Append(buckets[i].Count.ToString("N0", Inv)).Append("</title></rect>");
        }

        // Close markers: p50's label leans left and p99's right so they do not overlap.
        bool close = s.P50 > 0 && s.P99 > 0 && Math.Abs(x(Math.Log10(s.P99)) - x(Math.Log10(s.P50))) < 24;
        Marker(sb, x, s.P50, "p50", top, h - bottom, close ? "end" : "middle");
        Marker(sb, x, s.P99, "p99", top, h - bottom, close ? "start" : "middle");
        sb.Append("<line class=\"baseline\" x1=\"").Append(C(left)).Append("\" x2=\"").Append(C(w - right)).Append("\" y1=\"").Append(C(h - bottom)).Append("\" y2=\"").Append(C(h - bottom)).Append("\"/>");
        sb.Append("</svg><figcaption>p50 ").Append(ShortMicros(s.P50)).Append(" · p99 ").Append(ShortMicros(s.P99)).Append(" · max ").Append(ShortMicros(s.Max)).Append("</figcaption></figure>\n");
    }

    private static void Marker(StringBuilder sb, Func<double, double> x, double micros, string label, double top, double bottom, string anchor)
    {
        if (!(micros > 0) || !double.IsFinite(micros))
        {
            return;
        }

        double px = x(Math.Log10(micros));
        sb.Append("<line class=\"pmark\" x1=\"").Append(C(px)).Append("\" x2=\"").Append(C(px)).Append("\" y1=\"").Append(C(top)).Append("\" y2=\"").Append(C(bottom))
          .Append("\"/><text class=\"pmarktext\" x=\"").Append(C(px)).Append("\" y=\"").Append(C(top - 4)).Append("\" text-anchor=\"").Append(anchor).Append("\">").Append(label).Append("</text>");
    }

    /// <summary>The "all" summaries per stage when present; otherwise buckets merged across strategies
    /// (counts add; percentiles then come from the largest per-strategy value, marked as such).</summary>
    private static List<(string Stage, LatencySummary Summary)> AggregateByStage(IReadOnlyList<LatencySummary> latency)
    {
        var result = new List<(string, LatencySummary)>();
        var stages = latency.Select(l => l.Stage).Distinct(StringComparer.Ordinal)
            .OrderBy(s => Array.IndexOf(StageOrder, s) is int k && k >= 0 ? k : StageOrder.Length).ThenBy(s => s, StringComparer.Ordinal);
        foreach (string stage in stages)
        {
            var ofStage = latency.Where(l => l.Stage == stage).ToList();
            LatencySummary? all = ofStage.FirstOrDefault(l => string.Equals(l.Strategy, "all", StringComparison.OrdinalIgnoreCase));
            if (all is null)
            {
                var merged = ofStage.SelectMany(l => l.Buckets).GroupBy(b => b.UpperMicros).OrderBy(g => g.Key)
                    .Select(g => new LatencyBucket(g.Key, g.Sum(b => b.Count))).ToList();
                all = new LatencySummary("all", stage, ofStage.Sum(l => l.Count), ofStage.Max(l => l.P50), ofStage.Max(l => l.P99), ofStage.Max(l => l.P999), ofStage.Max(l => l.Max), merged);
            }

            result.Add((stage, all));
        }

        return result;
    }

    private static string SvgOpen(double height, string label) =>
        $"<svg class=\"chart\" viewBox=\"0 0 {C(Width)} {C(height)}\" role=\"img\" aria-label=\"{Esc(label)}\">";

    private static void YGrid(StringBuilder sb, double[] ticks, Func<double, double> y, Func<double, string> format)
    {
        foreach (double t in ticks)
        {
            sb.Append("<line class=\"grid\" x1=\"").Append(C(Left)).Append("\" x2=\"").Append(C(Width - Right)).Append("\" y1=\"").Append(C(y(t))).Append("\" y2=\"").Append(C(y(t)))
              .Append("\"/><text class=\"axis\" x=\"").Append(C(Left - 8)).Append("\" y=\"").Append(C(y(t) + 4)).Append("\" text-anchor=\"end\">").Append(format(t)).Append("</text>");
        }
    }

    private static void MonthTicks(StringBuilder sb, IReadOnlyList<EquityPoint> eq, double axisY, double labelY)
    {
        // Label the first trading day of each month; thin out when the run is long.
        var starts = new List<int>();
        for (int i = 0; i < eq.Count; i++)
        {
            if (i == 0 || eq[i].Date.Month != eq[i - 1].Date.Month)
            {
                starts.Add(i);
            }
        }

        int every = Math.Max(1, (int)Math.Ceiling(starts.Count / 14.0));
        int shown = 0;
        for (int k = 0; k < starts.Count; k++)
        {
            int i = starts[k];
            if (k % every != 0)
            {
                continue;
            }

            if (i == 0 && starts.Count > 1 && starts[1] < eq.Count / 40)
            {
                continue; // a run starting at the end of a month: avoid two labels on top of each other
            }

            DateOnly d = eq[i].Date;
            string text = d.Month == 1 || shown == 0 ? d.ToString("MMM yyyy", Inv) : d.ToString("MMM", Inv);
            double px = X(i, eq.Count);
            sb.Append("<line class=\"tick\" x1=\"").Append(C(px)).Append("\" x2=\"").Append(C(px)).Append("\" y1=\"").Append(C(axisY)).Append("\" y2=\"").Append(C(axisY + 4))
              .Append("\"/><text class=\"axis\" x=\"").Append(C(px)).Append("\" y=\"").Append(C(labelY)).Append("\" text-anchor=\"").Append(i == 0 ? "start" : "middle").Append("\">")
              .Append(text).Append("</text>");
            shown++;
        }

        sb.Append("<line class=\"baseline\" x1=\"").Append(C(Left)).Append("\" x2=\"").Append(C(Width - Right)).Append("\" y1=\"").Append(C(axisY)).Append("\" y2=\"").Append(C(axisY)).Append("\"/>");
    }

    private static void EndLabel(StringBuilder sb, double x, double y, string text)
    {
        bool right = x > Width * 0.8;
        sb.Append("<text class=\"endlabel\" x=\"").Append(C(right ? x - 6 : x + 6)).Append("\" y=\"").Append(C(Math.Max(12, y - 6)))
          .Append("\" text-anchor=\"").Append(right ? "end" : "start").Append("\">").Append(Esc(text)).Append("</text>");
    }

    // ---- tables ----------------------------------------------------------------------------------

    private static void StrategyTable(StringBuilder sb, BacktestResults r, Dictionary<string, string> colors)
    {
        sb.Append("<table><thead><tr><th>Strategy</th><th class=\"n\">Entries</th><th class=\"n\">Closed</th><th class=\"n\">Win rate</th>")
          .Append("<th class=\"n\">Realized</th><th class=\"n\">Open (mid)</th><th class=\"n\">Total</th><th class=\"n\">Skips</th></tr></thead><tbody>\n");
        foreach (StrategySummary s in r.Strategies)
        {
            decimal total = s.RealizedPnl + s.UnrealizedPnl;
            sb.Append("<tr><td>").Append(Chip(s.Strategy, colors)).Append("</td><td class=\"n\">").Append(s.Entries.ToString("N0", Inv))
              .Append("</td><td class=\"n\">").Append(s.ClosedTrades.ToString("N0", Inv))
              .Append("</td><td class=\"n\">").Append(s.ClosedTrades > 0 ? Pct(s.WinRate) : "–")
              .Append("</td><td class=\"n ").Append(Tone(s.RealizedPnl)).Append("\">").Append(SignedMoney(s.RealizedPnl))
              .Append("</td><td class=\"n ").Append(Tone(s.UnrealizedPnl)).Append("\">").Append(SignedMoney(s.UnrealizedPnl))
              .Append("</td><td class=\"n ").Append(Tone(total)).Append("\"><b>").Append(SignedMoney(total))
              .Append("</b></td><td class=\"n\">").Append(s.Skips.ToString("N0", Inv)).Append("</td></tr>\n");
        }

        sb.Append("</tbody></table>\n");
    }

    private static void LatencyTable(StringBuilder sb, BacktestResults r)
    {
        if (r.Latency.Count == 0)
        {
            return;
        }

        sb.Append("<details open><summary>Percentiles by strategy and stage</summary><div class=\"scroll short\"><table><thead><tr><th>Strategy</th><th>Stage</th><th class=\"n\">Samples</th>")
          .Append("<th class=\"n\">p50</th><th class=\"n\">p99</th><th class=\"n\">p99.9</th><th class=\"n\">max</th></tr></thead><tbody>\n");
        var ordered = r.Latency
            .OrderBy(l => string.Equals(l.Strategy, "all", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(l => l.Strategy, StringComparer.Ordinal)
            .ThenBy(l => Array.IndexOf(StageOrder, l.Stage) is int k && k >= 0 ? k : StageOrder.Length);
        foreach (LatencySummary l in ordered)
        {
            sb.Append("<tr><td>").Append(Esc(l.Strategy)).Append("</td><td>").Append(Esc(l.Stage)).Append("</td><td class=\"n\">").Append(l.Count.ToString("N0", Inv))
              .Append("</td><td class=\"n\">").Append(Micros(l.P50)).Append("</td><td class=\"n\">").Append(Micros(l.P99))
              .Append("</td><td class=\"n\">").Append(Micros(l.P999)).Append("</td><td class=\"n\">").Append(Micros(l.Max)).Append("</td></tr>\n");
        }

        sb.Append("</tbody></table></div></details>\n");
    }

    private static void SkipReasons(StringBuilder sb, BacktestResults r, Dictionary<string, string> colors)
    {
        sb.Append("<div class=\"skips\">\n");
        foreach (StrategySummary s in r.Strategies)
        {
            sb.Append("<div class=\"skipcard\"><h3>").Append(Chip(s.Strategy, colors)).Append("<span class=\"dimtext\"> ")
              .Append(s.Skips.ToString("N0", Inv)).Append(s.Skips == 1 ? " skip" : " skips").Append("</span></h3>");
            if (s.TopSkipReasons.Count == 0)
            {
                sb.Append("<p class=\"empty\">none</p>");
            }
            else
            {
                sb.Append("<ol>");
                foreach (string reason in s.TopSkipReasons)
                {
                    sb.Append("<li>").Append(Esc(reason)).Append("</li>");
                }

                sb.Append("</ol>");
            }

            sb.Append("</div>\n");
        }

        sb.Append("</div>\n");
    }

    private static void TradesTable(StringBuilder sb, BacktestResults r, Dictionary<string, string> colors)
    {
        if (r.Trades.Count == 0)
        {
            sb.Append("<p class=\"empty\">No trades.</p>\n");
            return;
        }

        sb.Append("<div class=\"scroll\"><table class=\"trades\"><thead><tr><th>Position</th><th>Strategy</th><th>Structure</th><th class=\"n\">Qty</th>")
          .Append("<th>Opened</th><th>Closed</th><th class=\"n\">Entry</th><th class=\"n\">Exit</th><th class=\"n\">P&amp;L</th><th class=\"n\">Fees</th><th>Exit reason</th></tr></thead><tbody>\n");
        foreach (TradeRecord t in r.Trades)
        {
            sb.Append("<tr><td>").Append(Esc(t.Position)).Append("</td><td>").Append(Chip(t.Strategy, colors)).Append("</td><td class=\"mono\">").Append(Esc(t.Structure))
              .Append("</td><td class=\"n\">").Append(t.Quantity.ToString(Inv))
              .Append("</td><td class=\"nowrap\">").Append(t.Opened.ToString("yyyy-MM-dd HH:mm", Inv))
              .Append("</td><td class=\"nowrap\">").Append(t.Closed is DateTime c ? c.ToString("yyyy-MM-dd HH:mm", Inv) : "<span class=\"open\">open</span>")
              .Append("</td><td class=\"n\">").Append(Price(t.EntryPrice))
              .Append("</td><td class=\"n\">").Append(t.ExitPrice is decimal x ? Price(x) : "–")
              .Append("</td><td class=\"n ").Append(Tone(t.RealizedPnl)).Append("\">").Append(SignedMoney(t.RealizedPnl, 2))
              .Append("</td><td class=\"n\">").Append(Money(t.Fees, 2))
              .Append("</td><td class=\"reason\">").Append(Esc(t.ExitReason ?? string.Empty)).Append("</td></tr>\n");
        }

        sb.Append("</tbody></table></div>\n");
    }

    private static void OrdersAndDecisions(StringBuilder sb, BacktestResults r, Dictionary<string, string> colors)
    {
        var names = r.Strategies.Select(s => s.Strategy).ToList();
        foreach (string extra in r.Orders.Select(o => o.Strategy).Concat(r.Decisions.Select(d => d.Strategy)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!names.Contains(extra))
            {
                names.Add(extra);
            }
        }

        var states = r.Orders.Select(o => o.FinalState).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var kinds = r.Decisions.Select(d => d.Kind).Distinct(StringComparer.Ordinal)
            .OrderBy(k => Array.IndexOf(["Enter", "Skip", "Adjust", "Exit"], k) is int i && i >= 0 ? i : 9).ThenBy(k => k, StringComparer.Ordinal).ToList();
        sb.Append("<div class=\"twocol\"><div><h3>Orders (").Append(r.Orders.Count.ToString("N0", Inv)).Append(")</h3><table><thead><tr><th>Strategy</th><th class=\"n\">Sent</th>");
        foreach (string s in states)
        {
            sb.Append("<th class=\"n\">").Append(Esc(s)).Append("</th>");
        }

        sb.Append("<th class=\"n\">Avg repricings</th></tr></thead><tbody>\n");
        foreach (string name in names)
        {
            var mine = r.Orders.Where(o => o.Strategy == name).ToList();
            sb.Append("<tr><td>").Append(Chip(name, colors)).Append("</td><td class=\"n\">").Append(mine.Count.ToString("N0", Inv)).Append("</td>");
            foreach (string s in states)
            {
                sb.Append("<td class=\"n\">").Append(mine.Count(o => o.FinalState == s).ToString("N0", Inv)).Append("</td>");
            }

            sb.Append("<td class=\"n\">").Append(mine.Count > 0 ? mine.Average(o => o.Repricings).ToString("0.0", Inv) : "–").Append("</td></tr>\n");
        }

        sb.Append("</tbody></table></div><div><h3>Decisions (").Append(r.Decisions.Count.ToString("N0", Inv)).Append(")</h3><table><thead><tr><th>Strategy</th>");
        foreach (string k in kinds)
        {
            sb.Append("<th class=\"n\">").Append(Esc(k)).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>\n");
        foreach (string name in names)
        {
            sb.Append("<tr><td>").Append(Chip(name, colors)).Append("</td>");
            foreach (string k in kinds)
            {
                sb.Append("<td class=\"n\">").Append(r.Decisions.Count(d => d.Strategy == name && d.Kind == k).ToString("N0", Inv)).Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody></table></div></div>\n");
    }

    private static void RegimeChanges(StringBuilder sb, BacktestResults r)
    {
        if (r.RegimeChanges.Count == 0)
        {
            sb.Append("<p class=\"empty\">No regime changes.</p>\n");
            return;
        }

        sb.Append("<div class=\"scroll short\"><table><thead><tr><th>Time (ET)</th><th>From</th><th>To</th><th class=\"n\">VIX</th><th class=\"n\">Detection</th></tr></thead><tbody>\n");
        foreach (RegimeChange c in r.RegimeChanges)
        {
            sb.Append("<tr><td class=\"nowrap\">").Append(c.Time.ToString("yyyy-MM-dd HH:mm:ss", Inv)).Append("</td><td>").Append(RegimeChip(c.From)).Append("</td><td>")
              .Append(RegimeChip(c.To)).Append("</td><td class=\"n\">").Append(Num(c.Vix, "0.00")).Append("</td><td class=\"n\">").Append(Micros(c.DetectionMicros)).Append("</td></tr>\n");
        }

        sb.Append("</tbody></table></div>\n");
    }

    private static void Warnings(StringBuilder sb, BacktestResults r)
    {
        if (r.Warnings.Count == 0)
        {
            sb.Append("<p class=\"empty\">None.</p>\n");
            return;
        }

        sb.Append("<ul class=\"warnings\">");
        foreach (string w in r.Warnings)
        {
            sb.Append("<li>").Append(Esc(w)).Append("</li>");
        }

        sb.Append("</ul>\n");
    }

    // ---- formatting ------------------------------------------------------------------------------

    private static Dictionary<string, string> StrategyColors(BacktestResults r)
    {
        string[] known = ["F0", "L112", "FS", "IPMCC", "LPL"];
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        int next = known.Length;
        foreach (string name in r.Strategies.Select(s => s.Strategy).Concat(r.Run.Strategies).Concat(r.Trades.Select(t => t.Strategy))
                     .Concat(r.Orders.Select(o => o.Strategy)).Concat(r.Decisions.Select(d => d.Strategy)))
        {
            if (!map.ContainsKey(name))
            {
                int k = Array.IndexOf(known, name);
                map[name] = Palette[(k >= 0 ? k : next++) % Palette.Length];
            }
        }

        return map;
    }

    private static string Chip(string strategy, Dictionary<string, string> colors) =>
        $"<span class=\"chip\" style=\"--c:{(colors.TryGetValue(strategy, out string? c) ? c : Palette[^2])}\">{Esc(strategy)}</span>";

    private static string RegimeColor(string regime)
    {
        foreach (var (name, color) in Regimes)
        {
            if (string.Equals(name, regime, StringComparison.OrdinalIgnoreCase))
            {
                return color;
            }
        }

        return "#e5e7eb";
    }

    private static string RegimeChip(string regime) => $"<span class=\"rchip\" style=\"background:{RegimeColor(regime)}\">{Esc(regime)}</span>";

    /// <summary>"1.0.0+6aac56c24c0…" (a full commit hash) shown as "1.0.0+6aac56c".</summary>
    private static string ShortVersion(string version)
    {
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 && version.Length > plus + 8 ? version[..(plus + 8)] : version;
    }

    private static string Tone(decimal value) => value > 0 ? "pos" : value < 0 ? "neg" : string.Empty;

    private static string Tone(double value) => value > 0 ? "pos" : value < 0 ? "neg" : string.Empty;

    private static string Money(decimal value, int decimals = 0) =>
        (value < 0 ? "−$" : "$") + Math.Abs(value).ToString(decimals == 0 ? "N0" : "N2", Inv);

    private static string SignedMoney(decimal value, int decimals = 0) =>
        (value > 0 ? "+" : string.Empty) + Money(value, decimals);

    private static string Price(decimal value) => (value < 0 ? "−" : string.Empty) + Math.Abs(value).ToString("0.00##", Inv);

    private static string Num(double value, string format) =>
        double.IsFinite(value) ? (value < 0 ? "−" : string.Empty) + Math.Abs(value).ToString(format, Inv) : "n/a";

    private static string Pct(double fraction) => double.IsFinite(fraction) ? Num(fraction * 100, "0.0") + " %" : "n/a";

    private static string SignedPct(double fraction) => (fraction > 0 ? "+" : string.Empty) + Pct(fraction);

    private static string Micros(double micros) => double.IsFinite(micros) ? ShortMicros(micros) : "n/a";

    private static string ShortCount(double value) => value >= 1e6 ? (value / 1e6).ToString("0.#", Inv) + "M" : value >= 1e3 ? (value / 1e3).ToString("0.#", Inv) + "k" : value.ToString("0", Inv);

    private const string Css = """

:root { --ink:#111827; --dim:#6b7280; --line:#e5e7eb; --bg:#f5f6f8; --panel:#ffffff; --pos:#047857; --neg:#b91c1c; --accent:#2563eb; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin:0; background:var(--bg); color:var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 28px 28px 40px; }
header h1 { font-size: 24px; font-weight: 650; margin: 0 0 6px; letter-spacing: -0.01em; }
.meta { margin: 2px 0; display:flex; flex-wrap:wrap; gap: 4px 18px; color: var(--ink); }
.meta b { color: var(--dim); font-weight: 500; margin-right: 4px; }
.meta.dim { color: var(--dim); font-size: 13px; }
.warn a { color: #b45309; font-weight: 600; }
.cards { display:grid; grid-template-columns: repeat(4, minmax(0,1fr)); gap: 12px; margin: 20px 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.card .label { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--dim); }
.card .value { font-size: 26px; font-weight: 650; margin-top: 2px; font-variant-numeric: tabular-nums; }
.card .note { font-size: 12px; color: var(--dim); }
.pos { color: var(--pos); } .neg { color: var(--neg); }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px 18px; margin: 14px 0; }
.panel h2 { font-size: 17px; font-weight: 650; margin: 0 0 2px; }
.panel h3 { font-size: 14px; font-weight: 600; margin: 6px 0 8px; }
p.note { color: var(--dim); margin: 0 0 10px; font-size: 13px; }
svg.chart { width: 100%; height: auto; display:block; }
svg text { font-family: inherit; }
.axis { font-size: 11px; fill: var(--dim); }
.label { font-size: 13px; fill: var(--ink); font-weight: 600; }
svg .value { font-size: 13px; font-weight: 600; fill: var(--ink); }
svg .value.pos { fill: var(--pos); } svg .value.neg { fill: var(--neg); }
.dimtext { fill: var(--dim); color: var(--dim); font-weight: 400; }
.grid { stroke: #eef0f3; stroke-width: 1; }
.tick, .baseline { stroke: #9ca3af; stroke-width: 1; }
.zero { stroke: #6b7280; stroke-width: 1; }
.ref { stroke: #9ca3af; stroke-width: 1; stroke-dasharray: 4 4; }
.line { fill: none; stroke: var(--accent); stroke-width: 2; stroke-linejoin: round; }
.area { fill: var(--accent); fill-opacity: .07; stroke: none; }
.vix { fill: none; stroke: #7c3aed; stroke-width: 1.5; stroke-linejoin: round; }
.dd { fill: #fecaca; stroke: var(--neg); stroke-width: 1.2; stroke-linejoin: round; }
.mark { fill: var(--neg); }
.endlabel { font-size: 12px; font-weight: 600; fill: var(--ink); }
.legend { display:flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; color: var(--dim); margin: 4px 0 0 64px; }
.legend i { display:inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 5px; vertical-align: -2px; }
.legend i.lineswatch { height: 2px; width: 16px; background: #7c3aed; vertical-align: 3px; }
.hists { display:grid; grid-template-columns: repeat(auto-fill, minmax(290px, 1fr)); gap: 10px 16px; }
.hists figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 6px 8px 8px; }
.hists svg { width: 100%; height: auto; display:block; }
.hists figcaption { font-size: 12px; color: var(--dim); text-align: center; font-variant-numeric: tabular-nums; }
.htitle { font-size: 13px; font-weight: 600; fill: var(--ink); }
.bar { fill: #60a5fa; }
.pmark { stroke: #111827; stroke-width: 1; stroke-dasharray: 3 3; }
.pmarktext { font-size: 10px; fill: #111827; }
table { width: 100%; border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
th { text-align: left; font-weight: 600; color: var(--dim); font-size: 12px; border-bottom: 1px solid var(--line); padding: 6px 8px; background: var(--panel); position: sticky; top: 0; }
td { border-bottom: 1px solid #f1f2f4; padding: 5px 8px; vertical-align: top; }
tbody tr:hover td { background: #f9fafb; }
.n { text-align: right; white-space: nowrap; }
.nowrap { white-space: nowrap; }
td.reason { min-width: 220px; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; }
td.mono { min-width: 190px; }
.scroll { max-height: 520px; overflow: auto; border: 1px solid var(--line); border-radius: 8px; }
.scroll.short { max-height: 320px; }
details { margin-top: 12px; } summary { cursor: pointer; color: var(--dim); font-size: 13px; margin-bottom: 6px; }
.chip { display:inline-block; padding: 0 8px; border-radius: 999px; font-size: 12px; font-weight: 600; color: #fff; background: var(--c); line-height: 20px; }
.rchip { display:inline-block; padding: 0 8px; border-radius: 4px; font-size: 12px; line-height: 20px; }
.open { color: #b45309; font-weight: 600; }
.skips { display:grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; }
.skipcard { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.skipcard ol { margin: 0; padding-left: 20px; font-size: 13px; } .skipcard li { margin: 2px 0; overflow-wrap: anywhere; }
.twocol { display:grid; grid-template-columns: 1fr 1fr; gap: 20px; }
.empty { color: var(--dim); font-style: italic; margin: 4px 0; }
ul.warnings { margin: 0; padding-left: 20px; } ul.warnings li { margin: 3px 0; color: #92400e; }
footer { color: var(--dim); font-size: 12px; margin-top: 18px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
@media (max-width: 900px) { .cards { grid-template-columns: repeat(2, minmax(0,1fr)); } .twocol { grid-template-columns: 1fr; } main { padding: 16px; } }
@media print { body { background: #fff; } .panel, .card { break-inside: avoid; } .scroll { max-height: none; overflow: visible; } }

""";
}

using System.Globalization;
using System.Text;
using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Engine.Live.Operations;

/// <summary>
/// Writes <see cref="LiveMetrics"/> in the Prometheus text exposition format 0.0.4: one HELP and one TYPE
/// line per metric family, counters named <c>*_total</c>, gauges, and histograms with cumulative
/// <c>le</c> buckets ending in <c>+Inf</c> plus <c>_sum</c> and <c>_count</c>. Numbers are written in the
/// invariant culture; label values are escaped (backslash, double quote, line feed).
/// </summary>
public static class PrometheusText
{
    /// <summary>The HTTP content type of this format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly string[] StageLabels = ["market_view", "strategy", "risk", "order_construction", "total"];

    /// <summary>The exposition of <paramref name="metrics"/> at <paramref name="nowUtc"/> as a string.</summary>
    public static string Format(LiveMetrics metrics, DateTime nowUtc)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(metrics, nowUtc, w);
        return w.ToString();
    }

    /// <summary>Writes the exposition of <paramref name="metrics"/> at <paramref name="nowUtc"/> (process
    /// memory is read now, on the calling thread).</summary>
    public static void Write(LiveMetrics metrics, DateTime nowUtc, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(writer);
        var o = new StringBuilder(16 * 1024);

        Family(o, "tomking_link_state", "gauge", "1 for the state each broker link is in, 0 for the others.");
        foreach (var link in LiveLinkNames.All)
        {
            var status = metrics.GetLink(link);
            foreach (var state in Enum.GetValues<LinkState>())
            {
                Sample(o, "tomking_link_state", status.State == state ? 1 : 0, ("link", link.Name()), ("state", state.Name()));
            }
        }

        Family(o, "tomking_link_state_since_timestamp_seconds", "gauge", "When each link entered its current state (Unix seconds).");
        foreach (var link in LiveLinkNames.All)
        {
            Sample(o, "tomking_link_state_since_timestamp_seconds", UnixSeconds(metrics.GetLink(link).SinceUtc), ("link", link.Name()));
        }

        Family(o, "tomking_link_down_seconds", "gauge", "How long each link has been down (disconnected or connecting); 0 while up.");
        foreach (var link in LiveLinkNames.All)
        {
            Sample(o, "tomking_link_down_seconds", metrics.GetLink(link).DownFor(nowUtc).TotalSeconds, ("link", link.Name()));
        }

        Family(o, "tomking_orders", "gauge", "Orders by order pipeline state.");
        foreach (var state in Enum.GetValues<OrderState>())
        {
            Sample(o, "tomking_orders", metrics.OrdersIn(state), ("state", SnakeCase(state.ToString())));
        }

        Counter(o, "tomking_order_rejects_total", "Orders rejected by the broker since start.", metrics.RejectsTotal);
        Counter(o, "tomking_fills_total", "Fills applied to the book since start.", metrics.FillsTotal);
        Counter(o, "tomking_order_events_total", "Order and fill events processed by the kernel since start.", metrics.OrderEventsTotal);

        var account = metrics.Account;
        Gauge(o, "tomking_buying_power_in_use_dollars", "Buying power in use (P-1), USD.", account.BuyingPowerInUse);
        Gauge(o, "tomking_net_liquidation_dollars", "Net liquidation value, USD.", account.NetLiquidation);
        Gauge(o, "tomking_high_water_mark_dollars", "High-water mark of net liq the P-5 ladder measures from, USD.", account.HighWaterMark);
        Gauge(o, "tomking_drawdown_ratio", "Drawdown from the high-water mark as a fraction (0.1 = -10 %).", account.Drawdown);

        var regime = metrics.Regime;
        Family(o, "tomking_regime", "gauge", "1 for the current P-1 VIX regime, 0 for the others.");
        foreach (var r in Enum.GetValues<VixRegime>())
        {
            Sample(o, "tomking_regime", r == regime ? 1 : 0, ("regime", SnakeCase(r.ToString())));
        }

        Gauge(o, "tomking_phase", "The P-2 account phase (1 to 4).", (int)metrics.Phase);

        var breakers = metrics.CircuitBreakers;
        Family(o, "tomking_circuit_breaker_halted", "gauge", "1 when the P-6 loss breaker of that period is latched (entries halted).");
        foreach (var b in CircuitBreakerStates.Each)
        {
            Sample(o, "tomking_circuit_breaker_halted", (breakers & b) != 0 ? 1 : 0, ("period", b.Name()));
        }

        if (metrics.HasDecisionLatencies)
        {
            WriteLatencies(o, metrics);
        }

        Gauge(o, "tomking_quote_queue_depth", "Quotes waiting for the kernel now.", metrics.QuoteQueueDepth);
        Gauge(o, "tomking_quote_queue_depth_max", "Deepest quote queue since start.", metrics.QuoteQueueDepthMax);
        Counter(o, "tomking_quotes_conflated_total", "Quotes dropped in favour of a newer quote for the same symbol.", metrics.QuotesConflatedTotal);
        Gauge(o, "tomking_journal_append_p99_seconds", "Journal append latency, 99th percentile.", metrics.JournalAppendP99.TotalSeconds);
        Gauge(o, "tomking_journal_behind_seconds", "Age of the oldest journal append not yet committed (0 when caught up).", metrics.JournalBehind.TotalSeconds);
        Gauge(o, "tomking_kernel_lag_seconds", "How late the kernel loop is on its oldest pending event.", metrics.KernelLag.TotalSeconds);
        Gauge(o, "tomking_gc_heap_bytes", "Managed heap size after the last GC.", GC.GetGCMemoryInfo().HeapSizeBytes);
        Gauge(o, "tomking_working_set_bytes", "Physical memory mapped to the process.", Environment.WorkingSet);
        Gauge(o, "tomking_uptime_seconds", "Time since the runner started.", metrics.Uptime(nowUtc).TotalSeconds);
        Gauge(o, "tomking_last_event_timestamp_seconds", "When the kernel processed its last event (Unix seconds; 0 before the first).",
            metrics.LastEventUtc is { } last ? UnixSeconds(last) : 0);

        writer.Write(o);
    }

    /// <summary>Escapes a label value: backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('\\', '"', '\n') < 0)
        {
            return value;
        }

        return value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
    }

    /// <summary>Escapes HELP text: backslash and line feed.</summary>
    public static string EscapeHelp(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    /// <summary>A sample value as Prometheus reads it: shortest round-trip invariant form, <c>NaN</c>,
    /// <c>+Inf</c>, <c>-Inf</c>.</summary>
    public static string FormatValue(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static void WriteLatencies(StringBuilder o, LiveMetrics metrics)
    {
        const string Name = "tomking_decision_latency_seconds";
        Family(o, Name, "histogram", "Decision latency per strategy and stage (RULEBOOK section 3), seconds.");
        var bounds = LiveMetrics.LatencyBucketsSeconds;
        var le = bounds.Select(b => b.ToString("0.#########", CultureInfo.InvariantCulture)).ToArray();
        foreach (var strategy in Enum.GetValues<StrategyId>())
        {
            string s = strategy.ToString();
            for (int stage = 0; stage < StageLabels.Length; stage++)
            {
                DecisionStage? st = stage < StageLabels.Length - 1 ? (DecisionStage)stage : null;
                var snap = metrics.ReadDecisionLatency(strategy, st);
                if (snap is null)
                {
                    return;
                }

                for (int b = 0; b < le.Length; b++)
                {
                    Sample(o, Name + "_bucket", snap.Cumulative[b], ("strategy", s), ("stage", StageLabels[stage]), ("le", le[b]));
                }

                Sample(o, Name + "_bucket", snap.Count, ("strategy", s), ("stage", StageLabels[stage]), ("le", "+Inf"));
                Sample(o, Name + "_sum", snap.SumSeconds, ("strategy", s), ("stage", StageLabels[stage]));
                Sample(o, Name + "_count", snap.Count, ("strategy", s), ("stage", StageLabels[stage]));
            }
        }
    }

    private static void Family(StringBuilder o, string name, string type, string help)
    {
        o.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        o.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    private static void Gauge(StringBuilder o, string name, string help, double value)
    {
        Family(o, name, "gauge", help);
        Sample(o, name, value);
    }

    private static void Counter(StringBuilder o, string name, string help, long value)
    {
        Family(o, name, "counter", help);
        Sample(o, name, value);
    }

    private static void Sample(StringBuilder o, string name, double value, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        o.Append(name);
        if (labels.Length > 0)
        {
            o.Append('{');
            for (int i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                {
                    o.Append(',');
                }

                o.Append(labels[i].Name).Append("=\"").Append(EscapeLabelValue(labels[i].Value)).Append('"');
            }

            o.Append('}');
        }

        o.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    private static double UnixSeconds(DateTime utc) => (utc - DateTime.UnixEpoch).TotalSeconds;

    /// <summary>"PartiallyFilled" → "partially_filled".</summary>
    private static string SnakeCase(string pascal)
    {
        var b = new StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    b.Append('_');
                }

                b.Append(char.ToLowerInvariant(c));
            }
            else
            {
                b.Append(c);
            }
        }

        return b.ToString();
    }
}

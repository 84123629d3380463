using System.Globalization;
using System.Net;
using System.Text;

namespace TomKing.Engine.Results;

/// <summary>Small helpers for the report's inline SVG: invariant number formatting, "nice" axis ticks,
/// linear and log scales. Everything the charts draw is computed here in C#; the report has no script.</summary>
internal static class SvgChart
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A coordinate with one decimal (enough for a 1000-unit view box).</summary>
    public static string C(double value) => double.IsFinite(value) ? Math.Round(value, 1).ToString("0.#", Inv) : "0";

    /// <summary>HTML/SVG text escaping (&lt; &gt; &amp; " ').</summary>
    public static string Esc(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Round step (1, 2, 2.5 or 5 × 10^k) giving about <paramref name="count"/> ticks over <paramref name="range"/>.</summary>
    public static double NiceStep(double range, int count)
    {
        if (!(range > 0) || !double.IsFinite(range))
        {
            return 1;
        }

        double raw = range / Math.Max(1, count);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>Axis bounds widened to whole steps, and the ticks between them.</summary>
    public static (double Low, double High, double[] Ticks) NiceAxis(double min, double max, int count)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            min = 0;
            max = 1;
        }

        if (max - min < 1e-12)
        {
            double pad = Math.Abs(max) > 0 ? Math.Abs(max) * 0.01 : 1;
            min -= pad;
            max += pad;
        }

        double step = NiceStep(max - min, count);
        double low = Math.Floor(min / step) * step;
        double high = Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (double t = low; t <= high + (step * 1e-9); t += step)
        {
            ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        }

        return (low, high, [.. ticks]);
    }

    /// <summary>Maps [d0, d1] onto [r0, r1] linearly.</summary>
    public static Func<double, double> Linear(double d0, double d1, double r0, double r1)
    {
        double span = d1 - d0;
        return span == 0 ? _ => (r0 + r1) / 2 : v => r0 + ((v - d0) / span * (r1 - r0));
    }

    /// <summary>Short money label for an axis: 52k, 1.2M, 950.</summary>
    public static string ShortMoney(double value)
    {
        double a = Math.Abs(value);
        string sign = value < 0 ? "−" : string.Empty;
        return a >= 1e6 ? sign + (a / 1e6).ToString("0.##", Inv) + "M"
            : a >= 1e3 ? sign + (a / 1e3).ToString("0.##", Inv) + "k"
            : sign + a.ToString("0", Inv);
    }

    /// <summary>Microseconds as a short label: 0.5 µs, 20 µs, 1 ms, 2 s.</summary>
    public static string ShortMicros(double micros) => micros switch
    {
        >= 1e6 => Significant(micros / 1e6) + " s",
        >= 1e3 => Significant(micros / 1e3) + " ms",
        _ => Significant(micros) + " µs",
    };

    /// <summary>A decade label for a log axis: 100ns, 1µs, 10µs, 1ms, 1s.</summary>
    public static string DecadeLabel(double micros) => micros switch
    {
        >= 1e6 => (micros / 1e6).ToString("0.###", Inv) + "s",
        >= 1e3 => (micros / 1e3).ToString("0.###", Inv) + "ms",
        >= 1 => micros.ToString("0.###", Inv) + "µs",
        _ => (micros * 1e3).ToString("0.###", Inv) + "ns",
    };

    /// <summary>Three significant digits, no exponent: 0.125, 1.25, 12.5, 125, 1250.</summary>
    public static string Significant(double value)
    {
        double a = Math.Abs(value);
        string format = a >= 100 ? "0" : a >= 10 ? "0.#" : a >= 1 ? "0.##" : "0.###";
        return value.ToString(format, Inv);
    }

    /// <summary>Appends a polyline path "M x,y L x,y ..." for the points.</summary>
    public static void AppendPath(StringBuilder sb, IReadOnlyList<(double X, double Y)> points)
    {
        bool pen = false;
        foreach (var (x, y) in points)
        {
            if (!double.IsFinite(y))
            {
                pen = false; // a gap (e.g. no VIX that day) breaks the line instead of drawing to zero
                continue;
            }

            sb.Append(pen ? " L" : " M").Append(C(x)).Append(',').Append(C(y));
            pen = true;
        }
    }
}

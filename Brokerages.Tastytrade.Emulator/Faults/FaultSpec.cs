using System.Globalization;

namespace TomKing.Brokerages.Tastytrade.Emulator.Faults;

/// <summary>
/// Parses the <c>--faults</c> spec: comma-separated <c>name=value</c> pairs, e.g.
/// <c>latency=50ms,http429=0.1,http5xx=0.05</c>. Names: <c>latency</c> (duration: <c>ms</c>, <c>s</c>; a bare
/// number is milliseconds), <c>retry-after</c> (duration), <c>http429</c>, <c>http5xx</c>, <c>duplicate</c>,
/// <c>out-of-order</c>, <c>drop</c>, <c>freeze</c>, <c>close1012</c> (probabilities in [0, 1]),
/// <c>http5xx-status</c> (500–599), <c>seed</c> (integer). Empty text means no faults.
/// </summary>
public static class FaultSpec
{
    /// <summary>The names <see cref="Parse"/> accepts, for help texts.</summary>
    public const string Names = "latency, retry-after, http429, http5xx, http5xx-status, duplicate, out-of-order, drop, freeze, close1012, seed";

    /// <summary>Parses a spec.</summary>
    /// <exception cref="FormatException">An unknown name, a missing '=', or a value out of range; the message says which.</exception>
    public static FaultSettings Parse(string? spec)
    {
        var settings = FaultSettings.None;
        if (string.IsNullOrWhiteSpace(spec))
        {
            return settings;
        }

        foreach (string raw in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == raw.Length - 1)
            {
                throw new FormatException($"fault '{raw}': expected name=value (names: {Names}).");
            }

            string name = raw[..eq].Trim().ToLowerInvariant();
            string value = raw[(eq + 1)..].Trim();
            settings = name switch
            {
                "latency" => settings with { Latency = Duration(name, value) },
                "retry-after" => settings with { RetryAfter = Duration(name, value) },
                "http429" => settings with { Http429 = Probability(name, value) },
                "http5xx" => settings with { Http5xx = Probability(name, value) },
                "http5xx-status" => settings with { Http5xxStatus = Status(name, value) },
                "duplicate" => settings with { DuplicateNotifications = Probability(name, value) },
                "out-of-order" => settings with { OutOfOrderNotifications = Probability(name, value) },
                "drop" => settings with { DropSocket = Probability(name, value) },
                "freeze" => settings with { FreezeSocket = Probability(name, value) },
                "close1012" => settings with { Close1012 = Probability(name, value) },
                "seed" => settings with { Seed = ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong s) ? s : throw new FormatException($"fault 'seed={value}': expected a non-negative integer.") },
                _ => throw new FormatException($"unknown fault '{name}' (names: {Names})."),
            };
        }

        return settings;
    }

    private static double Probability(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) && p >= 0.0 && p <= 1.0
            ? p
            : throw new FormatException($"fault '{name}={value}': expected a probability between 0 and 1.");

    private static int Status(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int s) && s is >= 500 and <= 599
            ? s
            : throw new FormatException($"fault '{name}={value}': expected an HTTP status from 500 to 599.");

    private static TimeSpan Duration(string name, string value)
    {
        string number = value;
        double scale = 1.0;
        if (value.EndsWith("ms", StringComparison.OrdinalIgnoreCase))
        {
            number = value[..^2];
        }
        else if (value.EndsWith('s') || value.EndsWith('S'))
        {
            number = value[..^1];
            scale = 1000.0;
        }

        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0.0 && double.IsFinite(v) && v * scale <= 600_000.0
            ? TimeSpan.FromMilliseconds(v * scale)
            : throw new FormatException($"fault '{name}={value}': expected a duration such as 50ms or 2s (at most 600s).");
    }
}

using System.Globalization;
using System.Text;

namespace TomKing.Engine.Tests.Live.Operations;

/// <summary>
/// A small, independent reader of the Prometheus text format 0.0.4 for the tests: it checks the line
/// grammar as it goes (throws FormatException) and returns the families and samples.
/// </summary>
internal sealed class PromParser
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public sealed record Family(string Name, string Type, string Help, List<Sample> Samples);

    public Dictionary<string, Family> Families { get; } = new(StringComparer.Ordinal);

    public List<Sample> Samples { get; } = [];

    public static PromParser Parse(string text)
    {
        var p = new PromParser();
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the exposition must end with a line feed");
        }

        string? help = null, helpFor = null;
        Family? current = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Contains('\r', StringComparison.Ordinal))
            {
                throw new FormatException("carriage return in a line");
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var rest = line["# HELP ".Length..];
                int sp = rest.IndexOf(' ', StringComparison.Ordinal);
                helpFor = rest[..sp];
                help = UnescapeHelp(rest[(sp + 1)..]);
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line["# TYPE ".Length..].Split(' ');
                if (parts.Length != 2 || parts[1] is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                {
                    throw new FormatException($"bad TYPE line: {line}");
                }

                if (p.Families.ContainsKey(parts[0]))
                {
                    throw new FormatException($"family {parts[0]} declared twice");
                }

                if (helpFor != parts[0])
                {
                    throw new FormatException($"TYPE {parts[0]} without its HELP just before");
                }

                current = new Family(parts[0], parts[1], help!, []);
                p.Families.Add(parts[0], current);
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            var sample = ParseSample(line);
            if (current is null || !BelongsTo(sample.Name, current))
            {
                throw new FormatException($"sample {sample.Name} outside its family (current: {current?.Name})");
            }

            current.Samples.Add(sample);
            p.Samples.Add(sample);
        }

        return p;
    }

    public double Value(string name, params (string Key, string Value)[] labels) =>
        Samples.Single(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Value;

    private static bool BelongsTo(string sample, Family f) =>
        sample == f.Name || (f.Type == "histogram" && (sample == f.Name + "_bucket" || sample == f.Name + "_sum" || sample == f.Name + "_count"));

    private static Sample ParseSample(string line)
    {
        int i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or ':'))
        {
            i++;
        }

        string name = line[..i];
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            throw new FormatException($"bad metric name in: {line}");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                int start = i;
                while (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '_')
                {
                    i++;
                }

                string key = line[start..i];
                if (line[i] != '=' || line[i + 1] != '"')
                {
                    throw new FormatException($"bad label in: {line}");
                }

                i += 2;
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new FormatException($"bad escape in: {line}"),
                        });
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                i++;
                if (!labels.TryAdd(key, value.ToString()))
                {
                    throw new FormatException($"label {key} twice in: {line}");
                }

                if (line[i] == ',')
                {
                    i++;
                }
            }

            i++;
        }

        if (i >= line.Length || line[i] != ' ')
        {
            throw new FormatException($"no space before the value in: {line}");
        }

        string text = line[(i + 1)..];
        double v = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new Sample(name, labels, v);
    }

    private static string UnescapeHelp(string s) =>
        s.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
}

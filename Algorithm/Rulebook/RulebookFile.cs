using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TomKing.Algorithm.Rulebook;

/// <summary>
/// Reads and writes rulebook JSON files. A file may be partial: it is merged onto
/// <see cref="RulebookSettings.Default"/> (objects merge property by property; numbers, strings and lists
/// replace), then validated. Bad files give messages with the file, line and position, and the setting.
/// </summary>
public static class RulebookFile
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Loads, merges onto the defaults and validates a rulebook file.</summary>
    public static RulebookLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail($"{name}: cannot read the rulebook file: {ex.Message}");
        }

        return Parse(text, name);
    }

    /// <summary>Parses rulebook JSON text (<paramref name="sourceName"/> names it in messages), merges it
    /// onto the defaults and validates it.</summary>
    public static RulebookLoadResult Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            // Pass 1 on the user's text alone: syntax, types, unknown names and nulls, with positions in their file.
            _ = JsonSerializer.Deserialize(json, RulebookJsonContext.Default.RulebookSettings);
            var overrides = JsonNode.Parse(json, documentOptions: DocumentOptions);
            if (overrides is not JsonObject overrideObject)
            {
                return Fail($"{sourceName}: the rulebook file must be a JSON object {{ ... }}");
            }

            // Pass 2: overlay onto the defaults so partial objects keep the defaults they do not mention.
            var merged = JsonSerializer.SerializeToNode(RulebookSettings.Default, RulebookJsonContext.Default.RulebookSettings)!.AsObject();
            Merge(merged, overrideObject);
            var settings = merged.Deserialize(RulebookJsonContext.Default.RulebookSettings)!;
            var errors = settings.Validate();
            return errors.Count == 0
                ? new RulebookLoadResult(settings, [])
                : new RulebookLoadResult(null, [.. errors.Select(e => $"{sourceName}: {e.Message}")]);
        }
        catch (JsonException ex)
        {
            return Fail(Describe(ex, sourceName));
        }
    }

    /// <summary>Writes settings as an indented rulebook JSON document (every setting, camelCase).</summary>
    public static string ToJson(RulebookSettings settings) =>
        JsonSerializer.Serialize(settings, RulebookJsonContext.Default.RulebookSettings);

    private static RulebookLoadResult Fail(string message) => new(null, [message]);

    private static void Merge(JsonObject target, JsonObject overrides)
    {
        foreach (var (key, value) in overrides)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static string Describe(JsonException ex, string sourceName)
    {
        string where = ex.LineNumber is long line
            ? string.Create(CultureInfo.InvariantCulture, $"({line + 1},{(ex.BytePositionInLine ?? 0) + 1})")
            : string.Empty;
        string setting = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" setting '{ex.Path.TrimStart('$', '.')}':";
        return $"{sourceName}{where}:{setting} {Reason(ex.Message)}";
    }

    private static string Reason(string message)
    {
        // System.Text.Json appends " Path: $.x | LineNumber: n | BytePositionInLine: m." — we report those ourselves.
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return (cut >= 0 ? message[..cut] : message).Trim();
    }
}

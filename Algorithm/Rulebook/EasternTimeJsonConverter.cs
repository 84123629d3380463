using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TomKing.Algorithm.Rulebook;

/// <summary>Reads and writes rulebook times of day as "HH:mm" (or "HH:mm:ss"), US/Eastern, the way
/// the rulebook writes them.</summary>
internal sealed class EasternTimeJsonConverter : JsonConverter<TimeOnly>
{
    private static readonly string[] Formats = ["HH:mm", "H:mm", "HH:mm:ss", "H:mm:ss"];

    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is not null && TimeOnly.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        throw new JsonException($"expected a time of day \"HH:mm\" (US/Eastern), got {(text is null ? reader.TokenType.ToString() : $"\"{text}\"")}.");
    }

    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString(value.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture));
    }
}

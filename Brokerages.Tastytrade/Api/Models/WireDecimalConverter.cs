using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TomKing.Brokerages.Tastytrade.Api.Models;

/// <summary>
/// Money and price fields as Tastytrade sends them: decimals are JSON <b>strings</b> (<c>"price":"4.0"</c>,
/// <c>"cash-balance":"0.0"</c>) but some arrive as numbers (<c>"multiplier":2</c>). Reads either, writes a
/// string with the value's own scale (so <c>150.25m</c> is <c>"150.25"</c>). Registered for every
/// <see cref="decimal"/> in <see cref="TastytradeJsonContext"/>; quantities opt out with
/// <see cref="WireQuantityConverter"/>.
/// </summary>
public sealed class WireDecimalConverter : JsonConverter<decimal>
{
    /// <inheritdoc />
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WireNumbers.ReadDecimal(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> buffer = stackalloc char[32];
        if (value.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture))
        {
            writer.WriteStringValue(buffer[..written]);
        }
        else
        {
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>Nullable twin of <see cref="WireDecimalConverter"/> (absent and <c>null</c> read as null;
/// null is omitted on write by the context's ignore-null setting).</summary>
public sealed class NullableWireDecimalConverter : JsonConverter<decimal?>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : WireNumbers.ReadDecimal(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } v)
        {
            writer.WriteStringValue(v.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>
/// Quantities (<c>"quantity":1</c>, <c>"size":1</c>, <c>"remaining-quantity":0</c>) are JSON <b>numbers</b>
/// on the wire; fractional equity quantities exist, so they are decimals. Reads a number or a numeric
/// string, writes a number.
/// </summary>
public sealed class WireQuantityConverter : JsonConverter<decimal>
{
    /// <inheritdoc />
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WireNumbers.ReadDecimal(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}

/// <summary>Nullable twin of <see cref="WireQuantityConverter"/> (notional-market legs omit the quantity).</summary>
public sealed class NullableWireQuantityConverter : JsonConverter<decimal?>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : WireNumbers.ReadDecimal(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>Fields that are a string in one payload and a number in another (the error <c>code</c>:
/// <c>"preflight_check_failure"</c> vs <c>406</c>). Always surfaces as a string.</summary>
public sealed class StringOrNumberConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => reader.TryGetInt64(out long whole)
                ? whole.ToString(CultureInfo.InvariantCulture)
                : reader.GetDecimal().ToString(CultureInfo.InvariantCulture),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a string or a number, got {reader.TokenType}."),
        };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}

/// <summary>The lenient number reading shared by the converters.</summary>
internal static class WireNumbers
{
    public static decimal ReadDecimal(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.GetDecimal();
            case JsonTokenType.String:
                string? text = reader.GetString();
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value))
                {
                    return value;
                }

                throw new JsonException($"'{text}' is not a decimal.");
            default:
                throw new JsonException($"Expected a decimal as a string or a number, got {reader.TokenType}.");
        }
    }
}

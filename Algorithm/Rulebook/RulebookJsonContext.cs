using System.Text.Json.Serialization;

namespace TomKing.Algorithm.Rulebook;

/// <summary>Source-generated JSON metadata for rulebook files: camelCase names, enums as strings, times
/// as "HH:mm", unknown properties rejected (a typo must not silently fall back to a default), nulls
/// rejected where the setting is not optional, comments and trailing commas tolerated.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.Strict,
    Converters = [typeof(EasternTimeJsonConverter)])]
[JsonSerializable(typeof(RulebookSettings))]
internal sealed partial class RulebookJsonContext : JsonSerializerContext;

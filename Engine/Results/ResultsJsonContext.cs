using System.Text.Json.Serialization;

namespace TomKing.Engine.Results;

/// <summary>Source-generated JSON for the results file (no reflection; NaN written as a string so a
/// missing VIX survives the round trip).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BacktestResults))]
public sealed partial class ResultsJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace TomKing.Engine.Journal;

/// <summary>Source-generated JSON for journal payloads: compact (no indentation, nulls left out), enums by
/// name (stable if an enum's numbers ever change), NaN written as a string.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = false,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SubmittedWire))]
[JsonSerializable(typeof(UpdateWire))]
[JsonSerializable(typeof(FillWire))]
[JsonSerializable(typeof(SessionStartRecord))]
[JsonSerializable(typeof(Acknowledgement))]
[JsonSerializable(typeof(CancelRequest))]
[JsonSerializable(typeof(ReplaceRequest))]
[JsonSerializable(typeof(StrategyStateRecord))]
[JsonSerializable(typeof(ReferencePointsRecord))]
[JsonSerializable(typeof(ReconciliationRecord))]
[JsonSerializable(typeof(AlertRecord))]
[JsonSerializable(typeof(DecisionSummary))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;

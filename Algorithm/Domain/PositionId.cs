using System.Globalization;

namespace TomKing.Algorithm.Domain;

/// <summary>Identifies one open structure across orders, fills, the journal and decision records.
/// Assigned by the portfolio when an entry intent is created; stable across restarts (journaled).</summary>
/// <param name="Value">A positive number, unique per account.</param>
public readonly record struct PositionId(long Value)
{
    /// <summary>True for <c>default</c>, which names no position.</summary>
    public bool IsEmpty => Value == 0;

    /// <summary>"P42".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"P{Value}");
}

using System.Globalization;

namespace TomKing.Algorithm.Ports;

/// <summary>The order pipeline's own id for an order, chosen before submission and journaled first, so a
/// restart can match broker orders to intents (idempotent resubmission, reconciliation).</summary>
/// <param name="Value">Unique per account and run history.</param>
public readonly record struct ClientOrderId(long Value)
{
    /// <summary>"C42".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"C{Value}");
}

/// <summary>The host's handle for a submitted order (LEAN ticket id, emulator or broker order number as
/// mapped by the adapter). Cancels and replaces refer to it.</summary>
/// <param name="Value">Host-assigned number.</param>
public readonly record struct OrderId(long Value)
{
    /// <summary>"O42".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"O{Value}");
}

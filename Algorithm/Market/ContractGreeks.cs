using TomKing.Greeks;

namespace TomKing.Algorithm.Market;

/// <summary>
/// Implied volatility and Greeks of one chain contract from its mid, as of the chain's time. Delta and
/// gamma are per unit of the underlying's quoted price (index level, futures price, share price) —
/// what brokers display and what the rulebook's deltas mean; puts have negative delta (the rulebook
/// speaks of absolute deltas: <see cref="AbsDelta"/>).
/// </summary>
/// <param name="Status">Whether the numbers are meaningful.</param>
/// <param name="ImpliedVolatility">Annualized IV (NaN unless available).</param>
/// <param name="Greeks">Price and sensitivities per unit (default unless available).</param>
/// <param name="Forward">The forward the option was priced on.</param>
/// <param name="Years">Time to settlement in years.</param>
public readonly record struct ContractGreeks(GreeksStatus Status, double ImpliedVolatility, OptionGreeks Greeks, double Forward, double Years)
{
    /// <summary>True when IV and Greeks were computed.</summary>
    public bool IsAvailable => Status == GreeksStatus.Available;

    /// <summary>Signed delta (NaN unless available).</summary>
    public double Delta => IsAvailable ? Greeks.Delta : double.NaN;

    /// <summary>|delta| (NaN unless available).</summary>
    public double AbsDelta => Math.Abs(Delta);

    internal static ContractGreeks Unavailable(GreeksStatus status, double forward = double.NaN, double years = double.NaN) =>
        new(status, double.NaN, default, forward, years);
}

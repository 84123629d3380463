namespace TomKing.Greeks;

/// <summary>
/// The outcome of an implied-volatility solve. <see cref="Volatility"/> is meaningful only when
/// <see cref="IsSolved"/>; otherwise it is <see cref="double.NaN"/> and <see cref="Status"/> says why,
/// so a caller never mistakes an arbitrage-violating quote for a number.
/// </summary>
/// <param name="Status">Outcome.</param>
/// <param name="Volatility">Annualized implied volatility when solved; NaN otherwise.</param>
/// <param name="Iterations">Solver iterations used (0 for closed-form or rejected inputs).</param>
public readonly record struct ImpliedVolatilityResult(ImpliedVolatilityStatus Status, double Volatility, int Iterations)
{
    /// <summary>True when <see cref="Volatility"/> holds a solution.</summary>
    public bool IsSolved => Status == ImpliedVolatilityStatus.Solved;

    internal static ImpliedVolatilityResult Fail(ImpliedVolatilityStatus status) => new(status, double.NaN, 0);
}

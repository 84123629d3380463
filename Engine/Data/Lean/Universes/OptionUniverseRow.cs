using TomKing.Greeks;

namespace TomKing.Engine.Data.Lean.Universes;

/// <summary>
/// One row of an option universe CSV (<c>#expiry,strike,right,open,high,low,close,volume,open_interest[,implied_volatility,delta,gamma,vega,theta,rho]</c>).
/// The first data row describes the underlying (empty expiry, strike and right). Values are the
/// trading day's end-of-day figures, usable from the next day. Prices and strikes are unscaled.
/// Missing numbers (empty fields, and the Greeks columns of futures-option universes) are NaN.
/// </summary>
/// <param name="IsUnderlying">True for the underlying's row.</param>
/// <param name="Expiry">Contract expiry (default for the underlying).</param>
/// <param name="Strike">Strike in price units (0 for the underlying).</param>
/// <param name="Right">Call or put (Call for the underlying; ignore it there).</param>
/// <param name="Open">Day open.</param>
/// <param name="High">Day high.</param>
/// <param name="Low">Day low.</param>
/// <param name="Close">Day close.</param>
/// <param name="Volume">Day volume.</param>
/// <param name="OpenInterest">Open interest (NaN when empty).</param>
/// <param name="ImpliedVolatility">Implied volatility (NaN when absent).</param>
/// <param name="Delta">Delta (NaN when absent).</param>
/// <param name="Gamma">Gamma (NaN when absent).</param>
/// <param name="Vega">Vega (NaN when absent).</param>
/// <param name="ThetaPerDay">Theta per calendar day, as the file stores it (LEAN multiplies by 365 when reading).</param>
/// <param name="Rho">Rho (NaN when absent).</param>
public readonly record struct OptionUniverseRow(
    bool IsUnderlying,
    DateOnly Expiry,
    decimal Strike,
    OptionRight Right,
    double Open,
    double High,
    double Low,
    double Close,
    long Volume,
    double OpenInterest,
    double ImpliedVolatility,
    double Delta,
    double Gamma,
    double Vega,
    double ThetaPerDay,
    double Rho);

/// <summary>
/// One row of a futures universe CSV (<c>#expiry,open,high,low,close,volume,open_interest</c>): a listed
/// contract month and its end-of-day figures.
/// </summary>
/// <param name="Expiry">The contract month's first day for <c>yyyyMM</c>, or the date for <c>yyyyMMdd</c>.</param>
/// <param name="ExpiryIsMonth">True when the file gave only the month.</param>
/// <param name="Open">Day open.</param>
/// <param name="High">Day high.</param>
/// <param name="Low">Day low.</param>
/// <param name="Close">Day close.</param>
/// <param name="Volume">Day volume.</param>
/// <param name="OpenInterest">Open interest (NaN when empty).</param>
public readonly record struct FutureUniverseRow(
    DateOnly Expiry,
    bool ExpiryIsMonth,
    double Open,
    double High,
    double Low,
    double Close,
    long Volume,
    double OpenInterest);

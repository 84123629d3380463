namespace TomKing.Algorithm.Risk.Margin;

/// <summary>
/// The exchange's outright performance-bond requirement for one futures contract, effective from a date
/// (one row of LEAN's <c>future/&lt;market&gt;/margins/&lt;ROOT&gt;.csv</c>). The futures-option margin model
/// scales the initial margin; maintenance is kept for hosts that margin-call on it.
/// </summary>
/// <param name="EffectiveFrom">First day the requirement applies.</param>
/// <param name="Initial">Initial margin per contract, USD.</param>
/// <param name="Maintenance">Maintenance margin per contract, USD.</param>
public readonly record struct FuturesMargin(DateOnly EffectiveFrom, decimal Initial, decimal Maintenance);

namespace TomKing.Algorithm.Strategies;

/// <summary>
/// The small state a strategy keeps beyond the portfolio (<see cref="IStrategy"/>): the date of its last entry
/// decision. A live host journals it whenever it changes and sets it back after a restart, so a strategy that
/// decided (entered or skipped) before a crash does not decide again the same day. Positions and orders are
/// not part of it: they are rebuilt from the journal's orders and fills.
/// </summary>
public interface IRestartableStrategy : IStrategy
{
    /// <summary>Exchange date of the last entry decision; <see cref="DateOnly.MinValue"/> when none.</summary>
    DateOnly LastEntryDecision { get; set; }
}

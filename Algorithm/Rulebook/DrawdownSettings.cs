namespace TomKing.Algorithm.Rulebook;

/// <summary>P-5: the drawdown ladder from the high-water mark of net liq (fractions, 0.10 = −10 %).
/// A level applies at or beyond its threshold.</summary>
public sealed record DrawdownSettings
{
    /// <summary>Drawdown at which new position sizes are reduced.</summary>
    public double ReduceSizeAt { get; init; } = 0.10;

    /// <summary>Size multiplier at the first step (0.5 = halved).</summary>
    public double ReducedSizeFactor { get; init; } = 0.5;

    /// <summary>Drawdown at which no new positions are opened and losing positions are closed.</summary>
    public double StopEntriesAndCloseLosersAt { get; init; } = 0.15;

    /// <summary>Drawdown at which everything is closed and entries pause.</summary>
    public double CloseAllAt { get; init; } = 0.20;

    /// <summary>Trading days without entries after <see cref="CloseAllAt"/> fires.</summary>
    public int CooldownTradingDays { get; init; } = 10;

    internal void Check(SettingsCheck c)
    {
        c.Range("drawdown.reduceSizeAt", ReduceSizeAt, 0, 1, "P-5 ladder step (fraction of the high-water mark)", minExclusive: true, maxExclusive: true);
        c.Range("drawdown.reducedSizeFactor", ReducedSizeFactor, 0, 1, "P-5: sizes are reduced, never raised", minExclusive: true, maxExclusive: true);
        c.Range("drawdown.stopEntriesAndCloseLosersAt", StopEntriesAndCloseLosersAt, ReduceSizeAt, 1, "P-5 ladder must rise: above drawdown.reduceSizeAt", minExclusive: true, maxExclusive: true);
        c.Range("drawdown.closeAllAt", CloseAllAt, StopEntriesAndCloseLosersAt, 1, "P-5 ladder must rise: above drawdown.stopEntriesAndCloseLosersAt", minExclusive: true, maxExclusive: true);
        c.Range("drawdown.cooldownTradingDays", CooldownTradingDays, 0, 250, "P-5 pause after closing everything");
    }
}

using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Rulebook;

/// <summary>P-9: positions of the listed strategies still open at or below this many calendar days to
/// expiry are closed (or, by setting, closed only if profitable and otherwise flagged).</summary>
public sealed record TwentyOneDteSettings
{
    /// <summary>Calendar days to expiry at or below which the rule fires.</summary>
    public int CloseAtOrBelowDays { get; init; } = 21;

    /// <summary>Close, or close-if-profitable-else-flag.</summary>
    public TwentyOneDteMode Mode { get; init; } = TwentyOneDteMode.Close;

    /// <summary>Strategies the rule applies to (IPMCC and LPL roll by their own rules).</summary>
    public IReadOnlyList<StrategyId> Strategies { get; init; } = [StrategyId.L112, StrategyId.FS];

    internal void Check(SettingsCheck c) =>
        c.Range("twentyOneDte.closeAtOrBelowDays", CloseAtOrBelowDays, 0, 60, "P-9 days to expiry");
}

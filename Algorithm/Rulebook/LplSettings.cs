namespace TomKing.Algorithm.Rulebook;

/// <summary>LPL LEAP put ladder (LPL-1..LPL-4). VIX bounds are strict: exactly 15 sells one, exactly 20 sells one.</summary>
public sealed record LplSettings
{
    /// <summary>LPL-1 weekday.</summary>
    public DayOfWeek Day { get; init; } = DayOfWeek.Monday;

    /// <summary>LPL-1 time.</summary>
    public TimeOnly EntryTime { get; init; } = new(10, 0);

    /// <summary>LPL-1 underlying.</summary>
    public string Underlying { get; init; } = "SPY";

    /// <summary>LPL-1 expiry: closest to the target, at least the minimum (max is a sanity bound).</summary>
    public DteWindow Expiry { get; init; } = new(365, 300, 900);

    /// <summary>LPL-1 short put delta target.</summary>
    public double PutDelta { get; init; } = 0.13;

    /// <summary>LPL-2 VIX below this skips the week.</summary>
    public double SkipBelowVix { get; init; } = 15;

    /// <summary>LPL-2 VIX above this sells <see cref="HighVixContracts"/>.</summary>
    public double DoubleAboveVix { get; init; } = 20;

    /// <summary>LPL-1 puts sold per week normally.</summary>
    public int Contracts { get; init; } = 1;

    /// <summary>LPL-2 puts sold when VIX is above <see cref="DoubleAboveVix"/>.</summary>
    public int HighVixContracts { get; init; } = 2;

    /// <summary>LPL-3 take profit at this fraction of the credit.</summary>
    public double ProfitFraction { get; init; } = 0.30;

    /// <summary>LPL-3 roll at this many days to expiry or fewer.</summary>
    public int RollAtDte { get; init; } = 150;

    /// <summary>LPL-4 max rungs.</summary>
    public int MaxRungs { get; init; } = 10;

    /// <summary>LPL-4 max BP per rung (fraction of net liq).</summary>
    public double MaxBpPerRung { get; init; } = 0.02;

    /// <summary>LPL-4 max BP for the ladder.</summary>
    public double MaxBpLadder { get; init; } = 0.20;

    /// <summary>LPL-2: puts to sell this week for a VIX level (0 = skip).</summary>
    public int ContractsFor(double vix) =>
        !(vix >= SkipBelowVix) ? 0 : vix > DoubleAboveVix ? HighVixContracts : Contracts;

    internal void Check(SettingsCheck c)
    {
        c.Within("lpl.entryTime", EntryTime, new(9, 30), new(16, 0), "LPL-1 regular session");
        c.Tickers("lpl.underlying", [Underlying], "LPL-1 underlying");
        Expiry.Check(c, "lpl.expiry", "LPL-1 DTE");
        c.Range("lpl.putDelta", PutDelta, 0, 0.5, "LPL-1 put delta", minExclusive: true);
        c.Range("lpl.skipBelowVix", SkipBelowVix, 0, 100, "LPL-2");
        c.Range("lpl.doubleAboveVix", DoubleAboveVix, SkipBelowVix, 100, "LPL-2: not below lpl.skipBelowVix");
        c.Range("lpl.contracts", Contracts, 1, 10, "LPL-1");
        c.Range("lpl.highVixContracts", HighVixContracts, Contracts, 10, "LPL-2: not below lpl.contracts");
        c.Range("lpl.profitFraction", ProfitFraction, 0, 1, "LPL-3 profit target", minExclusive: true);
        c.Range("lpl.rollAtDte", RollAtDte, 0, Expiry.Min, "LPL-3 roll: not above lpl.expiry.min");
        c.Range("lpl.maxRungs", MaxRungs, 1, 52, "LPL-4");
        c.Range("lpl.maxBpPerRung", MaxBpPerRung, 0, MaxBpLadder, "LPL-4 BP per rung, not above lpl.maxBpLadder", minExclusive: true);
        c.Range("lpl.maxBpLadder", MaxBpLadder, 0, 0.5, "LPL-4 ladder BP", minExclusive: true);
    }
}

namespace TomKing.Algorithm.Rulebook;

/// <summary>F0 Friday 0DTE (F0-1..F0-5). Times US/Eastern; deltas absolute; distances in index points.</summary>
public sealed record F0Settings
{
    /// <summary>F0-1 trading day.</summary>
    public DayOfWeek Day { get; init; } = DayOfWeek.Friday;

    /// <summary>F0-1 time the opening price is captured.</summary>
    public TimeOnly OpenCapture { get; init; } = new(9, 30);

    /// <summary>F0-1 decision time.</summary>
    public TimeOnly DecisionTime { get; init; } = new(10, 30);

    /// <summary>F0-1 no entry after this time (the entry order is cancelled then).</summary>
    public TimeOnly NoEntryAfter { get; init; } = new(11, 0);

    /// <summary>F0-2 |move| at or below which the day is flat (iron condor).</summary>
    public double FlatMove { get; init; } = 0.005;

    /// <summary>F0-3 target short delta.</summary>
    public double ShortDelta { get; init; } = 0.16;

    /// <summary>F0-3 the short strike's delta is never above this.</summary>
    public double MaxShortDelta { get; init; } = 0.25;

    /// <summary>F0-3 long strikes at least this many points further out of the money.</summary>
    public double WingPoints { get; init; } = 30;

    /// <summary>F0-4 contracts by net liq.</summary>
    public IReadOnlyList<SizingTier> Sizing { get; init; } =
    [
        new(0m, 1), new(40_000m, 2), new(75_000m, 3), new(100_000m, 4), new(150_000m, 5),
    ];

    /// <summary>F0-5 take profit when the cost to close is at or below this fraction of the credit.</summary>
    public double TakeProfitCostFraction { get; init; } = 0.50;

    /// <summary>F0-5 stop when the cost to close is at or above this multiple of the credit.</summary>
    public double StopCostMultiple { get; init; } = 3.0;

    /// <summary>F0-5 everything still open is closed at this time.</summary>
    public TimeOnly TimeExit { get; init; } = new(15, 0);

    /// <summary>F0-4: contracts for a net liq (before P-1..P-7 caps); 0 below the first tier.</summary>
    public int ContractsFor(decimal netLiquidation)
    {
        int contracts = 0;
        for (int i = 0; i < Sizing.Count; i++)
        {
            if (netLiquidation >= Sizing[i].FromNetLiquidation)
            {
                contracts = Sizing[i].Contracts;
            }
        }

        return contracts;
    }

    internal void Check(SettingsCheck c)
    {
        c.Within("f0.openCapture", OpenCapture, new(9, 30), new(16, 0), "F0-1 regular session");
        c.Before("f0.openCapture", OpenCapture, "f0.decisionTime", DecisionTime, "F0-1");
        c.Before("f0.decisionTime", DecisionTime, "f0.noEntryAfter", NoEntryAfter, "F0-1");
        c.Before("f0.noEntryAfter", NoEntryAfter, "f0.timeExit", TimeExit, "F0-5 time exit after the entry window");
        c.Within("f0.timeExit", TimeExit, new(9, 30), new(16, 0), "F0-5 before the close");
        c.Range("f0.flatMove", FlatMove, 0, 0.05, "F0-2 flat-day band", minExclusive: true);
        c.Range("f0.maxShortDelta", MaxShortDelta, 0, 0.25, "F0-3 never above 0.25", minExclusive: true);
        c.Range("f0.shortDelta", ShortDelta, 0, Math.Min(MaxShortDelta, 0.25), "F0-3 never above 0.25", minExclusive: true);
        c.Range("f0.wingPoints", WingPoints, 0, 500, "F0-3 wing distance in points", minExclusive: true);
        c.Count("f0.sizing", Sizing, 1, 20, "F0-4 sizing table");
        for (int i = 0; i < Sizing.Count; i++)
        {
            c.Range($"f0.sizing[{i}].contracts", Sizing[i].Contracts, 1, 100, "F0-4 contracts");
            if (i > 0)
            {
                c.Range($"f0.sizing[{i}].fromNetLiquidation", Sizing[i].FromNetLiquidation, Sizing[i - 1].FromNetLiquidation, 100_000_000m, "F0-4 tiers must rise", minExclusive: true);
            }
        }

        c.Range("f0.takeProfitCostFraction", TakeProfitCostFraction, 0, 1, "F0-5 take profit", minExclusive: true, maxExclusive: true);
        c.Range("f0.stopCostMultiple", StopCostMultiple, 1, 10, "F0-5 stop: cost to close as a multiple of the credit", minExclusive: true);
    }
}

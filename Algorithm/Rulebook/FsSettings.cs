namespace TomKing.Algorithm.Rulebook;

/// <summary>FS futures strangles (FS-1..FS-6). Deltas absolute.</summary>
public sealed record FsSettings
{
    /// <summary>FS-1 entry weekday.</summary>
    public DayOfWeek Day { get; init; } = DayOfWeek.Tuesday;

    /// <summary>FS-1 which occurrence of the weekday in the month (2 = second).</summary>
    public int Week { get; init; } = 2;

    /// <summary>FS-1 entry time.</summary>
    public TimeOnly EntryTime { get; init; } = new(10, 15);

    /// <summary>FS-2 expiry window.</summary>
    public DteWindow Expiry { get; init; } = new(90, 75, 105);

    /// <summary>FS-3 short put delta target.</summary>
    public double PutDelta { get; init; } = 0.06;

    /// <summary>FS-3 short call delta target.</summary>
    public double CallDelta { get; init; } = 0.05;

    /// <summary>FS-4 minimum IV rank (0–100).</summary>
    public double MinIvRank { get; init; } = 30;

    /// <summary>FS-4 IV rank lookback in trading days.</summary>
    public int IvRankLookbackDays { get; init; } = 252;

    /// <summary>FS-5 take profit at this fraction of the credit.</summary>
    public double ProfitFraction { get; init; } = 0.50;

    /// <summary>FS-5 stop at a loss of this multiple of the credit.</summary>
    public double StopLossCreditMultiple { get; init; } = 2.0;

    /// <summary>FS-5 all strangles close when the regime turns EXTREME.</summary>
    public bool CloseAllInExtreme { get; init; } = true;

    /// <summary>FS-5 tested short delta at which the untested side is rolled.</summary>
    public double RollUntestedAtDelta { get; init; } = 0.20;

    /// <summary>FS-5 the untested side is rolled to this delta.</summary>
    public double RollUntestedToDelta { get; init; } = 0.16;

    /// <summary>FS-5 tested short delta at which the tested side is closed.</summary>
    public double CloseTestedAtDelta { get; init; } = 0.25;

    /// <summary>FS-5 tested short delta at which the whole strangle is closed.</summary>
    public double CloseAllAtDelta { get; init; } = 0.30;

    /// <summary>FS-6 max BP per strangle (fraction of net liq).</summary>
    public double MaxBpFraction { get; init; } = 0.035;

    /// <summary>FS-6 max BP per strangle on micros.</summary>
    public double MaxBpFractionMicro { get; init; } = 0.025;

    internal void Check(SettingsCheck c)
    {
        c.Range("fs.week", Week, 1, 5, "FS-1 occurrence of the weekday in the month");
        c.Within("fs.entryTime", EntryTime, new(9, 30), new(16, 0), "FS-1 regular session");
        Expiry.Check(c, "fs.expiry", "FS-2 DTE window");
        c.Range("fs.putDelta", PutDelta, 0, 0.20, "FS-3 short put delta, below the FS-5 defence levels", minExclusive: true);
        c.Range("fs.callDelta", CallDelta, 0, 0.20, "FS-3 short call delta, below the FS-5 defence levels", minExclusive: true);
        c.Range("fs.minIvRank", MinIvRank, 0, 100, "FS-4 IV rank");
        c.Range("fs.ivRankLookbackDays", IvRankLookbackDays, 20, 2520, "FS-4 lookback");
        c.Range("fs.profitFraction", ProfitFraction, 0, 1, "FS-5 profit target", minExclusive: true);
        c.Range("fs.stopLossCreditMultiple", StopLossCreditMultiple, 0, 20, "FS-5 stop", minExclusive: true);
        c.Range("fs.rollUntestedAtDelta", RollUntestedAtDelta, Math.Max(PutDelta, CallDelta), 1, "FS-5 defence: above the entry deltas", minExclusive: true);
        c.Range("fs.rollUntestedToDelta", RollUntestedToDelta, 0, RollUntestedAtDelta, "FS-5 roll target, not above fs.rollUntestedAtDelta", minExclusive: true);
        c.Range("fs.closeTestedAtDelta", CloseTestedAtDelta, RollUntestedAtDelta, 1, "FS-5 defence must rise: above fs.rollUntestedAtDelta", minExclusive: true);
        c.Range("fs.closeAllAtDelta", CloseAllAtDelta, CloseTestedAtDelta, 1, "FS-5 defence must rise: above fs.closeTestedAtDelta", minExclusive: true);
        c.Range("fs.maxBpFraction", MaxBpFraction, 0, 0.25, "FS-6 BP per strangle", minExclusive: true);
        c.Range("fs.maxBpFractionMicro", MaxBpFractionMicro, 0, MaxBpFraction, "FS-6 micro BP, not above fs.maxBpFraction", minExclusive: true);
    }
}

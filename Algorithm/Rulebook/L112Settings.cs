namespace TomKing.Algorithm.Rulebook;

/// <summary>L112 long-term 1-1-2 (L112-1..L112-5). Spot fractions pick strikes (nearest listed).</summary>
public sealed record L112Settings
{
    /// <summary>L112-1 entry weekday.</summary>
    public DayOfWeek Day { get; init; } = DayOfWeek.Wednesday;

    /// <summary>L112-1 entry time.</summary>
    public TimeOnly EntryTime { get; init; } = new(10, 0);

    /// <summary>L112-1 which occurrences of the weekday in the month (1 = first).</summary>
    public IReadOnlyList<int> Weeks { get; init; } = [1];

    /// <summary>L112-1 extra occurrences in Phase 4 (stacked Wednesdays).</summary>
    public IReadOnlyList<int> Phase4ExtraWeeks { get; init; } = [2, 3];

    /// <summary>L112-2 expiry window.</summary>
    public DteWindow Expiry { get; init; } = new(120, 112, 130);

    /// <summary>L112-3 long put at this fraction of spot.</summary>
    public double LongPutSpotFraction { get; init; } = 0.93;

    /// <summary>L112-3 the short put this many points below the long put.</summary>
    public double SpreadPoints { get; init; } = 50;

    /// <summary>L112-3 spread width by root where points differ (SPY and XSP trade at 1/10 of SPX).</summary>
    public IReadOnlyDictionary<string, double> SpreadPointsByRoot { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["SPY"] = 5,
        ["XSP"] = 5,
    };

    /// <summary>L112-3 naked puts at this fraction of spot.</summary>
    public double NakedPutSpotFraction { get; init; } = 0.88;

    /// <summary>L112-3 naked puts per unit.</summary>
    public int NakedPutsPerUnit { get; init; } = 2;

    /// <summary>L112-4 max BP of this position as a fraction of net liq.</summary>
    public double MaxBpFraction { get; init; } = 0.06;

    /// <summary>L112-4 max BP on micros (MES).</summary>
    public double MaxBpFractionMicro { get; init; } = 0.03;

    /// <summary>L112-5 naked puts closed when this fraction of their credit is captured.</summary>
    public double NakedPutProfitFraction { get; init; } = 0.90;

    /// <summary>L112-5 debit spread closed at this profit (fraction of its debit).</summary>
    public double DebitSpreadProfitFraction { get; init; } = 0.50;

    /// <summary>L112-5 close everything when spot is within this fraction above the naked strike.</summary>
    public double NakedStrikeProximity { get; init; } = 0.005;

    /// <summary>L112-5 close everything when the loss reaches this multiple of the net credit.</summary>
    public double StopLossCreditMultiple { get; init; } = 2.0;

    /// <summary>The spread width in points for a root.</summary>
    public double SpreadPointsFor(string root) => SpreadPointsByRoot.TryGetValue(root, out double p) ? p : SpreadPoints;

    internal void Check(SettingsCheck c)
    {
        c.Within("l112.entryTime", EntryTime, new(9, 30), new(16, 0), "L112-1 regular session");
        c.Count("l112.weeks", Weeks, 1, 5, "L112-1");
        for (int i = 0; i < Weeks.Count; i++)
        {
            c.Range($"l112.weeks[{i}]", Weeks[i], 1, 5, "L112-1 occurrence of the weekday in the month");
        }

        for (int i = 0; i < Phase4ExtraWeeks.Count; i++)
        {
            c.Range($"l112.phase4ExtraWeeks[{i}]", Phase4ExtraWeeks[i], 1, 5, "L112-1 occurrence of the weekday in the month");
        }

        Expiry.Check(c, "l112.expiry", "L112-2 DTE window");
        c.Range("l112.longPutSpotFraction", LongPutSpotFraction, 0.5, 1.0, "L112-3 long put below spot", maxExclusive: true);
        c.Range("l112.nakedPutSpotFraction", NakedPutSpotFraction, 0.5, LongPutSpotFraction, "L112-3 naked puts below the long put", maxExclusive: true);
        c.Range("l112.spreadPoints", SpreadPoints, 0, 1000, "L112-3 spread width", minExclusive: true);
        foreach (var (root, points) in SpreadPointsByRoot)
        {
            c.Range($"l112.spreadPointsByRoot.{root}", points, 0, 1000, "L112-3 spread width", minExclusive: true);
        }

        c.Range("l112.nakedPutsPerUnit", NakedPutsPerUnit, 1, 4, "L112-3 naked puts per unit");
        c.Range("l112.maxBpFraction", MaxBpFraction, 0, 0.25, "L112-4 BP per position", minExclusive: true);
        c.Range("l112.maxBpFractionMicro", MaxBpFractionMicro, 0, MaxBpFraction, "L112-4 micro BP, not above l112.maxBpFraction", minExclusive: true);
        c.Range("l112.nakedPutProfitFraction", NakedPutProfitFraction, 0, 1, "L112-5 naked put profit target", minExclusive: true);
        c.Range("l112.debitSpreadProfitFraction", DebitSpreadProfitFraction, 0, 10, "L112-5 debit spread profit target", minExclusive: true);
        c.Range("l112.nakedStrikeProximity", NakedStrikeProximity, 0, 0.2, "L112-5 spot proximity exit");
        c.Range("l112.stopLossCreditMultiple", StopLossCreditMultiple, 0, 20, "L112-5 stop loss", minExclusive: true);
    }
}

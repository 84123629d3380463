namespace TomKing.Algorithm.Rulebook;

/// <summary>IPMCC income poor man's covered call (IPMCC-1..IPMCC-5). Max positions per phase are in
/// <see cref="PhaseRules.IpmccMaxPositions"/>.</summary>
public sealed record IpmccSettings
{
    /// <summary>IPMCC-1 underlyings in order of preference.</summary>
    public IReadOnlyList<string> Underlyings { get; init; } = ["QQQ", "SPY", "IWM"];

    /// <summary>IPMCC-2 LEAP delta target.</summary>
    public double LeapDelta { get; init; } = 0.80;

    /// <summary>IPMCC-2 lowest accepted LEAP delta.</summary>
    public double LeapMinDelta { get; init; } = 0.75;

    /// <summary>IPMCC-2 highest accepted LEAP delta.</summary>
    public double LeapMaxDelta { get; init; } = 0.85;

    /// <summary>IPMCC-2 LEAP expiry: closest to the target, at least the minimum (max is a sanity bound).</summary>
    public DteWindow LeapExpiry { get; init; } = new(365, 180, 900);

    /// <summary>IPMCC-2 LEAP extrinsic value must be below this fraction of the strike (else one strike deeper).</summary>
    public double LeapMaxExtrinsicFraction { get; init; } = 0.05;

    /// <summary>IPMCC-2 no LEAP entry while spot is above this multiple of the slow EMA.</summary>
    public double NoLeapAboveSlowEmaMultiple { get; init; } = 1.03;

    /// <summary>IPMCC-3 weekday of the weekly call sale.</summary>
    public DayOfWeek WeeklyDay { get; init; } = DayOfWeek.Friday;

    /// <summary>IPMCC-3 time of the weekly call sale.</summary>
    public TimeOnly WeeklyTime { get; init; } = new(9, 45);

    /// <summary>IPMCC-3 the weekly call expires this many calendar days later (next Friday).</summary>
    public int WeeklyExpiryDays { get; init; } = 7;

    /// <summary>IPMCC-3 fast EMA of daily closes (days).</summary>
    public int FastEmaDays { get; init; } = 8;

    /// <summary>IPMCC-2/3 slow EMA of daily closes (days).</summary>
    public int SlowEmaDays { get; init; } = 21;

    /// <summary>IPMCC-3 spot above this multiple of the fast EMA: two strikes in the money.</summary>
    public double TwoStrikesItmAboveFastEmaMultiple { get; init; } = 1.02;

    /// <summary>IPMCC-4 buy the weekly back when this fraction of its extrinsic value is captured.</summary>
    public double WeeklyBuybackExtrinsicCaptured { get; init; } = 0.90;

    /// <summary>IPMCC-4 on the weekly's expiry day at this time an in-the-money short call is rolled.</summary>
    public TimeOnly ExpiryRollTime { get; init; } = new(15, 30);

    /// <summary>IPMCC-5 close the whole position when the LEAP is down this fraction from cost.</summary>
    public double LeapStopLossFraction { get; init; } = 0.30;

    /// <summary>IPMCC-5 roll the LEAP when it has this many days or fewer left.</summary>
    public int LeapRollAtDte { get; init; } = 120;

    /// <summary>IPMCC-5 the LEAP costs at most this fraction of net liq.</summary>
    public double LeapMaxCostFraction { get; init; } = 0.08;

    internal void Check(SettingsCheck c)
    {
        c.Count("ipmcc.underlyings", Underlyings, 1, 10, "IPMCC-1");
        c.Tickers("ipmcc.underlyings", Underlyings, "IPMCC-1 underlyings");
        c.Range("ipmcc.leapMinDelta", LeapMinDelta, 0.5, 1, "IPMCC-2 LEAP delta band", maxExclusive: true);
        c.Range("ipmcc.leapMaxDelta", LeapMaxDelta, LeapMinDelta, 1, "IPMCC-2 LEAP delta band", maxExclusive: true);
        c.Range("ipmcc.leapDelta", LeapDelta, LeapMinDelta, LeapMaxDelta, "IPMCC-2 target inside [ipmcc.leapMinDelta, ipmcc.leapMaxDelta]");
        LeapExpiry.Check(c, "ipmcc.leapExpiry", "IPMCC-2 LEAP DTE");
        c.Range("ipmcc.leapMaxExtrinsicFraction", LeapMaxExtrinsicFraction, 0, 0.5, "IPMCC-2 extrinsic cap", minExclusive: true);
        c.Range("ipmcc.noLeapAboveSlowEmaMultiple", NoLeapAboveSlowEmaMultiple, 1, 2, "IPMCC-2 EMA filter");
        c.Within("ipmcc.weeklyTime", WeeklyTime, new(9, 30), new(16, 0), "IPMCC-3 regular session");
        c.Range("ipmcc.weeklyExpiryDays", WeeklyExpiryDays, 1, 45, "IPMCC-3 weekly expiry");
        c.Range("ipmcc.fastEmaDays", FastEmaDays, 2, 200, "IPMCC-3 fast EMA");
        c.Range("ipmcc.slowEmaDays", SlowEmaDays, FastEmaDays + 1, 400, "IPMCC-3 slow EMA longer than ipmcc.fastEmaDays");
        c.Range("ipmcc.twoStrikesItmAboveFastEmaMultiple", TwoStrikesItmAboveFastEmaMultiple, 1, 2, "IPMCC-3");
        c.Range("ipmcc.weeklyBuybackExtrinsicCaptured", WeeklyBuybackExtrinsicCaptured, 0, 1, "IPMCC-4", minExclusive: true);
        c.Within("ipmcc.expiryRollTime", ExpiryRollTime, new(9, 30), new(16, 0), "IPMCC-4 before the close");
        c.Range("ipmcc.leapStopLossFraction", LeapStopLossFraction, 0, 1, "IPMCC-5 LEAP stop", minExclusive: true, maxExclusive: true);
        c.Range("ipmcc.leapRollAtDte", LeapRollAtDte, 0, LeapExpiry.Min, "IPMCC-5 roll before the LEAP gets short: not above ipmcc.leapExpiry.min");
        c.Range("ipmcc.leapMaxCostFraction", LeapMaxCostFraction, 0, 0.5, "IPMCC-5 LEAP cost cap", minExclusive: true);
    }
}

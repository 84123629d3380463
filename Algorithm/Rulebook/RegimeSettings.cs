namespace TomKing.Algorithm.Rulebook;

/// <summary>
/// P-1: VIX regime thresholds, the buying-power ceiling per regime and the reserve. Thresholds are lower
/// bounds, inclusive: a VIX exactly at a threshold is in the higher regime (18.0 is NORMAL), matching the
/// rulebook's "&lt; 13" and "≥ 30" ends (RULEBOOK-NOTES P-1).
/// </summary>
public sealed record RegimeSettings
{
    /// <summary>VIX at or above which the regime is LOW.</summary>
    public double LowFrom { get; init; } = 13;

    /// <summary>VIX at or above which the regime is NORMAL.</summary>
    public double NormalFrom { get; init; } = 18;

    /// <summary>VIX at or above which the regime is HIGH.</summary>
    public double HighFrom { get; init; } = 25;

    /// <summary>VIX at or above which the regime is EXTREME.</summary>
    public double ExtremeFrom { get; init; } = 30;

    /// <summary>Max BP in use (fraction of net liq) after an entry in VERY_LOW.</summary>
    public double MaxBpVeryLow { get; init; } = 0.45;

    /// <summary>Max BP in use in LOW.</summary>
    public double MaxBpLow { get; init; } = 0.65;

    /// <summary>Max BP in use in NORMAL.</summary>
    public double MaxBpNormal { get; init; } = 0.75;

    /// <summary>Max BP in use in HIGH.</summary>
    public double MaxBpHigh { get; init; } = 0.50;

    /// <summary>Max BP in use in EXTREME (short-put entries only above <see cref="ExtremeOtherEntriesMaxBp"/>).</summary>
    public double MaxBpExtreme { get; init; } = 0.80;

    /// <summary>In EXTREME, the BP ceiling for entries that are not short puts.</summary>
    public double ExtremeOtherEntriesMaxBp { get; init; } = 0.50;

    /// <summary>Fraction of net liq never used as BP.</summary>
    public double ReserveFraction { get; init; } = 0.20;

    /// <summary>Horizon of the model-free VIX-equivalent when no VIX feed exists, in calendar days.</summary>
    public int ModelFreeHorizonDays { get; init; } = 30;

    /// <summary>The regime of a VIX level; NaN, infinite or non-positive gives <see cref="VixRegime.Unknown"/>.</summary>
    public VixRegime Classify(double vix) =>
        !(vix > 0.0) || !double.IsFinite(vix) ? VixRegime.Unknown
        : vix >= ExtremeFrom ? VixRegime.Extreme
        : vix >= HighFrom ? VixRegime.High
        : vix >= NormalFrom ? VixRegime.Normal
        : vix >= LowFrom ? VixRegime.Low
        : VixRegime.VeryLow;

    /// <summary>Max BP in use (fraction of net liq) after an entry in a regime: the regime's ceiling, never
    /// into the reserve; 0 when the regime is unknown.</summary>
    public double MaxBpInUse(VixRegime regime)
    {
        double ceiling = regime switch
        {
            VixRegime.VeryLow => MaxBpVeryLow,
            VixRegime.Low => MaxBpLow,
            VixRegime.Normal => MaxBpNormal,
            VixRegime.High => MaxBpHigh,
            VixRegime.Extreme => MaxBpExtreme,
            _ => 0.0,
        };
        return Math.Min(ceiling, 1.0 - ReserveFraction);
    }

    internal void Check(SettingsCheck c)
    {
        c.Range("regimes.lowFrom", LowFrom, 0, 100, "P-1 VIX threshold", minExclusive: true);
        c.Range("regimes.normalFrom", NormalFrom, LowFrom, 100, "P-1 thresholds must rise: above regimes.lowFrom", minExclusive: true);
        c.Range("regimes.highFrom", HighFrom, NormalFrom, 100, "P-1 thresholds must rise: above regimes.normalFrom", minExclusive: true);
        c.Range("regimes.extremeFrom", ExtremeFrom, HighFrom, 100, "P-1 thresholds must rise: above regimes.highFrom", minExclusive: true);
        c.Range("regimes.reserveFraction", ReserveFraction, 0.20, 0.90, "P-1: at least the 20 % reserve is never used");
        double usable = 1.0 - ReserveFraction;
        const string Reserve = "P-1: a BP ceiling never reaches into the reserve";
        c.Range("regimes.maxBpVeryLow", MaxBpVeryLow, 0, usable, Reserve, minExclusive: true);
        c.Range("regimes.maxBpLow", MaxBpLow, 0, usable, Reserve, minExclusive: true);
        c.Range("regimes.maxBpNormal", MaxBpNormal, 0, usable, Reserve, minExclusive: true);
        c.Range("regimes.maxBpHigh", MaxBpHigh, 0, usable, Reserve, minExclusive: true);
        c.Range("regimes.maxBpExtreme", MaxBpExtreme, 0, usable, Reserve, minExclusive: true);
        c.Range("regimes.extremeOtherEntriesMaxBp", ExtremeOtherEntriesMaxBp, 0, MaxBpExtreme, "P-1: only short puts may use BP above this in EXTREME; not above regimes.maxBpExtreme");
        c.Range("regimes.modelFreeHorizonDays", ModelFreeHorizonDays, 7, 90, "P-1 model-free VIX horizon (30 days by the CBOE method)");
    }
}

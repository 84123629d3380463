namespace TomKing.Algorithm.Rulebook;

/// <summary>P-10: entry orders start at mid and step toward the natural price; risk exits may cross at once.</summary>
public sealed record OrderSettings
{
    /// <summary>Repricing steps after the first limit at mid.</summary>
    public int RepriceSteps { get; init; } = 3;

    /// <summary>Seconds between steps.</summary>
    public int RepriceIntervalSeconds { get; init; } = 60;

    /// <summary>Fraction of the mid-to-natural distance moved per step (1/3: the last step reaches natural).</summary>
    public double StepFraction { get; init; } = 1.0 / 3.0;

    /// <summary>Closing orders for risk exits (stops, P-5, P-6, EXTREME closes, time exits) go at the natural price at once.</summary>
    public bool RiskExitsAtNatural { get; init; } = true;

    internal void Check(SettingsCheck c)
    {
        c.Range("orders.repriceSteps", RepriceSteps, 0, 10, "P-10 repricing steps");
        c.Range("orders.repriceIntervalSeconds", RepriceIntervalSeconds, 1, 3600, "P-10 seconds between steps");
        double max = RepriceSteps == 0 ? 1.0 : 1.0 / RepriceSteps + 1e-12;
        c.Range("orders.stepFraction", StepFraction, 0, max, "P-10: the ladder never goes beyond the natural price (steps x fraction <= 1)", minExclusive: true);
    }
}

namespace TomKing.Algorithm.Rulebook;

/// <summary>P-7: portfolio Greeks limits beta-weighted to SPY (in SPY-share deltas), one entry per
/// phase 1–4. An entry that would breach a limit is refused.</summary>
public sealed record GreeksLimitSettings
{
    /// <summary>The beta-weighting reference.</summary>
    public string BetaReference { get; init; } = "SPY";

    /// <summary>Max |delta| by phase (index 0 = Phase 1).</summary>
    public IReadOnlyList<double> MaxAbsDelta { get; init; } = [50, 75, 100, 150];

    /// <summary>Max |gamma| by phase (index 0 = Phase 1).</summary>
    public IReadOnlyList<double> MaxAbsGamma { get; init; } = [10, 15, 20, 30];

    /// <summary>Max |delta| for a phase.</summary>
    public double DeltaLimit(AccountPhase phase) => MaxAbsDelta[(int)phase - 1];

    /// <summary>Max |gamma| for a phase.</summary>
    public double GammaLimit(AccountPhase phase) => MaxAbsGamma[(int)phase - 1];

    internal void Check(SettingsCheck c)
    {
        c.Tickers("greeksLimits.betaReference", [BetaReference], "P-7 beta reference");
        c.Count("greeksLimits.maxAbsDelta", MaxAbsDelta, 4, 4, "P-7: one limit per phase 1-4");
        c.Count("greeksLimits.maxAbsGamma", MaxAbsGamma, 4, 4, "P-7: one limit per phase 1-4");
        for (int i = 0; i < MaxAbsDelta.Count; i++)
        {
            c.Range($"greeksLimits.maxAbsDelta[{i}]", MaxAbsDelta[i], 0, 10_000, "P-7 |delta| limit in SPY shares", minExclusive: true);
        }

        for (int i = 0; i < MaxAbsGamma.Count; i++)
        {
            c.Range($"greeksLimits.maxAbsGamma[{i}]", MaxAbsGamma[i], 0, 1_000, "P-7 |gamma| limit in SPY shares per point", minExclusive: true);
        }
    }
}

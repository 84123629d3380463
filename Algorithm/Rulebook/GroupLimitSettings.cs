using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Rulebook;

/// <summary>P-3: max open positions per correlation group, the A1+A2 combined cap and the EXTREME
/// reduction. Group membership is in <see cref="InstrumentCatalogue"/>.</summary>
public sealed record GroupLimitSettings
{
    /// <summary>Equity index futures.</summary>
    public int A1 { get; init; } = 2;

    /// <summary>Equity index ETFs and cash indices.</summary>
    public int A2 { get; init; } = 3;

    /// <summary>Gold and bonds.</summary>
    public int B1 { get; init; } = 2;

    /// <summary>Other metals.</summary>
    public int B2 { get; init; } = 2;

    /// <summary>Crude and products.</summary>
    public int C1 { get; init; } = 2;

    /// <summary>Natural gas.</summary>
    public int C2 { get; init; } = 1;

    /// <summary>Grains.</summary>
    public int D1 { get; init; } = 2;

    /// <summary>Livestock.</summary>
    public int D2 { get; init; } = 1;

    /// <summary>Currencies.</summary>
    public int E { get; init; } = 2;

    /// <summary>A1 and A2 together (the August 2024 rule).</summary>
    public int A1A2Combined { get; init; } = 3;

    /// <summary>How much lower every limit is in EXTREME.</summary>
    public int ExtremeReduction { get; init; } = 1;

    /// <summary>The floor a reduced limit never goes below.</summary>
    public int ExtremeMinimum { get; init; } = 1;

    /// <summary>The limit for a group (0 for <see cref="CorrelationGroup.None"/>: refused), lowered in EXTREME.</summary>
    public int LimitFor(CorrelationGroup group, VixRegime regime)
    {
        int limit = group switch
        {
            CorrelationGroup.A1 => A1,
            CorrelationGroup.A2 => A2,
            CorrelationGroup.B1 => B1,
            CorrelationGroup.B2 => B2,
            CorrelationGroup.C1 => C1,
            CorrelationGroup.C2 => C2,
            CorrelationGroup.D1 => D1,
            CorrelationGroup.D2 => D2,
            CorrelationGroup.E => E,
            _ => 0,
        };
        return limit == 0 ? 0 : Reduce(limit, regime);
    }

    /// <summary>The A1+A2 combined cap, lowered in EXTREME.</summary>
    public int CombinedA1A2Limit(VixRegime regime) => Reduce(A1A2Combined, regime);

    private int Reduce(int limit, VixRegime regime) =>
        regime == VixRegime.Extreme ? Math.Max(ExtremeMinimum, limit - ExtremeReduction) : limit;

    internal void Check(SettingsCheck c)
    {
        const string Rule = "P-3 group limit";
        c.Range("groups.a1", A1, 1, 20, Rule);
        c.Range("groups.a2", A2, 1, 20, Rule);
        c.Range("groups.b1", B1, 1, 20, Rule);
        c.Range("groups.b2", B2, 1, 20, Rule);
        c.Range("groups.c1", C1, 1, 20, Rule);
        c.Range("groups.c2", C2, 1, 20, Rule);
        c.Range("groups.d1", D1, 1, 20, Rule);
        c.Range("groups.d2", D2, 1, 20, Rule);
        c.Range("groups.e", E, 1, 20, Rule);
        c.Range("groups.a1A2Combined", A1A2Combined, 1, A1 + A2, "P-3 A1+A2 cap, not above groups.a1 + groups.a2");
        c.Range("groups.extremeReduction", ExtremeReduction, 0, 20, "P-3: every limit is lower in EXTREME");
        c.Range("groups.extremeMinimum", ExtremeMinimum, 1, 20, "P-3: minimum 1 in EXTREME");
    }
}

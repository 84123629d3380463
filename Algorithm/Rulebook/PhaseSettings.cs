namespace TomKing.Algorithm.Rulebook;

/// <summary>
/// P-2: net-liq boundaries of the account phases (lower bounds, inclusive: exactly 40,000 is Phase 2)
/// and what each phase may trade.
/// </summary>
public sealed record PhaseSettings
{
    /// <summary>Net liq at or above which the account is in Phase 2.</summary>
    public decimal Phase2From { get; init; } = 40_000m;

    /// <summary>Net liq at or above which the account is in Phase 3.</summary>
    public decimal Phase3From { get; init; } = 60_000m;

    /// <summary>Net liq at or above which the account is in Phase 4.</summary>
    public decimal Phase4From { get; init; } = 100_000m;

    /// <summary>Phase 1 (&lt; 40k).</summary>
    public PhaseRules Phase1 { get; init; } = new()
    {
        MaxPositions = 3,
        StrangleFutures = ["MCL", "MGC"],
        ZeroDteInstruments = ["MES", "XSP", "SPY"],
        ZeroDteMaxContracts = 1,
        IpmccMaxPositions = 1,
    };

    /// <summary>Phase 2 (40k–60k).</summary>
    public PhaseRules Phase2 { get; init; } = new()
    {
        MaxPositions = 5,
        StrangleFutures = ["MCL", "MGC", "MES", "MNQ", "M6A"],
        ZeroDteInstruments = ["ES", "SPX", "SPXW"],
        ZeroDteMaxContracts = 1,
        Lt112Instruments = ["MES"],
        IpmccMaxPositions = 2,
        LeapLadder = true,
    };

    /// <summary>Phase 3 (60k–100k).</summary>
    public PhaseRules Phase3 { get; init; } = new()
    {
        MaxPositions = 7,
        StrangleFutures = ["MCL", "MGC", "MES", "MNQ", "M6A", "CL", "GC", "ES", "NQ", "ZC", "ZS"],
        ZeroDteInstruments = ["ES", "SPX", "SPXW"],
        ZeroDteMaxContracts = 3,
        Lt112Instruments = ["ES", "SPX", "SPXW"],
        IpmccMaxPositions = 3,
        LeapLadder = true,
        Butterflies = true,
        RatioSpreads = true,
    };

    /// <summary>Phase 4 (≥ 100k).</summary>
    public PhaseRules Phase4 { get; init; } = new()
    {
        MaxPositions = 10,
        StrangleFutures = ["MCL", "MGC", "MES", "MNQ", "M6A", "CL", "GC", "ES", "NQ", "ZC", "ZS", "SI", "HG", "ZB", "6E", "6J"],
        ZeroDteInstruments = ["ES", "SPX", "SPXW"],
        ZeroDteMaxContracts = 5,
        Lt112Instruments = ["ES", "SPX", "SPXW"],
        Lt112StackedWednesdays = true,
        IpmccMaxPositions = 3,
        LeapLadder = true,
        Butterflies = true,
        RatioSpreads = true,
        BoxSpreads = true,
    };

    /// <summary>The phase of a net liq (zero or negative net liq is Phase 1).</summary>
    public AccountPhase Classify(decimal netLiquidation) =>
        netLiquidation >= Phase4From ? AccountPhase.Phase4
        : netLiquidation >= Phase3From ? AccountPhase.Phase3
        : netLiquidation >= Phase2From ? AccountPhase.Phase2
        : AccountPhase.Phase1;

    /// <summary>The rules of a phase.</summary>
    public PhaseRules RulesFor(AccountPhase phase) => phase switch
    {
        AccountPhase.Phase2 => Phase2,
        AccountPhase.Phase3 => Phase3,
        AccountPhase.Phase4 => Phase4,
        _ => Phase1,
    };

    internal void Check(SettingsCheck c)
    {
        c.Range("phases.phase2From", Phase2From, 0m, 100_000_000m, "P-2 phase boundary", minExclusive: true);
        c.Range("phases.phase3From", Phase3From, Phase2From, 100_000_000m, "P-2 boundaries must rise: above phases.phase2From", minExclusive: true);
        c.Range("phases.phase4From", Phase4From, Phase3From, 100_000_000m, "P-2 boundaries must rise: above phases.phase3From", minExclusive: true);
        Phase1.Check(c, "phases.phase1");
        Phase2.Check(c, "phases.phase2");
        Phase3.Check(c, "phases.phase3");
        Phase4.Check(c, "phases.phase4");
    }
}

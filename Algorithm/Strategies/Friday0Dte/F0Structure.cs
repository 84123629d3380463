using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Strategies.Friday0Dte;

/// <summary>F0-2: which structure the morning's move calls for.</summary>
public static class F0Structure
{
    /// <summary>|m| ≤ flat band → iron condor (inclusive); m above → call credit spread (fade the rise);
    /// m below → put credit spread.</summary>
    /// <param name="move">m = spot / open − 1.</param>
    /// <param name="flatMove">The flat band (0.005).</param>
    public static StructureKind ForMove(double move, double flatMove) =>
        move > flatMove + BoundaryTolerance ? StructureKind.CallCreditSpread
        : move < -flatMove - BoundaryTolerance ? StructureKind.PutCreditSpread
        : StructureKind.IronCondor;

    // spot / open − 1 carries rounding noise of ~1e-16: a move of exactly 0.5 % must stay "flat" (RULEBOOK-NOTES F0-2).
    private const double BoundaryTolerance = 1e-12;

    /// <summary>A constant description for the decision record.</summary>
    public static string Describe(StructureKind kind) => kind switch
    {
        StructureKind.CallCreditSpread => "up move: call credit spread",
        StructureKind.PutCreditSpread => "down move: put credit spread",
        _ => "flat day: iron condor",
    };
}

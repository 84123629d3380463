namespace TomKing.Algorithm.Rulebook;

/// <summary>What one P-2 phase may trade: position count, instruments per strategy and which strategies
/// are unlocked. Ticker lists are replaced as a whole when a rulebook file sets them.</summary>
public sealed record PhaseRules
{
    /// <summary>Max open positions (a position is one multi-leg structure).</summary>
    public int MaxPositions { get; init; }

    /// <summary>Futures on which FS strangles may be opened.</summary>
    public IReadOnlyList<string> StrangleFutures { get; init; } = [];

    /// <summary>Instruments (futures or option roots) for the F0 0DTE trade.</summary>
    public IReadOnlyList<string> ZeroDteInstruments { get; init; } = [];

    /// <summary>Cap on F0 contracts in this phase (applied after the F0-4 table).</summary>
    public int ZeroDteMaxContracts { get; init; }

    /// <summary>Instruments for L112 (empty: L112 not allowed).</summary>
    public IReadOnlyList<string> Lt112Instruments { get; init; } = [];

    /// <summary>L112 also enters on the 2nd and 3rd Wednesday (L112-1, Phase 4).</summary>
    public bool Lt112StackedWednesdays { get; init; }

    /// <summary>Max open IPMCC positions (0: not allowed).</summary>
    public int IpmccMaxPositions { get; init; }

    /// <summary>LEAP put ladder (LPL) allowed.</summary>
    public bool LeapLadder { get; init; }

    /// <summary>Butterflies allowed (later release).</summary>
    public bool Butterflies { get; init; }

    /// <summary>Put ratio spreads allowed (later release).</summary>
    public bool RatioSpreads { get; init; }

    /// <summary>Box spreads allowed (later release).</summary>
    public bool BoxSpreads { get; init; }

    internal void Check(SettingsCheck c, string path)
    {
        c.Range($"{path}.maxPositions", MaxPositions, 0, 50, "P-2 max open positions");
        c.Tickers($"{path}.strangleFutures", StrangleFutures, "P-2 strangle futures");
        c.Tickers($"{path}.zeroDteInstruments", ZeroDteInstruments, "P-2 0DTE instruments");
        c.Range($"{path}.zeroDteMaxContracts", ZeroDteMaxContracts, 0, 50, "P-2 0DTE contract cap");
        c.Tickers($"{path}.lt112Instruments", Lt112Instruments, "P-2 LT112 instruments");
        c.Range($"{path}.ipmccMaxPositions", IpmccMaxPositions, 0, MaxPositions, "P-2 IPMCC positions, not above maxPositions");
    }
}

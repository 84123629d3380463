namespace TomKing.Algorithm.Rulebook;

/// <summary>
/// Every number of RULEBOOK.md in one immutable object: portfolio rules P-1..P-10 and each strategy's
/// times, deltas, distances, DTE windows, sizing and exits. <see cref="Default"/> is the rulebook;
/// <see cref="RulebookFile"/> loads a (partial) JSON override and <see cref="Validate"/> checks it.
/// Adjust in code with <c>with</c>: <c>Default with { F0 = Default.F0 with { ShortDelta = 0.12 } }</c>.
/// </summary>
public sealed record RulebookSettings
{
    /// <summary>The rulebook defaults.</summary>
    public static RulebookSettings Default { get; } = new();

    /// <summary>P-1 regimes and BP ceilings.</summary>
    public RegimeSettings Regimes { get; init; } = new();

    /// <summary>P-2 phases.</summary>
    public PhaseSettings Phases { get; init; } = new();

    /// <summary>P-3 correlation group limits.</summary>
    public GroupLimitSettings Groups { get; init; } = new();

    /// <summary>P-4: two positions of one strategy in one group never share an expiry.</summary>
    public bool NoSharedExpiry { get; init; } = true;

    /// <summary>P-5 drawdown ladder.</summary>
    public DrawdownSettings Drawdown { get; init; } = new();

    /// <summary>P-6 circuit breakers.</summary>
    public CircuitBreakerSettings CircuitBreakers { get; init; } = new();

    /// <summary>P-7 Greeks limits.</summary>
    public GreeksLimitSettings GreeksLimits { get; init; } = new();

    /// <summary>P-8 event blackouts.</summary>
    public BlackoutSettings Blackouts { get; init; } = new();

    /// <summary>P-9 21-DTE rule.</summary>
    public TwentyOneDteSettings TwentyOneDte { get; init; } = new();

    /// <summary>P-10 order pricing.</summary>
    public OrderSettings Orders { get; init; } = new();

    /// <summary>F0 Friday 0DTE.</summary>
    public F0Settings F0 { get; init; } = new();

    /// <summary>L112 long-term 1-1-2.</summary>
    public L112Settings L112 { get; init; } = new();

    /// <summary>FS futures strangles.</summary>
    public FsSettings FS { get; init; } = new();

    /// <summary>IPMCC.</summary>
    public IpmccSettings IPMCC { get; init; } = new();

    /// <summary>LPL LEAP put ladder.</summary>
    public LplSettings LPL { get; init; } = new();

    /// <summary>Checks every setting; each error names the setting's JSON path, its value, the allowed
    /// range and the rule. Empty when the settings are usable.</summary>
    public IReadOnlyList<SettingError> Validate()
    {
        var c = new SettingsCheck();
        Regimes.Check(c);
        Phases.Check(c);
        Groups.Check(c);
        Drawdown.Check(c);
        CircuitBreakers.Check(c);
        GreeksLimits.Check(c);
        Blackouts.Check(c);
        TwentyOneDte.Check(c);
        Orders.Check(c);
        F0.Check(c);
        L112.Check(c);
        FS.Check(c);
        IPMCC.Check(c);
        LPL.Check(c);
        return c.Errors;
    }
}

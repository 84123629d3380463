namespace TomKing.Algorithm.Risk.Margin;

/// <summary>
/// The numbers of the margin model (see <see cref="MarginCalculator"/> for the formulas they enter).
/// Defaults are the CBOE uncovered-option percentages and this project's SPAN-like futures-option
/// approximation; a host may tighten them to match its broker.
/// </summary>
public sealed record MarginParameters
{
    /// <summary>The defaults.</summary>
    public static MarginParameters Default { get; } = new();

    /// <summary>CBOE: percentage of the underlying value for uncovered equity and ETF options (20 %).
    /// ETFs are charged the equity rate (the conservative reading; some brokers grant 15 % on
    /// broad-based index ETFs).</summary>
    public double EquityUnderlyingFraction { get; init; } = 0.20;

    /// <summary>CBOE: percentage of the underlying value for uncovered broad-based index options (15 %).</summary>
    public double BroadIndexUnderlyingFraction { get; init; } = 0.15;

    /// <summary>CBOE minimum: 10 % of the strike (puts) or of the underlying value (calls).</summary>
    public double MinimumFraction { get; init; } = 0.10;

    /// <summary>Futures options: the scan-risk fraction of the futures initial margin charged per unit of
    /// |delta| (3 = a 0.06-delta short option is charged 18 % of the future's initial margin).</summary>
    public double FuturesDeltaScale { get; init; } = 3.0;

    /// <summary>Futures options: the short-option minimum, as a fraction of the future's initial margin.</summary>
    public double FuturesShortMinimumFraction { get; init; } = 0.10;
}

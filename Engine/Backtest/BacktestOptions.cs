using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Engine.Backtest;

/// <summary>
/// What to backtest. The defaults are the built-in run: synthetic market, one year, all five
/// strategies, 50,000 USD, the built-in rulebook.
/// </summary>
public sealed record BacktestOptions
{
    /// <summary>LEAN-format data folder; null = the built-in synthetic market.</summary>
    public string? LeanDataFolder { get; init; }

    /// <summary>First trading day (default: 2024-01-02 for synthetic data).</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last trading day (default: one year after <see cref="From"/>).</summary>
    public DateOnly? To { get; init; }

    /// <summary>Starting cash (net liq), USD.</summary>
    public decimal Cash { get; init; } = 50_000m;

    /// <summary>Enabled strategies.</summary>
    public IReadOnlyList<StrategyId> Strategies { get; init; } = [StrategyId.F0, StrategyId.L112, StrategyId.FS, StrategyId.IPMCC, StrategyId.LPL];

    /// <summary>The rulebook (defaults or loaded from the user's file).</summary>
    public RulebookSettings Rulebook { get; init; } = RulebookSettings.Default;

    /// <summary>"built-in" or the rulebook file path as the user gave it (for the results file).</summary>
    public string RulebookSource { get; init; } = "built-in";

    /// <summary>Synthetic market seed (ignored for LEAN data).</summary>
    public ulong Seed { get; init; } = 20240805;
}

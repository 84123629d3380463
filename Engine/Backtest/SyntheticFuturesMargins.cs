using TomKing.Algorithm.Risk.Margin;

namespace TomKing.Engine.Backtest;

/// <summary>
/// Exchange initial margins per futures contract for the synthetic market (which has no margins files):
/// round 2024 CME Group levels for the rulebook's futures, micros at one tenth of their full-size contract
/// (M6A: one tenth of 6A). Illustrative and constant over the run; a LEAN data folder's
/// <c>future/&lt;market&gt;/margins/&lt;ROOT&gt;.csv</c> files replace them when present.
/// </summary>
public static class SyntheticFuturesMargins
{
    /// <summary>Initial margin per contract, USD, by futures root.</summary>
    public static IReadOnlyDictionary<string, decimal> Initial { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["ES"] = 12_500m, ["MES"] = 1_250m, ["NQ"] = 18_000m, ["MNQ"] = 1_800m,
        ["RTY"] = 7_000m, ["M2K"] = 700m, ["YM"] = 9_000m, ["MYM"] = 900m,
        ["CL"] = 6_000m, ["MCL"] = 600m, ["QM"] = 3_000m, ["RB"] = 7_000m, ["HO"] = 7_000m, ["NG"] = 4_000m,
        ["GC"] = 9_000m, ["MGC"] = 900m, ["SI"] = 15_000m, ["SIL"] = 3_000m, ["HG"] = 5_000m, ["PL"] = 3_500m, ["PA"] = 9_000m,
        ["ZB"] = 4_500m, ["ZN"] = 2_200m, ["ZC"] = 1_500m, ["ZS"] = 2_500m, ["ZW"] = 2_000m,
        ["LE"] = 2_000m, ["HE"] = 1_800m, ["GF"] = 3_000m,
        ["6E"] = 2_500m, ["M6E"] = 250m, ["6B"] = 2_300m, ["6A"] = 1_800m, ["M6A"] = 180m, ["6C"] = 1_400m, ["6J"] = 3_500m,
    };

    /// <summary>A margin book with <see cref="Initial"/> (maintenance = 90 % of initial), in force from 1900.</summary>
    public static FuturesMarginBook Create()
    {
        var book = new FuturesMarginBook();
        foreach (var (root, initial) in Initial)
        {
            book.Add(root, FuturesMarginSchedule.FromRows([new FuturesMargin(new DateOnly(1900, 1, 1), initial, Math.Round(initial * 0.9m))]));
        }

        return book;
    }
}

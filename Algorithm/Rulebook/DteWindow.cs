namespace TomKing.Algorithm.Rulebook;

/// <summary>An expiry choice: the listed expiry closest to <see cref="Target"/> calendar days, within
/// [<see cref="Min"/>, <see cref="Max"/>] (inclusive). Ties between two expiries equally close go to the
/// nearer (shorter) one — less time risk (RULEBOOK-NOTES).</summary>
/// <param name="Target">Preferred days to expiry.</param>
/// <param name="Min">Fewest days accepted.</param>
/// <param name="Max">Most days accepted.</param>
public sealed record DteWindow(int Target, int Min, int Max)
{
    /// <summary>True when <paramref name="days"/> is inside the window.</summary>
    public bool Contains(int days) => days >= Min && days <= Max;

    internal void Check(SettingsCheck c, string path, string rule)
    {
        c.Range($"{path}.min", Min, 0, 1000, rule);
        c.Range($"{path}.max", Max, Min, 1000, $"{rule}: not below {path}.min");
        c.Range($"{path}.target", Target, Min, Max, $"{rule}: inside [{path}.min, {path}.max]");
    }
}

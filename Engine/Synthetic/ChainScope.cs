namespace TomKing.Engine.Synthetic;

/// <summary>A band of days to expiry (inclusive) a chain should carry.</summary>
/// <param name="MinDays">Fewest calendar days to expiry.</param>
/// <param name="MaxDays">Most calendar days to expiry.</param>
public readonly record struct DteWindow(int MinDays, int MaxDays)
{
    /// <summary>True when <paramref name="days"/> is inside the window.</summary>
    public bool Contains(int days) => days >= MinDays && days <= MaxDays;
}

/// <summary>
/// Which listed expiries a <see cref="SyntheticChainFeed"/> carries. A full SPXW listing is about 60
/// expiries and 20,000 contracts; re-quoting that every minute would dominate a backtest, so the
/// replay kernel asks each root only for the windows its strategies read (F0: 0 DTE; L112: 112–130;
/// FS: 75–105; IPMCC: 0–10 and 180–400; LPL: 300–400), and positions held outside them are quoted
/// one contract at a time with <see cref="SyntheticMarket.TryQuoteOption(in Algorithm.Domain.OptionContract, DateTime, out Algorithm.Domain.Quote)"/>.
/// </summary>
/// <param name="Windows">DTE windows to keep; empty keeps every listed expiry.</param>
public sealed record ChainScope(IReadOnlyList<DteWindow> Windows)
{
    /// <summary>Every listed expiry.</summary>
    public static ChainScope All { get; } = new([]);

    /// <summary>Expiries within <paramref name="maxDays"/> calendar days.</summary>
    public static ChainScope UpTo(int maxDays) => new([new DteWindow(0, maxDays)]);

    /// <summary>Expiries within any of the windows.</summary>
    public static ChainScope Within(params DteWindow[] windows) => new(windows);

    /// <summary>True when an expiry <paramref name="days"/> calendar days away is carried.</summary>
    public bool Includes(int days)
    {
        if (Windows.Count == 0)
        {
            return true;
        }

        foreach (var w in Windows)
        {
            if (w.Contains(days))
            {
                return true;
            }
        }

        return false;
    }
}

using TomKing.Algorithm.Domain;

namespace TomKing.Brokerages.Tastytrade.Adapters;

/// <summary>
/// Which option roots and expiries the live market view carries: the same question the backtest answers with the
/// engine's <c>ChainScopePlan</c> (the enabled strategies' rulebook DTE windows on their entry weekdays, roll zones,
/// and held expiries). The Tastytrade project cannot reference the engine, so the live runner passes an adapter over
/// <c>ChainScopePlan</c> (a few lines: <c>Roots</c> and <c>WindowsFor</c> with its windows' MinDays/MaxDays);
/// backtest and live then carry exactly the same expiries.
/// </summary>
public interface ILiveChainScope
{
    /// <summary>Option roots any enabled strategy may read (SPXW, ES, QQQ…).</summary>
    IEnumerable<string> Roots { get; }

    /// <summary>Fills <paramref name="windows"/> (cleared first) with the inclusive calendar-day DTE windows
    /// <paramref name="root"/> must carry on <paramref name="day"/>, given the expiries held on that root.</summary>
    void WindowsFor(Ticker root, DateOnly day, IReadOnlyCollection<DateOnly> heldExpiries, List<LiveDteWindow> windows);
}

/// <summary>An inclusive band of calendar days to expiry.</summary>
/// <param name="MinDays">Fewest days to expiry.</param>
/// <param name="MaxDays">Most days to expiry.</param>
public readonly record struct LiveDteWindow(int MinDays, int MaxDays)
{
    /// <summary>True when <paramref name="days"/> is inside the band.</summary>
    public bool Contains(int days) => days >= MinDays && days <= MaxDays;
}

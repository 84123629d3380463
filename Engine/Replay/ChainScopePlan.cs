using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Rulebook;
using SyntheticDteWindow = TomKing.Engine.Synthetic.DteWindow;

namespace TomKing.Engine.Replay;

/// <summary>
/// Which expiries each option root's chain must carry on a trading day, from the enabled strategies'
/// rulebook DTE windows and schedules plus the expiries the account holds. Re-quoting a whole listing
/// every minute would dominate a backtest (a full SPXW listing is ~20,000 contracts), so a chain carries
/// only what a strategy can read that day.
/// </summary>
/// <remarks>
/// Entry windows (the strategy's expiry window; for "closest to T with at least Min" windows the band
/// [Min, 2T − Min], which always contains the closest expiry when any is listed there) are carried on the
/// strategy's entry weekday: F0 [0, 0] on Fridays (every phase's 0DTE instrument), L112 [112, 130] on
/// Wednesdays (every phase's LT112 instrument), FS [75, 105] on Tuesdays (every phase's strangle futures),
/// IPMCC weeklies [0, 10] on Thursdays and Fridays (the expiry-day roll may fall on a Thursday) and LEAPs
/// [180, 550] on Fridays, LPL [300, 430] on Mondays. Rolls that can fall on any day get their entry window
/// whenever a held contract of the root is inside the roll zone (IPMCC LEAP ≤ 120 DTE, LPL ≤ 150 DTE). Held
/// expiries are carried every day.
/// </remarks>
public sealed class ChainScopePlan
{
    private readonly List<Entry> _entries = [];

    /// <summary>Builds the plan for the enabled strategies under a rulebook.</summary>
    public ChainScopePlan(IReadOnlyList<StrategyId> strategies, RulebookSettings rules)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(rules);
        var phases = new[] { rules.Phases.Phase1, rules.Phases.Phase2, rules.Phases.Phase3, rules.Phases.Phase4 };
        foreach (var strategy in strategies.Distinct())
        {
            switch (strategy)
            {
                case StrategyId.F0:
                    foreach (var root in phases.SelectMany(p => p.ZeroDteInstruments).Distinct(StringComparer.Ordinal))
                    {
                        Add(root, 0, 0, rules.F0.Day);
                    }

                    break;
                case StrategyId.L112:
                    foreach (var root in phases.SelectMany(p => p.Lt112Instruments).Distinct(StringComparer.Ordinal))
                    {
                        Add(root, rules.L112.Expiry.Min, rules.L112.Expiry.Max, rules.L112.Day);
                    }

                    break;
                case StrategyId.FS:
                    foreach (var root in phases.SelectMany(p => p.StrangleFutures).Distinct(StringComparer.Ordinal))
                    {
                        Add(root, rules.FS.Expiry.Min, rules.FS.Expiry.Max, rules.FS.Day);
                    }

                    break;
                case StrategyId.IPMCC:
                {
                    var r = rules.IPMCC;
                    int leapMax = Math.Min(r.LeapExpiry.Max, (2 * r.LeapExpiry.Target) - r.LeapExpiry.Min);
                    foreach (var root in r.Underlyings)
                    {
                        Add(root, 0, r.WeeklyExpiryDays + 3, r.WeeklyDay);
                        Add(root, 0, r.WeeklyExpiryDays + 3, PreviousDay(r.WeeklyDay));
                        Add(root, r.LeapExpiry.Min, leapMax, r.WeeklyDay);
                        Add(root, r.LeapExpiry.Min, leapMax, null, r.LeapRollAtDte);
                    }

                    break;
                }

                case StrategyId.LPL:
                {
                    var r = rules.LPL;
                    int max = Math.Min(r.Expiry.Max, (2 * r.Expiry.Target) - r.Expiry.Min);
                    Add(r.Underlying, r.Expiry.Min, max, r.Day);
                    Add(r.Underlying, r.Expiry.Min, max, null, r.RollAtDte);
                    break;
                }
            }
        }
    }

    /// <summary>Option roots any strategy may read.</summary>
    public IEnumerable<string> Roots => _entries.Select(e => e.Root).Distinct(StringComparer.Ordinal);

    /// <summary>Fills <paramref name="windows"/> (cleared first) with the DTE windows of <paramref name="root"/> on
    /// <paramref name="day"/>, given the expiries held on that root.</summary>
    /// <param name="root">Option root.</param>
    /// <param name="day">Trading day.</param>
    /// <param name="heldExpiries">Expiries of contracts held on the root.</param>
    /// <param name="windows">Output.</param>
    public void WindowsFor(Ticker root, DateOnly day, IReadOnlyCollection<DateOnly> heldExpiries, List<SyntheticDteWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(heldExpiries);
        ArgumentNullException.ThrowIfNull(windows);
        windows.Clear();
        foreach (var expiry in heldExpiries)
        {
            int dte = expiry.DayNumber - day.DayNumber;
            if (dte >= 0)
            {
                windows.Add(new SyntheticDteWindow(dte, dte));
            }
        }

        foreach (var e in _entries)
        {
            if (!string.Equals(e.Root, root.Symbol, StringComparison.Ordinal))
            {
                continue;
            }

            bool due = e.RollAtDte is int rollAt
                ? HeldInRollZone(heldExpiries, day, rollAt)
                : e.Day is null || e.Day == day.DayOfWeek;
            if (due)
            {
                windows.Add(new SyntheticDteWindow(e.Min, e.Max));
            }
        }
    }

    private static bool HeldInRollZone(IReadOnlyCollection<DateOnly> held, DateOnly day, int rollAt)
    {
        foreach (var expiry in held)
        {
            int dte = expiry.DayNumber - day.DayNumber;
            if (dte > 30 && dte <= rollAt)
            {
                return true;
            }
        }

        return false;
    }

    private static DayOfWeek PreviousDay(DayOfWeek day) => (DayOfWeek)(((int)day + 6) % 7);

    private void Add(string root, int min, int max, DayOfWeek? day, int? rollAtDte = null)
    {
        _entries.Add(new Entry(root, min, max, day, rollAtDte));
    }

    private readonly record struct Entry(string Root, int Min, int Max, DayOfWeek? Day, int? RollAtDte);
}

using TomKing.Algorithm.Risk.Events;
using TomKing.Algorithm.Strategies;

namespace TomKing.Algorithm.Risk.Rules;

/// <summary>The P-5 ladder step a drawdown is on.</summary>
public enum DrawdownLevel : byte
{
    /// <summary>Less than the first step.</summary>
    None = 0,

    /// <summary>−10 %: new sizes halved.</summary>
    ReduceSize = 1,

    /// <summary>−15 %: no new positions, losers closed.</summary>
    StopEntriesCloseLosers = 2,

    /// <summary>−20 %: everything closed, entries paused for the cooldown.</summary>
    CloseAll = 3,
}

/// <summary>
/// P-5 drawdown ladder from the high-water mark of net liq: at −10 % new sizes are multiplied by 0.5 and
/// rounded down (a 1-lot then rounds to 0 and is refused: the safer reading); at −15 % entries are
/// refused (the risk engine's monitor closes losers); at −20 % the monitor closes everything and entries
/// are refused for 10 trading days (weekdays) after the day it fired.
/// </summary>
/// <remarks>After the cooldown the ladder is re-based: drawdown is measured from the highest net liq
/// seen since the cooldown ended (otherwise the old high-water mark would keep the account at −15 %
/// forever). The cooldown start and re-based peak are state to journal (<see cref="Restore"/>).</remarks>
public sealed class DrawdownRule : IEntryRule
{
    internal const string Halved = "P-5: drawdown at or beyond the first step; new position size halved";
    internal const string HalvedToZero = "P-5: drawdown at or beyond the first step; the halved size rounds to 0";
    internal const string Stopped = "P-5: drawdown at or beyond the second step; no new positions";
    internal const string Cooldown = "P-5: drawdown reached the third step; no entries during the cooldown";

    /// <inheritdoc />
    public string RuleId => "P-5";

    /// <summary>The day the −20 % step fired (default: never).</summary>
    public DateOnly CooldownStart { get; private set; }

    /// <summary>The peak net liq the ladder is measured from after a cooldown (0 until one ended).</summary>
    public decimal RebasedPeak { get; private set; }

    /// <summary>True when a cooldown has fired and not yet ended.</summary>
    public bool InCooldown(DateOnly today, int cooldownTradingDays) =>
        CooldownStart != default && TradingDays.Between(CooldownStart, today) <= cooldownTradingDays;

    /// <summary>Restores journaled state.</summary>
    public void Restore(DateOnly cooldownStart, decimal rebasedPeak)
    {
        CooldownStart = cooldownStart;
        RebasedPeak = rebasedPeak;
    }

    /// <summary>The drawdown now as a fraction (0.12 = −12 %) from the reference peak.</summary>
    public double Drawdown(DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        decimal nl = context.Portfolio.NetLiquidation;
        decimal peak = RebasedPeak > 0m ? RebasedPeak : context.Portfolio.HighWaterMark;
        if (nl >= peak)
        {
            return 0.0; // at the peak: no conversion
        }

        double n = (double)nl;
        double k = (double)peak;
        return k > 0.0 && n < k ? (k - n) / k : 0.0;
    }

    /// <summary>Updates state from the account now (latches the −20 % cooldown, re-bases after it) and
    /// returns the ladder step. Called by the monitor and by each check.</summary>
    public DrawdownLevel Observe(DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Observe(context, context.Clock.Today);
    }

    /// <summary><see cref="Observe(DecisionContext)"/> with today's date already read (the entry check has it).</summary>
    internal DrawdownLevel Observe(DecisionContext context, DateOnly today)
    {
        var s = context.Rules.Drawdown;
        if (CooldownStart != default)
        {
            if (InCooldown(today, s.CooldownTradingDays))
            {
                return DrawdownLevel.CloseAll;
            }

            decimal nl = context.Portfolio.NetLiquidation;
            if (nl > RebasedPeak)
            {
                RebasedPeak = nl;
            }
        }

        double dd = Drawdown(context);
        if (dd >= s.CloseAllAt)
        {
            CooldownStart = today;
            RebasedPeak = 0m;
            return DrawdownLevel.CloseAll;
        }

        return dd >= s.StopEntriesAndCloseLosersAt ? DrawdownLevel.StopEntriesCloseLosers
            : dd >= s.ReduceSizeAt ? DrawdownLevel.ReduceSize
            : DrawdownLevel.None;
    }

    /// <inheritdoc />
    public int Allow(EntryCheck check, int requested, out string reason)
    {
        reason = string.Empty;
        switch (Observe(check.Context, check.Today))
        {
            case DrawdownLevel.CloseAll:
                reason = Cooldown;
                return 0;
            case DrawdownLevel.StopEntriesCloseLosers:
                reason = Stopped;
                return 0;
            case DrawdownLevel.ReduceSize:
                int halved = (int)Math.Floor(requested * check.Context.Rules.Drawdown.ReducedSizeFactor);
                reason = halved == 0 ? HalvedToZero : Halved;
                return halved;
            default:
                return requested;
        }
    }
}

using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Portfolio;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk.Events;
using TomKing.Algorithm.Risk.Rules;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies;

namespace TomKing.Algorithm.Risk;

/// <summary>
/// The portfolio rules P-1..P-9: a pre-trade check for every intent (<see cref="Check"/>) and a
/// continuous check (<see cref="Monitor"/>) that emits risk exits.
/// </summary>
/// <remarks>
/// <para><b>Pre-trade.</b> Entries (<see cref="IntentKind.Open"/>) run through the rules in order
/// P-8, P-5, P-6, P-9, P-2, P-3, P-4, P-1, P-7. Each rule may lower the units; the first rule that
/// allows none denies (its ID and reason), otherwise fewer units than asked is Reduced with the IDs of
/// every rule that cut and the reason of the last one. <b>Closes and adjustments are never denied</b>
/// by entry rules: they manage existing positions by the strategies' own exit and defence rules, and
/// refusing them could only leave more risk on (a roll's new short leg is the one exception in kind,
/// accepted because FS-5/IPMCC rolls are rule-driven defences). Reasons are constant strings and the
/// rule-ID strings for combinations are cached, so a steady-state check allocates nothing.</para>
/// <para><b>Continuous.</b> <see cref="Monitor"/> (the host calls it once per event after the
/// strategies) emits close intents priced <see cref="PricingPolicy.Natural"/> with a decision record
/// each: P-5 at −20 % closes every position and at −15 % every losing one; the EXTREME regime closes
/// every FS strangle (FS-5); P-9 closes LT112 and strangle positions at ≤ 21 DTE (or, by setting,
/// closes them if profitable and otherwise records a flag once a day). P-6 only blocks entries. An exit
/// is not re-emitted for the same position until <see cref="ExitRetryInterval"/> has passed (the close
/// order is working meanwhile).</para>
/// <para>Single-threaded like the kernel. Rule state (P-5 cooldown, P-6 latches) lives in the rule
/// objects, exposed for journaling.</para>
/// </remarks>
public sealed class RiskEngine : IPreTradeCheck
{
    internal const string P5CloseAll = "P-5: drawdown at or beyond the third step; every position is closed";
    internal const string P5CloseLoser = "P-5: drawdown at or beyond the second step; losing positions are closed";
    internal const string ExtremeClose = "FS-5: the regime turned EXTREME; every strangle is closed";
    internal const string P9Close = "P-9: at or below 21 days to expiry; the position is closed";
    internal const string P9Flag = "P-9: at or below 21 days to expiry and not profitable; flagged, not closed (setting)";
    internal const string InvalidQuantity = "the intent's quantity is not positive";
    private const string NoRules = "";

    private readonly IEntryRule[] _rules;
    private readonly string?[] _ruleIdCache;
    private readonly EntryCheckState _check = new();
    private readonly Dictionary<long, DateTime> _lastExit = new(64);
    private readonly Dictionary<long, DateOnly> _lastFlag = new(16);

    /// <summary>Creates the engine with the rulebook's rules.</summary>
    /// <param name="buyingPower">Buying-power model for P-1 (when the context has none).</param>
    /// <param name="calendar">P-8 events (null: <see cref="EventCalendar.Empty"/>).</param>
    /// <param name="betas">P-7 betas (null: <see cref="BetaTable.Default"/>).</param>
    public RiskEngine(IBuyingPowerModel buyingPower, EventCalendar? calendar = null, BetaTable? betas = null)
    {
        ArgumentNullException.ThrowIfNull(buyingPower);
        Blackout = new EventBlackoutRule(calendar ?? EventCalendar.Empty);
        Drawdown = new DrawdownRule();
        CircuitBreakers = new CircuitBreakerRule();
        TwentyOneDte = new TwentyOneDteRule();
        Phase = new PhaseRule();
        Groups = new CorrelationGroupRule();
        Expiries = new NoSharedExpiryRule();
        BuyingPower = new BuyingPowerCeilingRule(buyingPower);
        Greeks = new GreeksLimitRule(betas ?? BetaTable.Default);
        _rules = [Blackout, Drawdown, CircuitBreakers, TwentyOneDte, Phase, Groups, Expiries, BuyingPower, Greeks];
        _ruleIdCache = new string?[1 << _rules.Length];
    }

    /// <summary>P-8.</summary>
    public EventBlackoutRule Blackout { get; }

    /// <summary>P-5 (its cooldown state is journaled).</summary>
    public DrawdownRule Drawdown { get; }

    /// <summary>P-6 (its latches are journaled).</summary>
    public CircuitBreakerRule CircuitBreakers { get; }

    /// <summary>P-9.</summary>
    public TwentyOneDteRule TwentyOneDte { get; }

    /// <summary>P-2.</summary>
    public PhaseRule Phase { get; }

    /// <summary>P-3.</summary>
    public CorrelationGroupRule Groups { get; }

    /// <summary>P-4.</summary>
    public NoSharedExpiryRule Expiries { get; }

    /// <summary>P-1.</summary>
    public BuyingPowerCeilingRule BuyingPower { get; }

    /// <summary>P-7.</summary>
    public GreeksLimitRule Greeks { get; }

    /// <summary>The entry rules in the order they run.</summary>
    public IReadOnlyList<IEntryRule> EntryRules => _rules;

    /// <summary>How long an emitted risk exit suppresses another for the same position (default 5 minutes).</summary>
    public TimeSpan ExitRetryInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public RiskVerdict Check(in OrderIntent intent, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (intent.Quantity <= 0)
        {
            return RiskVerdict.Deny(NoRules, InvalidQuantity);
        }

        if (intent.Kind != IntentKind.Open)
        {
            return RiskVerdict.Approve(intent.Quantity);
        }

        var check = _check.Begin(in intent, context);
        int units = intent.Quantity;
        int cutMask = 0;
        string lastReason = string.Empty;
        string reason;

        // The rules in the order of _rules (P-8, P-5, P-6, P-9, P-2, P-3, P-4, P-1, P-7), called directly
        // rather than through IEntryRule: one interface call site with nine implementations is a
        // megamorphic dispatch (a stub lookup per rule) on the hottest path of the engine.
        if (!Apply(0, Blackout.Allow(check, units, out reason), reason, ref units, ref cutMask, ref lastReason))
        {
            return RiskVerdict.Deny(Blackout.RuleId, reason);
        }

        if (!Apply(1, Drawdown.Allow(check, units, out reason), reason, ref units, ref cutMask, ref lastReason))
        {
            return RiskVerdict.Deny(Drawdown.RuleId, reason);
        }

        if (!Apply(2, CircuitBreakers.Allow(check, units, out reason), reason, ref units, ref cutMask, ref lastReason))
        {
            return RiskVerdict.Deny(CircuitBreakers.RuleId, reason);
        }

        if (!Apply(3, TwentyOneDte.Allow(check, units, out reason), reason, ref units, ref cutMask, ref lastReason))
        {
            return RiskVerdict.Deny(TwentyOneDte.RuleId, reason);
        }

        if (!Apply(4, Phase.Allow(check, units, out reason), reason, ref units, ref cutMask, ref lastReason))
        {
            return RiskVerdict.Deny(Phase.RuleId, reason);
        }

        if (!Apply(5, Groups.Allow(check, units, out reason), reason, ref units, ref cutMask, ref lastReason))
        {
            return RiskVerdict.Deny(Groups.RuleId, reason);
        }

        if (!Apply(6, Expiries.Allow(check, units, out reason), reason, ref units, ref cutMask, ref lastReason))
        {
            return RiskVerdict.Deny(Expiries.RuleId, reason);
        }

        if (!Apply(7, BuyingPower.Allow(check, units, out reason), reason, ref units, ref cutMask, ref lastReason))
        {
            return RiskVerdict.Deny(BuyingPower.RuleId, reason);
        }

        if (!Apply(8, Greeks.Allow(check, units, out reason), reason, ref units, ref cutMask, ref lastReason))
        {
            return RiskVerdict.Deny(Greeks.RuleId, reason);
        }

        return cutMask == 0 ? RiskVerdict.Approve(units) : RiskVerdict.Reduce(units, RuleIds(cutMask), lastReason);
    }

    /// <summary>One rule's answer: false when it allows no units (deny); fewer units than asked cut the
    /// units and are remembered (bit <paramref name="index"/> of the cut mask, the rule's reason).</summary>
    private static bool Apply(int index, int allowed, string reason, ref int units, ref int cutMask, ref string lastReason)
    {
        if (allowed <= 0)
        {
            return false;
        }

        if (allowed < units)
        {
            units = allowed;
            cutMask |= 1 << index;
            lastReason = reason;
        }

        return true;
    }

    /// <summary>Continuous checks: risk exits and flags for the open positions (see remarks on the type).</summary>
    /// <returns>Number of exit intents added.</returns>
    public int Monitor(DecisionContext context, DecisionOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var level = Drawdown.Observe(context);
        CircuitBreakers.Observe(context);
        var now = context.Clock.Now;
        var today = DateOnly.FromDateTime(now);
        bool extreme = context.Regime == VixRegime.Extreme && context.Rules.FS.CloseAllInExtreme;
        var p9 = context.Rules.TwentyOneDte;
        int added = 0;
        foreach (ref readonly var position in context.Portfolio.OpenPositions)
        {
            string? ruleIds = null;
            string reason = string.Empty;
            if (level == DrawdownLevel.CloseAll)
            {
                (ruleIds, reason) = ("P-5", P5CloseAll);
            }
            else if (level == DrawdownLevel.StopEntriesCloseLosers && position.UnrealizedPnl < 0m)
            {
                (ruleIds, reason) = ("P-5", P5CloseLoser);
            }
            else if (extreme && position.Strategy == StrategyId.FS)
            {
                (ruleIds, reason) = ("P-1 FS-5", ExtremeClose);
            }
            else if (TwentyOneDteRule.IsDue(p9, position.Strategy, position.Structure.NearestExpiry, today))
            {
                if (p9.Mode == TwentyOneDteMode.CloseIfProfitableElseFlag && position.UnrealizedPnl <= 0m)
                {
                    Flag(context, output, position, today);
                    continue;
                }

                (ruleIds, reason) = ("P-9", P9Close);
            }

            if (ruleIds is null || position.Quantity <= 0)
            {
                continue;
            }

            if (_lastExit.TryGetValue(position.Id.Value, out var last) && now - last < ExitRetryInterval)
            {
                continue;
            }

            var intent = CloseIntent(context.Market, position, ruleIds);
            if (output.Add(intent, Record(context, position, DecisionKind.Exit, ruleIds, reason)))
            {
                _lastExit[position.Id.Value] = now;
                added++;
            }
        }

        return added;
    }

    /// <summary>The net combo mid and natural of closing a held structure, per unit in the held
    /// structure's sign convention (natural: short legs bought at the ask, long legs sold at the bid; a
    /// one-sided leg's mid is its closing side). NaN when a leg is not listed or has no closing side.</summary>
    public static void ClosingPrices(IMarketView market, in OptionStructure held, out double mid, out double natural)
    {
        ArgumentNullException.ThrowIfNull(market);
        mid = 0.0;
        natural = 0.0;
        for (int i = 0; i < held.Count; i++)
        {
            var leg = held[i];
            if (!ContractLookup.TryFind(market, leg.Contract, out var expiry, out int k))
            {
                mid = natural = double.NaN;
                return;
            }

            var q = expiry.QuoteAt(k, leg.Contract.Right);
            mid += leg.Ratio * (ContractLookup.TryPremium(expiry, k, leg.Contract.Right, isLong: leg.Ratio < 0, out double m) ? m : double.NaN);
            natural += leg.Ratio * (leg.Ratio < 0 ? (q.Ask > 0.0 ? q.Ask : double.NaN) : q.Bid);
        }
    }

    private static OrderIntent CloseIntent(IMarketView market, in OpenPosition position, string ruleIds)
    {
        ClosingPrices(market, position.Structure, out double mid, out double natural);
        return new OrderIntent(position.Strategy, IntentKind.Close, position.Id, position.Structure, position.Quantity, mid, natural, PricingPolicy.Natural, DateTime.MaxValue, ruleIds);
    }

    private void Flag(DecisionContext context, DecisionOutput output, in OpenPosition position, DateOnly today)
    {
        if (_lastFlag.TryGetValue(position.Id.Value, out var day) && day == today)
        {
            return;
        }

        if (output.Record(Record(context, position, DecisionKind.Skip, "P-9", P9Flag)))
        {
            _lastFlag[position.Id.Value] = today;
        }
    }

    private static DecisionRecord Record(DecisionContext context, in OpenPosition position, DecisionKind kind, string ruleIds, string reason)
    {
        var s = position.Structure;
        double spot = context.Market.TryGetPrice(s.Underlying, out double price) ? price : double.NaN;
        var strikes = new LegValues(
            s.Count > 0 ? (double)s[0].Contract.Strike : double.NaN,
            s.Count > 1 ? (double)s[1].Contract.Strike : double.NaN,
            s.Count > 2 ? (double)s[2].Contract.Strike : double.NaN,
            s.Count > 3 ? (double)s[3].Contract.Strike : double.NaN);
        return new DecisionRecord(context.Clock.Now, position.Strategy, kind, ruleIds, reason, spot, context.Vix.Value, context.Regime, context.Phase, strikes, LegValues.None, position.Id, default, kind == DecisionKind.Exit ? position.Quantity : 0, default);
    }

    private string RuleIds(int mask)
    {
        var cached = _ruleIdCache[mask];
        if (cached is not null)
        {
            return cached;
        }

        var ids = new List<string>();
        for (int i = 0; i < _rules.Length; i++)
        {
            if ((mask & (1 << i)) != 0)
            {
                ids.Add(_rules[i].RuleId);
            }
        }

        return _ruleIdCache[mask] = string.Join(' ', ids);
    }
}

using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies.Core;
using TomKing.Greeks;

namespace TomKing.Algorithm.Strategies.LeapPutLadder;

/// <summary>
/// LPL LEAP put ladder (LPL-1..LPL-4): each Monday at 10:00 (in phases with the ladder) sells one SPY put
/// in the expiry closest to 365 DTE (at least 300) at the delta closest to 0.13; VIX below 15 skips the
/// week, above 20 sells two; at most 10 rungs, each within 2 % of net liq and the ladder within 20 %.
/// Rungs are taken at 30 % of their credit and rolled at 150 DTE in one combo (buy back, sell a new LPL-1 rung).
/// </summary>
public sealed class LplStrategy : IRestartableStrategy
{
    private const byte ProfitAction = 1;
    private const byte RollAction = 2;

    private readonly EntryGate _gate = new();
    private readonly ExitThrottle _exits = new(ExitThrottle.DefaultCoolDown);

    /// <inheritdoc />
    public DateOnly LastEntryDecision
    {
        get => _gate.LastDecided;
        set => _gate.LastDecided = value;
    }

    /// <inheritdoc />
    public StrategyId Id => StrategyId.LPL;

    /// <inheritdoc />
    public void Evaluate(DecisionContext context, DecisionOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (context.Portfolio.CountOpen(StrategyId.LPL) > 0)
        {
            ManagePositions(context, output);
        }

        LplSettings rules = context.Rules.LPL;
        DateTime now = context.Clock.Now;
        if (now.DayOfWeek != rules.Day || !_gate.IsDue(now, rules.EntryTime, EntryGate.SessionClose))
        {
            return;
        }

        _gate.MarkDecided(now);
        Enter(context, output, rules, now);
    }

    private void Enter(DecisionContext context, DecisionOutput output, LplSettings rules, DateTime now)
    {
        var timer = StageTimer.Start();
        if (!context.Rules.Phases.RulesFor(context.Phase).LeapLadder)
        {
            timer.Strategy();
            output.Record(DecisionRecords.Skip(context, Id, "LPL-1 P-2", "the LEAP ladder is not traded in this phase", double.NaN, timer.Cost));
            return;
        }

        double vix = context.Vix.Value;
        if (!double.IsFinite(vix))
        {
            timer.Strategy();
            output.Record(DecisionRecords.Skip(context, Id, "LPL-2", "no VIX reading", double.NaN, timer.Cost));
            return;
        }

        int contracts = rules.ContractsFor(vix);
        if (contracts <= 0)
        {
            timer.Strategy();
            output.Record(DecisionRecords.Skip(context, Id, "LPL-2", "VIX below 15 skips the week", double.NaN, timer.Cost));
            return;
        }

        int rungs = 0;
        decimal ladderBp = 0m;
        ReadOnlySpan<OpenPosition> positions = context.Portfolio.OpenPositions;
        for (int i = 0; i < positions.Length; i++)
        {
            if (positions[i].Strategy == StrategyId.LPL)
            {
                rungs += positions[i].Quantity * Math.Max(1, positions[i].Structure.Count > 0 ? positions[i].Structure[0].Size : 1);
                ladderBp += positions[i].BuyingPower;
            }
        }

        contracts = Math.Min(contracts, rules.MaxRungs - rungs);
        if (contracts <= 0)
        {
            timer.Strategy();
            output.Record(DecisionRecords.Skip(context, Id, "LPL-4", "the ladder already has 10 rungs", double.NaN, timer.Cost));
            return;
        }

        if (!TrySelectRung(context, rules, now, out OptionStructure rung, out double spot, out double delta, out double mid, out double natural))
        {
            timer.MarketView();
            output.Record(DecisionRecords.Skip(context, Id, "LPL-1", "no SPY put near 0.13 delta in an expiry of at least 300 DTE (sparse, crossed or one-sided chain)", spot, timer.Cost));
            return;
        }

        timer.MarketView();
        if (context.BuyingPower is not { } model)
        {
            output.Record(DecisionRecords.Skip(context, Id, "LPL-4", "no buying-power model to size with", spot, timer.Cost));
            return;
        }

        if (!model.TryPerUnit(rung, context.Market, out decimal perRung) || perRung <= 0m)
        {
            output.Record(DecisionRecords.Skip(context, Id, "LPL-4", "the buying-power model cannot price a rung", spot, timer.Cost));
            return;
        }

        decimal netLiq = context.Portfolio.NetLiquidation;
        if (perRung > (decimal)rules.MaxBpPerRung * netLiq)
        {
            timer.Strategy();
            output.Record(DecisionRecords.Skip(context, Id, "LPL-4", "one rung needs more than 2 % of net liq", spot, timer.Cost));
            return;
        }

        decimal room = ((decimal)rules.MaxBpLadder * netLiq) - ladderBp;
        contracts = Math.Min(contracts, room > 0m ? (int)Math.Min(decimal.Floor(room / perRung), 1000m) : 0);
        timer.Strategy();
        if (contracts <= 0)
        {
            output.Record(DecisionRecords.Skip(context, Id, "LPL-4", "the ladder would use more than 20 % of net liq", spot, timer.Cost));
            return;
        }

        output.Add(
            new OrderIntent(Id, IntentKind.Open, default, rung, contracts, mid, natural, PricingPolicy.MidThenLadder,
                DateOnly.FromDateTime(now).ToDateTime(EntryGate.SessionClose), "LPL-1 LPL-2 LPL-4"),
            DecisionRecords.Make(context, Id, DecisionKind.Enter, "LPL-1 LPL-2 LPL-4", contracts > 1 ? "VIX above 20: two rungs" : "weekly rung",
                spot, DecisionRecords.StrikesOf(rung), new LegValues(delta, double.NaN, double.NaN, double.NaN), default, contracts, timer.Cost));
    }

    private static bool TrySelectRung(DecisionContext context, LplSettings rules, DateTime now, out OptionStructure rung, out double spot, out double delta, out double mid, out double natural)
    {
        rung = default;
        spot = delta = mid = natural = double.NaN;
        if (!context.Market.TryGetChain(new Ticker(rules.Underlying), out OptionChain chain))
        {
            return false;
        }

        spot = chain.UnderlyingPrice;
        int e = ExpirySelection.ClosestTo(chain, DateOnly.FromDateTime(now), rules.Expiry);
        if (e < 0)
        {
            return false;
        }

        ChainExpiry expiry = chain.ExpiryAt(e);
        int put = StrikeSelection.ClosestDelta(expiry, OptionRight.Put, rules.PutDelta, 0.5);
        if (put < 0)
        {
            return false;
        }

        rung = OptionStructure.SinglePut(expiry.ContractAt(put, OptionRight.Put));
        delta = expiry.GreeksAt(put, OptionRight.Put).Delta;
        return ComboPricing.TryPrice(rung, context.Market, +1, out mid, out natural) && mid < 0.0;
    }

    private void ManagePositions(DecisionContext context, DecisionOutput output)
    {
        LplSettings rules = context.Rules.LPL;
        DateTime now = context.Clock.Now;
        DateOnly today = DateOnly.FromDateTime(now);
        ReadOnlySpan<OpenPosition> positions = context.Portfolio.OpenPositions;
        for (int p = 0; p < positions.Length; p++)
        {
            ref readonly OpenPosition position = ref positions[p];
            if (position.Strategy != StrategyId.LPL || position.Quantity <= 0)
            {
                continue;
            }

            var timer = StageTimer.Start();
            double profit = ComboPricing.ProfitPerUnit(position, context.Market);
            double credit = -(double)position.EntryPrice;
            bool priced = ComboPricing.TryPrice(position.Structure, context.Market, -1, out double closeMid, out double closeNatural);
            double spot = context.Market.TryGetPrice(position.Structure.Underlying, out double price) ? price : double.NaN;
            timer.MarketView();
            if (!priced)
            {
                continue;
            }

            bool roll = position.Structure.NearestExpiry.DayNumber - today.DayNumber <= rules.RollAtDte;
            bool takeProfit = credit > 0.0 && profit >= rules.ProfitFraction * credit;
            if ((!roll && !takeProfit) || !_exits.TryIssue(position.Id, roll ? RollAction : ProfitAction, now))
            {
                continue;
            }

            if (roll)
            {
                Roll(context, output, position, spot, closeMid, closeNatural, timer);
                continue;
            }

            timer.Strategy();
            output.Add(
                new OrderIntent(Id, IntentKind.Close, position.Id, position.Structure, position.Quantity, ComboPricing.AsHeld(closeMid), ComboPricing.AsHeld(closeNatural), PricingPolicy.MidThenLadder, DateTime.MaxValue, "LPL-3"),
                DecisionRecords.Make(context, Id, DecisionKind.Exit, "LPL-3", "take profit at 30 % of the credit", spot,
                    DecisionRecords.StrikesOf(position.Structure), LegValues.None, position.Id, position.Quantity, timer.Cost));
        }
    }

    /// <summary>LPL-3 at 150 DTE: one combo that buys back the old rung and sells a new LPL-1 rung, same
    /// quantity (LPL-2's VIX gate does not apply to a roll). When no new rung can be chosen, the old one is
    /// bought back alone (the safer half of the roll).</summary>
    private void Roll(DecisionContext context, DecisionOutput output, in OpenPosition position, double spot, double closeMid, double closeNatural, StageTimer timer)
    {
        DateTime now = context.Clock.Now;
        OptionStructure held = position.Structure;
        if (held.Count == 1
            && TrySelectRung(context, context.Rules.LPL, now, out OptionStructure rung, out double rungSpot, out double delta, out _, out _)
            && AdjustmentStructures.TryRollShort(held[0].Contract, rung[0].Contract, held[0].Size, out OptionStructure roll)
            && ComboPricing.TryPrice(roll, context.Market, +1, out double mid, out double natural))
        {
            timer.MarketView();
            var deltas = new LegValues(ComboPricing.GreeksOf(context.Market, held[0].Contract).Delta, delta, double.NaN, double.NaN);
            output.Add(
                new OrderIntent(Id, IntentKind.Adjust, position.Id, roll, position.Quantity, mid, natural, PricingPolicy.MidThenLadder, DateTime.MaxValue, "LPL-3 LPL-1"),
                DecisionRecords.Make(context, Id, DecisionKind.Adjust, "LPL-3 LPL-1", "150 DTE: roll (buy back, sell a new rung) in one combo", rungSpot,
                    DecisionRecords.StrikesOf(roll), deltas, position.Id, position.Quantity, timer.Cost));
            return;
        }

        timer.MarketView();
        output.Add(
            new OrderIntent(Id, IntentKind.Close, position.Id, position.Structure, position.Quantity, ComboPricing.AsHeld(closeMid), ComboPricing.AsHeld(closeNatural), PricingPolicy.MidThenLadder, DateTime.MaxValue, "LPL-3"),
            DecisionRecords.Make(context, Id, DecisionKind.Exit, "LPL-3", "150 DTE: roll due but no new LPL-1 rung can be chosen: buy back the old rung only", spot,
                DecisionRecords.StrikesOf(position.Structure), LegValues.None, position.Id, position.Quantity, timer.Cost));
    }
}

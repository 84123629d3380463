using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies.Core;
using TomKing.Greeks;

namespace TomKing.Algorithm.Strategies.Friday0Dte;

/// <summary>
/// F0 Friday 0DTE (F0-1..F0-5): on Fridays at the first evaluation from 10:30 and before 11:00, fades the
/// move since the 9:30 open with a same-day iron condor (flat day) or a credit spread on the side of the
/// move, shorts at the delta closest to 0.16 (never above 0.25), wings at least 30 points further out,
/// sized by net liq; manages open F0 positions to a 50 % profit, a 3× stop or the 15:00 time exit.
/// </summary>
public sealed class F0Strategy : IRestartableStrategy
{
    private const byte TakeProfitAction = 1;
    private const byte StopAction = 2;
    private const byte TimeExitAction = 3;

    private readonly EntryGate _gate = new();
    private readonly ExitThrottle _exits = new(ExitThrottle.DefaultCoolDown);

    /// <inheritdoc />
    public DateOnly LastEntryDecision
    {
        get => _gate.LastDecided;
        set => _gate.LastDecided = value;
    }

    /// <inheritdoc />
    public StrategyId Id => StrategyId.F0;

    /// <inheritdoc />
    public void Evaluate(DecisionContext context, DecisionOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (context.Portfolio.CountOpen(StrategyId.F0) > 0)
        {
            ManagePositions(context, output);
        }

        F0Settings rules = context.Rules.F0;
        DateTime now = context.Clock.Now;
        if (now.DayOfWeek != rules.Day || !_gate.IsDue(now, rules.DecisionTime, rules.NoEntryAfter))
        {
            return;
        }

        _gate.MarkDecided(now);
        Enter(context, output, rules, now);
    }

    private void Enter(DecisionContext context, DecisionOutput output, F0Settings rules, DateTime now)
    {
        var timer = StageTimer.Start();
        DateOnly today = DateOnly.FromDateTime(now);
        PhaseRules phase = context.Rules.Phases.RulesFor(context.Phase);
        IMarketView market = context.Market;
        if (!F0Instrument.TryChoose(phase, market, today, out OptionChain chain, out ChainExpiry expiry))
        {
            timer.MarketView();
            output.Record(DecisionRecords.Skip(context, Id, "F0-3 P-2", "no chain of this phase's 0DTE instruments expires today (Phase 1 never trades SPX/SPXW)", double.NaN, timer.Cost));
            return;
        }

        double spot = SpotOf(market, chain, expiry);
        bool hasOpen = market.TryGetSessionOpen(chain.Underlying, out double open);
        timer.MarketView();
        if (!(spot > 0.0) || !double.IsFinite(spot))
        {
            output.Record(DecisionRecords.Skip(context, Id, "F0-2", "no underlying price at the decision time", spot, timer.Cost));
            return;
        }

        if (!hasOpen || !(open > 0.0) || !double.IsFinite(open))
        {
            output.Record(DecisionRecords.Skip(context, Id, "F0-1", "no 9:30 opening price captured today", spot, timer.Cost));
            return;
        }

        int contracts = Math.Min(rules.ContractsFor(context.Portfolio.NetLiquidation), phase.ZeroDteMaxContracts);
        if (contracts <= 0)
        {
            timer.Strategy();
            output.Record(DecisionRecords.Skip(context, Id, "F0-4 P-2", "the sizing table and phase cap give 0 contracts", spot, timer.Cost));
            return;
        }

        double move = (spot / open) - 1.0;
        StructureKind kind = F0Structure.ForMove(move, rules.FlatMove);
        bool needPut = kind != StructureKind.CallCreditSpread;
        bool needCall = kind != StructureKind.PutCreditSpread;
        double wing = F0Instrument.WingPointsFor(chain.Root, rules.WingPoints);
        timer.Strategy();

        int shortPut = -1, longPut = -1, shortCall = -1, longCall = -1;
        if (needPut)
        {
            shortPut = StrikeSelection.ClosestDelta(expiry, OptionRight.Put, rules.ShortDelta, rules.MaxShortDelta);
            longPut = shortPut < 0 ? -1 : StrikeSelection.AtLeastPointsFurtherOut(expiry, shortPut, OptionRight.Put, wing);
        }

        if (needCall)
        {
            shortCall = StrikeSelection.ClosestDelta(expiry, OptionRight.Call, rules.ShortDelta, rules.MaxShortDelta);
            longCall = shortCall < 0 ? -1 : StrikeSelection.AtLeastPointsFurtherOut(expiry, shortCall, OptionRight.Call, wing);
        }

        timer.MarketView();
        if ((needPut && shortPut < 0) || (needCall && shortCall < 0))
        {
            output.Record(DecisionRecords.Skip(context, Id, "F0-3", "no short strike with a quoted delta at or below 0.25 (sparse, crossed or one-sided chain)", spot, timer.Cost));
            return;
        }

        if ((needPut && longPut < 0) || (needCall && longCall < 0))
        {
            output.Record(DecisionRecords.Skip(context, Id, "F0-3", "no listed wing strike at least the wing distance further out of the money", spot, timer.Cost));
            return;
        }

        OptionStructure structure;
        LegValues deltas;
        bool built;
        if (kind == StructureKind.IronCondor)
        {
            built = OptionStructure.TryCreate(kind,
                [Leg.Buy(expiry.ContractAt(longPut, OptionRight.Put)), Leg.Sell(expiry.ContractAt(shortPut, OptionRight.Put)),
                 Leg.Sell(expiry.ContractAt(shortCall, OptionRight.Call)), Leg.Buy(expiry.ContractAt(longCall, OptionRight.Call))],
                out structure, out _);
            deltas = new LegValues(Delta(expiry, longPut, OptionRight.Put), Delta(expiry, shortPut, OptionRight.Put),
                Delta(expiry, shortCall, OptionRight.Call), Delta(expiry, longCall, OptionRight.Call));
        }
        else if (kind == StructureKind.CallCreditSpread)
        {
            built = OptionStructure.TryCreate(kind,
                [Leg.Sell(expiry.ContractAt(shortCall, OptionRight.Call)), Leg.Buy(expiry.ContractAt(longCall, OptionRight.Call))],
                out structure, out _);
            deltas = new LegValues(Delta(expiry, shortCall, OptionRight.Call), Delta(expiry, longCall, OptionRight.Call), double.NaN, double.NaN);
        }
        else
        {
            built = OptionStructure.TryCreate(kind,
                [Leg.Sell(expiry.ContractAt(shortPut, OptionRight.Put)), Leg.Buy(expiry.ContractAt(longPut, OptionRight.Put))],
                out structure, out _);
            deltas = new LegValues(Delta(expiry, shortPut, OptionRight.Put), Delta(expiry, longPut, OptionRight.Put), double.NaN, double.NaN);
        }

        double mid = double.NaN, natural = double.NaN;
        bool priced = built && ComboPricing.TryPrice(structure, market, +1, out mid, out natural);
        timer.MarketView();
        if (!built)
        {
            output.Record(DecisionRecords.Skip(context, Id, "F0-3", "the chosen strikes do not form the structure (short put above short call)", spot, timer.Cost));
            return;
        }

        if (!priced || !(mid < 0.0))
        {
            output.Record(DecisionRecords.Skip(context, Id, "F0-3", "the structure has no usable quotes or no net credit at mid", spot, timer.Cost));
            return;
        }

        var intent = new OrderIntent(Id, IntentKind.Open, default, structure, contracts, mid, natural, PricingPolicy.MidThenLadder,
            today.ToDateTime(rules.NoEntryAfter), "F0-2 F0-3 F0-4");
        timer.Strategy();
        output.Add(intent, DecisionRecords.Make(context, Id, DecisionKind.Enter, "F0-1 F0-2 F0-3 F0-4", F0Structure.Describe(kind), spot,
            DecisionRecords.StrikesOf(structure), deltas, default, contracts, timer.Cost));
    }

    private void ManagePositions(DecisionContext context, DecisionOutput output)
    {
        F0Settings rules = context.Rules.F0;
        DateTime now = context.Clock.Now;
        DateOnly today = DateOnly.FromDateTime(now);
        bool timeExit = TimeOnly.FromDateTime(now) >= rules.TimeExit;
        ReadOnlySpan<OpenPosition> positions = context.Portfolio.OpenPositions;
        for (int i = 0; i < positions.Length; i++)
        {
            ref readonly OpenPosition position = ref positions[i];
            if (position.Strategy != StrategyId.F0 || position.Quantity <= 0)
            {
                continue;
            }

            var timer = StageTimer.Start();
            bool priced = ComboPricing.TryPrice(position.Structure, context.Market, -1, out double closeMid, out double closeNatural);
            timer.MarketView();
            double credit = -(double)position.EntryPrice;
            byte action;
            string reason;
            PricingPolicy pricing;
            if (timeExit || position.Structure.NearestExpiry < today)
            {
                action = TimeExitAction;
                reason = "time exit: still open at 15:00";
                pricing = PricingPolicy.Natural;
            }
            else if (!priced || !(credit > 0.0))
            {
                continue;
            }
            else if (closeMid >= rules.StopCostMultiple * credit)
            {
                action = StopAction;
                reason = "stop: cost to close at or above 3 x the credit";
                pricing = PricingPolicy.Natural;
            }
            else if (closeMid <= rules.TakeProfitCostFraction * credit)
            {
                action = TakeProfitAction;
                reason = "take profit: cost to close at or below 50 % of the credit";
                pricing = PricingPolicy.MidThenLadder;
            }
            else
            {
                continue;
            }

            if (!_exits.TryIssue(position.Id, action, now))
            {
                continue;
            }

            double spot = context.Market.TryGetPrice(position.Structure.Underlying, out double p) ? p : double.NaN;
            timer.Strategy();
            var record = DecisionRecords.Make(context, Id, DecisionKind.Exit, "F0-5", reason, spot,
                DecisionRecords.StrikesOf(position.Structure), LegValues.None, position.Id, position.Quantity, timer.Cost);
            if (!priced)
            {
                // The close is due but the chain cannot price it: say so rather than send an unpriced order.
                output.Record(record with { Reason = "time exit due but the chain cannot price the close" });
                continue;
            }

            DateTime windowEnd = pricing == PricingPolicy.Natural ? DateTime.MaxValue : today.ToDateTime(rules.TimeExit);
            output.Add(new OrderIntent(Id, IntentKind.Close, position.Id, position.Structure, position.Quantity, ComboPricing.AsHeld(closeMid), ComboPricing.AsHeld(closeNatural), pricing, windowEnd, "F0-5"), record);
        }
    }

    private static double SpotOf(IMarketView market, OptionChain chain, ChainExpiry expiry) =>
        market.TryGetPrice(chain.Underlying, out double price) && price > 0.0 ? price : expiry.UnderlyingPrice;

    private static double Delta(ChainExpiry expiry, int index, OptionRight right) => expiry.GreeksAt(index, right).Delta;
}

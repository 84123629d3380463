using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies.Core;
using TomKing.Greeks;

namespace TomKing.Algorithm.Strategies.FuturesStrangle;

/// <summary>
/// FS futures strangles (FS-1..FS-6): on the second Tuesday of the month at 10:15, one short strangle per
/// futures product the phase allows (P-2), in the expiry closest to 90 DTE (75–105), short put at the
/// delta closest to 0.06 and short call closest to 0.05, only with IV rank ≥ 30 and BP per strangle within
/// 3.5 % of net liq (2.5 % on micros); manages them by FS-5 (profit, stop, delta defence). The EXTREME-regime
/// closes and P-9 are the risk engine's.
/// </summary>
public sealed class FsStrategy : IRestartableStrategy
{
    private const byte CloseAllAction = 1;
    private const byte RollAction = 2;

    /// <summary>FS-5 roll: due only while the untested short's |delta| is below this fraction of the roll target.</summary>
    private const double RollDueBelowFraction = 0.5;
    private const byte ProfitAction = 3;
    private const byte TestedSideAction = 4;

    private readonly EntryGate _gate = new();
    private readonly ExitThrottle _exits = new(ExitThrottle.DefaultCoolDown);

    /// <inheritdoc />
    public DateOnly LastEntryDecision
    {
        get => _gate.LastDecided;
        set => _gate.LastDecided = value;
    }

    /// <inheritdoc />
    public StrategyId Id => StrategyId.FS;

    /// <inheritdoc />
    public void Evaluate(DecisionContext context, DecisionOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (context.Portfolio.CountOpen(StrategyId.FS) > 0)
        {
            ManagePositions(context, output);
        }

        FsSettings rules = context.Rules.FS;
        DateTime now = context.Clock.Now;
        if (now.DayOfWeek != rules.Day || EntryGate.WeekdayOccurrence(DateOnly.FromDateTime(now)) != rules.Week
            || !_gate.IsDue(now, rules.EntryTime, EntryGate.SessionClose))
        {
            return;
        }

        _gate.MarkDecided(now);
        IReadOnlyList<string> products = context.Rules.Phases.RulesFor(context.Phase).StrangleFutures;
        for (int i = 0; i < products.Count; i++)
        {
            EnterProduct(context, output, rules, new Ticker(products[i]), now);
        }
    }

    private void EnterProduct(DecisionContext context, DecisionOutput output, FsSettings rules, Ticker product, DateTime now)
    {
        var timer = StageTimer.Start();
        DateOnly today = DateOnly.FromDateTime(now);
        IMarketView market = context.Market;
        if (!market.TryGetChain(product, out OptionChain chain))
        {
            timer.MarketView();
            output.Record(DecisionRecords.Skip(context, Id, "FS-1", "no option chain for this strangle product", double.NaN, timer.Cost));
            return;
        }

        bool hasRank = market.TryGetIvRank(chain.Underlying, out double ivRank);
        int expiryIndex = ExpirySelection.ClosestTo(chain, today, rules.Expiry);
        timer.MarketView();
        if (!hasRank || !double.IsFinite(ivRank))
        {
            output.Record(DecisionRecords.Skip(context, Id, "FS-4", "no IV rank available for this product", chain.UnderlyingPrice, timer.Cost));
            return;
        }

        if (ivRank < rules.MinIvRank)
        {
            output.Record(DecisionRecords.Skip(context, Id, "FS-4", "IV rank below 30", chain.UnderlyingPrice, timer.Cost));
            return;
        }

        if (expiryIndex < 0)
        {
            output.Record(DecisionRecords.Skip(context, Id, "FS-2", "no expiry within 75-105 DTE", chain.UnderlyingPrice, timer.Cost));
            return;
        }

        ChainExpiry expiry = chain.ExpiryAt(expiryIndex);
        double spot = expiry.UnderlyingPrice;
        int put = StrikeSelection.ClosestDelta(expiry, OptionRight.Put, rules.PutDelta, 0.5);
        int call = StrikeSelection.ClosestDelta(expiry, OptionRight.Call, rules.CallDelta, 0.5);
        timer.MarketView();
        if (put < 0 || call < 0 || put >= call)
        {
            output.Record(DecisionRecords.Skip(context, Id, "FS-3", "no quoted put below a quoted call near the target deltas (sparse, crossed or one-sided chain)", spot, timer.Cost));
            return;
        }

        var structure = OptionStructure.Strangle(expiry.ContractAt(put, OptionRight.Put), expiry.ContractAt(call, OptionRight.Call));
        bool priced = ComboPricing.TryPrice(structure, market, +1, out double mid, out double natural);
        timer.MarketView();
        if (!priced || !(mid < 0.0))
        {
            output.Record(DecisionRecords.Skip(context, Id, "FS-3", "the strangle has no usable quotes or no credit", spot, timer.Cost));
            return;
        }

        if (context.BuyingPower is not { } model)
        {
            output.Record(DecisionRecords.Skip(context, Id, "FS-6", "no buying-power model to size with", spot, timer.Cost));
            return;
        }

        bool hasBp = model.TryPerUnit(structure, market, out decimal perUnit);
        double fraction = TickerLists.IsMicro(chain.Root) || TickerLists.IsMicro(chain.Underlying) ? rules.MaxBpFractionMicro : rules.MaxBpFraction;
        timer.Strategy();
        if (!hasBp)
        {
            output.Record(DecisionRecords.Skip(context, Id, "FS-6", "the buying-power model cannot price the strangle", spot, timer.Cost));
            return;
        }

        if (perUnit > (decimal)fraction * context.Portfolio.NetLiquidation)
        {
            output.Record(DecisionRecords.Skip(context, Id, "FS-6", "one strangle needs more buying power than the FS-6 share of net liq", spot, timer.Cost));
            return;
        }

        var deltas = new LegValues(expiry.GreeksAt(put, OptionRight.Put).Delta, expiry.GreeksAt(call, OptionRight.Call).Delta, double.NaN, double.NaN);
        timer.MarketView();
        output.Add(
            new OrderIntent(Id, IntentKind.Open, default, structure, 1, mid, natural, PricingPolicy.MidThenLadder, today.ToDateTime(EntryGate.SessionClose), "FS-1 FS-2 FS-3 FS-4 FS-6"),
            DecisionRecords.Make(context, Id, DecisionKind.Enter, "FS-1 FS-2 FS-3 FS-4 FS-6", "strangle at 0.06/0.05 delta", spot,
                DecisionRecords.StrikesOf(structure), deltas, default, 1, timer.Cost));
    }

    private void ManagePositions(DecisionContext context, DecisionOutput output)
    {
        FsSettings rules = context.Rules.FS;
        DateTime now = context.Clock.Now;
        IMarketView market = context.Market;
        ReadOnlySpan<OpenPosition> positions = context.Portfolio.OpenPositions;
        for (int p = 0; p < positions.Length; p++)
        {
            ref readonly OpenPosition position = ref positions[p];
            if (position.Strategy != StrategyId.FS || position.Quantity <= 0)
            {
                continue;
            }

            var timer = StageTimer.Start();
            OptionStructure s = position.Structure;
            int putLeg = -1, callLeg = -1;
            for (int i = 0; i < s.Count; i++)
            {
                if (s[i].Ratio < 0)
                {
                    if (s[i].Contract.Right == OptionRight.Put)
                    {
                        putLeg = i;
                    }
                    else
                    {
                        callLeg = i;
                    }
                }
            }

            double profit = ComboPricing.ProfitPerUnit(position, market);
            double credit = -(double)position.EntryPrice;
            double putDelta = putLeg >= 0 ? ComboPricing.GreeksOf(market, s[putLeg].Contract).AbsDelta : double.NaN;
            double callDelta = callLeg >= 0 ? ComboPricing.GreeksOf(market, s[callLeg].Contract).AbsDelta : double.NaN;
            double spot = market.TryGetPrice(s.Underlying, out double price) ? price : double.NaN;
            timer.MarketView();

            // The tested side is the short with the larger |delta|; a position left with one short (its tested
            // side already closed) tests that one.
            bool putTested = putLeg >= 0 && (callLeg < 0 || !(callDelta > putDelta));
            double tested = putTested ? putDelta : callDelta;
            bool bothSides = putLeg >= 0 && callLeg >= 0;
            var deltas = new LegValues(putLeg >= 0 ? -putDelta : double.NaN, callLeg >= 0 ? callDelta : double.NaN, double.NaN, double.NaN);
            if (tested >= rules.CloseAllAtDelta)
            {
                Close(context, output, position, spot, deltas, "tested short at 0.30 delta: close the whole strangle", PricingPolicy.Natural, timer);
            }
            else if (credit > 0.0 && profit <= -rules.StopLossCreditMultiple * credit)
            {
                Close(context, output, position, spot, deltas, "stop: loss of 2 x the credit", PricingPolicy.Natural, timer);
            }
            else if (tested >= rules.CloseTestedAtDelta && bothSides)
            {
                CloseTestedSide(context, output, position, s[putTested ? putLeg : callLeg], spot, new LegValues(putTested ? -putDelta : callDelta, double.NaN, double.NaN, double.NaN), timer);
            }
            else if (tested >= rules.CloseTestedAtDelta)
            {
                Close(context, output, position, spot, deltas, "tested short at 0.25 delta and the other side already closed: close the rest", PricingPolicy.Natural, timer);
            }
            else if (credit > 0.0 && profit >= rules.ProfitFraction * credit)
            {
                Close(context, output, position, spot, deltas, "take profit at 50 % of the credit", PricingPolicy.MidThenLadder, timer);
            }
            else if (tested >= rules.RollUntestedAtDelta && bothSides)
            {
                RollUntested(context, output, position, s[putTested ? callLeg : putLeg], spot, timer);
            }
        }
    }

    /// <summary>FS-5 at 0.25: buy back the tested short alone (one-leg adjustment), at the natural price (a defence).</summary>
    private void CloseTestedSide(DecisionContext context, DecisionOutput output, in OpenPosition position, Leg tested, double spot, LegValues deltas, StageTimer timer)
    {
        var buyBack = AdjustmentStructures.BuyBack(tested.Contract, tested.Size);
        if (!ComboPricing.TryPrice(buyBack, context.Market, +1, out double mid, out double natural)
            || !_exits.TryIssue(position.Id, TestedSideAction, context.Clock.Now))
        {
            return;
        }

        timer.Strategy();
        output.Add(
            new OrderIntent(Id, IntentKind.Adjust, position.Id, buyBack, position.Quantity, mid, natural, PricingPolicy.Natural, DateTime.MaxValue, "FS-5"),
            DecisionRecords.Make(context, Id, DecisionKind.Adjust, "FS-5", "tested short at 0.25 delta: close the tested side", spot,
                DecisionRecords.StrikesOf(buyBack), deltas, position.Id, position.Quantity, timer.Cost));
    }

    private void RollUntested(DecisionContext context, DecisionOutput output, in OpenPosition position, Leg untested, double spot, StageTimer timer)
    {
        if (!ComboPricing.TryLocate(context.Market, untested.Contract, out ChainExpiry expiry, out int oldIndex))
        {
            return;
        }

        // The roll moves a decayed untested short toward the money. An untested short already at half the
        // target delta or more (e.g. one rolled before) is not rolled again, and never away from the money:
        // re-rolling between neighbouring strikes around 0.16 every few minutes only paid spread and fees.
        double toDelta = context.Rules.FS.RollUntestedToDelta;
        double oldDelta = expiry.GreeksAt(oldIndex, untested.Contract.Right).AbsDelta;
        if (!(oldDelta < RollDueBelowFraction * toDelta))
        {
            return;
        }

        int target = StrikeSelection.ClosestDelta(expiry, untested.Contract.Right, toDelta, context.Rules.FS.RollUntestedAtDelta);
        timer.MarketView();

        // One combo: sell the new 0.16-delta short, buy back the old one (legs in that order).
        OptionStructure roll = default;
        bool built = target >= 0 && target != oldIndex && expiry.GreeksAt(target, untested.Contract.Right).AbsDelta > oldDelta
            && AdjustmentStructures.TryPair(Leg.Sell(expiry.ContractAt(target, untested.Contract.Right), untested.Size), Leg.Buy(untested.Contract, untested.Size), out roll);
        if (!built || !ComboPricing.TryPrice(roll, context.Market, +1, out double mid, out double natural)
            || !_exits.TryIssue(position.Id, RollAction, context.Clock.Now))
        {
            return;
        }

        var rollDeltas = new LegValues(expiry.GreeksAt(target, untested.Contract.Right).Delta, expiry.GreeksAt(oldIndex, untested.Contract.Right).Delta, double.NaN, double.NaN);
        timer.Strategy();
        output.Add(
            new OrderIntent(Id, IntentKind.Adjust, position.Id, roll, position.Quantity, mid, natural, PricingPolicy.MidThenLadder, DateTime.MaxValue, "FS-5"),
            DecisionRecords.Make(context, Id, DecisionKind.Adjust, "FS-5", "tested short at 0.20 delta: roll the untested side to 0.16 delta", spot,
                DecisionRecords.StrikesOf(roll), rollDeltas, position.Id, position.Quantity, timer.Cost));
    }

    private void Close(DecisionContext context, DecisionOutput output, in OpenPosition position, double spot, LegValues deltas, string reason, PricingPolicy pricing, StageTimer timer)
    {
        if (!ComboPricing.TryPrice(position.Structure, context.Market, -1, out double mid, out double natural)
            || !_exits.TryIssue(position.Id, pricing == PricingPolicy.Natural ? CloseAllAction : ProfitAction, context.Clock.Now))
        {
            return;
        }

        timer.Strategy();
        output.Add(
            new OrderIntent(Id, IntentKind.Close, position.Id, position.Structure, position.Quantity, ComboPricing.AsHeld(mid), ComboPricing.AsHeld(natural), pricing, DateTime.MaxValue, "FS-5"),
            DecisionRecords.Make(context, Id, DecisionKind.Exit, "FS-5", reason, spot, DecisionRecords.StrikesOf(position.Structure), deltas,
                position.Id, position.Quantity, timer.Cost));
    }
}

using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies.Core;
using TomKing.Greeks;

namespace TomKing.Algorithm.Strategies.LongTerm112;

/// <summary>
/// L112 long-term 1-1-2 (L112-1..L112-5): on the first Wednesday of the month at 10:00 (Phase 4 also the
/// 2nd and 3rd), on the phase's LT112 instrument, buys a put at 0.93 × spot, sells one 50 points below it
/// and two at 0.88 × spot in the expiry closest to 120 DTE (112–130), as many units as keep the position's
/// BP within 6 % of net liq (3 % on micros); manages the naked puts, the debit spread and the whole position
/// by L112-5. P-9 (21 DTE) is the risk engine's.
/// </summary>
public sealed class L112Strategy : IRestartableStrategy
{
    private const byte CloseAllAction = 1;
    private const byte NakedProfitAction = 2;
    private const byte SpreadProfitAction = 3;

    private readonly EntryGate _gate = new();
    private readonly ExitThrottle _exits = new(ExitThrottle.DefaultCoolDown);
    private readonly EntryLegBook _entryPrices = new();

    /// <inheritdoc />
    public DateOnly LastEntryDecision
    {
        get => _gate.LastDecided;
        set => _gate.LastDecided = value;
    }

    /// <inheritdoc />
    public StrategyId Id => StrategyId.L112;

    /// <inheritdoc />
    public void Evaluate(DecisionContext context, DecisionOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (context.Portfolio.CountOpen(StrategyId.L112) > 0)
        {
            ManagePositions(context, output);
        }

        L112Settings rules = context.Rules.L112;
        DateTime now = context.Clock.Now;
        if (now.DayOfWeek != rules.Day || !_gate.IsDue(now, rules.EntryTime, EntryGate.SessionClose))
        {
            return;
        }

        PhaseRules phase = context.Rules.Phases.RulesFor(context.Phase);
        if (!IsEntryWeek(rules, phase, DateOnly.FromDateTime(now)))
        {
            return;
        }

        _gate.MarkDecided(now);
        Enter(context, output, rules, phase, now);
    }

    /// <summary>L112-1: the first Wednesday of the month, and in a phase with stacked Wednesdays also the
    /// extra occurrences (2nd and 3rd).</summary>
    public static bool IsEntryWeek(L112Settings rules, PhaseRules phase, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(phase);
        int week = EntryGate.WeekdayOccurrence(date);
        return date.DayOfWeek == rules.Day
            && (TickerLists.Contains(rules.Weeks, week) || (phase.Lt112StackedWednesdays && TickerLists.Contains(rules.Phase4ExtraWeeks, week)));
    }

    private void Enter(DecisionContext context, DecisionOutput output, L112Settings rules, PhaseRules phase, DateTime now)
    {
        var timer = StageTimer.Start();
        DateOnly today = DateOnly.FromDateTime(now);
        IReadOnlyList<string> instruments = phase.Lt112Instruments;
        if (instruments.Count == 0)
        {
            timer.Strategy();
            output.Record(DecisionRecords.Skip(context, Id, "L112-1 P-2", "L112 is not traded in this phase", double.NaN, timer.Cost));
            return;
        }

        OptionChain chain = null!;
        int expiryIndex = -1;
        for (int i = 0; i < instruments.Count && expiryIndex < 0; i++)
        {
            if (context.Market.TryGetChain(new Ticker(instruments[i]), out chain))
            {
                expiryIndex = ExpirySelection.ClosestTo(chain, today, rules.Expiry);
            }
        }

        if (expiryIndex < 0)
        {
            timer.MarketView();
            output.Record(DecisionRecords.Skip(context, Id, "L112-2", "no expiry within 112-130 DTE on this phase's L112 instruments", double.NaN, timer.Cost));
            return;
        }

        ChainExpiry expiry = chain.ExpiryAt(expiryIndex);
        double spot = SpotOf(context.Market, chain.Underlying, expiry);
        timer.MarketView();
        if (!(spot > 0.0) || !double.IsFinite(spot))
        {
            output.Record(DecisionRecords.Skip(context, Id, "L112-3", "no underlying price", spot, timer.Cost));
            return;
        }

        int longPut = expiry.NearestStrikeIndex(rules.LongPutSpotFraction * spot);
        int shortPut = expiry.NearestStrikeIndex(expiry.Strikes[longPut] - rules.SpreadPointsFor(chain.Root.Symbol));
        int nakedPut = expiry.NearestStrikeIndex(rules.NakedPutSpotFraction * spot);
        if (!(shortPut < longPut && nakedPut < shortPut))
        {
            timer.Strategy();
            output.Record(DecisionRecords.Skip(context, Id, "L112-3", "the strike grid is too sparse for long > short > naked puts", spot, timer.Cost));
            return;
        }

        OptionContract longContract = expiry.ContractAt(longPut, OptionRight.Put);
        OptionContract shortContract = expiry.ContractAt(shortPut, OptionRight.Put);
        OptionContract nakedContract = expiry.ContractAt(nakedPut, OptionRight.Put);
        var structure = OptionStructure.OneOneTwo(longContract, shortContract, nakedContract);
        bool priced = ComboPricing.TryPrice(structure, context.Market, +1, out double mid, out double natural);
        timer.MarketView();
        if (!priced)
        {
            output.Record(DecisionRecords.Skip(context, Id, "L112-3", "a leg has no usable quote (crossed or empty)", spot, timer.Cost));
            return;
        }

        if (context.BuyingPower is not { } model)
        {
            output.Record(DecisionRecords.Skip(context, Id, "L112-4", "no buying-power model to size with", spot, timer.Cost));
            return;
        }

        if (!model.TryPerUnit(structure, context.Market, out decimal perUnit) || perUnit <= 0m)
        {
            output.Record(DecisionRecords.Skip(context, Id, "L112-4", "the buying-power model cannot price one unit", spot, timer.Cost));
            return;
        }

        double fraction = TickerLists.IsMicro(chain.Root) || TickerLists.IsMicro(chain.Underlying) ? rules.MaxBpFractionMicro : rules.MaxBpFraction;
        decimal budget = (decimal)fraction * context.Portfolio.NetLiquidation;
        int units = budget > 0m ? (int)Math.Min(decimal.Floor(budget / perUnit), 10_000m) : 0;
        timer.Strategy();
        if (units <= 0)
        {
            output.Record(DecisionRecords.Skip(context, Id, "L112-4", "one unit needs more buying power than the L112-4 share of net liq", spot, timer.Cost));
            return;
        }

        _entryPrices.Remember(longContract, ComboPricing.MidOf(context.Market, longContract));
        _entryPrices.Remember(shortContract, ComboPricing.MidOf(context.Market, shortContract));
        _entryPrices.Remember(nakedContract, ComboPricing.MidOf(context.Market, nakedContract));
        var deltas = new LegValues(expiry.GreeksAt(longPut, OptionRight.Put).Delta, expiry.GreeksAt(shortPut, OptionRight.Put).Delta,
            expiry.GreeksAt(nakedPut, OptionRight.Put).Delta, double.NaN);
        timer.MarketView();
        var intent = new OrderIntent(Id, IntentKind.Open, default, structure, units, mid, natural, PricingPolicy.MidThenLadder,
            today.ToDateTime(EntryGate.SessionClose), "L112-1 L112-2 L112-3 L112-4");
        output.Add(intent, DecisionRecords.Make(context, Id, DecisionKind.Enter, "L112-1 L112-2 L112-3 L112-4", "1-1-2 at 0.93/0.88 of spot",
            spot, DecisionRecords.StrikesOf(structure), deltas, default, units, timer.Cost));
    }

    private void ManagePositions(DecisionContext context, DecisionOutput output)
    {
        L112Settings rules = context.Rules.L112;
        DateTime now = context.Clock.Now;
        ReadOnlySpan<OpenPosition> positions = context.Portfolio.OpenPositions;
        for (int p = 0; p < positions.Length; p++)
        {
            ref readonly OpenPosition position = ref positions[p];
            if (position.Strategy != StrategyId.L112 || position.Quantity <= 0)
            {
                continue;
            }

            var timer = StageTimer.Start();
            OptionStructure s = position.Structure;
            int longLeg = -1, spreadShortLeg = -1, nakedLeg = -1;
            for (int i = 0; i < s.Count; i++)
            {
                if (s[i].Ratio > 0)
                {
                    longLeg = i;
                }
            }

            for (int i = 0; i < s.Count; i++)
            {
                if (s[i].Ratio == -1 && longLeg >= 0)
                {
                    spreadShortLeg = i;
                }
                else if (s[i].Ratio < 0)
                {
                    nakedLeg = i;
                }
            }

            double spot = context.Market.TryGetPrice(s.Underlying, out double price) ? price : double.NaN;
            double profit = ComboPricing.ProfitPerUnit(position, context.Market);
            double credit = -(double)position.EntryPrice;
            timer.MarketView();

            if (nakedLeg >= 0 && spot <= (double)s[nakedLeg].Contract.Strike * (1.0 + rules.NakedStrikeProximity))
            {
                CloseAll(context, output, position, spot, "spot within 0.5 % of the naked strike", timer);
                continue;
            }

            if (credit > 0.0 && profit <= -rules.StopLossCreditMultiple * credit)
            {
                CloseAll(context, output, position, spot, "loss reached 2 x the net credit", timer);
                continue;
            }

            if (nakedLeg >= 0 && _entryPrices.TryGetEntry(position, nakedLeg, out double nakedEntry))
            {
                double nakedNow = ComboPricing.MidOf(context.Market, s[nakedLeg].Contract);
                if (nakedNow <= (1.0 - rules.NakedPutProfitFraction) * nakedEntry && _exits.TryIssue(position.Id, NakedProfitAction, now))
                {
                    // The two naked puts per unit are bought back alone: one leg of ratio +2, quantity = units.
                    var buyBack = AdjustmentStructures.BuyBack(s[nakedLeg].Contract, s[nakedLeg].Size);
                    bool priced = ComboPricing.TryPrice(buyBack, context.Market, +1, out double backMid, out double backNatural);
                    timer.MarketView();
                    const string Reason = "naked puts at 90 % of their credit: buy them back";
                    var record = DecisionRecords.Make(context, Id, DecisionKind.Adjust, "L112-5", Reason, spot, DecisionRecords.StrikesOf(buyBack),
                        new LegValues(ComboPricing.GreeksOf(context.Market, s[nakedLeg].Contract).Delta, double.NaN, double.NaN, double.NaN),
                        position.Id, position.Quantity, timer.Cost);
                    if (priced)
                    {
                        output.Add(new OrderIntent(Id, IntentKind.Adjust, position.Id, buyBack, position.Quantity, backMid, backNatural,
                            PricingPolicy.MidThenLadder, DateTime.MaxValue, "L112-5"), record);
                    }
                    else
                    {
                        output.Record(record with { Reason = "buy-back due but the chain cannot price it: " + Reason, Quantity = 0 });
                    }

                    continue;
                }
            }

            if (longLeg >= 0 && spreadShortLeg >= 0
                && _entryPrices.TryGetEntry(position, longLeg, out double longEntry)
                && _entryPrices.TryGetEntry(position, spreadShortLeg, out double shortEntry))
            {
                double debit = longEntry - shortEntry;
                double value = ComboPricing.MidOf(context.Market, s[longLeg].Contract) - ComboPricing.MidOf(context.Market, s[spreadShortLeg].Contract);
                if (debit > 0.0 && value - debit >= rules.DebitSpreadProfitFraction * debit
                    && AdjustmentStructures.TryPair(Leg.Sell(s[longLeg].Contract, s[longLeg].Size), Leg.Buy(s[spreadShortLeg].Contract, s[spreadShortLeg].Size), out OptionStructure closeSpread)
                    && ComboPricing.TryPrice(closeSpread, context.Market, +1, out double mid, out double natural)
                    && _exits.TryIssue(position.Id, SpreadProfitAction, now))
                {
                    timer.Strategy();
                    output.Add(
                        new OrderIntent(Id, IntentKind.Adjust, position.Id, closeSpread, position.Quantity, mid, natural, PricingPolicy.MidThenLadder, DateTime.MaxValue, "L112-5"),
                        DecisionRecords.Make(context, Id, DecisionKind.Adjust, "L112-5", "debit spread at 50 % profit: sell the long put, buy back the short put",
                            spot, DecisionRecords.StrikesOf(closeSpread), LegValues.None, position.Id, position.Quantity, timer.Cost));
                }
            }
        }
    }

    private void CloseAll(DecisionContext context, DecisionOutput output, in OpenPosition position, double spot, string reason, StageTimer timer)
    {
        if (!_exits.TryIssue(position.Id, CloseAllAction, context.Clock.Now))
        {
            return;
        }

        bool priced = ComboPricing.TryPrice(position.Structure, context.Market, -1, out double mid, out double natural);
        timer.MarketView();
        var record = DecisionRecords.Make(context, Id, DecisionKind.Exit, "L112-5", reason, spot,
            DecisionRecords.StrikesOf(position.Structure), LegValues.None, position.Id, position.Quantity, timer.Cost);
        if (!priced)
        {
            output.Record(record with { Reason = "close due but the chain cannot price it: " + reason, Quantity = 0 });
            return;
        }

        output.Add(new OrderIntent(Id, IntentKind.Close, position.Id, position.Structure, position.Quantity, ComboPricing.AsHeld(mid), ComboPricing.AsHeld(natural), PricingPolicy.Natural, DateTime.MaxValue, "L112-5"), record);
    }

    private static double SpotOf(IMarketView market, Ticker underlying, ChainExpiry expiry) =>
        expiry.UnderlyingPrice > 0.0 ? expiry.UnderlyingPrice : market.TryGetPrice(underlying, out double p) ? p : double.NaN;
}

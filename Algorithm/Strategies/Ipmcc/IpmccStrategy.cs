using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies.Core;
using TomKing.Greeks;

namespace TomKing.Algorithm.Strategies.Ipmcc;

/// <summary>
/// IPMCC income poor man's covered call (IPMCC-1..IPMCC-5). Each Friday at 9:45 (the first evaluation at
/// or after it, before the close) it buys one LEAP call per free slot of the phase (P-2), one per underlying
/// in the order QQQ, SPY, IWM: delta closest to 0.80 within 0.75–0.85, expiry closest to 365 DTE (at least
/// 180), extrinsic below 5 % of the strike (else one strike deeper), not while spot &gt; 1.03 × EMA21, costing
/// at most 8 % of net liq. Against every held LEAP it sells, on Fridays from 9:45, one call expiring the next
/// Friday as an <see cref="StructureKind.Adjustment"/> on the position: at the money when EMA8 &gt; EMA21, one
/// strike in the money when EMA8 ≤ EMA21, two strikes in the money when spot &gt; 1.02 × EMA8 (this test
/// takes precedence). The weekly is bought back at 90 % of its extrinsic captured and, on its expiry day at
/// 15:30, rolled to the next Friday in one combo; the whole position closes when the LEAP is down 30 % from
/// cost, and the LEAP is rolled to a new IPMCC-2 LEAP at 120 DTE or less in one combo.
/// </summary>
/// <remarks>
/// Readings (STRATEGY-NOTES.md): "one strike in the money" counts listed strikes down from the at-the-money
/// strike (the one nearest to spot). A short call expiring today is not joined by a second one at 9:45: it is
/// rolled at 15:30 — in the money by IPMCC-4, out of the money bought back for its remaining value together
/// with next Friday's sale, so a LEAP never covers two short calls. The 5 %-extrinsic rule steps one strike
/// deeper once. The EMA filter gates entries, not the LEAP roll; the 8 % cap applies to both.
/// </remarks>
public sealed class IpmccStrategy : IRestartableStrategy
{
    private const byte StopAction = 1;
    private const byte LeapRollAction = 2;
    private const byte WeeklyBuybackAction = 3;
    private const byte WeeklyExpiryRollAction = 4;
    private const byte WeeklySaleAction = 5;

    private const string NoLeapExpiry = "no expiry of at least 180 DTE";
    private const string NoLeapDelta = "no quoted call with delta within 0.75-0.85 in the LEAP expiry (sparse, crossed or one-sided chain)";
    private const string LeapExtrinsic = "the LEAP's extrinsic value is not below 5 % of its strike, one strike deeper either";
    private const string NoWeeklyExpiry = "no weekly expiry on the next Friday";
    private const string NoEmas = "no EMA8/EMA21 of daily closes to choose the weekly strike";
    private const string NoWeeklyStrike = "the strike grid is too sparse for the in-the-money weekly strike";
    private const string WeeklyBelowLeap = "the weekly strike would not be above the LEAP strike";
    private const string NoWeeklyChain = "no option chain for the weekly call";
    private const string NoSpot = "no underlying price";

    private readonly EntryGate _gate = new();
    private readonly ExitThrottle _actions = new(ExitThrottle.DefaultCoolDown);
    private readonly EntryLegBook _entryPrices = new();
    private readonly EntryLegBook _saleIntrinsic = new();

    /// <inheritdoc />
    public DateOnly LastEntryDecision
    {
        get => _gate.LastDecided;
        set => _gate.LastDecided = value;
    }

    /// <inheritdoc />
    public StrategyId Id => StrategyId.IPMCC;

    /// <inheritdoc />
    public void Evaluate(DecisionContext context, DecisionOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (context.Portfolio.CountOpen(StrategyId.IPMCC) > 0)
        {
            ManagePositions(context, output);
        }

        IpmccSettings rules = context.Rules.IPMCC;
        DateTime now = context.Clock.Now;
        if (now.DayOfWeek != rules.WeeklyDay || !_gate.IsDue(now, rules.WeeklyTime, EntryGate.SessionClose))
        {
            return;
        }

        _gate.MarkDecided(now);
        Enter(context, output, rules, now);
    }

    /// <summary>IPMCC-3 weekly strike: how many listed strikes below the at-the-money one. Spot above
    /// 1.02 × EMA8 (strict) takes precedence: 2; otherwise EMA8 above EMA21: 0 (at the money); EMA8 at or
    /// below EMA21: 1.</summary>
    public static int WeeklyStrikesInTheMoney(IpmccSettings rules, double spot, double fastEma, double slowEma)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return spot > rules.TwoStrikesItmAboveFastEmaMultiple * fastEma ? 2 : fastEma > slowEma ? 0 : 1;
    }

    /// <summary>IPMCC-3 expiry of the weekly sold on <paramref name="today"/>: on the weekly day the one
    /// <see cref="IpmccSettings.WeeklyExpiryDays"/> later, on another day (a roll on a holiday-shortened
    /// expiry) the next weekly day.</summary>
    public static DateOnly NextWeeklyExpiry(IpmccSettings rules, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return today.DayOfWeek == rules.WeeklyDay
            ? today.AddDays(rules.WeeklyExpiryDays)
            : today.AddDays((((int)rules.WeeklyDay - (int)today.DayOfWeek) + 7) % 7);
    }

    // ---- IPMCC-1/2/5 entries ----

    private void Enter(DecisionContext context, DecisionOutput output, IpmccSettings rules, DateTime now)
    {
        var timer = StageTimer.Start();
        PhaseRules phase = context.Rules.Phases.RulesFor(context.Phase);
        int open = context.Portfolio.CountOpen(StrategyId.IPMCC);
        if (phase.IpmccMaxPositions <= 0)
        {
            timer.Strategy();
            output.Record(DecisionRecords.Skip(context, Id, "IPMCC-1 P-2", "IPMCC is not traded in this phase", double.NaN, timer.Cost));
            return;
        }

        if (open >= phase.IpmccMaxPositions)
        {
            timer.Strategy();
            output.Record(DecisionRecords.Skip(context, Id, "IPMCC-1 P-2", "the phase's IPMCC positions are all open", double.NaN, timer.Cost));
            return;
        }

        int room = phase.IpmccMaxPositions - open;
        IReadOnlyList<string> underlyings = rules.Underlyings;
        for (int i = 0; i < underlyings.Count && room > 0; i++)
        {
            var underlying = new Ticker(underlyings[i]);
            if (!Holds(context.Portfolio, underlying) && TryEnter(context, output, rules, underlying, now))
            {
                room--;
            }
        }
    }

    private static bool Holds(IPortfolioView portfolio, Ticker underlying)
    {
        ReadOnlySpan<OpenPosition> positions = portfolio.OpenPositions;
        for (int i = 0; i < positions.Length; i++)
        {
            if (positions[i].Strategy == StrategyId.IPMCC && positions[i].Quantity > 0 && positions[i].Structure.Underlying == underlying)
            {
                return true;
            }
        }

        return false;
    }

    private bool TryEnter(DecisionContext context, DecisionOutput output, IpmccSettings rules, Ticker underlying, DateTime now)
    {
        var timer = StageTimer.Start();
        IMarketView market = context.Market;
        DateOnly today = DateOnly.FromDateTime(now);
        if (!market.TryGetChain(underlying, out OptionChain chain))
        {
            timer.MarketView();
            output.Record(DecisionRecords.Skip(context, Id, "IPMCC-1", "no option chain for this IPMCC underlying", double.NaN, timer.Cost));
            return false;
        }

        double spot = SpotOf(market, chain);
        bool hasEma = market.TryGetDailyEma(chain.Underlying, rules.SlowEmaDays, out double slowEma);
        timer.MarketView();
        if (!(spot > 0.0) || !double.IsFinite(spot))
        {
            output.Record(DecisionRecords.Skip(context, Id, "IPMCC-2", NoSpot, spot, timer.Cost));
            return false;
        }

        if (!hasEma || !(slowEma > 0.0) || !double.IsFinite(slowEma))
        {
            output.Record(DecisionRecords.Skip(context, Id, "IPMCC-2", "no EMA21 of daily closes: the LEAP entry filter cannot be checked", spot, timer.Cost));
            return false;
        }

        if (spot > rules.NoLeapAboveSlowEmaMultiple * slowEma)
        {
            output.Record(DecisionRecords.Skip(context, Id, "IPMCC-2", "spot above 1.03 x EMA21: no LEAP entry", spot, timer.Cost));
            return false;
        }

        if (!TrySelectLeap(chain, rules, today, spot, out ChainExpiry expiry, out int leap, out string failure))
        {
            timer.MarketView();
            output.Record(DecisionRecords.Skip(context, Id, "IPMCC-2", failure, spot, timer.Cost));
            return false;
        }

        OptionContract contract = expiry.ContractAt(leap, OptionRight.Call);
        var structure = OptionStructure.LeapOnly(contract);
        bool priced = ComboPricing.TryPrice(structure, market, +1, out double mid, out double natural);
        double delta = expiry.GreeksAt(leap, OptionRight.Call).Delta;
        timer.MarketView();
        if (!priced || !(mid > 0.0))
        {
            output.Record(DecisionRecords.Skip(context, Id, "IPMCC-2", "the LEAP has no usable quote", spot, timer.Cost));
            return false;
        }

        if (!WithinCostCap(rules, natural, expiry.Multiplier, 1, context.Portfolio.NetLiquidation))
        {
            timer.Strategy();
            output.Record(DecisionRecords.Skip(context, Id, "IPMCC-5", "the LEAP costs more than 8 % of net liq (at its natural price)", spot, timer.Cost));
            return false;
        }

        _entryPrices.Remember(contract, mid);
        timer.Strategy();
        output.Add(
            new OrderIntent(Id, IntentKind.Open, default, structure, 1, mid, natural, PricingPolicy.MidThenLadder,
                today.ToDateTime(EntryGate.SessionClose), "IPMCC-1 IPMCC-2 IPMCC-5"),
            DecisionRecords.Make(context, Id, DecisionKind.Enter, "IPMCC-1 IPMCC-2 IPMCC-5", "LEAP call near 0.80 delta, ~365 DTE",
                spot, DecisionRecords.StrikesOf(structure), new LegValues(delta, double.NaN, double.NaN, double.NaN), default, 1, timer.Cost));
        return true;
    }

    /// <summary>IPMCC-2: the LEAP in the expiry closest to 365 DTE (≥ 180) with delta closest to 0.80 in
    /// [0.75, 0.85]; if its extrinsic value is not below 5 % of its strike, the next lower (deeper) strike once.</summary>
    private static bool TrySelectLeap(OptionChain chain, IpmccSettings rules, DateOnly today, double spot, out ChainExpiry expiry, out int index, out string failure)
    {
        index = -1;
        expiry = null!;
        int e = ExpirySelection.ClosestTo(chain, today, rules.LeapExpiry);
        if (e < 0)
        {
            failure = NoLeapExpiry;
            return false;
        }

        expiry = chain.ExpiryAt(e);
        int i = StrikeSelection.ClosestDelta(expiry, OptionRight.Call, rules.LeapDelta, rules.LeapMaxDelta, rules.LeapMinDelta);
        if (i < 0)
        {
            failure = NoLeapDelta;
            return false;
        }

        failure = LeapExtrinsic;
        if (ExtrinsicBelowCap(expiry, i, spot, rules))
        {
            index = i;
        }
        else if (i > 0 && ExtrinsicBelowCap(expiry, i - 1, spot, rules))
        {
            index = i - 1;
        }

        return index >= 0;
    }

    private static bool ExtrinsicBelowCap(ChainExpiry expiry, int index, double spot, IpmccSettings rules)
    {
        double strike = expiry.Strikes[index];
        double extrinsic = CallExtrinsic(expiry.QuoteAt(index, OptionRight.Call).Mid, spot, strike);
        return extrinsic < rules.LeapMaxExtrinsicFraction * strike;
    }

    /// <summary>Time value of a call: its mid less its intrinsic value on spot (NaN when unpriceable).</summary>
    private static double CallExtrinsic(double mid, double spot, double strike) => mid - Math.Max(spot - strike, 0.0);

    private static bool WithinCostCap(IpmccSettings rules, double price, decimal multiplier, int quantity, decimal netLiquidation) =>
        double.IsFinite(price) && price > 0.0 && (decimal)price * multiplier * quantity <= (decimal)rules.LeapMaxCostFraction * netLiquidation;

    // ---- IPMCC-3/4/5 management ----

    private void ManagePositions(DecisionContext context, DecisionOutput output)
    {
        IpmccSettings rules = context.Rules.IPMCC;
        DateTime now = context.Clock.Now;
        DateOnly today = DateOnly.FromDateTime(now);
        TimeOnly time = TimeOnly.FromDateTime(now);
        bool inSession = time < EntryGate.SessionClose;
        bool saleDue = now.DayOfWeek == rules.WeeklyDay && time >= rules.WeeklyTime && inSession;
        IMarketView market = context.Market;
        ReadOnlySpan<OpenPosition> positions = context.Portfolio.OpenPositions;
        for (int p = 0; p < positions.Length; p++)
        {
            ref readonly OpenPosition position = ref positions[p];
            if (position.Strategy != StrategyId.IPMCC || position.Quantity <= 0)
            {
                continue;
            }

            var timer = StageTimer.Start();
            OptionStructure s = position.Structure;
            int leapLeg = -1, shortLeg = -1;
            for (int i = 0; i < s.Count; i++)
            {
                OptionContract c = s[i].Contract;
                if (c.Right != OptionRight.Call)
                {
                    continue;
                }

                if (s[i].Ratio > 0)
                {
                    if (leapLeg < 0 || c.Expiry > s[leapLeg].Contract.Expiry)
                    {
                        leapLeg = i;
                    }
                }
                else if (c.Expiry >= today && (shortLeg < 0 || c.Expiry < s[shortLeg].Contract.Expiry))
                {
                    // A short call past its expiry that the portfolio still lists is treated as gone.
                    shortLeg = i;
                }
            }

            if (leapLeg < 0)
            {
                continue;
            }

            OptionContract leap = s[leapLeg].Contract;
            double spot = market.TryGetPrice(s.Underlying, out double price) && price > 0.0 ? price : double.NaN;
            double leapMid = ComboPricing.MidOf(market, leap);
            timer.MarketView();

            if (TryLeapCost(position, leapLeg, out double leapCost) && leapMid <= (1.0 - rules.LeapStopLossFraction) * leapCost)
            {
                CloseAll(context, output, position, spot, timer);
                continue;
            }

            if (shortLeg >= 0)
            {
                OptionContract shortCall = s[shortLeg].Contract;
                if (shortCall.Expiry == today && time >= rules.ExpiryRollTime && inSession)
                {
                    ExpiryDayRoll(context, output, position, s[shortLeg], leap, spot, timer);
                    continue;
                }

                if (WeeklyCaptured(position, shortLeg, spot, rules, market))
                {
                    BuyBackWeekly(context, output, position, s[shortLeg], leap, spot, saleDue, timer);
                    continue;
                }
            }

            if (leap.DaysToExpiry(today) <= rules.LeapRollAtDte)
            {
                RollLeap(context, output, position, s[leapLeg], spot, timer);
                continue;
            }

            if (shortLeg < 0 && saleDue)
            {
                SellWeekly(context, output, position, s[leapLeg], timer);
            }
        }
    }

    private bool TryLeapCost(in OpenPosition position, int leapLeg, out double cost)
    {
        if (_entryPrices.TryGetEntry(position, leapLeg, out cost))
        {
            return true;
        }

        // Last resort: a LEAP held alone whose per-leg prices are unknown cost its net entry price.
        cost = (double)position.EntryPrice;
        return position.Structure.Count == 1 && cost > 0.0;
    }

    /// <summary>IPMCC-4: at least 90 % of the weekly's extrinsic value at its sale has decayed. The extrinsic
    /// sold is the entry premium less the intrinsic value the strategy saw at the sale; when that intrinsic is
    /// unknown (after a restart) it is taken as 0, which can only make the buy-back earlier, never later.</summary>
    private bool WeeklyCaptured(in OpenPosition position, int shortLeg, double spot, IpmccSettings rules, IMarketView market)
    {
        OptionContract shortCall = position.Structure[shortLeg].Contract;
        if (!double.IsFinite(spot) || !_entryPrices.TryGetEntry(position, shortLeg, out double premium))
        {
            return false;
        }

        double intrinsicAtSale = _saleIntrinsic.TryGet(shortCall, out double v) && v > 0.0 ? v : 0.0;
        double sold = premium - intrinsicAtSale;
        double left = Math.Max(CallExtrinsic(ComboPricing.MidOf(market, shortCall), spot, (double)shortCall.Strike), 0.0);
        return sold > 0.0 && left <= (1.0 - rules.WeeklyBuybackExtrinsicCaptured) * sold;
    }

    private void CloseAll(DecisionContext context, DecisionOutput output, in OpenPosition position, double spot, StageTimer timer)
    {
        if (!_actions.TryIssue(position.Id, StopAction, context.Clock.Now))
        {
            return;
        }

        bool priced = ComboPricing.TryPrice(position.Structure, context.Market, -1, out double mid, out double natural);
        timer.MarketView();
        const string Reason = "LEAP down 30 % from its cost: close the whole position";
        var record = DecisionRecords.Make(context, Id, DecisionKind.Exit, "IPMCC-5", Reason, spot,
            DecisionRecords.StrikesOf(position.Structure), LegValues.None, position.Id, position.Quantity, timer.Cost);
        if (!priced)
        {
            output.Record(record with { Reason = "close due but the chain cannot price it: " + Reason, Quantity = 0 });
            return;
        }

        output.Add(new OrderIntent(Id, IntentKind.Close, position.Id, position.Structure, position.Quantity, ComboPricing.AsHeld(mid), ComboPricing.AsHeld(natural), PricingPolicy.Natural, DateTime.MaxValue, "IPMCC-5"), record);
    }

    /// <summary>IPMCC-4 at 15:30 on the weekly's expiry day: buy it back and sell next Friday's (one combo).</summary>
    private void ExpiryDayRoll(DecisionContext context, DecisionOutput output, in OpenPosition position, Leg shortLeg, in OptionContract leap, double spot, StageTimer timer)
    {
        DateTime now = context.Clock.Now;
        if (!_actions.TryIssue(position.Id, WeeklyExpiryRollAction, now))
        {
            return;
        }

        OptionContract old = shortLeg.Contract;
        bool itm = spot > (double)old.Strike;
        if (TrySelectWeekly(context, leap, DateOnly.FromDateTime(now), out ChainExpiry expiry, out int index, out _, out double weeklySpot, out string failure)
            && AdjustmentStructures.TryRollShort(old, expiry.ContractAt(index, OptionRight.Call), shortLeg.Size, out OptionStructure roll)
            && ComboPricing.TryPrice(roll, context.Market, +1, out double mid, out double natural))
        {
            RememberSale(context.Market, expiry, index, weeklySpot);
            timer.MarketView();
            var deltas = new LegValues(ComboPricing.GreeksOf(context.Market, old).Delta, expiry.GreeksAt(index, OptionRight.Call).Delta, double.NaN, double.NaN);
            string rules = itm ? "IPMCC-4 IPMCC-3" : "IPMCC-3 IPMCC-4";
            string reason = itm
                ? "15:30 on its expiry day the short call is in the money: roll it to next Friday's call"
                : "15:30 on its expiry day the short call is out of the money: bought back for its remaining value with next Friday's sale (one short call per LEAP)";
            output.Add(
                new OrderIntent(Id, IntentKind.Adjust, position.Id, roll, position.Quantity, mid, natural, PricingPolicy.MidThenLadder, DateTime.MaxValue, rules),
                DecisionRecords.Make(context, Id, DecisionKind.Adjust, rules, reason, spot, DecisionRecords.StrikesOf(roll), deltas, position.Id, position.Quantity, timer.Cost));
            return;
        }

        timer.MarketView();
        if (!itm)
        {
            // Out of the money and no next weekly to sell: let it expire; say why no call is sold.
            output.Record(DecisionRecords.Make(context, Id, DecisionKind.Skip, "IPMCC-3", failure.Length > 0 ? failure : "the weekly roll cannot be priced",
                spot, LegValues.None, LegValues.None, position.Id, 0, timer.Cost));
            return;
        }

        // In the money and no next weekly: the safer half of the roll, the buy-back alone.
        var buyBack = AdjustmentStructures.BuyBack(old, shortLeg.Size);
        if (!ComboPricing.TryPrice(buyBack, context.Market, +1, out double backMid, out double backNatural))
        {
            output.Record(DecisionRecords.Make(context, Id, DecisionKind.Adjust, "IPMCC-4", "in-the-money short call due for its expiry-day roll but the chain cannot price it",
                spot, DecisionRecords.StrikesOf(buyBack), LegValues.None, position.Id, 0, timer.Cost));
            return;
        }

        output.Add(
            new OrderIntent(Id, IntentKind.Adjust, position.Id, buyBack, position.Quantity, backMid, backNatural, PricingPolicy.MidThenLadder, DateTime.MaxValue, "IPMCC-4"),
            DecisionRecords.Make(context, Id, DecisionKind.Adjust, "IPMCC-4", "15:30 on its expiry day the short call is in the money and no next weekly can be sold: buy it back",
                spot, DecisionRecords.StrikesOf(buyBack), LegValues.None, position.Id, position.Quantity, timer.Cost));
    }

    /// <summary>IPMCC-4 buy-back at 90 % of the extrinsic captured; on a Friday from 9:45 (IPMCC-3 due) together
    /// with the sale of next Friday's call as one roll.</summary>
    private void BuyBackWeekly(DecisionContext context, DecisionOutput output, in OpenPosition position, Leg shortLeg, in OptionContract leap, double spot, bool saleDue, StageTimer timer)
    {
        DateTime now = context.Clock.Now;
        if (!_actions.TryIssue(position.Id, WeeklyBuybackAction, now))
        {
            return;
        }

        OptionContract old = shortLeg.Contract;
        if (saleDue
            && TrySelectWeekly(context, leap, DateOnly.FromDateTime(now), out ChainExpiry expiry, out int index, out _, out double weeklySpot, out _)
            && expiry.Expiry > old.Expiry
            && AdjustmentStructures.TryRollShort(old, expiry.ContractAt(index, OptionRight.Call), shortLeg.Size, out OptionStructure roll)
            && ComboPricing.TryPrice(roll, context.Market, +1, out double rollMid, out double rollNatural))
        {
            RememberSale(context.Market, expiry, index, weeklySpot);
            timer.MarketView();
            var deltas = new LegValues(ComboPricing.GreeksOf(context.Market, old).Delta, expiry.GreeksAt(index, OptionRight.Call).Delta, double.NaN, double.NaN);
            output.Add(
                new OrderIntent(Id, IntentKind.Adjust, position.Id, roll, position.Quantity, rollMid, rollNatural, PricingPolicy.MidThenLadder, DateTime.MaxValue, "IPMCC-4 IPMCC-3"),
                DecisionRecords.Make(context, Id, DecisionKind.Adjust, "IPMCC-4 IPMCC-3", "90 % of the weekly's extrinsic captured on a Friday: buy it back and sell next Friday's call",
                    spot, DecisionRecords.StrikesOf(roll), deltas, position.Id, position.Quantity, timer.Cost));
            return;
        }

        var buyBack = AdjustmentStructures.BuyBack(old, shortLeg.Size);
        bool priced = ComboPricing.TryPrice(buyBack, context.Market, +1, out double mid, out double natural);
        timer.MarketView();
        if (!priced)
        {
            return;
        }

        output.Add(
            new OrderIntent(Id, IntentKind.Adjust, position.Id, buyBack, position.Quantity, mid, natural, PricingPolicy.MidThenLadder, DateTime.MaxValue, "IPMCC-4"),
            DecisionRecords.Make(context, Id, DecisionKind.Adjust, "IPMCC-4", "90 % of the weekly's extrinsic captured: buy it back",
                spot, DecisionRecords.StrikesOf(buyBack), new LegValues(ComboPricing.GreeksOf(context.Market, old).Delta, double.NaN, double.NaN, double.NaN),
                position.Id, position.Quantity, timer.Cost));
    }

    /// <summary>IPMCC-5: at 120 DTE or less, sell the LEAP and buy a new IPMCC-2 LEAP (one combo), within the 8 % cap.</summary>
    private void RollLeap(DecisionContext context, DecisionOutput output, in OpenPosition position, Leg leapLeg, double spot, StageTimer timer)
    {
        DateTime now = context.Clock.Now;
        if (!_actions.TryIssue(position.Id, LeapRollAction, now))
        {
            return;
        }

        IpmccSettings rules = context.Rules.IPMCC;
        OptionContract old = leapLeg.Contract;
        if (!context.Market.TryGetChain(old.Root, out OptionChain chain))
        {
            timer.MarketView();
            output.Record(DecisionRecords.Make(context, Id, DecisionKind.Adjust, "IPMCC-5", "LEAP roll due at 120 DTE but there is no option chain",
                spot, LegValues.None, LegValues.None, position.Id, 0, timer.Cost));
            return;
        }

        double chainSpot = SpotOf(context.Market, chain);
        if (!TrySelectLeap(chain, rules, DateOnly.FromDateTime(now), chainSpot, out ChainExpiry expiry, out int index, out string failure))
        {
            timer.MarketView();
            output.Record(DecisionRecords.Make(context, Id, DecisionKind.Adjust, "IPMCC-5 IPMCC-2", failure, chainSpot, LegValues.None, LegValues.None, position.Id, 0, timer.Cost));
            return;
        }

        OptionContract next = expiry.ContractAt(index, OptionRight.Call);
        double mid = double.NaN, natural = double.NaN, newMid = double.NaN, newNatural = double.NaN;
        bool built = AdjustmentStructures.TryRollLong(old, next, leapLeg.Size, out OptionStructure roll);
        bool priced = built && ComboPricing.TryPrice(roll, context.Market, +1, out mid, out natural)
            && ComboPricing.TryQuote(context.Market, next, out Quote q) && ComboPricing.TryLegPrices(q, buying: true, out newMid, out newNatural);
        timer.MarketView();
        if (!priced)
        {
            output.Record(DecisionRecords.Make(context, Id, DecisionKind.Adjust, "IPMCC-5", "LEAP roll due at 120 DTE but the chain cannot price it",
                chainSpot, LegValues.None, LegValues.None, position.Id, 0, timer.Cost));
            return;
        }

        if (!WithinCostCap(rules, newNatural, expiry.Multiplier, position.Quantity * leapLeg.Size, context.Portfolio.NetLiquidation))
        {
            timer.Strategy();
            output.Record(DecisionRecords.Make(context, Id, DecisionKind.Adjust, "IPMCC-5", "LEAP roll due at 120 DTE but the new LEAP costs more than 8 % of net liq",
                chainSpot, DecisionRecords.StrikesOf(roll), LegValues.None, position.Id, 0, timer.Cost));
            return;
        }

        _entryPrices.Remember(next, newMid);
        var deltas = new LegValues(ComboPricing.GreeksOf(context.Market, old).Delta, expiry.GreeksAt(index, OptionRight.Call).Delta, double.NaN, double.NaN);
        timer.Strategy();
        output.Add(
            new OrderIntent(Id, IntentKind.Adjust, position.Id, roll, position.Quantity, mid, natural, PricingPolicy.MidThenLadder, DateTime.MaxValue, "IPMCC-5 IPMCC-2"),
            DecisionRecords.Make(context, Id, DecisionKind.Adjust, "IPMCC-5 IPMCC-2", "LEAP at 120 DTE or less: roll it to a new ~365 DTE LEAP",
                chainSpot, DecisionRecords.StrikesOf(roll), deltas, position.Id, position.Quantity, timer.Cost));
    }

    /// <summary>IPMCC-3: sell next Friday's call against the held LEAP (an adjustment of the position).</summary>
    private void SellWeekly(DecisionContext context, DecisionOutput output, in OpenPosition position, Leg leapLeg, StageTimer timer)
    {
        DateTime now = context.Clock.Now;
        if (!_actions.TryIssue(position.Id, WeeklySaleAction, now))
        {
            return;
        }

        DateOnly today = DateOnly.FromDateTime(now);
        if (!TrySelectWeekly(context, leapLeg.Contract, today, out ChainExpiry expiry, out int index, out int steps, out double spot, out string failure))
        {
            timer.MarketView();
            output.Record(DecisionRecords.Make(context, Id, DecisionKind.Skip, "IPMCC-3", failure, spot, LegValues.None, LegValues.None, position.Id, 0, timer.Cost));
            return;
        }

        var sale = AdjustmentStructures.Sell(expiry.ContractAt(index, OptionRight.Call), leapLeg.Size);
        bool priced = ComboPricing.TryPrice(sale, context.Market, +1, out double mid, out double natural);
        double delta = expiry.GreeksAt(index, OptionRight.Call).Delta;
        timer.MarketView();
        if (!priced || !(mid < 0.0))
        {
            output.Record(DecisionRecords.Make(context, Id, DecisionKind.Skip, "IPMCC-3", "the weekly call has no usable bid",
                spot, DecisionRecords.StrikesOf(sale), LegValues.None, position.Id, 0, timer.Cost));
            return;
        }

        RememberSale(context.Market, expiry, index, spot);
        string reason = steps switch
        {
            0 => "EMA8 above EMA21: sell next Friday's call at the money",
            1 => "EMA8 at or below EMA21: sell next Friday's call one strike in the money",
            _ => "spot above 1.02 x EMA8 (takes precedence): sell next Friday's call two strikes in the money",
        };
        timer.Strategy();
        output.Add(
            new OrderIntent(Id, IntentKind.Adjust, position.Id, sale, position.Quantity, mid, natural, PricingPolicy.MidThenLadder, today.ToDateTime(EntryGate.SessionClose), "IPMCC-3"),
            DecisionRecords.Make(context, Id, DecisionKind.Adjust, "IPMCC-3", reason, spot, DecisionRecords.StrikesOf(sale),
                new LegValues(delta, double.NaN, double.NaN, double.NaN), position.Id, position.Quantity, timer.Cost));
    }

    /// <summary>Remembers the weekly's mid and intrinsic value at its sale (IPMCC-4 measures the extrinsic captured).</summary>
    private void RememberSale(IMarketView market, ChainExpiry expiry, int index, double spot)
    {
        OptionContract contract = expiry.ContractAt(index, OptionRight.Call);
        _entryPrices.Remember(contract, ComboPricing.MidOf(market, contract));
        _saleIntrinsic.Remember(contract, Math.Max(spot - expiry.Strikes[index], 0.0));
    }

    /// <summary>IPMCC-3: next Friday's expiry (the Thursday before it when that Friday is not listed) and the
    /// strike: at the money (nearest to spot) when EMA8 &gt; EMA21, one listed strike lower when EMA8 ≤ EMA21,
    /// two lower when spot &gt; 1.02 × EMA8; it must be above the LEAP's strike.</summary>
    private static bool TrySelectWeekly(DecisionContext context, in OptionContract leap, DateOnly today, out ChainExpiry expiry, out int index, out int steps, out double spot, out string failure)
    {
        IpmccSettings rules = context.Rules.IPMCC;
        IMarketView market = context.Market;
        expiry = null!;
        index = -1;
        steps = 0;
        spot = double.NaN;
        if (!market.TryGetChain(leap.Root, out OptionChain chain))
        {
            failure = NoWeeklyChain;
            return false;
        }

        spot = SpotOf(market, chain);
        if (!(spot > 0.0) || !double.IsFinite(spot))
        {
            failure = NoSpot;
            return false;
        }

        DateOnly target = NextWeeklyExpiry(rules, today);
        int e = ExpirySelection.On(chain, target);
        if (e < 0)
        {
            e = ExpirySelection.On(chain, target.AddDays(-1));
        }

        if (e < 0 || chain.Expiries[e] <= today)
        {
            failure = NoWeeklyExpiry;
            return false;
        }

        if (!market.TryGetDailyEma(chain.Underlying, rules.FastEmaDays, out double fast) || !market.TryGetDailyEma(chain.Underlying, rules.SlowEmaDays, out double slow)
            || !(fast > 0.0) || !(slow > 0.0) || !double.IsFinite(fast) || !double.IsFinite(slow))
        {
            failure = NoEmas;
            return false;
        }

        expiry = chain.ExpiryAt(e);
        steps = WeeklyStrikesInTheMoney(rules, spot, fast, slow);
        index = expiry.NearestStrikeIndex(spot) - steps;
        if (index < 0)
        {
            failure = NoWeeklyStrike;
            return false;
        }

        if (!(expiry.Strikes[index] > (double)leap.Strike))
        {
            failure = WeeklyBelowLeap;
            index = -1;
            return false;
        }

        failure = string.Empty;
        return true;
    }

    private static double SpotOf(IMarketView market, OptionChain chain) =>
        market.TryGetPrice(chain.Underlying, out double price) && price > 0.0 ? price : chain.UnderlyingPrice;
}

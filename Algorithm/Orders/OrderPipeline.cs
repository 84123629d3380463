using System.Diagnostics;
using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies;

namespace TomKing.Algorithm.Orders;

/// <summary>
/// Turns order intents into combo orders and keeps them moving: intent → pre-trade check
/// (<see cref="IPreTradeCheck"/>) → exactly one <see cref="ComboOrderRequest"/> per structure (P-10: never
/// leg by leg) → <see cref="IOrderPort.Submit"/>; then the P-10 repricing ladder and window-end cancels
/// (<see cref="OnTime"/>) and the order state machine (<see cref="IOrderEventSink"/>).
/// </summary>
/// <remarks>
/// <para>Pricing (P-10, <see cref="OrderSettings"/>): <see cref="PricingPolicy.MidThenLadder"/> starts at the mid
/// rounded to the option tick on the passive side, then every <see cref="OrderSettings.RepriceIntervalSeconds"/>
/// moves <see cref="OrderSettings.StepFraction"/> of the way to the natural (replace), the last step at the
/// natural; the order is cancelled at the intent's window end. <see cref="PricingPolicy.Natural"/> (risk exits)
/// goes at the natural at once (unless <see cref="OrderSettings.RiskExitsAtNatural"/> is off, then it ladders too).
/// See <see cref="ComboPricing"/> and <see cref="OptionTickSize"/> for signs, rounding and ticks.</para>
/// <para>Positions: with an <see cref="IPositionBinder"/> (the portfolio), an approved entry without a position
/// reserves one and every order is bound to its position before it reaches the port, so fills that arrive
/// during <see cref="IOrderPort.Submit"/> are booked.</para>
/// <para>One order per position at a time: an intent for a position that still has an active order (not yet
/// filled, cancelled, rejected or expired) sends nothing (<see cref="SubmitOutcome.PositionBusy"/>, a P-10 skip)
/// and asks that order to cancel, so the strategy's next attempt is priced on the holdings and quotes as they
/// then are — except a working exit at the natural met by a new exit at the natural: that order is repriced in
/// place to the new natural (a replace), so a time exit or stop the market walked away from keeps working. Two orders working for one position both filled before: a weekly call bought back twice (the
/// second buy opened a long call), a weekly sold twice against one LEAP.</para>
/// <para>Quantity: the verdict's approved quantity (never more than asked); a close reverses the legs by sending
/// a negative quantity with the structure as held. Client ids are assigned here, before submission.</para>
/// <para>Decision records (<see cref="Process"/>): an order fills in Order, Quantity and the Risk and
/// OrderConstruction stage costs (Stopwatch ticks; order construction includes the port call); a denied
/// intent becomes a Skip with the verdict's rule IDs and reason; an unpriceable one a Skip with "P-10".
/// A reduced intent keeps its rule IDs and takes the verdict's reason.</para>
/// <para>Steady state allocates nothing per intent: the order table is pre-sized, nothing is formatted, the
/// order's tag is the intent's constant rule-ID string. Single-threaded (the kernel's thread).</para>
/// </remarks>
public sealed class OrderPipeline : IOrderEventSink
{
    private const string PricingRule = "P-10";
    private const string NoPriceReason = "P-10: no usable mid or natural price for the combo";
    private const string WrongSideReason = "P-10: the natural price is on the passive side of the mid (sign convention)";
    private const string WindowOverReason = "P-10: the entry window had already ended";
    private const string BusyReason = "P-10: the position has a working order; it was asked to cancel and the new intent is retried later";
    private const string RepricedReason = "P-10: the position's working exit was repriced to the current natural";

    private readonly IOrderPort _port;
    private readonly IPreTradeCheck _risk;
    private readonly OrderSettings _settings;
    private readonly IPositionBinder? _positions;
    private readonly long _intervalTicks;

    /// <summary>Creates a pipeline over a host's order port and the risk engine.</summary>
    /// <param name="port">Where orders go.</param>
    /// <param name="risk">The pre-trade check.</param>
    /// <param name="settings">P-10 settings (<see cref="RulebookSettings.Orders"/>).</param>
    /// <param name="orders">The order table (default: 256 slots, client ids from 1).</param>
    /// <param name="positions">Where entries reserve their position and every order is bound to its position
    /// before submission (the portfolio); null when the host routes fills itself.</param>
    public OrderPipeline(IOrderPort port, IPreTradeCheck risk, OrderSettings settings, OrderTable? orders = null, IPositionBinder? positions = null)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(risk);
        ArgumentNullException.ThrowIfNull(settings);
        _port = port;
        _risk = risk;
        _settings = settings;
        _positions = positions;
        _intervalTicks = TimeSpan.FromSeconds(settings.RepriceIntervalSeconds).Ticks;
        Orders = orders ?? new OrderTable();
    }

    /// <summary>The orders this pipeline sent, with their states.</summary>
    public OrderTable Orders { get; }

    /// <summary>Venue events the order table refused since creation (each is also in <see cref="LastRefusal"/>).</summary>
    public long RefusedEvents { get; private set; }

    /// <summary>The most recent refused event (for the caller's log).</summary>
    public OrderEventRefusal LastRefusal { get; private set; }

    /// <summary>Sends every intent of <paramref name="output"/> through the pipeline and fills in the decision
    /// record each intent shares an index with. Returns how many orders were sent.</summary>
    public int Process(DecisionContext context, DecisionOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        int sent = 0;
        ReadOnlySpan<OrderIntent> intents = output.Intents;
        ReadOnlySpan<int> decisionIndex = output.IntentDecisionIndex;
        for (int i = 0; i < intents.Length; i++)
        {
            SubmitResult r = Submit(in intents[i], context);
            int d = decisionIndex[i];
            DecisionRecord record = output.Decisions[d];
            StageCost cost = record.Cost with { Risk = record.Cost.Risk + r.RiskTicks, OrderConstruction = record.Cost.OrderConstruction + r.OrderTicks };
            if (r.Outcome == SubmitOutcome.Submitted)
            {
                sent++;
                record = record with
                {
                    Order = r.ClientId,
                    Position = r.Position,
                    Quantity = Math.Abs(r.Quantity),
                    Reason = r.Verdict.Outcome == RiskOutcome.Reduced ? r.Reason : record.Reason,
                    Cost = cost,
                };
            }
            else
            {
                record = record with
                {
                    Kind = DecisionKind.Skip,
                    RuleIds = r.RuleIds,
                    Reason = r.Reason,
                    Order = default,
                    Quantity = 0,
                    Cost = cost,
                };
            }

            output.UpdateDecision(d, in record);
        }

        return sent;
    }

    /// <summary>Checks, prices and sends one intent as one combo order.</summary>
    public SubmitResult Submit(in OrderIntent intent, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        long t0 = Stopwatch.GetTimestamp();
        if (!intent.Position.IsEmpty && BusyWith(in intent, out bool repriced))
        {
            return new SubmitResult(SubmitOutcome.PositionBusy, default, 0, 0m, default, PricingRule, repriced ? RepricedReason : BusyReason, 0, Stopwatch.GetTimestamp() - t0);
        }

        RiskVerdict verdict = _risk.Check(in intent, context);
        long t1 = Stopwatch.GetTimestamp();
        long riskTicks = t1 - t0;
        if (!verdict.IsApproved || verdict.ApprovedQuantity <= 0)
        {
            return new SubmitResult(SubmitOutcome.Denied, default, 0, 0m, verdict, verdict.RuleIds, verdict.Reason, riskTicks, 0);
        }

        int units = Math.Min(verdict.ApprovedQuantity, intent.Quantity);
        int signed = intent.Kind == IntentKind.Close ? -units : units;
        bool buying = signed > 0;
        double mid = intent.MidPrice;
        double natural = intent.NaturalPrice;
        DateTime now = context.Clock.Now;

        string? skip = null;
        SubmitOutcome outcome = SubmitOutcome.Unpriceable;
        if (!double.IsFinite(natural) || (!double.IsFinite(mid) && intent.Pricing == PricingPolicy.MidThenLadder))
        {
            skip = NoPriceReason;
        }
        else if (double.IsFinite(mid) && (buying ? natural < mid - 1e-9 : natural > mid + 1e-9))
        {
            skip = WrongSideReason;
        }
        else if (intent.Kind == IntentKind.Open && intent.WindowEnd <= now)
        {
            skip = WindowOverReason;
            outcome = SubmitOutcome.WindowOver;
        }

        if (skip is not null)
        {
            return new SubmitResult(outcome, default, 0, 0m, verdict, PricingRule, skip, riskTicks, Stopwatch.GetTimestamp() - t1);
        }

        var root = intent.Structure[0].Contract.Root;
        bool atNatural = intent.Pricing == PricingPolicy.Natural && _settings.RiskExitsAtNatural;
        decimal limit = atNatural
            ? ComboPricing.NaturalLimit(root, natural, buying)
            : ComboPricing.LimitForStep(root, mid, natural, buying, 0, _settings.StepFraction);

        PositionId position = intent.Position;
        if (_positions is not null && intent.Kind == IntentKind.Open && position.IsEmpty)
        {
            position = _positions.ReservePosition(intent.Strategy, intent.Structure);
        }

        int slot = Orders.Register(intent.Strategy, intent.Kind, position, intent.Structure, signed, intent.RuleIds);
        ref OrderTable.Slot s = ref Orders.SlotAt(slot);
        s.Pricing = atNatural ? PricingPolicy.Natural : PricingPolicy.MidThenLadder;
        s.Mid = mid;
        s.Natural = natural;
        s.LimitPrice = limit;
        s.SubmittedTicks = now.Ticks;
        s.NextStepTicks = now.Ticks + _intervalTicks;
        s.WindowEndTicks = intent.Kind != IntentKind.Open && intent.WindowEnd <= now ? DateTime.MaxValue.Ticks : intent.WindowEnd.Ticks;
        ClientOrderId clientId = s.ClientId;

        var request = new ComboOrderRequest(clientId, intent.Strategy, position, intent.Structure, signed, limit, intent.RuleIds);
        if (_positions is not null && !position.IsEmpty)
        {
            _positions.BindOrder(clientId, position);
        }

        Orders.Apply(slot, OrderEventKind.Submit);
        OrderId order = _port.Submit(in request);
        ref OrderTable.Slot after = ref Orders.SlotAt(slot);
        if (after.ClientId == clientId && !after.HasOrderId)
        {
            after.Order = order;
            after.HasOrderId = true;
        }

        long t2 = Stopwatch.GetTimestamp();
        string reason = verdict.Outcome == RiskOutcome.Reduced ? verdict.Reason : string.Empty;
        return new SubmitResult(SubmitOutcome.Submitted, clientId, signed, limit, verdict, intent.RuleIds, reason, riskTicks, t2 - t1, position);
    }

    /// <summary>
    /// Puts an order the journal says was submitted back into the table exactly as <see cref="Submit"/> left it —
    /// same client id, position (an entry reserves its position again, which yields the same id when the journal
    /// is replayed in order), pricing plan and host handle — without calling the port: it was sent before the
    /// restart. Status reports and fills replayed afterwards move it on as they did the first time.
    /// </summary>
    /// <exception cref="InvalidOperationException">The journal does not fit this pipeline (a client id already
    /// passed, or the reserved position got a different id): the journal belongs to another history.</exception>
    public void Restore(in TrackedOrder order)
    {
        if (!Orders.SkipTo(order.ClientId.Value))
        {
            throw new InvalidOperationException($"Order {order.ClientId} is older than the order table's next id {Orders.NextClientId}: the journal is out of order.");
        }

        PositionId position = order.Position;
        if (_positions is not null && order.Kind == IntentKind.Open && !_positions.IsKnown(position))
        {
            PositionId reserved = _positions.ReservePosition(order.Strategy, order.Structure);
            if (reserved != position)
            {
                throw new InvalidOperationException($"Order {order.ClientId} opened position {position} but replaying it reserved {reserved}: the journal does not match this ledger.");
            }
        }

        int slot = Orders.Register(order.Strategy, order.Kind, position, order.Structure, order.Quantity, order.Tag);
        ref OrderTable.Slot s = ref Orders.SlotAt(slot);
        s.Pricing = order.Pricing;
        s.Mid = order.Mid;
        s.Natural = order.Natural;
        s.LimitPrice = order.LimitPrice;
        s.StepsTaken = order.StepsTaken;
        s.SubmittedTicks = order.SubmittedAt.Ticks;
        s.NextStepTicks = order.SubmittedAt.Ticks + ((order.StepsTaken + 1) * _intervalTicks);
        s.WindowEndTicks = order.WindowEnd.Ticks;
        if (_positions is not null && !position.IsEmpty)
        {
            _positions.BindOrder(s.ClientId, position);
        }

        Orders.Apply(slot, OrderEventKind.Submit);
        ref OrderTable.Slot after = ref Orders.SlotAt(slot);
        after.Order = order.Order;
        after.HasOrderId = true;
    }

    /// <summary>Gives a restored order this run's host handle (once the venue adapter has adopted it).</summary>
    public bool Rebind(ClientOrderId id, OrderId order)
    {
        if (!Orders.TryFind(id, out int slot))
        {
            return false;
        }

        ref OrderTable.Slot s = ref Orders.SlotAt(slot);
        s.Order = order;
        s.HasOrderId = true;
        return true;
    }

    /// <summary>Replays a journaled cancel request (the port was asked before the restart).</summary>
    public TransitionOutcome RestoreCancelRequest(ClientOrderId id) =>
        Orders.TryFind(id, out int slot) ? Orders.Apply(slot, OrderEventKind.CancelRequest) : TransitionOutcome.UnknownOrder;

    /// <summary>Replays a journaled ladder step (a replace sent before the restart): the limit and step count.</summary>
    public bool RestoreReplace(ClientOrderId id, decimal limitPrice, int stepsTaken)
    {
        if (!Orders.TryFind(id, out int slot))
        {
            return false;
        }

        ref OrderTable.Slot s = ref Orders.SlotAt(slot);
        s.LimitPrice = limitPrice;
        s.StepsTaken = stepsTaken;
        s.NextStepTicks = s.SubmittedTicks + ((stepsTaken + 1) * _intervalTicks);
        return true;
    }

    /// <summary>Drives time: sends due ladder steps (replaces) and cancels orders whose window has ended.
    /// Call on every clock advance (each event or a timer). Returns how many requests were sent.</summary>
    public int OnTime(DateTime now)
    {
        int actions = 0;
        long nowTicks = now.Ticks;
        ReadOnlySpan<int> active = Orders.ActiveSlots;
        for (int i = active.Length - 1; i >= 0; i--)
        {
            if (i >= Orders.ActiveSlots.Length)
            {
                continue; // a synchronous venue callback finished orders while we iterated
            }

            int slot = Orders.ActiveSlots[i];
            ref OrderTable.Slot s = ref Orders.SlotAt(slot);
            OrderState state = s.State;
            if (nowTicks >= s.WindowEndTicks && state is OrderState.Submitted or OrderState.Working or OrderState.PartiallyFilled or OrderState.UnknownInFlight)
            {
                OrderId order = s.Order;
                Orders.Apply(slot, OrderEventKind.CancelRequest);
                _port.Cancel(order);
                actions++;
                continue;
            }

            if (s.Pricing != PricingPolicy.MidThenLadder || s.StepsTaken >= _settings.RepriceSteps || nowTicks < s.NextStepTicks
                || state is not (OrderState.Working or OrderState.PartiallyFilled))
            {
                continue;
            }

            int step = s.StepsTaken + 1;
            bool buying = s.Quantity > 0;
            decimal limit = ComboPricing.LimitForStep(s.Structure[0].Contract.Root, s.Mid, s.Natural, buying, step, _settings.StepFraction);
            s.StepsTaken = step;
            long next = s.NextStepTicks + _intervalTicks;
            s.NextStepTicks = next > nowTicks ? next : nowTicks + _intervalTicks;
            if (limit != s.LimitPrice)
            {
                s.LimitPrice = limit;
                _port.Replace(s.Order, limit);
                actions++;
            }
        }

        return actions;
    }

    /// <summary>True when the intent's position has an active order. A working exit at the natural meeting a new
    /// exit at the natural is repriced in place to the new natural (a replace: the market walked away from its limit,
    /// and cancelling it would leave the position unprotected until the strategy's next pass); any other working
    /// order is asked to cancel (once: an order already asked, or not yet acknowledged, is left to finish).</summary>
    private bool BusyWith(in OrderIntent intent, out bool repriced)
    {
        repriced = false;
        ReadOnlySpan<int> active = Orders.ActiveSlots;
        for (int i = 0; i < active.Length; i++)
        {
            int slot = active[i];
            ref OrderTable.Slot s = ref Orders.SlotAt(slot);
            if (s.Position != intent.Position || s.State.IsTerminal())
            {
                continue;
            }

            if (s.State is OrderState.Working && s.Kind == IntentKind.Close && s.Pricing == PricingPolicy.Natural
                && intent.Kind == IntentKind.Close && intent.Pricing == PricingPolicy.Natural && _settings.RiskExitsAtNatural
                && double.IsFinite(intent.NaturalPrice) && Math.Abs(s.Quantity) == intent.Quantity)
            {
                decimal limit = ComboPricing.NaturalLimit(s.Structure[0].Contract.Root, intent.NaturalPrice, s.Quantity > 0);
                s.Mid = intent.MidPrice;
                s.Natural = intent.NaturalPrice;
                if (limit != s.LimitPrice)
                {
                    s.LimitPrice = limit;
                    _port.Replace(s.Order, limit);
                    repriced = true;
                }

                return true;
            }

            if (s.State is OrderState.Working or OrderState.PartiallyFilled)
            {
                OrderId order = s.Order;
                if (Orders.Apply(slot, OrderEventKind.CancelRequest) == TransitionOutcome.Applied)
                {
                    _port.Cancel(order);
                }
            }

            return true;
        }

        return false;
    }

    /// <summary>Cancels one order now (a strategy or the host changed its mind).</summary>
    /// <returns>The transition outcome; the cancel is sent only when it was applied or repeated legally.</returns>
    public TransitionOutcome Cancel(ClientOrderId id)
    {
        if (!Orders.TryFind(id, out int slot))
        {
            return TransitionOutcome.UnknownOrder;
        }

        TransitionOutcome outcome = Orders.Apply(slot, OrderEventKind.CancelRequest);
        if (outcome == TransitionOutcome.Applied)
        {
            _port.Cancel(Orders.SlotAt(slot).Order);
        }

        return outcome;
    }

    /// <summary>Applies a venue status report; returns what the table did (refusals are also counted).</summary>
    public TransitionOutcome ApplyUpdate(in OrderUpdate update)
    {
        TransitionOutcome outcome = Orders.ApplyUpdate(in update);
        if (outcome > TransitionOutcome.Unchanged)
        {
            Refused(update.ClientId, outcome, isFill: false);
        }

        return outcome;
    }

    /// <summary>Applies a leg execution; returns what the table did (refusals are also counted).</summary>
    public TransitionOutcome ApplyFill(in LegFill fill)
    {
        TransitionOutcome outcome = Orders.ApplyFill(in fill);
        if (outcome > TransitionOutcome.Unchanged)
        {
            Refused(fill.ClientId, outcome, isFill: true);
        }

        return outcome;
    }

    /// <inheritdoc />
    void IOrderEventSink.OnOrderUpdate(in OrderUpdate update) => ApplyUpdate(in update);

    /// <inheritdoc />
    void IOrderEventSink.OnFill(in LegFill fill) => ApplyFill(in fill);

    private void Refused(ClientOrderId id, TransitionOutcome outcome, bool isFill)
    {
        Orders.TryGetState(id, out OrderState state);
        RefusedEvents++;
        LastRefusal = new OrderEventRefusal(id, outcome, state, isFill);
    }
}

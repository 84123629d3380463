using System.Runtime.CompilerServices;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Ports;

namespace TomKing.Algorithm.Orders;

/// <summary>
/// The pipeline's orders: a pre-sized struct array with a recycling queue, keyed by client order id,
/// driven through <see cref="OrderStateMachine"/>. Applies venue reports and leg fills with the
/// invariants the design asks for: illegal transitions are refused (returned, never applied), filled
/// units never exceed the order's quantity, duplicate executions (same execution id) are ignored, an
/// unknown-in-flight order becomes rejected only on a broker rejection, terminal states stay terminal.
/// </summary>
/// <remarks>
/// Steady state allocates nothing: slots are reused, terminal orders stay readable until their slot is
/// recycled (oldest first), execution ids are kept in a pooled linked list per order. The table grows
/// (allocating) only when more orders are in flight at once than its capacity. Single-threaded, like
/// the kernel that owns it.
/// </remarks>
public sealed class OrderTable
{
    private Slot[] _slots;
    private int[] _recycle;      // ring of slots that may be (re)used: never-used and terminal, oldest first
    private int _recycleHead;
    private int _recycleCount;
    private int[] _active;       // dense list of in-flight slots
    private int[] _activeIndex;  // slot → position in _active, −1 when not active
    private int _activeCount;
    private readonly Dictionary<long, int> _byClientId;
    private string?[] _execIds;
    private int[] _execNext;
    private int _execFree;
    private long _nextClientId;

    /// <summary>Creates a table for <paramref name="capacity"/> orders, numbering client ids from
    /// <paramref name="firstClientId"/> (hosts continue the journaled sequence after a restart).</summary>
    public OrderTable(int capacity = 256, long firstClientId = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstClientId, 1);
        _nextClientId = firstClientId;
        _slots = new Slot[capacity];
        _recycle = new int[capacity];
        _active = new int[capacity];
        _activeIndex = new int[capacity];
        _byClientId = new Dictionary<long, int>(capacity);
        for (int i = 0; i < capacity; i++)
        {
            _recycle[i] = i;
            _activeIndex[i] = -1;
        }

        _recycleCount = capacity;
        int execCapacity = capacity * 16;
        _execIds = new string?[execCapacity];
        _execNext = new int[execCapacity];
        ChainFree(0, execCapacity);
    }

    /// <summary>Slots in the table (grows when more orders are in flight at once).</summary>
    public int Capacity => _slots.Length;

    /// <summary>Orders sent and not terminal (includes unknown-in-flight).</summary>
    public int ActiveCount => _activeCount;

    /// <summary>The client id the next registered order will get.</summary>
    public long NextClientId => _nextClientId;

    /// <summary>Slots of the in-flight orders (valid until the next change to the table).</summary>
    internal ReadOnlySpan<int> ActiveSlots => _active.AsSpan(0, _activeCount);

    /// <summary>Registers a new order in state <see cref="OrderState.New"/> and assigns its client id.</summary>
    /// <returns>The slot; its client id is in <see cref="SlotAt"/>.</returns>
    internal int Register(StrategyId strategy, IntentKind kind, PositionId position, in OptionStructure structure, int signedQuantity, string tag)
    {
        if (_recycleCount == 0)
        {
            Grow();
        }

        int slot = _recycle[_recycleHead];
        _recycleHead = (_recycleHead + 1) % _recycle.Length;
        _recycleCount--;
        ref Slot s = ref _slots[slot];
        if (s.InUse)
        {
            _byClientId.Remove(s.ClientId.Value);
            FreeExecutions(ref s);
        }

        s = default;
        s.InUse = true;
        s.ExecHead = -1;
        s.ClientId = new ClientOrderId(_nextClientId++);
        s.Strategy = strategy;
        s.Kind = kind;
        s.Position = position;
        s.Structure = structure;
        s.Quantity = signedQuantity;
        s.Tag = tag;
        s.State = OrderState.New;
        _byClientId.Add(s.ClientId.Value, slot);
        _activeIndex[slot] = _activeCount;
        _active[_activeCount++] = slot;
        return slot;
    }

    /// <summary>Moves the next client id forward to <paramref name="clientId"/> (restoring a journal whose ids have
    /// gaps); false when the table has already passed it.</summary>
    internal bool SkipTo(long clientId)
    {
        if (clientId < _nextClientId)
        {
            return false;
        }

        _nextClientId = clientId;
        return true;
    }

    /// <summary>The mutable slot (pipeline use: pricing plan fields).</summary>
    internal ref Slot SlotAt(int slot) => ref _slots[slot];

    /// <summary>Finds the slot of a client id still in the table.</summary>
    internal bool TryFind(ClientOrderId id, out int slot) => _byClientId.TryGetValue(id.Value, out slot);

    /// <summary>Snapshots of every active order (reconciliation and operations; allocates).</summary>
    public TrackedOrder[] SnapshotActive()
    {
        var result = new TrackedOrder[_activeCount];
        for (int i = 0; i < _activeCount; i++)
        {
            result[i] = Snapshot(_active[i]);
        }

        return result;
    }

    /// <summary>A snapshot of an order still in the table.</summary>
    public bool TryGet(ClientOrderId id, out TrackedOrder order)
    {
        if (!_byClientId.TryGetValue(id.Value, out int slot))
        {
            order = default;
            return false;
        }

        order = Snapshot(slot);
        return true;
    }

    /// <summary>The state of an order still in the table (<see cref="OrderState.New"/> and false when absent).</summary>
    public bool TryGetState(ClientOrderId id, out OrderState state)
    {
        bool found = _byClientId.TryGetValue(id.Value, out int slot);
        state = found ? _slots[slot].State : OrderState.New;
        return found;
    }

    /// <summary>Applies an event the pipeline itself causes (<see cref="OrderEventKind.Submit"/>,
    /// <see cref="OrderEventKind.CancelRequest"/>) to an order.</summary>
    public TransitionOutcome Apply(ClientOrderId id, OrderEventKind evt) =>
        _byClientId.TryGetValue(id.Value, out int slot) ? Apply(slot, evt) : TransitionOutcome.UnknownOrder;

    internal TransitionOutcome Apply(int slot, OrderEventKind evt)
    {
        ref Slot s = ref _slots[slot];
        if (!OrderStateMachine.TryNext(s.State, evt, out OrderState next))
        {
            return TransitionOutcome.Illegal;
        }

        return SetState(slot, ref s, OrderStateMachine.Resolve(next, s.FilledUnits)) ? TransitionOutcome.Applied : TransitionOutcome.Unchanged;
    }

    /// <summary>Applies a venue status report. Its cumulative filled units are taken when they exceed what
    /// is known (and refused as an overfill above the quantity); <see cref="BrokerOrderStatus.Filled"/>
    /// means every unit filled; <see cref="BrokerOrderStatus.Unknown"/> carries no fill news.</summary>
    public TransitionOutcome ApplyUpdate(in OrderUpdate update)
    {
        if (!_byClientId.TryGetValue(update.ClientId.Value, out int slot))
        {
            return TransitionOutcome.UnknownOrder;
        }

        ref Slot s = ref _slots[slot];
        int quantity = Math.Abs(s.Quantity);
        OrderEventKind evt;
        switch (update.Status)
        {
            case BrokerOrderStatus.Working:
            case BrokerOrderStatus.Replaced:
                evt = OrderEventKind.Accepted;
                break;
            case BrokerOrderStatus.PartiallyFilled:
                evt = OrderEventKind.PartialFill;
                break;
            case BrokerOrderStatus.Filled:
                evt = OrderEventKind.Fill;
                break;
            case BrokerOrderStatus.Cancelled:
                evt = OrderEventKind.Cancelled;
                break;
            case BrokerOrderStatus.Rejected:
                evt = OrderEventKind.Rejected;
                break;
            case BrokerOrderStatus.RequestRefused:
                evt = OrderEventKind.RequestRefused;
                break;
            case BrokerOrderStatus.Unknown:
                evt = OrderEventKind.Unknown;
                break;
            default:
                return TransitionOutcome.Illegal;
        }

        int units = s.FilledUnits;
        if (evt != OrderEventKind.Unknown)
        {
            if (update.FilledQuantity < 0 || update.FilledQuantity > quantity)
            {
                return TransitionOutcome.Overfill;
            }

            units = Math.Max(units, update.FilledQuantity);
            if (evt == OrderEventKind.Fill)
            {
                units = quantity;
            }
            else if ((evt is OrderEventKind.Accepted or OrderEventKind.PartialFill) && units > s.FilledUnits)
            {
                evt = units == quantity ? OrderEventKind.Fill : OrderEventKind.PartialFill;
            }
            else if (evt == OrderEventKind.PartialFill)
            {
                evt = units == quantity ? OrderEventKind.Fill : units == 0 ? OrderEventKind.Accepted : OrderEventKind.PartialFill;
            }
        }

        if (!OrderStateMachine.TryNext(s.State, evt, out OrderState next))
        {
            return TransitionOutcome.Illegal;
        }

        next = OrderStateMachine.Resolve(next, units);
        bool changed = units != s.FilledUnits;
        s.FilledUnits = units;
        if (!s.HasOrderId && update.Order != default)
        {
            s.Order = update.Order;
            s.HasOrderId = true;
        }

        if (update.Status == BrokerOrderStatus.Replaced && update.LimitPrice != s.LimitPrice)
        {
            s.LimitPrice = update.LimitPrice;
            changed = true;
        }

        changed |= SetState(slot, ref s, next);
        return changed ? TransitionOutcome.Applied : TransitionOutcome.Unchanged;
    }

    /// <summary>Books one leg execution: de-duplicated by execution id, matched to its leg by contract and
    /// side, capped at the order's quantity × the leg's ratio. Filled units are the legs' common minimum.
    /// A late execution on a filled or cancelled order is counted but never moves the state.</summary>
    public TransitionOutcome ApplyFill(in LegFill fill)
    {
        if (!_byClientId.TryGetValue(fill.ClientId.Value, out int slot))
        {
            return TransitionOutcome.UnknownOrder;
        }

        ref Slot s = ref _slots[slot];
        if (s.State is OrderState.New or OrderState.Rejected)
        {
            return TransitionOutcome.Illegal;
        }

        if (HasExecution(ref s, fill.ExecutionId))
        {
            return TransitionOutcome.DuplicateFill;
        }

        int leg = -1;
        for (int i = 0; i < s.Structure.Count; i++)
        {
            if (s.Structure[i].Contract == fill.Contract)
            {
                leg = i;
                break;
            }
        }

        if (leg < 0 || fill.Quantity == 0)
        {
            return TransitionOutcome.ForeignFill;
        }

        int ratio = s.Structure[leg].Ratio;
        int expectedSign = Math.Sign(ratio) * Math.Sign(s.Quantity);
        if (Math.Sign(fill.Quantity) != expectedSign)
        {
            return TransitionOutcome.ForeignFill;
        }

        int quantity = Math.Abs(s.Quantity);
        int size = Math.Abs(ratio);
        int contracts = s.LegFilled[leg] + Math.Abs(fill.Quantity);
        if (contracts > quantity * size)
        {
            return TransitionOutcome.Overfill;
        }

        int legUnits = int.MaxValue;
        for (int i = 0; i < s.Structure.Count; i++)
        {
            int filled = i == leg ? contracts : s.LegFilled[i];
            legUnits = Math.Min(legUnits, filled / Math.Abs(s.Structure[i].Ratio));
        }

        int units = Math.Max(s.FilledUnits, legUnits);
        OrderState next = s.State;
        if (units > s.FilledUnits && !s.State.IsTerminal())
        {
            var evt = units == quantity ? OrderEventKind.Fill : OrderEventKind.PartialFill;
            if (!OrderStateMachine.TryNext(s.State, evt, out next))
            {
                return TransitionOutcome.Illegal;
            }

            next = OrderStateMachine.Resolve(next, units);
        }

        s.LegFilled[leg] = contracts;
        s.FilledUnits = units;
        RememberExecution(ref s, fill.ExecutionId);
        SetState(slot, ref s, next);
        return TransitionOutcome.Applied;
    }

    internal TrackedOrder Snapshot(int slot)
    {
        ref Slot s = ref _slots[slot];
        return new TrackedOrder(s.ClientId, s.Order, s.State, s.Strategy, s.Kind, s.Position, s.Structure, s.Quantity, s.FilledUnits,
            s.LimitPrice, s.Pricing, s.StepsTaken, new DateTime(s.SubmittedTicks), new DateTime(s.WindowEndTicks), s.Tag, s.Mid, s.Natural);
    }

    private bool SetState(int slot, ref Slot s, OrderState next)
    {
        if (next == s.State)
        {
            return false;
        }

        bool wasTerminal = s.State.IsTerminal();
        s.State = next;
        if (next.IsTerminal() && !wasTerminal)
        {
            Deactivate(slot);
        }

        return true;
    }

    private void Deactivate(int slot)
    {
        int at = _activeIndex[slot];
        if (at < 0)
        {
            return;
        }

        int last = _active[--_activeCount];
        _active[at] = last;
        _activeIndex[last] = at;
        _activeIndex[slot] = -1;
        _recycle[(_recycleHead + _recycleCount) % _recycle.Length] = slot;
        _recycleCount++;
    }

    private bool HasExecution(ref Slot s, string? executionId)
    {
        if (string.IsNullOrEmpty(executionId))
        {
            return false;
        }

        for (int n = s.ExecHead; n >= 0; n = _execNext[n])
        {
            if (string.Equals(_execIds[n], executionId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void RememberExecution(ref Slot s, string? executionId)
    {
        if (string.IsNullOrEmpty(executionId))
        {
            return;
        }

        if (_execFree < 0)
        {
            int old = _execIds.Length;
            Array.Resize(ref _execIds, old * 2);
            Array.Resize(ref _execNext, old * 2);
            ChainFree(old, old * 2);
        }

        int node = _execFree;
        _execFree = _execNext[node];
        _execIds[node] = executionId;
        _execNext[node] = s.ExecHead;
        s.ExecHead = node;
    }

    private void FreeExecutions(ref Slot s)
    {
        int n = s.ExecHead;
        while (n >= 0)
        {
            int next = _execNext[n];
            _execIds[n] = null;
            _execNext[n] = _execFree;
            _execFree = n;
            n = next;
        }

        s.ExecHead = -1;
    }

    private void ChainFree(int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            _execNext[i] = i + 1 < to ? i + 1 : -1;
        }

        _execFree = from;
    }

    private void Grow()
    {
        int old = _slots.Length;
        int size = old * 2;
        Array.Resize(ref _slots, size);
        Array.Resize(ref _active, size);
        Array.Resize(ref _activeIndex, size);
        var recycle = new int[size];
        for (int i = 0; i < old; i++)
        {
            recycle[i] = old + i;
            _activeIndex[old + i] = -1;
        }

        _recycle = recycle;
        _recycleHead = 0;
        _recycleCount = old;
    }

    /// <summary>One order's mutable record (struct array element).</summary>
    internal struct Slot
    {
        public bool InUse;
        public bool HasOrderId;
        public OrderState State;
        public StrategyId Strategy;
        public IntentKind Kind;
        public PricingPolicy Pricing;
        public ClientOrderId ClientId;
        public OrderId Order;
        public PositionId Position;
        public OptionStructure Structure;
        public int Quantity;
        public int FilledUnits;
        public LegCounts LegFilled;
        public int ExecHead;
        public string Tag;

        // P-10 pricing plan (owned by the pipeline).
        public decimal LimitPrice;
        public double Mid;
        public double Natural;
        public decimal Tick;
        public int StepsTaken;
        public long SubmittedTicks;
        public long NextStepTicks;
        public long WindowEndTicks;
    }

    /// <summary>Contracts filled per leg, inline.</summary>
    [InlineArray(OptionStructure.MaxLegs)]
    internal struct LegCounts
    {
        private int _element0;
    }
}

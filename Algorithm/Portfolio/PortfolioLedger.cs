using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;
using TomKing.Greeks;

namespace TomKing.Algorithm.Portfolio;

/// <summary>
/// The embedded engine's account: positions keyed by <see cref="PositionId"/>, their fills (per leg,
/// partial, with fees), average cost, realized and unrealized P&amp;L per structure and strategy, marks,
/// buying power via the margin model, net liq and its reference points (start of day/week/month,
/// high-water mark), counts by strategy and group, and Greeks beta-weighted to SPY. It is the
/// <see cref="IPortfolioView"/> the risk engine and strategies read and an <see cref="IOrderEventSink"/>
/// for fills.
/// </summary>
/// <remarks>
/// <para><b>Flow.</b> The order pipeline calls <see cref="ReservePosition"/> when it accepts an entry
/// intent (the position is <see cref="PositionStatus.Pending"/>), <see cref="BindOrder"/> for every order
/// it sends for that position (entries, closes, adjustments; an entry's expected buying power may be
/// reserved), and the host delivers <see cref="OnFill"/> / <see cref="OnOrderUpdate"/>. The first fill
/// opens the position; when every leg is flat it closes and moves to <see cref="ClosedPositions"/>.
/// Fills of unbound orders are counted in <see cref="UnmatchedFills"/> (reconciliation's business), and
/// a venue execution id seen again within the last <c>dedupWindow</c> executions is ignored.</para>
/// <para><b>Accounting.</b> Per leg, average cost: adding to a leg averages the price; reducing it
/// realizes <c>closed × (price − average) × sign(held) × multiplier</c>; crossing zero reopens the rest
/// at the fill price. Fees are realized costs (realized P&amp;L is net of fees). Cash moves by
/// <c>−quantity × price × multiplier − fee</c>; net liq = cash + Σ mark × multiplier × held; unrealized =
/// mark value − cost basis. Position market values are kept in <see cref="double"/> and updated
/// incrementally per mark; money crosses to <see cref="decimal"/> (rounded to cents) when read.</para>
/// <para><b>Performance.</b> Fills and marks allocate nothing: positions live in pre-sized arrays (grown
/// only when more positions open than the capacity), each contract held has a mark slot with an
/// intrusive list of the legs that hold it, so <see cref="UpdateMark(int, double)"/> touches only those
/// legs. The open-position view, net liq, buying power, Greeks and cost bases are refreshed lazily on
/// read, and only for what changed; replayed execution ids are caught by an open-addressing window
/// (<see cref="ExecutionIdSet"/>).</para>
/// <para><b>Held structure.</b> Every fill (entry, close or <see cref="StructureKind.Adjustment"/>:
/// buy-backs, rolls, a weekly call sold against a LEAP) rewrites what the position holds, and
/// <see cref="OpenPosition.Structure"/> describes exactly that, so risk exits and strategy exits that
/// close <c>Structure × Quantity</c> close what is held: the legs with contracts (flat legs drop out, new
/// legs are added), units = the greatest common divisor of the held contract counts, each leg's ratio =
/// its contracts ÷ units. When those legs still have the entry kind's shape (its (right, ratio) pattern,
/// strike order and expiries, as <see cref="OptionStructure.TryCreate"/> checks) the structure keeps the
/// entry's kind with the legs in that kind's factory order (an IPMCC LEAP plus its new weekly is again a
/// <see cref="StructureKind.LeapPlusShortCall"/>, a strangle with a rolled put is still a strangle);
/// otherwise it is <see cref="OptionStructure.Adjustment"/> of the held legs in the ledger's slot order
/// (entry legs first, then legs in the order they were first filled; a new leg may reuse a flat leg's slot
/// once all <see cref="MaxLegsPerPosition"/> slots were used). Strategies find legs by right, side and
/// expiry, never by index. <see cref="OpenPosition.LegEntryPrices"/> are the held legs' average open prices
/// per contract (premium points, positive), in the held structure's leg order, 0 beyond its legs;
/// <see cref="OpenPosition.EntryPrice"/> = Σ ratio × that price, per unit (negative = net credit). A
/// fill that leaves more than <see cref="OptionStructure.MaxLegs"/> legs held is booked and reported
/// (<see cref="LegOverflows"/>, <see cref="HasLegOverflow"/>); the structure keeps its last description
/// until four or fewer legs are held again. <see cref="ClosedPosition.Kind"/> is the entry's kind.</para>
/// <para><b>Buying power</b> of a position = margin model per unit of its held structure (at current
/// prices) × units, refreshed after fills and on <see cref="RevalueBuyingPower"/>; when the model
/// cannot price it, the last value is kept. Pending entries count with their reserved buying power.</para>
/// <para><b>Working entries.</b> A reserved position whose entry order has not filled yet is a working
/// entry: it is in <see cref="WorkingEntries"/> (quantity 0) and in both <c>CountOpen</c> counts, not in
/// <see cref="OpenPositions"/>, so P-2, P-3 and P-4 see entries in flight while strategies and risk exits
/// manage only what is held. It leaves at its first fill (open) or when its order ends cancelled or
/// rejected unfilled (released with any reserved buying power).</para>
/// </remarks>
public sealed class PortfolioLedger : IPortfolioView, IOrderEventSink
{
    /// <summary>Most contracts one position can hold over its life (4 entry legs plus rolled-in legs).</summary>
    public const int MaxLegsPerPosition = 8;

    private const int StrategyCount = 5;
    private const int GroupCount = 10;

    /// <summary>How many ended orders keep their order → position routing (so a fill reported after its
    /// order's final status is still booked); older ones are forgotten, which bounds the routing table.</summary>
    internal const int RetiredOrderWindow = 4096;

    // (right, ratio) patterns of the rulebook kinds in factory order, coded by ShapeCode.
    private static readonly int[] IronCondorShape = [ShapeCode(OptionRight.Put, 1), ShapeCode(OptionRight.Put, -1), ShapeCode(OptionRight.Call, -1), ShapeCode(OptionRight.Call, 1)];
    private static readonly int[] CallSpreadShape = [ShapeCode(OptionRight.Call, -1), ShapeCode(OptionRight.Call, 1)];
    private static readonly int[] PutSpreadShape = [ShapeCode(OptionRight.Put, -1), ShapeCode(OptionRight.Put, 1)];
    private static readonly int[] OneOneTwoShape = [ShapeCode(OptionRight.Put, 1), ShapeCode(OptionRight.Put, -1), ShapeCode(OptionRight.Put, -2)];
    private static readonly int[] StrangleShape = [ShapeCode(OptionRight.Put, -1), ShapeCode(OptionRight.Call, -1)];
    private static readonly int[] LeapShape = [ShapeCode(OptionRight.Call, 1)];
    private static readonly int[] LeapShortCallShape = [ShapeCode(OptionRight.Call, 1), ShapeCode(OptionRight.Call, -1)];
    private static readonly int[] SinglePutShape = [ShapeCode(OptionRight.Put, -1)];

    private readonly IMarketView _market;
    private readonly IBuyingPowerModel _margin;
    private readonly BetaTable _betas;

    // Positions (slot-indexed).
    private long[] _posId;
    private PositionStatus[] _status;
    private bool[] _inUse;
    private StrategyId[] _strategy;
    private OptionStructure[] _structure;
    private StructureKind[] _entryKind;
    private int[] _structSlot;
    private LegValues[] _legEntry;
    private bool[] _overflow;
    private CorrelationGroup[] _group;
    private DateTime[] _openedAt;
    private decimal[] _realized;
    private decimal[] _fees;
    private decimal[] _costBasis;
    private bool[] _basisDirty;
    private decimal[] _entryPrice;
    private int[] _units;
    private double[] _mv;
    private decimal[] _bp;
    private decimal[] _reservedBp;
    private bool[] _bpDirty;
    private bool[] _viewDirty;
    private int[] _legCount;
    private int[] _viewIndex;

    // Legs (slot × MaxLegsPerPosition + leg).
    private OptionContract[] _legContract;
    private int[] _legHeld;
    private double[] _legMult;
    private decimal[] _legAvg;
    private int[] _legMark;
    private int[] _legNext;
    private PortfolioGreeks[] _legGreeks;

    // Mark slots (one per distinct contract ever held).
    private OptionContract[] _markContract;
    private double[] _markPrice;
    private int[] _markFirstLeg;
    private int _markCount;
    private readonly Dictionary<OptionContract, int> _markByContract;

    private readonly Dictionary<long, int> _slotById;
    private readonly Dictionary<long, long> _positionByOrder;
    private readonly long[] _retiredOrders = new long[RetiredOrderWindow];
    private int _retiredHead;
    private int _retiredCount;
    private readonly Dictionary<long, decimal> _reservedByOrder;
    private readonly Stack<int> _freeSlots;
    private readonly ExecutionIdSet _seenExecutions;
    private readonly List<ClosedPosition> _closed = [];

    private OpenPosition[] _view;
    private int _viewCount;
    private OpenPosition[] _working;
    private int _workingCount;
    private bool _openSetDirty = true;
    private bool _workingDirty = true;
    private long[] _expiryKey;
    private int[] _dirtyPositions;
    private int _dirtyCount;

    private readonly int[] _countByStrategy = new int[StrategyCount];
    private readonly int[] _countByGroup = new int[GroupCount];
    private readonly decimal[] _realizedByStrategy = new decimal[StrategyCount];

    private decimal _cash;
    private double _totalMv;
    private decimal _netLiq;
    private bool _netLiqDirty = true;
    private decimal _bpInUse;
    private bool _bpOpenDirty = true;
    private bool _bpPendingDirty = true;
    private decimal _bpOpenSum;
    private decimal _bpPendingSum;
    private PortfolioGreeks _greeks;
    private bool _greeksDirty = true;
    private int _missingGreeksLegs;
    private int _overflowCount;
    private DateOnly _gammaDay = DateOnly.MinValue;
    private double _gammaByDay;
    private readonly Leg[] _legScratch = new Leg[OptionStructure.MaxLegs];
    private readonly Leg[] _sortScratch = new Leg[OptionStructure.MaxLegs];
    private long _nextId;
    private DateOnly _sessionDate;
    private decimal _hwm;
    private decimal _sod;
    private decimal _sow;
    private decimal _som;

    /// <summary>Creates an account with starting cash.</summary>
    /// <param name="startingCash">Cash, USD (also the first start-of-day/week/month and high-water mark).</param>
    /// <param name="market">Market view for buying power and Greeks.</param>
    /// <param name="margin">Buying-power model (the same one the risk engine uses).</param>
    /// <param name="betas">Betas to SPY (null: <see cref="BetaTable.Default"/>).</param>
    /// <param name="capacity">Positions held before the arrays grow.</param>
    /// <param name="dedupWindow">How many recent execution ids are remembered to drop replayed fills.</param>
    public PortfolioLedger(decimal startingCash, IMarketView market, IBuyingPowerModel margin, BetaTable? betas = null, int capacity = 64, int dedupWindow = 4096)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(margin);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dedupWindow, 1);
        _market = market;
        _margin = margin;
        _betas = betas ?? BetaTable.Default;
        _cash = startingCash;
        _hwm = _sod = _sow = _som = startingCash;
        _markByContract = new Dictionary<OptionContract, int>(capacity * 4);
        _slotById = new Dictionary<long, int>(capacity * 2);
        _positionByOrder = new Dictionary<long, long>((capacity * 8) + RetiredOrderWindow);
        _reservedByOrder = new Dictionary<long, decimal>(capacity * 2);
        _freeSlots = new Stack<int>(capacity);
        _seenExecutions = new ExecutionIdSet(dedupWindow);
        _posId = [];
        _status = [];
        _inUse = [];
        _strategy = [];
        _structure = [];
        _entryKind = [];
        _structSlot = [];
        _legEntry = [];
        _overflow = [];
        _group = [];
        _openedAt = [];
        _realized = [];
        _fees = [];
        _costBasis = [];
        _basisDirty = [];
        _entryPrice = [];
        _units = [];
        _mv = [];
        _bp = [];
        _reservedBp = [];
        _bpDirty = [];
        _viewDirty = [];
        _legCount = [];
        _viewIndex = [];
        _legContract = [];
        _legHeld = [];
        _legMult = [];
        _legAvg = [];
        _legMark = [];
        _legNext = [];
        _legGreeks = [];
        _view = [];
        _working = [];
        _dirtyPositions = [];
        _expiryKey = [];
        _markContract = new OptionContract[capacity * 4];
        _markPrice = new double[capacity * 4];
        _markFirstLeg = new int[capacity * 4];
        GrowPositions(capacity);
    }

    /// <summary>Cash balance, USD.</summary>
    public decimal Cash => _cash;

    /// <inheritdoc />
    public decimal NetLiquidation
    {
        get
        {
            RefreshNetLiq();
            return _netLiq;
        }
    }

    /// <inheritdoc />
    public decimal StartOfDayNetLiquidation => _sod;

    /// <inheritdoc />
    public decimal StartOfWeekNetLiquidation => _sow;

    /// <inheritdoc />
    public decimal StartOfMonthNetLiquidation => _som;

    /// <inheritdoc />
    public decimal HighWaterMark
    {
        get
        {
            RefreshNetLiq();
            return _hwm;
        }
    }

    /// <inheritdoc />
    public decimal BuyingPowerInUse
    {
        get
        {
            RefreshBuyingPower();
            return _bpInUse;
        }
    }

    /// <inheritdoc />
    public ReadOnlySpan<OpenPosition> OpenPositions
    {
        get
        {
            RefreshView();
            return _view.AsSpan(0, _viewCount);
        }
    }

    /// <inheritdoc />
    public PortfolioGreeks BetaWeightedGreeks
    {
        get
        {
            RefreshGreeks();
            return _greeks;
        }
    }

    /// <inheritdoc />
    /// <remarks>Computed with the Greeks (once per refresh) for the last day asked; asking for another day
    /// sums the held legs once more.</remarks>
    public double GammaExpiringBy(DateOnly day)
    {
        RefreshGreeks();
        if (day != _gammaDay)
        {
            _gammaDay = day;
            _gammaByDay = SumGammaExpiringBy(day);
        }

        return _gammaByDay;
    }

    /// <summary>Legs whose Greeks have never been available (they count as 0 in <see cref="BetaWeightedGreeks"/>).</summary>
    public int MissingGreeksLegs
    {
        get
        {
            RefreshGreeks();
            return _missingGreeksLegs;
        }
    }

    /// <summary>Positions reserved for an entry order that is still working (no fill yet): quantity 0,
    /// the entry structure, the buying power reserved for the order, no P&amp;L. They count in
    /// <see cref="CountOpen(StrategyId)"/> and <see cref="CountOpen(CorrelationGroup)"/> and leave when the
    /// first fill opens them (then they are in <see cref="OpenPositions"/>) or when the order ends unfilled.
    /// The span is valid until the next portfolio event.</summary>
    public ReadOnlySpan<OpenPosition> WorkingEntries
    {
        get
        {
            RefreshView();
            return _working.AsSpan(0, _workingCount);
        }
    }

    /// <summary>How many times a fill left a position holding more contracts (legs) than an
    /// <see cref="OptionStructure"/> can describe (<see cref="OptionStructure.MaxLegs"/>): an error state
    /// for reconciliation. The fill is booked (cash, P&amp;L, <see cref="CopyHeldLegs"/>); the position's
    /// <see cref="OpenPosition.Structure"/>, quantity and entry prices keep the last description that fit
    /// until the legs are back to four or fewer (often a roll combo part-filled).</summary>
    public int LegOverflows { get; private set; }

    /// <summary>Positions currently holding more legs than their structure can describe (see
    /// <see cref="LegOverflows"/>).</summary>
    public int OverflowingPositions => _overflowCount;

    /// <summary>True when the position currently holds more than <see cref="OptionStructure.MaxLegs"/> legs
    /// (its <see cref="OpenPosition.Structure"/> is stale; close what <see cref="CopyHeldLegs"/> reports).</summary>
    public bool HasLegOverflow(PositionId id) => _slotById.TryGetValue(id.Value, out int s) && _overflow[s];

    /// <summary>Fills of orders not bound to a position (left for reconciliation).</summary>
    public int UnmatchedFills { get; private set; }

    /// <summary>Fills dropped because their execution id was seen again.</summary>
    public int DuplicateFills { get; private set; }

    /// <summary>Positions that have closed, in closing order.</summary>
    public IReadOnlyList<ClosedPosition> ClosedPositions => _closed;

    /// <inheritdoc />
    public int CountOpen(StrategyId strategy) => (uint)strategy < StrategyCount ? _countByStrategy[(int)strategy] : 0;

    /// <inheritdoc />
    public int CountOpen(CorrelationGroup group) => (uint)group < GroupCount ? _countByGroup[(int)group] : 0;

    /// <summary>Realized P&amp;L (net of fees) of a strategy over the ledger's life, USD.</summary>
    public decimal RealizedPnl(StrategyId strategy) => _realizedByStrategy[(int)strategy];

    /// <summary>Unrealized P&amp;L of a strategy's open positions, USD.</summary>
    public decimal UnrealizedPnl(StrategyId strategy)
    {
        decimal sum = 0m;
        foreach (ref readonly var p in OpenPositions)
        {
            if (p.Strategy == strategy)
            {
                sum += p.UnrealizedPnl;
            }
        }

        return sum;
    }

    /// <summary>Creates a pending position for an entry intent and returns its id. From here until its
    /// entry order ends unfilled (cancelled, rejected) the position is a working entry: it counts in
    /// <see cref="CountOpen(StrategyId)"/>, <see cref="CountOpen(CorrelationGroup)"/> and
    /// <see cref="WorkingEntries"/> (P-2, P-3, P-4), not yet in <see cref="OpenPositions"/>.</summary>
    public PositionId ReservePosition(StrategyId strategy, in OptionStructure structure)
    {
        if (_freeSlots.Count == 0)
        {
            GrowPositions(_posId.Length * 2);
        }

        int s = _freeSlots.Pop();
        long id = ++_nextId;
        _posId[s] = id;
        _inUse[s] = true;
        _status[s] = PositionStatus.Pending;
        _strategy[s] = strategy;
        _structure[s] = structure;
        _entryKind[s] = structure.Kind;
        _legEntry[s] = default;
        _overflow[s] = false;
        _group[s] = structure.Count > 0 ? InstrumentCatalogue.GroupOf(structure.Underlying).Group : CorrelationGroup.None;
        _openedAt[s] = default;
        _realized[s] = 0m;
        _fees[s] = 0m;
        _costBasis[s] = 0m;
        _basisDirty[s] = false;
        _entryPrice[s] = 0m;
        _units[s] = 0;
        _mv[s] = 0.0;
        _bp[s] = 0m;
        _reservedBp[s] = 0m;
        _legCount[s] = 0;
        _slotById[id] = s;
        for (int i = 0; i < structure.Count; i++)
        {
            _structSlot[(s * OptionStructure.MaxLegs) + i] = AddLeg(s, structure[i].Contract, double.NaN);
        }

        _countByStrategy[(int)strategy]++;
        _countByGroup[(int)_group[s]]++;
        _expiryKey[s] = ExpiryKey(strategy, _group[s], structure);
        _workingDirty = true;
        return new PositionId(id);
    }

    /// <summary>Routes an order's fills to a position; an entry order may reserve the buying power it
    /// will use (counted in <see cref="BuyingPowerInUse"/> until the order ends).</summary>
    /// <exception cref="ArgumentException">The position is unknown.</exception>
    public void BindOrder(ClientOrderId order, PositionId position, decimal reservedBuyingPower = 0m)
    {
        if (!_slotById.TryGetValue(position.Value, out int s))
        {
            throw new ArgumentException($"Position {position} is not in the ledger.", nameof(position));
        }

        _positionByOrder[order.Value] = position.Value;
        if (reservedBuyingPower > 0m)
        {
            _reservedByOrder[order.Value] = reservedBuyingPower;
            _reservedBp[s] += reservedBuyingPower;
            BuyingPowerChanged(s);
            _workingDirty |= _status[s] == PositionStatus.Pending;
        }
    }

    /// <summary>The books of an open or pending position (closed ones are in <see cref="ClosedPositions"/>).</summary>
    public bool TryGetPosition(PositionId id, out PositionSnapshot snapshot)
    {
        if (!_slotById.TryGetValue(id.Value, out int s))
        {
            snapshot = default;
            return false;
        }

        RefreshBuyingPower();
        decimal mv = Money(_mv[s]);
        snapshot = new PositionSnapshot(id, _strategy[s], _status[s], _units[s], _realized[s], mv - Basis(s), _fees[s], mv, _bp[s]);
        return true;
    }

    /// <summary>Copies the legs a position holds (including flat ones) into <paramref name="destination"/>.</summary>
    /// <returns>The number of legs written (0 when the position is unknown).</returns>
    public int CopyHeldLegs(PositionId id, Span<HeldLeg> destination)
    {
        if (!_slotById.TryGetValue(id.Value, out int s))
        {
            return 0;
        }

        int n = Math.Min(_legCount[s], destination.Length);
        for (int i = 0; i < n; i++)
        {
            int l = (s * MaxLegsPerPosition) + i;
            destination[i] = new HeldLeg(_legContract[l], _legHeld[l], _legAvg[l], _markPrice[_legMark[l]]);
        }

        return n;
    }

    /// <inheritdoc />
    public void OnFill(in LegFill fill)
    {
        if (!string.IsNullOrEmpty(fill.ExecutionId) && !RememberExecution(fill.ExecutionId))
        {
            DuplicateFills++;
            return;
        }

        if (!_positionByOrder.TryGetValue(fill.ClientId.Value, out long id) || !_slotById.TryGetValue(id, out int s) || fill.Quantity == 0)
        {
            UnmatchedFills++;
            return;
        }

        int leg = FindLeg(s, fill.Contract);
        if (leg < 0)
        {
            leg = _legCount[s] < MaxLegsPerPosition ? AddLeg(s, fill.Contract, (double)fill.Price) : RecycleFlatLeg(s, fill.Contract, (double)fill.Price);
            if (leg < 0)
            {
                UnmatchedFills++;
                return;
            }
        }

        int l = (s * MaxLegsPerPosition) + leg;
        decimal mult = fill.Contract.Multiplier;
        int held = _legHeld[l];
        int q = fill.Quantity;
        decimal realized = -fill.Fee;
        decimal avg = _legAvg[l];
        if (held == 0 || (held > 0) == (q > 0))
        {
            if (held == 0 || fill.Price != avg)
            {
                _legAvg[l] = ((Math.Abs(held) * avg) + (Math.Abs(q) * fill.Price)) / (Math.Abs(held) + Math.Abs(q));
            }
        }
        else
        {
            int closing = Math.Min(Math.Abs(q), Math.Abs(held));
            realized += closing * (fill.Price - avg) * Math.Sign(held) * mult;
            if (Math.Abs(q) > Math.Abs(held))
            {
                _legAvg[l] = fill.Price;
            }
        }

        _legHeld[l] = held + q;
        if (_legHeld[l] == 0)
        {
            _legAvg[l] = 0m;
        }

        bool pricesChanged = _legAvg[l] != avg;

        int mark = _legMark[l];
        if (double.IsNaN(_markPrice[mark]))
        {
            _markPrice[mark] = (double)fill.Price;
        }

        _cash -= (q * fill.Price * mult) + fill.Fee;
        _realized[s] += realized;
        _fees[s] += fill.Fee;
        _realizedByStrategy[(int)_strategy[s]] += realized;

        if (_status[s] == PositionStatus.Pending)
        {
            _status[s] = PositionStatus.Open;
            _openedAt[s] = fill.Time;
            _openSetDirty = true;
            _workingDirty = true;
        }

        RevaluePosition(s);
        RebookPosition(s, pricesChanged);
        _bpDirty[s] = true;
        _bpOpenDirty = true;
        _bpPendingDirty = true; // a first fill moves the position from the working entries to the open ones
        _greeksDirty = true;
        MarkViewDirty(s);
        if (_status[s] == PositionStatus.Open && AllFlat(s))
        {
            Close(s, fill.Time);
        }
    }

    /// <inheritdoc />
    public void OnOrderUpdate(in OrderUpdate update)
    {
        if (update.Status is not (BrokerOrderStatus.Filled or BrokerOrderStatus.Cancelled or BrokerOrderStatus.Rejected))
        {
            return;
        }

        if (!_positionByOrder.TryGetValue(update.ClientId.Value, out long id))
        {
            return;
        }

        Retire(update.ClientId.Value);
        if (!_slotById.TryGetValue(id, out int s))
        {
            return;
        }

        if (_reservedByOrder.Remove(update.ClientId.Value, out decimal reserved))
        {
            _reservedBp[s] -= reserved;
            BuyingPowerChanged(s);
        }

        if (update.Status != BrokerOrderStatus.Filled && _status[s] == PositionStatus.Pending && _reservedBp[s] <= 0m)
        {
            _positionByOrder.Remove(update.ClientId.Value);
            FreeSlot(s);
        }
    }

    /// <summary>The mark slot of a contract held by any position (hosts resolve it once, then mark by slot).</summary>
    public bool TryGetMarkSlot(in OptionContract contract, out int markSlot) => _markByContract.TryGetValue(contract, out markSlot);

    /// <summary>The contract behind a mark slot.</summary>
    public OptionContract MarkContract(int markSlot) => _markContract[markSlot];

    /// <summary>Number of mark slots (distinct contracts ever held).</summary>
    public int MarkSlotCount => _markCount;

    /// <summary>A new mark (mid) for a contract, by slot: the hot path. Ignores non-finite or negative prices.</summary>
    public void UpdateMark(int markSlot, double price)
    {
        double old = _markPrice[markSlot];
        if (!(price >= 0.0) || price == old || double.IsInfinity(price))
        {
            return;
        }

        _markPrice[markSlot] = price;
        double diff = double.IsNaN(old) ? price : price - old;
        for (int l = _markFirstLeg[markSlot]; l >= 0; l = _legNext[l])
        {
            int held = _legHeld[l];
            if (held == 0)
            {
                continue;
            }

            int s = l / MaxLegsPerPosition;
            double dv = diff * _legMult[l] * held;
            _mv[s] += dv;
            _totalMv += dv;
            MarkViewDirty(s);
        }

        _netLiqDirty = true;
        _greeksDirty = true;
    }

    /// <summary>A new mark for a contract (looked up; ignored when no position holds it).</summary>
    public void UpdateMark(in OptionContract contract, double price)
    {
        if (_markByContract.TryGetValue(contract, out int slot))
        {
            UpdateMark(slot, price);
        }
    }

    /// <summary>Marks every held contract at its mid in the market view (contracts without a usable
    /// quote keep their last mark).</summary>
    public void MarkToMarket(IMarketView market)
    {
        ArgumentNullException.ThrowIfNull(market);
        for (int m = 0; m < _markCount; m++)
        {
            if (_markFirstLeg[m] >= 0 && ContractLookup.TryFind(market, _markContract[m], out var expiry, out int k))
            {
                var q = expiry.QuoteAt(k, _markContract[m].Right);
                if (q.IsUsable)
                {
                    UpdateMark(m, q.Mid);
                }
            }
        }
    }

    /// <summary>Asks for buying power to be recomputed on the next read (prices moved; call per bar).</summary>
    public void RevalueBuyingPower()
    {
        for (int s = 0; s < _posId.Length; s++)
        {
            _bpDirty[s] = _inUse[s] && _status[s] == PositionStatus.Open;
        }

        _bpOpenDirty = true;
        _greeksDirty = true;
    }

    /// <summary>
    /// Starts a session: the start-of-day net liq is set; on the first session of a new week (Monday-based)
    /// or calendar month, the start-of-week or start-of-month net liq too. Repeated calls for the same date
    /// change nothing (a restart mid-day keeps the journaled values).
    /// </summary>
    public void OnNewDay(DateOnly date)
    {
        if (date == _sessionDate)
        {
            return;
        }

        decimal nl = NetLiquidation;
        bool first = _sessionDate == default;
        if (first || WeekStart(date) != WeekStart(_sessionDate))
        {
            _sow = nl;
        }

        if (first || date.Month != _sessionDate.Month || date.Year != _sessionDate.Year)
        {
            _som = nl;
        }

        _sod = nl;
        _sessionDate = date;
    }

    /// <summary>Restores journaled reference points after a restart.</summary>
    public void RestoreReferencePoints(DateOnly sessionDate, decimal startOfDay, decimal startOfWeek, decimal startOfMonth, decimal highWaterMark)
    {
        _sessionDate = sessionDate;
        _sod = startOfDay;
        _sow = startOfWeek;
        _som = startOfMonth;
        _hwm = Math.Max(highWaterMark, _hwm);
    }

    private static DateOnly WeekStart(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));

    private static decimal Money(double usd) => MoneyMath.Cents(usd);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void RefreshNetLiq()
    {
        if (!_netLiqDirty)
        {
            return;
        }

        _netLiq = _cash + Money(_totalMv);
        if (_netLiq > _hwm)
        {
            _hwm = _netLiq;
        }

        _netLiqDirty = false;
    }

    /// <summary>Buying power in use = Σ over held and reserved positions of (BP + reserved BP), kept as two
    /// partial sums: open positions and working entries. Reserving or releasing an entry re-adds only the
    /// working entries; the open positions are summed again only when one of them changed. (Decimal
    /// addition is exact here and its scale is the largest operand's, so the split sum is the same
    /// number, to the last digit and scale, as one pass over every position.)</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void RefreshBuyingPower()
    {
        if (_bpOpenDirty || _bpPendingDirty)
        {
            RecomputeBuyingPower();
        }
    }

    private void RecomputeBuyingPower()
    {
        if (_bpOpenDirty)
        {
            decimal open = 0m;
            for (int s = 0; s < _posId.Length; s++)
            {
                if (!_inUse[s] || _status[s] != PositionStatus.Open)
                {
                    continue;
                }

                if (_bpDirty[s])
                {
                    var structure = _structure[s];
                    if (_margin.TryPerUnit(structure, _market, out decimal perUnit))
                    {
                        _bp[s] = perUnit * _units[s];
                    }

                    _bpDirty[s] = false;
                    MarkViewDirty(s);
                }

                open += _bp[s] + _reservedBp[s];
            }

            _bpOpenSum = open;
        }

        if (_bpPendingDirty)
        {
            decimal pending = 0m;
            for (int s = 0; s < _posId.Length; s++)
            {
                if (_inUse[s] && _status[s] != PositionStatus.Open)
                {
                    pending += _bp[s] + _reservedBp[s];
                }
            }

            _bpPendingSum = pending;
        }

        if (_bpOpenDirty || _bpPendingDirty)
        {
            _bpInUse = _bpOpenSum + _bpPendingSum;
            _bpOpenDirty = false;
            _bpPendingDirty = false;
        }
    }

    /// <summary>Test reference: buying power in use summed in one pass over every held or reserved position
    /// (read <see cref="BuyingPowerInUse"/> first, which refreshes each position's value).</summary>
    internal decimal BuyingPowerInOnePass()
    {
        decimal total = 0m;
        for (int s = 0; s < _posId.Length; s++)
        {
            if (_inUse[s])
            {
                total += _bp[s] + _reservedBp[s];
            }
        }

        return total;
    }

    /// <summary>A position's buying power or reserve changed (or it left the book): the partial sum of
    /// its group (working entries or open positions) is summed again on the next read.</summary>
    private void BuyingPowerChanged(int s)
    {
        if (_status[s] == PositionStatus.Pending)
        {
            _bpPendingDirty = true;
        }
        else
        {
            _bpOpenDirty = true;
        }
    }

    private void RefreshGreeks()
    {
        if (!_greeksDirty)
        {
            return;
        }

        var sum = default(PortfolioGreeks);
        double byDay = 0.0;
        var gammaDay = _gammaDay;
        int missing = 0;
        bool haveSpy = BetaWeighting.TrySpyPrice(_market, out double spy);
        for (int s = 0; s < _posId.Length; s++)
        {
            if (!_inUse[s] || _status[s] != PositionStatus.Open)
            {
                continue;
            }

            for (int i = 0; i < _legCount[s]; i++)
            {
                int l = (s * MaxLegsPerPosition) + i;
                if (_legHeld[l] == 0)
                {
                    continue;
                }

                if (haveSpy && BetaWeighting.TryLeg(_market, _legContract[l], _legHeld[l], _betas, spy, out var g))
                {
                    _legGreeks[l] = g;
                }
                else if (_legGreeks[l] == default)
                {
                    missing++;
                }

                sum += _legGreeks[l];
                if (_legContract[l].Expiry <= gammaDay)
                {
                    byDay += _legGreeks[l].Gamma;
                }
            }
        }

        _greeks = sum;
        _gammaByDay = byDay;
        _missingGreeksLegs = missing;
        _greeksDirty = false;
    }

    private double SumGammaExpiringBy(DateOnly day)
    {
        double sum = 0.0;
        for (int s = 0; s < _posId.Length; s++)
        {
            if (!_inUse[s] || _status[s] != PositionStatus.Open)
            {
                continue;
            }

            for (int i = 0; i < _legCount[s]; i++)
            {
                int l = (s * MaxLegsPerPosition) + i;
                if (_legHeld[l] != 0 && _legContract[l].Expiry <= day)
                {
                    sum += _legGreeks[l].Gamma;
                }
            }
        }

        return sum;
    }

    /// <summary>Brings the open-position view and the working entries up to date. The open view is rebuilt
    /// only when the set of open positions changed (a first fill, a close); otherwise the positions marked
    /// dirty (marks, fills, buying power) are described again in place. Working entries (reserved, pending)
    /// are rebuilt on their own, so reserving or releasing an entry does not re-describe every open
    /// position.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void RefreshView()
    {
        if (_openSetDirty || _dirtyCount != 0 || _workingDirty)
        {
            RebuildViews();
        }
    }

    private void RebuildViews()
    {
        if (_openSetDirty)
        {
            _viewCount = 0;
            for (int s = 0; s < _posId.Length; s++)
            {
                _viewIndex[s] = -1;
                _viewDirty[s] = false;
                if (_inUse[s] && _status[s] == PositionStatus.Open)
                {
                    _viewIndex[s] = _viewCount;
                    _view[_viewCount++] = Describe(s);
                }
            }

            _dirtyCount = 0;
            _openSetDirty = false;
        }
        else
        {
            for (int i = 0; i < _dirtyCount; i++)
            {
                int s = _dirtyPositions[i];
                _viewDirty[s] = false;
                int v = _viewIndex[s];
                if (v >= 0 && _inUse[s])
                {
                    _view[v] = Describe(s);
                }
            }

            _dirtyCount = 0;
        }

        if (_workingDirty)
        {
            _workingCount = 0;
            for (int s = 0; s < _posId.Length; s++)
            {
                if (_inUse[s] && _status[s] == PositionStatus.Pending)
                {
                    _working[_workingCount++] = Describe(s);
                }
            }

            _workingDirty = false;
        }
    }

    /// <summary>Test hook: the next view read rebuilds everything from the slots (the straightforward
    /// computation the incremental refresh is checked against).</summary>
    internal void InvalidateViews()
    {
        _openSetDirty = true;
        _workingDirty = true;
    }

    /// <summary>Order → position routes currently held (live orders plus the retired window).</summary>
    internal int OrderRouteCount => _positionByOrder.Count;

    /// <inheritdoc />
    /// <remarks>Answered from a per-position key (strategy, group, nearest expiry) kept with each held
    /// structure, a vectorized search instead of a walk over the open-position view.</remarks>
    public bool UsesExpiry(StrategyId strategy, CorrelationGroup group, DateOnly expiry)
    {
        long key = ExpiryKey(strategy, group, expiry);
        return _expiryKey.AsSpan().Contains(key);
    }

    /// <summary>The P-4 key of a held or reserved structure: never 0 (0 marks a free slot).</summary>
    private static long ExpiryKey(StrategyId strategy, CorrelationGroup group, in OptionStructure structure) =>
        ExpiryKey(strategy, group, structure.NearestExpiry);

    private static long ExpiryKey(StrategyId strategy, CorrelationGroup group, DateOnly expiry) =>
        ((long)((int)strategy + 1) << 48) | ((long)(byte)group << 40) | (uint)expiry.DayNumber;

    /// <summary>An order reached a final status: its route is kept for the last
    /// <see cref="RetiredOrderWindow"/> ended orders (a late fill report is still booked), then dropped.</summary>
    private void Retire(long clientId)
    {
        if (_retiredCount == RetiredOrderWindow)
        {
            _positionByOrder.Remove(_retiredOrders[_retiredHead]);
        }
        else
        {
            _retiredCount++;
        }

        _retiredOrders[_retiredHead] = clientId;
        _retiredHead = (_retiredHead + 1) % RetiredOrderWindow;
    }

    private OpenPosition Describe(int s) => new(
        new PositionId(_posId[s]),
        _strategy[s],
        _structure[s],
        _units[s],
        _group[s],
        _openedAt[s],
        _entryPrice[s],
        _status[s] == PositionStatus.Pending ? _reservedBp[s] : _bp[s],
        Money(_mv[s]) - Basis(s))
    {
        LegEntryPrices = _legEntry[s],
    };

    /// <summary>Recomputes what changes only with fills: the held structure, units, entry prices, cost
    /// basis (see the type remarks, "Held structure").</summary>
    private void RebookPosition(int s, bool pricesChanged)
    {
        _basisDirty[s] = true;
        if (_status[s] != PositionStatus.Open)
        {
            return;
        }

        int baseLeg = s * MaxLegsPerPosition;
        Span<int> held = stackalloc int[MaxLegsPerPosition];
        int count = 0;
        int units = 0;
        for (int i = 0; i < _legCount[s]; i++)
        {
            int h = _legHeld[baseLeg + i];
            if (h != 0)
            {
                if (count < held.Length)
                {
                    held[count] = i;
                }

                count++;
                units = Gcd(units, Math.Abs(h));
            }
        }

        if (count == 0)
        {
            return; // flat: the position closes now
        }

        if (count > OptionStructure.MaxLegs)
        {
            if (!_overflow[s])
            {
                _overflow[s] = true;
                LegOverflows++;
                _overflowCount++;
            }

            return; // keep the last description that fit; CopyHeldLegs has the truth
        }

        if (_overflow[s])
        {
            _overflow[s] = false;
            _overflowCount--;
        }

        int sb = s * OptionStructure.MaxLegs;
        if (SameShape(s, held[..count], units))
        {
            _units[s] = units;
            if (!pricesChanged)
            {
                return; // the usual fill: a leg resized, no average moved; ratios, entry prices unchanged
            }
        }
        else
        {
            Span<Leg> legs = _legScratch;
            Span<int> order = stackalloc int[OptionStructure.MaxLegs];
            for (int j = 0; j < count; j++)
            {
                int l = baseLeg + held[j];
                legs[j] = new Leg(_legContract[l], _legHeld[l] / units);
                order[j] = held[j];
            }

            _structure[s] = HeldStructure(_entryKind[s], legs[..count], order[..count], _sortScratch);
            _expiryKey[s] = ExpiryKey(_strategy[s], _group[s], _structure[s]);
            for (int j = 0; j < count; j++)
            {
                _structSlot[sb + j] = order[j];
            }
        }

        ref readonly var structure = ref _structure[s];
        decimal entry = 0m;
        Span<double> prices = stackalloc double[OptionStructure.MaxLegs];
        for (int j = 0; j < structure.Count; j++)
        {
            int l = baseLeg + _structSlot[sb + j];
            decimal avg = _legAvg[l];
            entry += structure[j].Ratio * avg;
            prices[j] = (double)avg;
        }

        _units[s] = units;
        _entryPrice[s] = entry;
        _legEntry[s] = new LegValues(prices[0], prices[1], prices[2], prices[3]);
    }

    /// <summary>True when the held legs are still exactly the current structure's legs (same slots,
    /// same per-unit ratios at <paramref name="units"/>): the common fill that only resizes.</summary>
    private bool SameShape(int s, ReadOnlySpan<int> held, int units)
    {
        ref readonly var structure = ref _structure[s];
        if (structure.Count != held.Length)
        {
            return false;
        }

        int sb = s * OptionStructure.MaxLegs;
        int baseLeg = s * MaxLegsPerPosition;
        for (int j = 0; j < structure.Count; j++)
        {
            int slot = _structSlot[sb + j];
            if (slot < 0 || _legHeld[baseLeg + slot] != structure[j].Ratio * units)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The held legs as the entry's kind when they still have its shape (legs put in the kind's
    /// factory order), otherwise as an <see cref="StructureKind.Adjustment"/> in slot order.
    /// <paramref name="order"/> (ledger leg indices) is permuted along with the legs.</summary>
    private static OptionStructure HeldStructure(StructureKind entryKind, Span<Leg> legs, Span<int> order, Span<Leg> scratch)
    {
        if (entryKind != StructureKind.Adjustment && TryFactoryOrder(entryKind, legs, order, scratch)
            && OptionStructure.TryCreate(entryKind, legs, out var same, out _))
        {
            return same;
        }

        return OptionStructure.Adjustment(legs);
    }

    /// <summary>Puts the legs in <paramref name="kind"/>'s factory order when their (right, ratio) pattern
    /// is the kind's (every rulebook kind's pattern has distinct (right, ratio) pairs). Allocation-free.</summary>
    private static bool TryFactoryOrder(StructureKind kind, Span<Leg> legs, Span<int> order, Span<Leg> sorted)
    {
        int[] pattern = kind switch
        {
            StructureKind.IronCondor => IronCondorShape,
            StructureKind.CallCreditSpread => CallSpreadShape,
            StructureKind.PutCreditSpread => PutSpreadShape,
            StructureKind.OneOneTwo => OneOneTwoShape,
            StructureKind.Strangle => StrangleShape,
            StructureKind.LeapPlusShortCall => legs.Length == 1 ? LeapShape : LeapShortCallShape,
            StructureKind.SinglePut => SinglePutShape,
            _ => [],
        };
        if (pattern.Length != legs.Length)
        {
            return false;
        }

        Span<int> sortedOrder = stackalloc int[OptionStructure.MaxLegs];
        Span<bool> used = stackalloc bool[OptionStructure.MaxLegs];
        for (int j = 0; j < legs.Length; j++)
        {
            int code = ShapeCode(legs[j].Contract.Right, legs[j].Ratio);
            int target = -1;
            for (int p = 0; p < pattern.Length; p++)
            {
                if (!used[p] && pattern[p] == code)
                {
                    target = p;
                    break;
                }
            }

            if (target < 0)
            {
                return false;
            }

            used[target] = true;
            sorted[target] = legs[j];
            sortedOrder[target] = order[j];
        }

        sorted[..legs.Length].CopyTo(legs);
        sortedOrder[..legs.Length].CopyTo(order);
        return true;
    }

    private static int ShapeCode(OptionRight right, int ratio) => (right == OptionRight.Put ? 0 : 1 << 16) + ratio;

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private void MarkViewDirty(int s)
    {
        if (!_viewDirty[s])
        {
            _viewDirty[s] = true;
            _dirtyPositions[_dirtyCount++] = s;
        }
    }

    /// <summary>The cost basis, recomputed on read after fills (a fill only marks it stale).</summary>
    private decimal Basis(int s)
    {
        if (_basisDirty[s])
        {
            _costBasis[s] = CostBasis(s);
            _basisDirty[s] = false;
        }

        return _costBasis[s];
    }

    private decimal CostBasis(int s)
    {
        decimal basis = 0m;
        for (int i = 0; i < _legCount[s]; i++)
        {
            int l = (s * MaxLegsPerPosition) + i;
            basis += _legHeld[l] * _legAvg[l] * _legContract[l].Multiplier;
        }

        return basis;
    }

    private void RevaluePosition(int s)
    {
        double mv = 0.0;
        for (int i = 0; i < _legCount[s]; i++)
        {
            int l = (s * MaxLegsPerPosition) + i;
            if (_legHeld[l] != 0)
            {
                mv += _markPrice[_legMark[l]] * _legMult[l] * _legHeld[l];
            }
        }

        _totalMv += mv - _mv[s];
        _mv[s] = mv;
        _netLiqDirty = true;
    }

    private bool AllFlat(int s)
    {
        for (int i = 0; i < _legCount[s]; i++)
        {
            if (_legHeld[(s * MaxLegsPerPosition) + i] != 0)
            {
                return false;
            }
        }

        return true;
    }

    private void Close(int s, DateTime at)
    {
        _closed.Add(new ClosedPosition(new PositionId(_posId[s]), _strategy[s], _entryKind[s], _openedAt[s], at, _realized[s], _fees[s]));
        _status[s] = PositionStatus.Closed;
        _bp[s] = 0m;
        _totalMv -= _mv[s];
        _mv[s] = 0.0;
        _openSetDirty = true;
        _workingDirty = true;
        _bpOpenDirty = true;
        _greeksDirty = true;
        _netLiqDirty = true;
        FreeSlot(s);
    }

    private void FreeSlot(int s)
    {
        for (int i = 0; i < _legCount[s]; i++)
        {
            Unlink((s * MaxLegsPerPosition) + i);
        }

        _slotById.Remove(_posId[s]);
        _countByStrategy[(int)_strategy[s]]--;
        _countByGroup[(int)_group[s]]--;
        if (_overflow[s])
        {
            _overflow[s] = false;
            _overflowCount--;
        }

        _openSetDirty |= _status[s] != PositionStatus.Pending;
        _workingDirty = true;
        _inUse[s] = false;
        _expiryKey[s] = 0;
        _legCount[s] = 0;
        _reservedBp[s] = 0m;
        BuyingPowerChanged(s);
        _freeSlots.Push(s);
    }

    private void Unlink(int l)
    {
        int m = _legMark[l];
        if (_markFirstLeg[m] == l)
        {
            _markFirstLeg[m] = _legNext[l];
            return;
        }

        for (int x = _markFirstLeg[m]; x >= 0; x = _legNext[x])
        {
            if (_legNext[x] == l)
            {
                _legNext[x] = _legNext[l];
                return;
            }
        }
    }

    private int FindLeg(int s, in OptionContract contract)
    {
        for (int i = 0; i < _legCount[s]; i++)
        {
            if (_legContract[(s * MaxLegsPerPosition) + i].Equals(contract))
            {
                return i;
            }
        }

        return -1;
    }

    private int AddLeg(int s, in OptionContract contract, double mark)
    {
        int existing = FindLeg(s, contract);
        if (existing >= 0)
        {
            return existing;
        }

        int i = _legCount[s]++;
        LinkLeg((s * MaxLegsPerPosition) + i, contract, mark);
        return i;
    }

    /// <summary>Sets leg slot <paramref name="l"/> to an empty holding of <paramref name="contract"/> and
    /// links it to the contract's mark slot (created at <paramref name="mark"/> when new).</summary>
    private void LinkLeg(int l, in OptionContract contract, double mark)
    {
        _legContract[l] = contract;
        _legMult[l] = (double)contract.Multiplier;
        _legHeld[l] = 0;
        _legAvg[l] = 0m;
        _legGreeks[l] = default;
        if (!_markByContract.TryGetValue(contract, out int m))
        {
            if (_markCount == _markPrice.Length)
            {
                Array.Resize(ref _markContract, _markCount * 2);
                Array.Resize(ref _markPrice, _markCount * 2);
                Array.Resize(ref _markFirstLeg, _markCount * 2);
            }

            m = _markCount++;
            _markContract[m] = contract;
            _markPrice[m] = mark;
            _markFirstLeg[m] = -1;
            _markByContract.Add(contract, m);
        }
        else if (double.IsNaN(_markPrice[m]))
        {
            _markPrice[m] = mark;
        }

        _legMark[l] = m;
        _legNext[l] = _markFirstLeg[m];
        _markFirstLeg[m] = l;
    }

    /// <summary>All leg slots are used: the first flat slot (a contract bought back or rolled out) takes
    /// the new contract. -1 when every slot still holds contracts.</summary>
    private int RecycleFlatLeg(int s, in OptionContract contract, double mark)
    {
        int baseLeg = s * MaxLegsPerPosition;
        for (int i = 0; i < _legCount[s]; i++)
        {
            int l = baseLeg + i;
            if (_legHeld[l] != 0)
            {
                continue;
            }

            Unlink(l);
            int sb = s * OptionStructure.MaxLegs;
            for (int j = 0; j < OptionStructure.MaxLegs; j++)
            {
                if (_structSlot[sb + j] == i)
                {
                    _structSlot[sb + j] = -1;
                }
            }

            LinkLeg(l, contract, mark);
            return i;
        }

        return -1;
    }

    private bool RememberExecution(string executionId) => _seenExecutions.Add(executionId);

    private void GrowPositions(int capacity)
    {
        int old = _posId.Length;
        Array.Resize(ref _posId, capacity);
        Array.Resize(ref _status, capacity);
        Array.Resize(ref _inUse, capacity);
        Array.Resize(ref _strategy, capacity);
        Array.Resize(ref _structure, capacity);
        Array.Resize(ref _entryKind, capacity);
        Array.Resize(ref _structSlot, capacity * OptionStructure.MaxLegs);
        Array.Resize(ref _legEntry, capacity);
        Array.Resize(ref _overflow, capacity);
        Array.Resize(ref _group, capacity);
        Array.Resize(ref _openedAt, capacity);
        Array.Resize(ref _realized, capacity);
        Array.Resize(ref _fees, capacity);
        Array.Resize(ref _costBasis, capacity);
        Array.Resize(ref _basisDirty, capacity);
        Array.Resize(ref _entryPrice, capacity);
        Array.Resize(ref _units, capacity);
        Array.Resize(ref _mv, capacity);
        Array.Resize(ref _bp, capacity);
        Array.Resize(ref _reservedBp, capacity);
        Array.Resize(ref _bpDirty, capacity);
        Array.Resize(ref _viewDirty, capacity);
        Array.Resize(ref _legCount, capacity);
        Array.Resize(ref _viewIndex, capacity);
        Array.Resize(ref _view, capacity);
        Array.Resize(ref _working, capacity);
        Array.Resize(ref _dirtyPositions, capacity);
        Array.Resize(ref _expiryKey, capacity);
        Array.Resize(ref _legContract, capacity * MaxLegsPerPosition);
        Array.Resize(ref _legHeld, capacity * MaxLegsPerPosition);
        Array.Resize(ref _legMult, capacity * MaxLegsPerPosition);
        Array.Resize(ref _legAvg, capacity * MaxLegsPerPosition);
        Array.Resize(ref _legMark, capacity * MaxLegsPerPosition);
        Array.Resize(ref _legNext, capacity * MaxLegsPerPosition);
        Array.Resize(ref _legGreeks, capacity * MaxLegsPerPosition);
        for (int s = capacity - 1; s >= old; s--)
        {
            _viewIndex[s] = -1;
            _freeSlots.Push(s);
        }
    }
}

using System.Globalization;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;

namespace TomKing.Engine.Venue;

/// <summary>Looks up the current quote of any contract (the replay market's <c>TryQuote</c>).</summary>
/// <param name="contract">The option.</param>
/// <param name="quote">Its quote now.</param>
/// <returns>False when the contract cannot be quoted.</returns>
public delegate bool QuoteLookup(in OptionContract contract, out Quote quote);

/// <summary>
/// The embedded engine's exchange: an <see cref="IOrderPort"/> that works combo limit orders against the
/// replay market's quotes with the fill model and fee schedule of <see cref="VenueSettings"/>. Nothing is
/// delivered synchronously: every status report and leg execution is queued as a <see cref="VenueEvent"/>
/// in the order it happened, and the kernel drains the queue (<see cref="TryDequeue"/>) into the order
/// pipeline and the portfolio before the next market minute.
/// </summary>
/// <remarks>
/// An order is checked for a fill when it arrives, when it is repriced (<see cref="Replace"/>) and on every
/// <see cref="Match"/> (the kernel calls it after each market minute). Working orders are cancelled at
/// the close by <see cref="CancelAllWorking"/> (day orders). The venue keeps the account's inventory per
/// contract to tell opening from closing executions (fees) and is told about expiries and assignments by
/// <see cref="BookSettlement"/>. Single-threaded (the kernel's thread).
/// </remarks>
public sealed class SimulatedVenue : IOrderPort
{
    private const string CancelledAtClose = "day order expired at the close";
    private const string NotWorking = "the order is not working (already filled or cancelled)";
    private const string UnknownOrder = "unknown order";
    private const string BeyondPosition = "a leg would close more than the position holds (buy/sell to close beyond the position)";

    private readonly QuoteLookup _quotes;
    private readonly IClock _clock;
    private readonly VenueSettings _settings;
    private readonly List<VenueOrder> _orders = new(1024);
    private readonly List<VenueOrder> _working = new(64);
    private readonly Dictionary<long, VenueOrder> _byId = new(1024);
    private readonly Queue<VenueEvent> _events = new(256);
    private readonly Dictionary<OptionContract, int> _inventory = new(256);
    private readonly Dictionary<(long Position, OptionContract Contract), int> _byPosition = new(256);
    private readonly double[] _legMid = new double[OptionStructure.MaxLegs];
    private readonly double[] _legSide = new double[OptionStructure.MaxLegs];
    private long _nextOrderId;
    private long _sequence;
    private long _executions;

    /// <summary>Creates a venue.</summary>
    /// <param name="quotes">Where quotes come from (the replay market's <c>TryQuote</c>).</param>
    /// <param name="clock">Exchange time (stamps events).</param>
    /// <param name="settings">Fill model and fees (null: <see cref="VenueSettings.Default"/>).</param>
    public SimulatedVenue(QuoteLookup quotes, IClock clock, VenueSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        ArgumentNullException.ThrowIfNull(clock);
        _quotes = quotes;
        _clock = clock;
        _settings = settings ?? VenueSettings.Default;
    }

    /// <summary>The fill model and fees.</summary>
    public VenueSettings Settings => _settings;

    /// <summary>Every order received, in submission order.</summary>
    public IReadOnlyList<VenueOrder> Orders => _orders;

    /// <summary>Orders still working.</summary>
    public int WorkingCount => _working.Count;

    /// <summary>Events queued and not yet drained.</summary>
    public int PendingEvents => _events.Count;

    /// <summary>Commissions and fees charged so far, USD (settlement fees included).</summary>
    public decimal TotalFees { get; private set; }

    /// <summary>Orders rejected because a leg would close more than its position holds.</summary>
    public int RejectedBeyondPosition { get; private set; }

    /// <summary>Contracts a position holds at the venue (+ long, − short); 0 when none.</summary>
    public int Held(PositionId position, in OptionContract contract) => _byPosition.TryGetValue((position.Value, contract), out int held) ? held : 0;

    /// <summary>Contracts the account holds at the venue (+ long, − short); 0 when none.</summary>
    public int Held(in OptionContract contract) => _inventory.TryGetValue(contract, out int held) ? held : 0;

    /// <inheritdoc />
    public OrderId Submit(in ComboOrderRequest request)
    {
        var id = new OrderId(++_nextOrderId);
        DateTime now = _clock.Now;
        var order = new VenueOrder(id, request, now);
        _orders.Add(order);
        _byId.Add(id.Value, order);
        if (request.Quantity == 0 || request.Structure.Count == 0)
        {
            order.Status = BrokerOrderStatus.Rejected;
            order.FinishedAt = now;
            Enqueue(new OrderUpdate(id, request.ClientId, BrokerOrderStatus.Rejected, now, 0, request.LimitPrice, "empty order"));
            return id;
        }

        if (ClosesBeyondPosition(request))
        {
            order.Status = BrokerOrderStatus.Rejected;
            order.FinishedAt = now;
            RejectedBeyondPosition++;
            Enqueue(new OrderUpdate(id, request.ClientId, BrokerOrderStatus.Rejected, now, 0, request.LimitPrice, BeyondPosition));
            return id;
        }

        _working.Add(order);
        Enqueue(new OrderUpdate(id, request.ClientId, BrokerOrderStatus.Working, now, 0, request.LimitPrice, null));
        TryFill(order, now);
        return id;
    }

    /// <inheritdoc />
    public void Cancel(OrderId order)
    {
        DateTime now = _clock.Now;
        if (!_byId.TryGetValue(order.Value, out var o))
        {
            Enqueue(new OrderUpdate(order, default, BrokerOrderStatus.RequestRefused, now, 0, 0m, UnknownOrder));
            return;
        }

        if (!o.IsWorking)
        {
            Enqueue(new OrderUpdate(order, o.Request.ClientId, BrokerOrderStatus.RequestRefused, now, o.FilledUnits, o.LimitPrice, NotWorking));
            return;
        }

        Finish(o, BrokerOrderStatus.Cancelled, now, null);
    }

    /// <inheritdoc />
    public void Replace(OrderId order, decimal newLimitPrice)
    {
        DateTime now = _clock.Now;
        if (!_byId.TryGetValue(order.Value, out var o) || !o.IsWorking)
        {
            Enqueue(new OrderUpdate(order, o?.Request.ClientId ?? default, BrokerOrderStatus.RequestRefused, now, o?.FilledUnits ?? 0, o?.LimitPrice ?? 0m, o is null ? UnknownOrder : NotWorking));
            return;
        }

        o.LimitPrice = newLimitPrice;
        o.Replaces++;
        o.Status = BrokerOrderStatus.Replaced;
        Enqueue(new OrderUpdate(order, o.Request.ClientId, BrokerOrderStatus.Replaced, now, 0, newLimitPrice, null));
        TryFill(o, now);
    }

    /// <summary>Works every open order against the current quotes (call after each market minute).</summary>
    /// <returns>Orders filled.</returns>
    public int Match(DateTime now)
    {
        int filled = 0;
        for (int i = 0; i < _working.Count;)
        {
            var o = _working[i];
            if (TryFill(o, now))
            {
                filled++;
                continue; // TryFill removed it; the next order moved into slot i
            }

            i++;
        }

        return filled;
    }

    /// <summary>Cancels every working order (day orders at the close).</summary>
    /// <returns>Orders cancelled.</returns>
    public int CancelAllWorking(DateTime now)
    {
        int n = _working.Count;
        while (_working.Count > 0)
        {
            Finish(_working[^1], BrokerOrderStatus.Cancelled, now, CancelledAtClose);
        }

        return n;
    }

    /// <summary>Takes the next queued event.</summary>
    public bool TryDequeue(out VenueEvent venueEvent) => _events.TryDequeue(out venueEvent);

    /// <summary>Books an expiry, assignment or exercise: the contracts leave the inventory and the settlement
    /// fee is returned (and counted in <see cref="TotalFees"/>).</summary>
    /// <param name="contract">The expiring option.</param>
    /// <param name="quantity">Signed contracts traded to flatten it (− for a long leg, + for a short one).</param>
    /// <param name="position">The position that held it.</param>
    public decimal BookSettlement(in OptionContract contract, int quantity, PositionId position = default)
    {
        Hold(contract, quantity);
        HoldIn(position, contract, quantity);
        decimal fee = _settings.SettlementFeePerContract * Math.Abs(quantity);
        TotalFees += fee;
        return fee;
    }

    /// <summary>
    /// The fee of one leg execution under a fee schedule: commission (opening part capped per leg for
    /// equity/ETF/index options; futures options pay per contract both ways), clearing and exchange fees.
    /// </summary>
    /// <param name="settings">Fee schedule.</param>
    /// <param name="contract">The option.</param>
    /// <param name="quantity">Signed contracts executed.</param>
    /// <param name="heldBefore">Signed contracts held before the execution.</param>
    public static decimal Fee(VenueSettings settings, in OptionContract contract, int quantity, int heldBefore)
    {
        ArgumentNullException.ThrowIfNull(settings);
        int contracts = Math.Abs(quantity);
        int closing = heldBefore != 0 && Math.Sign(heldBefore) != Math.Sign(quantity) ? Math.Min(contracts, Math.Abs(heldBefore)) : 0;
        int opening = contracts - closing;
        var assetClass = InstrumentCatalogue.TryGet(contract.Root, out var root) ? root.AssetClass
            : contract.Settlement.Delivery == DeliveryKind.Future ? AssetClass.Future : AssetClass.Equity;
        switch (assetClass)
        {
            case AssetClass.Future:
            {
                bool micro = root.IsMicro;
                decimal perContract = (micro ? settings.MicroFuturesOptionPerContract : settings.FuturesOptionPerContract)
                    + (micro ? settings.MicroFuturesOptionExchangePerContract : settings.FuturesOptionExchangePerContract);
                return perContract * contracts;
            }

            case AssetClass.Index:
            {
                decimal open = Math.Min(settings.IndexOptionOpenPerContract * opening, settings.OptionCommissionCapPerLeg);
                decimal close = settings.IndexOptionClosePerContract * closing;
                decimal exchange = settings.IndexExchangeFeePerContract.TryGetValue(contract.Root.Symbol, out decimal e) ? e : 0m;
                return open + close + ((settings.OptionClearingPerContract + exchange) * contracts);
            }

            default:
            {
                decimal open = Math.Min(settings.EquityOptionOpenPerContract * opening, settings.OptionCommissionCapPerLeg);
                decimal close = settings.EquityOptionClosePerContract * closing;
                return open + close + (settings.OptionClearingPerContract * contracts);
            }
        }
    }

    /// <summary>The combo's mid and natural per unit for the order's direction, from the legs' quotes.</summary>
    /// <returns>False when a leg cannot be quoted or a leg to buy has no offer.</returns>
    private bool TryPrice(VenueOrder o, out double mid, out double natural)
    {
        var s = o.Request.Structure;
        int direction = Math.Sign(o.Request.Quantity);
        mid = 0.0;
        natural = 0.0;
        for (int i = 0; i < s.Count; i++)
        {
            var leg = s[i];
            if (!_quotes(leg.Contract, out Quote q))
            {
                return false;
            }

            bool buying = leg.Ratio * direction > 0;
            double ask = q.Ask > 0.0 && double.IsFinite(q.Ask) ? q.Ask : double.NaN;
            double bid = q.Bid > 0.0 && double.IsFinite(q.Bid) ? q.Bid : 0.0;
            if (double.IsNaN(ask) && buying)
            {
                return false;
            }

            double legMid = double.IsNaN(ask) ? bid : bid > 0.0 ? 0.5 * (bid + Math.Max(ask, bid)) : 0.5 * ask;
            double side = buying ? ask : bid;
            _legMid[i] = legMid;
            _legSide[i] = side;
            mid += leg.Ratio * legMid;
            natural += leg.Ratio * side;
        }

        return true;
    }

    private bool TryFill(VenueOrder o, DateTime now)
    {
        if (!o.IsWorking || !TryPrice(o, out double mid, out double natural))
        {
            return false;
        }

        bool buyingCombo = o.Request.Quantity > 0;
        double limit = (double)o.LimitPrice;
        double span = buyingCombo ? natural - mid : mid - natural;
        double reach = buyingCombo ? limit - mid : mid - limit;
        const double epsilon = 1e-9;
        double a;
        if (buyingCombo ? limit >= natural - epsilon : limit <= natural + epsilon)
        {
            a = 1.0;
        }
        else if (span <= epsilon || reach <= epsilon)
        {
            return false;
        }
        else
        {
            a = reach / span;
            double probability = Math.Pow(a, _settings.PassiveFillExponent);
            if (Draw(o.Id.Value, now) >= probability)
            {
                return false;
            }
        }

        Execute(o, now, a);
        return true;
    }

    private void Execute(VenueOrder o, DateTime now, double a)
    {
        var r = o.Request;
        var s = r.Structure;
        int units = Math.Abs(r.Quantity);
        decimal net = 0m;
        decimal fees = 0m;
        for (int i = 0; i < s.Count; i++)
        {
            var leg = s[i];
            double price = a >= 1.0 ? _legSide[i] : _legMid[i] + (a * (_legSide[i] - _legMid[i]));
            decimal px = Math.Round((decimal)Math.Max(price, 0.0), 4, MidpointRounding.AwayFromZero);
            int quantity = leg.Ratio * r.Quantity;
            int held = Held(leg.Contract);
            decimal fee = Fee(_settings, leg.Contract, quantity, held);
            Hold(leg.Contract, quantity);
            HoldIn(r.Position, leg.Contract, quantity);
            net += leg.Ratio * px;
            fees += fee;
            string execution = string.Create(CultureInfo.InvariantCulture, $"X{++_executions}");
            Enqueue(new LegFill(o.Id, r.ClientId, leg.Contract, quantity, px, fee, now, execution));
        }

        o.FillPrice = net;
        o.Fees += fees;
        o.FilledUnits = units;
        TotalFees += fees;
        Finish(o, BrokerOrderStatus.Filled, now, null);
    }

    private void Finish(VenueOrder o, BrokerOrderStatus status, DateTime now, string? message)
    {
        o.Status = status;
        o.FinishedAt = now;
        _working.Remove(o);
        Enqueue(new OrderUpdate(o.Id, o.Request.ClientId, status, now, o.FilledUnits, o.LimitPrice, message));
    }

    private void Hold(in OptionContract contract, int quantity)
    {
        int held = Held(contract) + quantity;
        if (held == 0)
        {
            _inventory.Remove(contract);
        }
        else
        {
            _inventory[contract] = held;
        }
    }

    private void HoldIn(PositionId position, in OptionContract contract, int quantity)
    {
        if (position.IsEmpty)
        {
            return;
        }

        var key = (position.Value, contract);
        int held = (_byPosition.TryGetValue(key, out int h) ? h : 0) + quantity;
        _byPosition[key] = held; // a flat entry stays: the contract was held (see ClosesBeyondPosition)
    }

    /// <summary>True when a leg would trade a contract its position holds (or held) on the other side beyond
    /// what is left: flipping it through zero, or "closing" it again once flat. A broker refuses such a
    /// buy-to-close / sell-to-close; opening new contracts (rolls) is never refused.</summary>
    private bool ClosesBeyondPosition(in ComboOrderRequest request)
    {
        if (request.Position.IsEmpty)
        {
            return false;
        }

        var s = request.Structure;
        for (int i = 0; i < s.Count; i++)
        {
            var leg = s[i];
            if (!_byPosition.TryGetValue((request.Position.Value, leg.Contract), out int held))
            {
                continue;
            }

            int quantity = leg.Ratio * request.Quantity;
            if (held == 0 || (Math.Sign(held) != Math.Sign(quantity) && Math.Abs(quantity) > Math.Abs(held)))
            {
                return true;
            }
        }

        return false;
    }

    private void Enqueue(in OrderUpdate update) => _events.Enqueue(new VenueEvent(VenueEventKind.Update, ++_sequence, update, default));

    private void Enqueue(in LegFill fill) => _events.Enqueue(new VenueEvent(VenueEventKind.Fill, ++_sequence, default, fill));

    /// <summary>A uniform number in [0, 1) from (seed, order, minute): deterministic, order-independent.</summary>
    private double Draw(long order, DateTime now)
    {
        ulong x = _settings.FillSeed ^ ((ulong)order * 0x9E3779B97F4A7C15UL) ^ ((ulong)now.Ticks * 0xC2B2AE3D27D4EB4FUL);
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }
}

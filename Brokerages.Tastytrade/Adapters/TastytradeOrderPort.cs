using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Brokerages.Tastytrade.Api;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Http;
using TomKing.Brokerages.Tastytrade.Streaming.Account;
using TomKing.Brokerages.Tastytrade.Symbology;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Adapters;

/// <summary>
/// The strategy core's <see cref="IOrderPort"/> over Tastytrade. <see cref="Submit"/>, <see cref="Replace"/> and
/// <see cref="Cancel"/> map and queue at once (no I/O, no exceptions for venue trouble); one background sender works
/// the queue, in order per order. Outcomes reach the host through <see cref="Pump"/> on its own thread, in arrival
/// order: the account streamer's order events through an <see cref="OrderEventBridge"/>, and the port's own reports.
/// </summary>
/// <remarks>
/// <para>Submit outcomes. 2xx: the broker id is mapped (and <see cref="TastytradeOrderPortOptions.Acknowledged"/>
/// called). 4xx: <see cref="BrokerOrderStatus.Rejected"/> with the broker's message. 429 or a failed token refresh:
/// nothing was processed, the POST is sent again after a backoff (Retry-After honoured). Timeout, 5xx or a transport
/// failure: the order MAY exist. It is reported <see cref="BrokerOrderStatus.Unknown"/> (never rejected, never re-POSTed
/// blindly); after <see cref="TastytradeOrderPortOptions.ReconcileDelay"/> the sender looks its external identifier up
/// among the day's orders (<see cref="TastytradeRestClient.ReconcileOrderAsync"/>), with bounded backoff while that
/// fails, until it is found (mapped, acknowledged, and its current status reported) or proven absent; an absent order
/// is POSTed again with the same external identifier (at most <see cref="TastytradeOrderPortOptions.MaxPostsPerOrder"/>
/// POSTs in all), unless the host cancelled it meanwhile (then it is reported cancelled).</para>
/// <para>Replace and cancel wait until the broker id is known. A replace gives a new broker id mapped to the same
/// <see cref="OrderId"/>; if its outcome is unknown the original order is read: a <c>replacing-order-id</c> is adopted,
/// a still-working original is replaced again. A refused replace or cancel (4xx) is
/// <see cref="BrokerOrderStatus.RequestRefused"/>; a cancel that keeps failing transiently is retried with backoff.</para>
/// <para>Limit prices in reports follow <see cref="ComboOrderRequest"/>'s convention (the bridge reports the traded
/// price, debit positive; the port turns it back by the order's quantity sign).</para>
/// </remarks>
public sealed class TastytradeOrderPort : IOrderPort, IAsyncDisposable
{
    private readonly TastytradeRestClient _rest;
    private readonly string _account;
    private readonly Func<OptionContract, int> _heldQuantity;
    private readonly AccountStreamerClient? _streamer;
    private readonly TastytradeOrderPortOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly LegSymbolResolver _legSymbols;
    private readonly OrderEventBridge _bridge;
    private readonly SignedLimitSink _signedSink;
    private readonly Channel<Signal> _signals = Channel.CreateUnbounded<Signal>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly ConcurrentDictionary<string, Entry> _byExternal = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, Entry> _byBroker = new();
    private readonly ConcurrentDictionary<string, OptionContract> _contractsBySymbol = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<OptionContract, LegSymbol> _symbolsByContract = new();
    private readonly ConcurrentQueue<Item> _queue = new();
    private readonly Lock _queueGate = new();
    private readonly Lock _trackerGate = new();
    private readonly OrderTracker? _ownTracker;
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _sender;
    private long _nextOrderId;
    private long _posts;
    private long _resubmits;
    private long _reconciles;
    private int _disposed;

    /// <summary>Creates the port and starts its sender.</summary>
    /// <param name="rest">The REST client (its token source, rate limit and idempotent retries are used as they are).</param>
    /// <param name="accountNumber">The account orders go to.</param>
    /// <param name="heldQuantity">Signed contracts held now, per contract (the host's portfolio); called on the
    /// caller's thread inside <see cref="Submit"/> to choose open/close actions.</param>
    /// <param name="streamer">The account streamer whose events <see cref="Pump"/> drains (null: only the port's own
    /// reports and the orders its REST calls return). Start it yourself; give it <see cref="Reconciler"/>.</param>
    /// <param name="options">Settings and host hooks.</param>
    /// <param name="logger">Logger.</param>
    public TastytradeOrderPort(
        TastytradeRestClient rest,
        string accountNumber,
        Func<OptionContract, int> heldQuantity,
        AccountStreamerClient? streamer = null,
        TastytradeOrderPortOptions? options = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountNumber);
        ArgumentNullException.ThrowIfNull(heldQuantity);
        _rest = rest;
        _account = accountNumber;
        _heldQuantity = heldQuantity;
        _streamer = streamer;
        _options = options ?? new TastytradeOrderPortOptions();
        _logger = logger ?? NullLogger.Instance;
        _time = _options.Time ?? TimeProvider.System;
        var futureOptions = _options.FutureOptionSymbols;
        LegSymbolResolver resolve = _options.LegSymbols ?? ((in OptionContract c, out LegSymbol s, out string? why) => ComboOrderMapping.TryLegSymbol(c, futureOptions, out s, out why));
        _legSymbols = (in OptionContract c, out LegSymbol s, out string? why) =>
        {
            why = null;
            if (_symbolsByContract.TryGetValue(c, out s))
            {
                return true;
            }

            if (!resolve(c, out s, out why))
            {
                return false;
            }

            _symbolsByContract.TryAdd(c, s);
            return true;
        };
        _ownTracker = streamer is null ? new OrderTracker() : null;
        _bridge = new OrderEventBridge(null, ResolveOrder, ResolveContract);
        _signedSink = new SignedLimitSink(this);
        _sender = Task.Run(() => RunAsync(_cts.Token));
    }

    /// <summary>Order POSTs sent (each POST after the first for an order followed a proof of absence).</summary>
    public long Posts => Interlocked.Read(ref _posts);

    /// <summary>POSTs sent again after reconciliation proved the previous one absent.</summary>
    public long Resubmits => Interlocked.Read(ref _resubmits);

    /// <summary>Reconciliations by external identifier completed.</summary>
    public long Reconciliations => Interlocked.Read(ref _reconciles);

    /// <summary>Reports waiting for <see cref="Pump"/> (not counting streamer events not yet drained).</summary>
    public int QueuedReports => _queue.Count;

    /// <summary>Streamer events for orders the port does not know (another application's orders).</summary>
    public long ForeignOrderEvents => _bridge.UnknownOrders;

    /// <summary>The AccountReconciler to give the account streamer: the day's orders and the positions over REST.</summary>
    public static AccountReconciler Reconciler(TastytradeRestClient rest, string accountNumber)
    {
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountNumber);
        return async ct =>
        {
            var orders = await rest.GetLiveOrdersAsync(accountNumber, ct).ConfigureAwait(false);
            var positions = await rest.GetPositionsAsync(accountNumber, ct).ConfigureAwait(false);
            return new AccountSnapshot(orders, positions);
        };
    }

    /// <summary>The external identifier the port sends for a client order id.</summary>
    public string ExternalIdOf(ClientOrderId clientId) => _options.ExternalIdPrefix + clientId.ToString();

    /// <summary>The client order id in an external identifier carrying this port's prefix.</summary>
    public bool TryParseExternalId(string? externalIdentifier, out ClientOrderId clientId)
    {
        clientId = default;
        string prefix = _options.ExternalIdPrefix + "C";
        if (externalIdentifier is null || !externalIdentifier.StartsWith(prefix, StringComparison.Ordinal) ||
            !long.TryParse(externalIdentifier.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long value))
        {
            return false;
        }

        clientId = new ClientOrderId(value);
        return true;
    }

    /// <summary>The current broker order id of an order, once known.</summary>
    public bool TryGetBrokerOrderId(OrderId order, out long brokerOrderId)
    {
        brokerOrderId = 0;
        if (_entries.TryGetValue(order.Value, out var e) && Volatile.Read(ref e.BrokerId) is long id and > 0L)
        {
            brokerOrderId = id;
            return true;
        }

        return false;
    }

    /// <inheritdoc />
    /// <remarks>Maps the order now (open/close from <c>heldQuantity</c>); a request that cannot be sent as asked
    /// (crossing through zero, an unnamed contract) is reported rejected with the reason through <see cref="Pump"/>.
    /// A client order id already submitted to this port returns the existing handle and sends nothing.</remarks>
    public OrderId Submit(in ComboOrderRequest request)
    {
        string ext = ExternalIdOf(request.ClientId);
        if (_byExternal.TryGetValue(ext, out var known))
        {
            return known.Order;
        }

        var order = new OrderId(Interlocked.Increment(ref _nextOrderId));
        bool mapped = ComboOrderMapping.TryMap(request, ext, _heldQuantity, _legSymbols, _options.StrictPositionEffect, out var wire, out var symbols, out string? reason);
        var entry = new Entry(order, request, ext, wire);
        if (!_byExternal.TryAdd(ext, entry))
        {
            return _byExternal[ext].Order;
        }

        _entries[order.Value] = entry;
        if (!mapped)
        {
            entry.Closed = true;
            Publish(new UpdateItem(Report(entry, BrokerOrderStatus.Rejected, "not sent: " + reason)));
            return order;
        }

        for (int i = 0; i < symbols.Length; i++)
        {
            _contractsBySymbol.TryAdd(symbols[i].Symbol, request.Structure[i].Contract);
        }

        Enqueue(entry, new SubmitOp());
        return order;
    }

    /// <inheritdoc />
    public void Replace(OrderId order, decimal newLimitPrice)
    {
        if (_entries.TryGetValue(order.Value, out var e))
        {
            Enqueue(e, new ReplaceOp(newLimitPrice));
        }
    }

    /// <inheritdoc />
    public void Cancel(OrderId order)
    {
        if (_entries.TryGetValue(order.Value, out var e))
        {
            Enqueue(e, new CancelOp());
        }
    }

    /// <summary>Takes over a broker order placed before a restart (found in <see cref="SnapshotAsync(DateOnly, CancellationToken)"/>), so its events
    /// resolve and <see cref="Replace"/>/<see cref="Cancel"/> work; returns its new handle (or the existing one).</summary>
    /// <param name="request">The journaled request it was placed for (quantity sign, legs, limit).</param>
    /// <param name="brokerOrderId">Its current broker id.</param>
    public OrderId Adopt(in ComboOrderRequest request, long brokerOrderId)
    {
        string ext = ExternalIdOf(request.ClientId);
        if (_byExternal.TryGetValue(ext, out var known))
        {
            return known.Order;
        }

        var order = new OrderId(Interlocked.Increment(ref _nextOrderId));
        var entry = new Entry(order, request, ext, null) { BrokerId = brokerOrderId };
        if (!_byExternal.TryAdd(ext, entry))
        {
            return _byExternal[ext].Order;
        }

        _entries[order.Value] = entry;
        _byBroker[brokerOrderId] = entry;
        for (int i = 0; i < request.Structure.Count; i++)
        {
            var contract = request.Structure[i].Contract;
            if (_legSymbols(contract, out var symbol, out _))
            {
                _contractsBySymbol.TryAdd(symbol.Symbol, contract);
            }
        }

        return order;
    }

    /// <summary>Delivers up to <paramref name="max"/> reports to <paramref name="sink"/> in arrival order: the
    /// streamer's fills (before the status they complete) and statuses through the bridge, and the port's own reports
    /// (rejections, unknown outcomes, refused requests, reconciled statuses). Call it on the host's kernel thread.</summary>
    /// <returns>How many reports were taken from the queue.</returns>
    public int Pump(IOrderEventSink sink, int max = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (_queueGate)
        {
            DrainStreamerLocked();
        }

        _signedSink.Target = sink;
        int n = 0;
        while (n < max && _queue.TryDequeue(out var item))
        {
            Deliver(item, sink);
            n++;
        }

        return n;
    }

    /// <summary>Reads the account as the broker has it: open and today's orders, orders received since
    /// <paramref name="since"/> (fills of orders that completed while the host was down) and positions.</summary>
    /// <exception cref="TastytradeApiException">The broker refused a read.</exception>
    /// <exception cref="TastytradeDisconnectedException">The broker could not be reached (after the client's retries).</exception>
    public Task<BrokerAccountSnapshot> SnapshotAsync(DateOnly since, CancellationToken cancellationToken = default) =>
        SnapshotAsync(since, null, cancellationToken);

    /// <summary>As <see cref="SnapshotAsync(DateOnly, CancellationToken)"/>, with the journaled request quantities of
    /// orders not mapped in this run (after a restart, before <see cref="Adopt"/>), so their
    /// <see cref="BrokerOrderSnapshot.LimitPrice"/> is in the request's sign like the orders this port placed.</summary>
    /// <param name="since">First day of the order history to read.</param>
    /// <param name="requestQuantityOf">The signed quantity journaled for a client order id; null when unknown.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="TastytradeApiException">The broker refused a read.</exception>
    /// <exception cref="TastytradeDisconnectedException">The broker could not be reached (after the client's retries).</exception>
    public async Task<BrokerAccountSnapshot> SnapshotAsync(DateOnly since, Func<ClientOrderId, int?>? requestQuantityOf, CancellationToken cancellationToken = default)
    {
        var byId = new Dictionary<long, Order>();
        var sequence = new List<long>();
        void Add(Order o)
        {
            if (o.Id is long id)
            {
                if (!byId.ContainsKey(id))
                {
                    sequence.Add(id);
                }

                byId[id] = o;
            }
        }

        foreach (var o in await _rest.GetLiveOrdersAsync(_account, cancellationToken).ConfigureAwait(false))
        {
            Add(o);
        }

        const int perPage = 200;
        for (int page = 0; page < 1000; page++)
        {
            var env = await _rest.SearchOrdersAsync(_account, new OrderSearch { StartDate = since, PerPage = perPage, PageOffset = page, Sort = "Asc" }, cancellationToken).ConfigureAwait(false);
            var items = env.Data?.Items ?? [];
            foreach (var o in items)
            {
                if (o.Id is long id && !byId.ContainsKey(id))
                {
                    Add(o);
                }
            }

            if (items.Count < perPage || (env.Pagination is { } p && page + 1 >= p.TotalPages))
            {
                break;
            }
        }

        var positions = await _rest.GetPositionsAsync(_account, cancellationToken).ConfigureAwait(false);
        var orders = new List<BrokerOrderSnapshot>(sequence.Count);
        foreach (long id in sequence)
        {
            orders.Add(SnapshotOf(byId[id], requestQuantityOf));
        }

        var held = new List<BrokerPositionSnapshot>(positions.Count);
        foreach (var p in positions)
        {
            string symbol = p.Symbol ?? string.Empty;
            OptionContract? contract = p.InstrumentType is InstrumentTypes.EquityOption or InstrumentTypes.FutureOption && ResolveContract(symbol, out var c) ? c : null;
            int quantity = (int)p.Quantity * (p.QuantityDirection == "Short" ? -1 : 1);
            held.Add(new BrokerPositionSnapshot(symbol, p.InstrumentType, contract, quantity, p.AverageOpenPrice ?? 0m, p.Multiplier));
        }

        return new BrokerAccountSnapshot(orders, held);
    }

    /// <summary>Stops the sender (work still queued is abandoned: those orders stay unknown until the host reconciles).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _cts.CancelAsync().ConfigureAwait(false);
        _signals.Writer.TryComplete();
        try
        {
            await _sender.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _cts.Dispose();
    }

    // ---------------- mapping of broker orders back to the pipeline ----------------

    private bool ResolveOrder(long brokerOrderId, Order order, out OrderId orderId, out ClientOrderId clientId)
    {
        if (!_byBroker.TryGetValue(brokerOrderId, out var e))
        {
            if (order.ExternalIdentifier is { } ext && _byExternal.TryGetValue(ext, out e))
            {
                _byBroker.TryAdd(brokerOrderId, e);
            }
            else if (order.ReplacesOrderId is long replaced && _byBroker.TryGetValue(replaced, out e))
            {
                _byBroker.TryAdd(brokerOrderId, e);
            }
        }

        if (e is null)
        {
            orderId = default;
            clientId = default;
            return false;
        }

        orderId = e.Order;
        clientId = e.Request.ClientId;
        return true;
    }

    private bool ResolveContract(string symbol, out OptionContract contract)
    {
        if (_contractsBySymbol.TryGetValue(symbol, out contract))
        {
            return true;
        }

        if (_options.LegContracts is { } custom)
        {
            return custom(symbol, out contract);
        }

        return OptionContractSymbols.TryFromOrderSymbol(symbol, out contract);
    }

    private int QuantitySign(OrderId order) => _entries.TryGetValue(order.Value, out var e) && e.Request.Quantity < 0 ? -1 : 1;

    private BrokerOrderSnapshot SnapshotOf(Order o, Func<ClientOrderId, int?>? requestQuantityOf)
    {
        long id = o.Id!.Value;
        ClientOrderId? client = TryParseExternalId(o.ExternalIdentifier, out var c) ? c : null;
        OrderId? handle = ResolveKnown(id, o, out var known) ? known : null;
        var fills = new List<BrokerLegFill>();
        foreach (var leg in o.Legs)
        {
            string symbol = leg.Symbol ?? string.Empty;
            OptionContract? contract = ResolveContract(symbol, out var k) ? k : null;
            int sign = OrderActions.IsBuy(leg.Action) ? 1 : -1;
            foreach (var f in leg.Fills)
            {
                fills.Add(new BrokerLegFill(f.FillId ?? f.ExtExecId ?? string.Empty, symbol, contract, sign * (int)f.Quantity, f.FillPrice ?? 0m,
                    UsEastern.FromUtc((f.FilledAt ?? DateTimeOffset.UnixEpoch).UtcDateTime)));
            }
        }

        // Tastytrade sends the price unsigned with a Debit/Credit effect, whoever placed the order.
        decimal traded = o.Price is decimal p ? (o.PriceEffect == PriceEffects.Credit ? -Math.Abs(p) : Math.Abs(p)) : 0m;
        int? quantitySign = handle is { } h ? QuantitySign(h)
            : client is { } journaledClient && requestQuantityOf?.Invoke(journaledClient) is int q && q != 0 ? Math.Sign(q)
            : null;
        decimal limit = quantitySign < 0 ? -traded : traded;
        var status = OrderEventBridge.MapStatus(o.Status, o, FilledUnitsOf(o));
        return new BrokerOrderSnapshot(id, o.ExternalIdentifier, client, handle, o.Status ?? string.Empty, status, FilledUnitsOf(o), (int)(o.Size ?? 0m),
            limit, traded, o.ReplacesOrderId, o.ReplacingOrderId, fills, o);
    }

    private bool ResolveKnown(long brokerOrderId, Order order, out OrderId orderId)
    {
        bool found = _byBroker.TryGetValue(brokerOrderId, out var e) ||
            (order.ExternalIdentifier is { } ext && _byExternal.TryGetValue(ext, out e));
        orderId = found ? e!.Order : default;
        return found;
    }

    /// <summary>Units filled: the least-filled leg's filled contracts over its contracts per unit.</summary>
    internal static int FilledUnitsOf(Order order)
    {
        if (order.Legs.Count == 0)
        {
            return 0;
        }

        decimal size = order.Size is > 0m ? order.Size.Value : 1m;
        decimal units = decimal.MaxValue;
        foreach (var leg in order.Legs)
        {
            decimal legQty = leg.Quantity is > 0m ? leg.Quantity.Value : size;
            decimal filled = 0m;
            foreach (var f in leg.Fills)
            {
                filled += f.Quantity;
            }

            if (leg.Quantity is decimal q && leg.RemainingQuantity is decimal r)
            {
                filled = Math.Max(filled, q - r);
            }

            units = Math.Min(units, Math.Floor(filled * size / legQty));
        }

        return (int)Math.Max(0m, units);
    }

    // ---------------- report queue ----------------

    private void Publish(Item item)
    {
        lock (_queueGate)
        {
            DrainStreamerLocked();
            _queue.Enqueue(item);
        }
    }

    private void DrainStreamerLocked()
    {
        if (_streamer is null)
        {
            return;
        }

        while (_streamer.TryRead(out var e))
        {
            _queue.Enqueue(new StreamItem(e!));
        }
    }

    /// <summary>Runs a broker order (an ack, a reconciled or replaced order, a cancel answer) through the same
    /// tracker as the streamer's notifications, so only what is new is reported and fills stay unique.</summary>
    private void ApplyBrokerOrder(Order order)
    {
        if (_streamer is not null)
        {
            _streamer.ApplyOrder(order);
            return;
        }

        var output = new List<AccountStreamEvent>();
        lock (_trackerGate)
        {
            _ownTracker!.Apply(order, output);
            foreach (var e in output)
            {
                Publish(new StreamItem(e));
            }
        }
    }

    private void Deliver(Item item, IOrderEventSink sink)
    {
        switch (item)
        {
            case UpdateItem u:
                sink.OnOrderUpdate(u.Update);
                break;
            case StreamItem { Event: OrderFillEvent or OrderStatusEvent } s:
                _bridge.Dispatch(s.Event, _signedSink);
                break;
            case StreamItem s:
                _options.AccountEvents?.Invoke(s.Event);
                break;
            case AckItem a:
                _options.Acknowledged?.Invoke(a.Ack);
                break;
            case ResyncItem r:
                _bridge.ForgetReported(r.BrokerOrderId);
                _bridge.Dispatch(new OrderStatusEvent(r.BrokerOrderId, r.Order.Status ?? string.Empty, FilledUnitsOf(r.Order), r.Order), _signedSink);
                break;
            default:
                break;
        }
    }

    /// <summary>The broker's words: the envelope's message and each nested error (code: message).</summary>
    private static string BrokerMessage(TastytradeApiException error)
    {
        if (error.ApiMessage is null)
        {
            return error.Message;
        }

        var text = new System.Text.StringBuilder(error.ApiMessage);
        foreach (var f in error.FieldErrors)
        {
            text.Append("; ").Append(f.Code ?? f.Domain).Append(": ").Append(f.Message ?? f.Reason);
        }

        return text.ToString();
    }

    private OrderUpdate Report(Entry e, BrokerOrderStatus status, string? message) =>
        new(e.Order, e.Request.ClientId, status, UsEastern.FromUtc(_time.GetUtcNow().UtcDateTime), 0, e.LimitPrice, message);

    // ---------------- the sender ----------------

    private void Enqueue(Entry e, Op op)
    {
        lock (e.Ops)
        {
            e.Ops.Enqueue(op);
        }

        _signals.Writer.TryWrite(new Signal(e, Timer: false));
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var reader = _signals.Reader;
        try
        {
            while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (reader.TryRead(out var signal))
                {
                    var e = signal.Entry;
                    if (signal.Timer)
                    {
                        e.Waiting = false;
                    }
                    else if (e.Waiting)
                    {
                        continue;
                    }

                    try
                    {
                        await ProcessAsync(e, ct).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested)
                    {
                        return;
                    }
#pragma warning disable CA1031 // the sender must survive anything one order does; the order is retried later
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        OrderPortLog.SenderError(_logger, e.ExternalId, ex.GetType().Name);
                        Schedule(e, _options.MaxBackoff);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task ProcessAsync(Entry e, CancellationToken ct)
    {
        while (true)
        {
            Op? op;
            lock (e.Ops)
            {
                if (!e.Ops.TryPeek(out op))
                {
                    return;
                }
            }

            TimeSpan? again = op switch
            {
                SubmitOp s => await SubmitStepAsync(e, s, ct).ConfigureAwait(false),
                ReplaceOp r => await ReplaceStepAsync(e, r, ct).ConfigureAwait(false),
                CancelOp c => await CancelStepAsync(e, c, ct).ConfigureAwait(false),
                _ => null,
            };
            if (again is { } delay)
            {
                if (delay > TimeSpan.Zero)
                {
                    Schedule(e, delay);
                    return;
                }

                continue;
            }

            lock (e.Ops)
            {
                if (e.Ops.TryPeek(out var head) && ReferenceEquals(head, op))
                {
                    e.Ops.Dequeue();
                }
            }
        }
    }

    private void Schedule(Entry e, TimeSpan delay)
    {
        e.Waiting = true;
        _ = SignalLaterAsync(e, delay);
    }

    private async Task SignalLaterAsync(Entry e, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _cts.Token).ConfigureAwait(false);
            _signals.Writer.TryWrite(new Signal(e, Timer: true));
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private TimeSpan Backoff(int attempt, TimeSpan? serverAsked = null)
    {
        double ms = _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 16));
        if (serverAsked is { } asked)
        {
            ms = Math.Max(ms, asked.TotalMilliseconds);
        }

        return TimeSpan.FromMilliseconds(Math.Max(1.0, Math.Min(ms, _options.MaxBackoff.TotalMilliseconds)));
    }

    private static bool CancelQueued(Entry e)
    {
        lock (e.Ops)
        {
            foreach (var op in e.Ops)
            {
                if (op is CancelOp)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void Close(Entry e, BrokerOrderStatus status, string message)
    {
        e.Closed = true;
        lock (e.Ops)
        {
            e.Ops.Clear();
        }

        Publish(new UpdateItem(Report(e, status, message)));
    }

    private async ValueTask<TimeSpan?> SubmitStepAsync(Entry e, SubmitOp s, CancellationToken ct)
    {
        if (e.Closed)
        {
            return null;
        }

        if (s.Reconciling)
        {
            return await ReconcileStepAsync(e, s, ct).ConfigureAwait(false);
        }

        if (CancelQueued(e))
        {
            Close(e, BrokerOrderStatus.Cancelled, e.Posts == 0 ? "cancelled before it was sent" : "cancelled before it was sent again (absent at the broker)");
            return null;
        }

        if (e.Posts >= _options.MaxPostsPerOrder)
        {
            Close(e, BrokerOrderStatus.Rejected, string.Create(CultureInfo.InvariantCulture, $"not placed: absent at the broker after {e.Posts} POSTs"));
            return null;
        }

        if (_options.BeforeSend is { } hook)
        {
            try
            {
                await hook(e.Request, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Close(e, BrokerOrderStatus.Rejected, "not sent: " + ex.Message);
                return null;
            }
        }

        e.Posts++;
        Interlocked.Increment(ref _posts);
        var result = await _rest.PlaceOrderAsync(_account, e.Wire!, ct).ConfigureAwait(false);
        switch (result.Status)
        {
            case OrderSubmitStatus.Accepted when result.Response?.Order is { Id: long } placed:
                OnBrokerOrder(e, placed, null, resync: false);
                return null;
            case OrderSubmitStatus.Rejected:
                Close(e, BrokerOrderStatus.Rejected, result.Error is { } rejected ? BrokerMessage(rejected) : "rejected");
                return null;
            case OrderSubmitStatus.NotSent:
                e.Posts--;
                Interlocked.Decrement(ref _posts);
                s.Attempts++;
                var retry = Backoff(s.Attempts, result.Error?.RetryAfter);
                OrderPortLog.StepRetry(_logger, e.ExternalId, "submit", result.Error is { } err ? ((int)err.StatusCode).ToString(CultureInfo.InvariantCulture) : "not sent", retry.TotalMilliseconds);
                return retry;
            default:
                string reason = result.Cause switch
                {
                    TastytradeApiException api => ((int)api.StatusCode).ToString(CultureInfo.InvariantCulture),
                    TastytradeDisconnectedException d => d.Kind.ToString(),
                    _ => "no order in the answer",
                };
                OrderPortLog.SubmitUnknown(_logger, e.ExternalId, reason);
                Publish(new UpdateItem(Report(e, BrokerOrderStatus.Unknown, "submit outcome unknown (" + reason + "); reconciling")));
                s.Reconciling = true;
                s.Attempts = 0;
                return _options.ReconcileDelay > TimeSpan.Zero ? _options.ReconcileDelay : TimeSpan.FromTicks(1);
        }
    }

    private async ValueTask<TimeSpan?> ReconcileStepAsync(Entry e, SubmitOp s, CancellationToken ct)
    {
        OrderReconciliation found;
        try
        {
            found = await _rest.ReconcileOrderAsync(_account, e.ExternalId, null, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TastytradeApiException or TastytradeDisconnectedException)
        {
            s.Attempts++;
            var retry = Backoff(s.Attempts, (ex as TastytradeApiException)?.RetryAfter);
            OrderPortLog.StepRetry(_logger, e.ExternalId, "reconcile", ex.GetType().Name, retry.TotalMilliseconds);
            return retry;
        }

        Interlocked.Increment(ref _reconciles);
        if (found.Found && found.Order is { Id: long id } order)
        {
            OrderPortLog.Found(_logger, e.ExternalId, id, order.Status ?? "?");
            s.Reconciling = false;
            OnBrokerOrder(e, order, null, resync: true);
            return null;
        }

        // Proven absent: the broker never created it. Send it again (same external identifier), or honour a cancel.
        s.Reconciling = false;
        s.Attempts = 0;
        if (!CancelQueued(e) && e.Posts < _options.MaxPostsPerOrder)
        {
            Interlocked.Increment(ref _resubmits);
            OrderPortLog.Resubmitting(_logger, e.ExternalId, e.Posts);
        }

        return TimeSpan.Zero;
    }

    private void OnBrokerOrder(Entry e, Order order, long? replaces, bool resync)
    {
        long id = order.Id!.Value;
        _byBroker[id] = e;
        Volatile.Write(ref e.BrokerId, id);
        Publish(new AckItem(new OrderAcknowledgement(e.Request.ClientId, e.Order, id, e.ExternalId, replaces)));
        ApplyBrokerOrder(order);
        if (resync)
        {
            Publish(new ResyncItem(id, order));
        }
    }

    private async ValueTask<TimeSpan?> ReplaceStepAsync(Entry e, ReplaceOp r, CancellationToken ct)
    {
        long current = Volatile.Read(ref e.BrokerId);
        if (e.Closed || current <= 0)
        {
            return null;
        }

        if (r.Checking)
        {
            return await CheckReplaceAsync(e, r, current, ct).ConfigureAwait(false);
        }

        if (r.Attempts >= _options.MaxReplaceAttempts)
        {
            Publish(new UpdateItem(Report(e, BrokerOrderStatus.RequestRefused, "replace not confirmed after repeated unknown outcomes")));
            return null;
        }

        r.Attempts++;
        var (price, effect) = ComboOrderMapping.PriceOf(r.LimitPrice, e.Request.Quantity);
        var body = new OrderRequest { OrderType = OrderTypes.Limit, TimeInForce = TimeInForces.Day, Price = price, PriceEffect = effect, ExternalIdentifier = e.ExternalId };
        try
        {
            var replacement = await _rest.ReplaceOrderAsync(_account, current, body, ct).ConfigureAwait(false);
            if (replacement is { Id: long })
            {
                e.LimitPrice = r.LimitPrice;
                OnBrokerOrder(e, replacement, current, resync: false);
                return null;
            }
        }
        catch (TastytradeApiException ex) when (!ex.IsTransient)
        {
            Publish(new UpdateItem(Report(e, BrokerOrderStatus.RequestRefused, BrokerMessage(ex))));
            return null;
        }
        catch (Exception ex) when (ex is TastytradeApiException or TastytradeDisconnectedException)
        {
            OrderPortLog.StepRetry(_logger, e.ExternalId, "replace", ex.GetType().Name, _options.InitialBackoff.TotalMilliseconds);
        }

        r.Checking = true;
        return _options.InitialBackoff;
    }

    private async ValueTask<TimeSpan?> CheckReplaceAsync(Entry e, ReplaceOp r, long current, CancellationToken ct)
    {
        try
        {
            var original = await _rest.GetOrderAsync(_account, current, ct).ConfigureAwait(false);
            if (original?.ReplacingOrderId is long newId)
            {
                var replacement = await _rest.GetOrderAsync(_account, newId, ct).ConfigureAwait(false);
                if (replacement is { Id: long })
                {
                    e.LimitPrice = r.LimitPrice;
                    OnBrokerOrder(e, replacement, current, resync: true);
                    return null;
                }
            }
            else if (original is null || OrderStatuses.IsTerminal(original.Status))
            {
                Publish(new UpdateItem(Report(e, BrokerOrderStatus.RequestRefused, "replace not applied: the order is " + (original?.Status ?? "gone"))));
                return null;
            }
            else
            {
                r.Checking = false; // the original still works unreplaced: the replace never happened; send it again
                return TimeSpan.Zero;
            }
        }
        catch (TastytradeApiException ex) when (!ex.IsTransient)
        {
            Publish(new UpdateItem(Report(e, BrokerOrderStatus.RequestRefused, BrokerMessage(ex))));
            return null;
        }
        catch (Exception ex) when (ex is TastytradeApiException or TastytradeDisconnectedException)
        {
            OrderPortLog.StepRetry(_logger, e.ExternalId, "replace check", ex.GetType().Name, _options.InitialBackoff.TotalMilliseconds);
        }

        r.CheckAttempts++;
        return Backoff(r.CheckAttempts);
    }

    private async ValueTask<TimeSpan?> CancelStepAsync(Entry e, CancelOp c, CancellationToken ct)
    {
        long current = Volatile.Read(ref e.BrokerId);
        if (e.Closed || current <= 0)
        {
            return null;
        }

        try
        {
            var answer = await _rest.CancelOrderAsync(_account, current, ct).ConfigureAwait(false);
            if (answer is not null)
            {
                ApplyBrokerOrder(answer);
            }

            return null;
        }
        catch (TastytradeApiException ex) when (!ex.IsTransient)
        {
            Publish(new UpdateItem(Report(e, BrokerOrderStatus.RequestRefused, BrokerMessage(ex))));
            return null;
        }
        catch (Exception ex) when (ex is TastytradeApiException or TastytradeDisconnectedException)
        {
            c.Attempts++;
            var retry = Backoff(c.Attempts, (ex as TastytradeApiException)?.RetryAfter);
            OrderPortLog.StepRetry(_logger, e.ExternalId, "cancel", ex.GetType().Name, retry.TotalMilliseconds);
            return retry;
        }
    }

    // ---------------- types ----------------

    private readonly record struct Signal(Entry Entry, bool Timer);

    private abstract record Item;

    private sealed record UpdateItem(OrderUpdate Update) : Item;

    private sealed record StreamItem(AccountStreamEvent Event) : Item;

    private sealed record AckItem(OrderAcknowledgement Ack) : Item;

    private sealed record ResyncItem(long BrokerOrderId, Order Order) : Item;

    private abstract class Op
    {
        public int Attempts { get; set; }
    }

    private sealed class SubmitOp : Op
    {
        public bool Reconciling { get; set; }
    }

    private sealed class ReplaceOp(decimal limitPrice) : Op
    {
        public decimal LimitPrice { get; } = limitPrice;

        public bool Checking { get; set; }

        public int CheckAttempts { get; set; }
    }

    private sealed class CancelOp : Op;

    /// <summary>One order: fixed facts plus the sender's state (mutated on the sender only, except creation).</summary>
    private sealed class Entry(OrderId order, ComboOrderRequest request, string externalId, OrderRequest? wire)
    {
#pragma warning disable CA1051 // a plain field so Volatile can act on it; 0 until the broker id is known
        public long BrokerId;
#pragma warning restore CA1051

        public OrderId Order { get; } = order;

        public ComboOrderRequest Request { get; } = request;

        public string ExternalId { get; } = externalId;

        public OrderRequest? Wire { get; } = wire;

        public Queue<Op> Ops { get; } = new();

        public bool Waiting { get; set; }

        public bool Closed { get; set; }

        public int Posts { get; set; }

        public decimal LimitPrice { get; set; } = request.LimitPrice;
    }

    /// <summary>Passes the bridge's reports on, with the limit turned from the traded sign back into the request's.</summary>
    private sealed class SignedLimitSink(TastytradeOrderPort port) : IOrderEventSink
    {
        public IOrderEventSink? Target { get; set; }

        public void OnOrderUpdate(in OrderUpdate update)
        {
            if (port.QuantitySign(update.Order) < 0)
            {
                Target!.OnOrderUpdate(update with { LimitPrice = -update.LimitPrice });
            }
            else
            {
                Target!.OnOrderUpdate(update);
            }
        }

        public void OnFill(in LegFill fill) => Target!.OnFill(fill);
    }
}

using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Ports;

namespace TomKing.Engine.Live;

/// <summary>
/// The live runner's order port: journals every request before handing it to the venue's port — the order as
/// the pipeline registered it (<see cref="LiveRecordKind.Submitted"/>), cancels and ladder replaces — and keeps
/// the sequence number of each submission so the venue's sender can await its durability before it sends
/// (<see cref="WhenJournaled"/>). Kernel thread only (the durability wait runs on the sender's thread).
/// </summary>
public sealed class JournalingOrderPort : IOrderPort
{
    private readonly IOrderPort _inner;
    private readonly ILiveJournal _journal;
    private readonly Func<OrderTable> _orders;
    private readonly Func<DateTime> _utcNow;
    private readonly Dictionary<long, long> _clientByOrder = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, long> _submittedSequence = new();

    /// <summary>A port.</summary>
    /// <param name="inner">The venue's port.</param>
    /// <param name="journal">Where requests are journaled.</param>
    /// <param name="orders">The pipeline's order table (read for what the pipeline registered; a delegate because
    /// the port is built before the pipeline).</param>
    /// <param name="utcNow">Clock for record times.</param>
    public JournalingOrderPort(IOrderPort inner, ILiveJournal journal, Func<OrderTable> orders, Func<DateTime> utcNow)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(utcNow);
        _inner = inner;
        _journal = journal;
        _orders = orders;
        _utcNow = utcNow;
    }

    /// <summary>Orders submitted through this port.</summary>
    public long Submitted { get; private set; }

    /// <summary>Remembers the handle of an order restored from the journal (cancels and replaces name it).</summary>
    public void Adopt(ClientOrderId client, OrderId order) => _clientByOrder[order.Value] = client.Value;

    /// <inheritdoc />
    public OrderId Submit(in ComboOrderRequest request)
    {
        if (!_orders().TryGet(request.ClientId, out TrackedOrder tracked))
        {
            throw new InvalidOperationException($"Order {request.ClientId} reached the port without being registered by the pipeline.");
        }

        long sequence = _journal.Append(new LiveRecord(LiveRecordKind.Submitted, _utcNow()) { Order = tracked with { Order = default }, Client = request.ClientId });
        _submittedSequence[request.ClientId.Value] = sequence;
        OrderId order = _inner.Submit(in request);
        _clientByOrder[order.Value] = request.ClientId.Value;
        Submitted++;
        return order;
    }

    /// <inheritdoc />
    public void Cancel(OrderId order)
    {
        var client = ClientOf(order);
        _journal.Append(new LiveRecord(LiveRecordKind.CancelRequested, _utcNow()) { Client = client });
        _inner.Cancel(order);
    }

    /// <inheritdoc />
    public void Replace(OrderId order, decimal newLimitPrice)
    {
        var client = ClientOf(order);
        int steps = _orders().TryGet(client, out TrackedOrder tracked) ? tracked.StepsTaken : 0;
        _journal.Append(new LiveRecord(LiveRecordKind.ReplaceRequested, _utcNow()) { Client = client, LimitPrice = newLimitPrice, Steps = steps });
        _inner.Replace(order, newLimitPrice);
    }

    /// <summary>Completes when the submission of <paramref name="client"/> is on disk (the venue sender awaits it
    /// before sending). An order not submitted through this port completes at once.</summary>
    public Task WhenJournaled(ClientOrderId client, CancellationToken cancellationToken) =>
        _submittedSequence.TryRemove(client.Value, out long sequence) ? _journal.WhenDurable(sequence, cancellationToken) : Task.CompletedTask;

    private ClientOrderId ClientOf(OrderId order) =>
        _clientByOrder.TryGetValue(order.Value, out long client) ? new ClientOrderId(client) : default;
}

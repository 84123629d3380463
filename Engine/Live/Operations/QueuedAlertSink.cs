using System.Threading.Channels;

namespace TomKing.Engine.Live.Operations;

/// <summary>
/// An alert sink that delivers in the background: <see cref="Publish"/> only puts the alert in a bounded
/// queue (never blocks; a full queue drops the alert and counts it) and one background task delivers the
/// queue in order. Failures are logged and counted, never thrown to the publisher.
/// </summary>
public abstract class QueuedAlertSink : IAlertSink, IAsyncDisposable
{
    private readonly Channel<Alert> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private long _delivered;
    private long _failed;
    private long _dropped;
    private int _disposed;

    /// <summary>Starts the background delivery.</summary>
    /// <param name="name">The sink's name in logs ("webhook", "command").</param>
    /// <param name="capacity">Alerts that may wait; more are dropped.</param>
    /// <param name="log">Where delivery failures (and drops) are logged; none when null.</param>
    protected QueuedAlertSink(string name, int capacity, StructuredLog? log)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Name = name;
        Log = log;
        _queue = Channel.CreateBounded<Alert>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: a full queue refuses instead of waiting
            SingleReader = true,
            SingleWriter = false,
        });
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>The sink's name in logs.</summary>
    public string Name { get; }

    /// <summary>Alerts delivered.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Alerts whose delivery failed (after any retries).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Alerts dropped because the queue was full or the sink closed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The log for delivery outcomes.</summary>
    protected StructuredLog? Log { get; }

    /// <inheritdoc />
    public bool Publish(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (_queue.Writer.TryWrite(alert))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        Log?.Warn("alert.dropped", new LogField("sink", Name), new LogField("kind", alert.KindName), new LogField("subject", alert.Subject));
        return false;
    }

    /// <summary>Stops taking alerts, delivers what is queued within <paramref name="drainTimeout"/>, then
    /// cancels the delivery in progress. True when everything queued was attempted in time.</summary>
    public async Task<bool> CloseAsync(TimeSpan drainTimeout)
    {
        _queue.Writer.TryComplete();
        await _pump.WaitAsync(drainTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        bool drained = _pump.IsCompleted;
        if (!drained)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return drained;
    }

    /// <summary>Closes with a 5 s drain and releases the sink's resources.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await CloseAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _stop.Dispose();
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Delivers one alert; throws when it could not be delivered. Must honour
    /// <paramref name="cancellationToken"/> (the sink is closing).</summary>
    protected abstract Task DeliverAsync(Alert alert, CancellationToken cancellationToken);

    /// <summary>Releases the derived sink's resources (after the queue has stopped).</summary>
    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    private async Task PumpAsync()
    {
        var ct = _stop.Token;
        try
        {
            await foreach (var alert in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await DeliverAsync(alert, ct).ConfigureAwait(false);
                    Interlocked.Increment(ref _delivered);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _failed);
                    return;
                }
#pragma warning disable CA1031 // any delivery failure is logged and counted; the next alert still goes out
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Interlocked.Increment(ref _failed);
                    Log?.Error("alert.failed", new LogField("sink", Name), new LogField("kind", alert.KindName),
                        new LogField("subject", alert.Subject), new LogField("error", $"{e.GetType().Name}: {e.Message}"));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // closing
        }

        while (_queue.Reader.TryRead(out _))
        {
            Interlocked.Increment(ref _dropped);
        }
    }
}

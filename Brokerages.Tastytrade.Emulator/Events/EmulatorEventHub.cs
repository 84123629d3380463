namespace TomKing.Brokerages.Tastytrade.Emulator.Events;

/// <summary>The in-process publisher behind <see cref="IEmulatorEvents"/>; the order engine publishes, every
/// subscription receives. Thread-safe; publishing never blocks.</summary>
public sealed class EmulatorEventHub : IEmulatorEvents
{
    private readonly Lock _gate = new();
    private readonly List<EmulatorEventSubscription> _subscribers = [];
    private long _sequence;

    /// <inheritdoc />
    public EmulatorEventSubscription Subscribe(IReadOnlyCollection<string>? accountNumbers = null)
    {
        var subscription = new EmulatorEventSubscription(accountNumbers, Unsubscribe);
        lock (_gate)
        {
            _subscribers.Add(subscription);
        }

        return subscription;
    }

    /// <summary>The next event sequence number.</summary>
    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>Delivers an event to every subscriber.</summary>
    internal void Publish(EmulatorEvent e)
    {
        lock (_gate)
        {
            foreach (var s in _subscribers)
            {
                s.Offer(e);
            }
        }
    }

    /// <summary>Completes every subscription (the emulator is stopping).</summary>
    internal void CompleteAll()
    {
        lock (_gate)
        {
            foreach (var s in _subscribers)
            {
                s.Complete();
            }

            _subscribers.Clear();
        }
    }

    private void Unsubscribe(EmulatorEventSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }
}

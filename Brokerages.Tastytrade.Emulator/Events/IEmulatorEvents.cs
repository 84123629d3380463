using System.Threading.Channels;

namespace TomKing.Brokerages.Tastytrade.Emulator.Events;

/// <summary>
/// The emulator's account changes in the order they happened, for the account-streamer endpoint. Each
/// subscriber gets its own unbounded channel (order, fill, position and balance events are never dropped or
/// conflated); events published before a subscription are not replayed (like the real streamer: hydrate over
/// REST after connecting). Fault injection (duplicates, reordering) is the streaming endpoint's job, through
/// <see cref="Faults.NotificationShuffler{T}"/>.
/// </summary>
public interface IEmulatorEvents
{
    /// <summary>Starts receiving events. Dispose the subscription when the socket closes.</summary>
    /// <param name="accountNumbers">Only events of these accounts (null or empty: all).</param>
    EmulatorEventSubscription Subscribe(IReadOnlyCollection<string>? accountNumbers = null);
}

/// <summary>One subscriber's stream of <see cref="EmulatorEvent"/>s.</summary>
public sealed class EmulatorEventSubscription : IDisposable
{
    private readonly Channel<EmulatorEvent> _channel = Channel.CreateUnbounded<EmulatorEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<EmulatorEventSubscription> _unsubscribe;
    private readonly HashSet<string>? _accounts;

    internal EmulatorEventSubscription(IReadOnlyCollection<string>? accounts, Action<EmulatorEventSubscription> unsubscribe)
    {
        _accounts = accounts is { Count: > 0 } ? new HashSet<string>(accounts, StringComparer.Ordinal) : null;
        _unsubscribe = unsubscribe;
    }

    /// <summary>The events, in publication order; completes when the subscription is disposed or the emulator stops.</summary>
    public ChannelReader<EmulatorEvent> Reader => _channel.Reader;

    /// <summary>Stops the stream.</summary>
    public void Dispose()
    {
        _unsubscribe(this);
        _channel.Writer.TryComplete();
    }

    internal void Offer(EmulatorEvent e)
    {
        if (_accounts is null || _accounts.Contains(e.AccountNumber))
        {
            _channel.Writer.TryWrite(e);
        }
    }

    internal void Complete() => _channel.Writer.TryComplete();
}

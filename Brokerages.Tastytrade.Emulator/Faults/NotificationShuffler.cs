namespace TomKing.Brokerages.Tastytrade.Emulator.Faults;

/// <summary>
/// Per-connection helper for the account streamer: turns each notification into the list of messages to
/// send now, duplicating some and holding some back so they arrive after the next one, as the fault
/// settings ask. One instance per socket; not thread-safe (one sender loop owns it). Call
/// <see cref="Flush"/> when the stream goes idle so a held notification is not kept forever.
/// </summary>
/// <typeparam name="T">The notification type (typically the serialized message).</typeparam>
public sealed class NotificationShuffler<T>
{
    private readonly FaultInjector _faults;
    private T? _held;
    private bool _holding;

    internal NotificationShuffler(FaultInjector faults) => _faults = faults;

    /// <summary>Messages to send now for <paramref name="notification"/>, in order (possibly none when it is held back,
    /// possibly the same one twice, possibly it followed by an older held one).</summary>
    public IReadOnlyList<T> Next(T notification)
    {
        var output = new List<T>(3);
        if (_holding)
        {
            output.Add(notification);
            output.Add(_held!);
            _held = default;
            _holding = false;
        }
        else if (_faults.Draw(_faults.Settings.OutOfOrderNotifications))
        {
            _held = notification;
            _holding = true;
            return output;
        }
        else
        {
            output.Add(notification);
        }

        if (_faults.Draw(_faults.Settings.DuplicateNotifications))
        {
            output.Add(notification);
        }

        return output;
    }

    /// <summary>The held-back notification, if any (send it now).</summary>
    public bool Flush(out T notification)
    {
        notification = _held!;
        bool had = _holding;
        _held = default;
        _holding = false;
        return had;
    }
}

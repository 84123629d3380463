namespace TomKing.Brokerages.Tastytrade.Emulator.Faults;

/// <summary>
/// The emulator's fault switches, shared by the REST pipeline and the streaming endpoints. Starts from the
/// run's <see cref="FaultSettings"/>; tests change them at runtime (<see cref="Settings"/>, <see cref="Update"/>)
/// or queue exact one-shot faults (<see cref="FailNextRequests"/>, <see cref="QueueStreamFault"/>) so a test
/// does not depend on probabilities. Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly Queue<int> _httpFaults = new();
    private readonly Queue<StreamFault> _streamFaults = new();
    private FaultSettings _settings;
    private Random _random;

    /// <summary>Creates the switches.</summary>
    /// <param name="settings">Initial settings (null: none).</param>
    public FaultInjector(FaultSettings? settings = null)
    {
        _settings = settings ?? FaultSettings.None;
        _random = new Random(unchecked((int)_settings.Seed ^ (int)(_settings.Seed >> 32)));
    }

    /// <summary>Raised by <see cref="ExpireAllTokens"/>; the token store revokes every access token.</summary>
    public event EventHandler? TokensExpired;

    /// <summary>Raised by <see cref="FreezeAllStreams"/> and <see cref="DropAllStreams"/>/<see cref="CloseAllStreams1012"/>
    /// for streaming endpoints that act on open sockets at once rather than at their next message.</summary>
    public event EventHandler<StreamFault>? StreamFaultRaised;

    /// <summary>The current settings (replaced atomically).</summary>
    public FaultSettings Settings
    {
        get => Volatile.Read(ref _settings);
        set => Volatile.Write(ref _settings, value ?? FaultSettings.None);
    }

    /// <summary>Changes the settings, e.g. <c>faults.Update(s => s with { Http429 = 1 })</c>.</summary>
    public void Update(Func<FaultSettings, FaultSettings> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            Settings = change(Settings);
        }
    }

    /// <summary>Answers the next <paramref name="count"/> REST requests (other than <c>/oauth/token</c>) with
    /// <paramref name="status"/> (429 carries Retry-After; 5xx the server-error envelope).</summary>
    public void FailNextRequests(int status, int count = 1)
    {
        if (status is not (429 or (>= 500 and <= 599)))
        {
            throw new ArgumentOutOfRangeException(nameof(status), "Only 429 and 5xx can be injected.");
        }

        lock (_gate)
        {
            for (int i = 0; i < count; i++)
            {
                _httpFaults.Enqueue(status);
            }
        }
    }

    /// <summary>Makes every access token issued so far invalid at once (the next REST call with one gets 401).</summary>
    public void ExpireAllTokens() => TokensExpired?.Invoke(this, EventArgs.Empty);

    /// <summary>Queues a fault for the next streamed message of any socket that asks <see cref="NextStreamFault"/>.</summary>
    public void QueueStreamFault(StreamFault fault)
    {
        lock (_gate)
        {
            _streamFaults.Enqueue(fault);
        }
    }

    /// <summary>Freezes every open stream now (for endpoints subscribed to <see cref="StreamFaultRaised"/>).</summary>
    public void FreezeAllStreams() => StreamFaultRaised?.Invoke(this, StreamFault.Freeze);

    /// <summary>Drops every open stream now.</summary>
    public void DropAllStreams() => StreamFaultRaised?.Invoke(this, StreamFault.Drop);

    /// <summary>Closes every open stream with code 1012 now.</summary>
    public void CloseAllStreams1012() => StreamFaultRaised?.Invoke(this, StreamFault.Close1012);

    /// <summary>For streaming endpoints: call before sending each message; act on the answer
    /// (queued one-shot faults first, then the drop/freeze/1012 probabilities).</summary>
    public StreamFault NextStreamFault()
    {
        lock (_gate)
        {
            if (_streamFaults.Count > 0)
            {
                return _streamFaults.Dequeue();
            }
        }

        var s = Settings;
        return DrawLocked(s.DropSocket) ? StreamFault.Drop
            : DrawLocked(s.FreezeSocket) ? StreamFault.Freeze
            : DrawLocked(s.Close1012) ? StreamFault.Close1012
            : StreamFault.None;
    }

    /// <summary>A per-connection helper that duplicates and reorders account-streamer notifications as the
    /// settings ask.</summary>
    public NotificationShuffler<T> CreateNotificationShuffler<T>() => new(this);

    /// <summary>Resets the settings to <paramref name="settings"/>, clears queued faults and reseeds the draws.</summary>
    public void Reset(FaultSettings? settings = null)
    {
        lock (_gate)
        {
            Settings = settings ?? FaultSettings.None;
            _httpFaults.Clear();
            _streamFaults.Clear();
            _random = new Random(unchecked((int)Settings.Seed ^ (int)(Settings.Seed >> 32)));
        }
    }

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    internal bool Draw(double probability) => DrawLocked(probability);

    /// <summary>The status to inject for the next REST request (0: none).</summary>
    internal int NextHttpFault()
    {
        var s = Settings;
        lock (_gate)
        {
            if (_httpFaults.Count > 0)
            {
                return _httpFaults.Dequeue();
            }
        }

        return DrawLocked(s.Http429) ? 429 : DrawLocked(s.Http5xx) ? s.Http5xxStatus : 0;
    }

    private bool DrawLocked(double probability)
    {
        if (probability <= 0.0)
        {
            return false;
        }

        if (probability >= 1.0)
        {
            return true;
        }

        lock (_gate)
        {
#pragma warning disable CA5394 // fault draws are test noise, not security
            return _random.NextDouble() < probability;
#pragma warning restore CA5394
        }
    }
}

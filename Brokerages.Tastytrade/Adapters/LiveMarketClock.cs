using System.Globalization;
using System.Text.Json;
using TomKing.Algorithm.Ports;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Adapters;

/// <summary>
/// The live runner's <see cref="IClock"/>: against Tastytrade, the wall clock in US/Eastern; against the bundled
/// emulator, the emulator's market time, read from its emulator-only <c>GET /emulator/clock</c> (real Tastytrade has
/// no such endpoint) and extrapolated locally at the emulator's speed between reads, so a synthetic day replayed at
/// <c>--speed 60</c> is lived by the strategies in the emulator's time. Thread-safe.
/// </summary>
public sealed class LiveMarketClock : IClock
{
    /// <summary>The emulator's clock path.</summary>
    public const string EmulatorClockPath = "/emulator/clock";

    private readonly TimeProvider _time;
    private readonly HttpClient? _http;
    private readonly Uri? _clockUrl;
    private Anchor _anchor;

    private LiveMarketClock(TimeProvider time, HttpClient? http, Uri? clockUrl, Anchor anchor)
    {
        _time = time;
        _http = http;
        _clockUrl = clockUrl;
        _anchor = anchor;
    }

    /// <summary>True when the clock follows an emulator; false for the wall clock.</summary>
    public bool FollowsEmulator => _clockUrl is not null;

    /// <summary>Market seconds per real second (1 for the wall clock).</summary>
    public double Speed => Volatile.Read(ref _anchor).Speed;

    /// <summary>False while the followed emulator's clock stands still (tests freeze it).</summary>
    public bool IsRunning => Volatile.Read(ref _anchor).Running;

    /// <inheritdoc />
    public DateTime Now
    {
        get
        {
            if (_clockUrl is null)
            {
                return UsEastern.FromUtc(_time.GetUtcNow().UtcDateTime);
            }

            var a = Volatile.Read(ref _anchor);
            if (!a.Running)
            {
                return a.Eastern;
            }

            var elapsed = _time.GetElapsedTime(a.Timestamp);
            return a.Eastern + TimeSpan.FromTicks((long)(elapsed.Ticks * a.Speed));
        }
    }

    /// <summary>The wall clock in US/Eastern (live trading against Tastytrade).</summary>
    public static LiveMarketClock Wall(TimeProvider? time = null) =>
        new(time ?? TimeProvider.System, null, null, new Anchor(default, 0, 1.0, true));

    /// <summary>A clock that follows an emulator's market time (reads it once now; call <see cref="SyncAsync"/> to
    /// re-read, e.g. after the emulator's clock was set or its speed changed).</summary>
    /// <param name="http">A client for the emulator (not disposed here).</param>
    /// <param name="emulatorBaseUrl">The emulator's REST base URL (<c>http://127.0.0.1:port</c>).</param>
    /// <param name="time">Real time between reads (null: the system's).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="HttpRequestException">The emulator did not answer.</exception>
    /// <exception cref="FormatException">The answer is not the emulator's clock JSON.</exception>
    public static async Task<LiveMarketClock> FollowEmulatorAsync(HttpClient http, Uri emulatorBaseUrl, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(emulatorBaseUrl);
        var clock = new LiveMarketClock(time ?? TimeProvider.System, http, new Uri(emulatorBaseUrl, EmulatorClockPath), new Anchor(default, 0, 1.0, false));
        await clock.SyncAsync(cancellationToken).ConfigureAwait(false);
        return clock;
    }

    /// <summary>Re-reads the emulator's clock (no-op for the wall clock).</summary>
    public async Task SyncAsync(CancellationToken cancellationToken = default)
    {
        if (_clockUrl is null)
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, _clockUrl);
        request.Headers.TryAddWithoutValidation("User-Agent", "tomking/1.0");
        using var response = await _http!.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        long stamp = _time.GetTimestamp();
        Volatile.Write(ref _anchor, Parse(body) with { Timestamp = stamp });
    }

    private static Anchor Parse(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            string text = root.GetProperty("now-eastern").GetString() ?? throw new FormatException("now-eastern is null.");
            var eastern = DateTime.ParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.fff", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None);
            double speed = root.GetProperty("speed").GetDouble();
            bool running = root.GetProperty("running").GetBoolean();
            if (!(speed > 0.0) || !double.IsFinite(speed))
            {
                throw new FormatException($"speed {speed.ToString(CultureInfo.InvariantCulture)} is not positive.");
            }

            return new Anchor(DateTime.SpecifyKind(eastern, DateTimeKind.Unspecified), 0, speed, running);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException("Not the emulator's clock answer: " + ex.Message, ex);
        }
    }

    private sealed record Anchor(DateTime Eastern, long Timestamp, double Speed, bool Running);
}

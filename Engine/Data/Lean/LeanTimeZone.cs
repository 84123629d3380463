using TomKing.Greeks;

namespace TomKing.Engine.Data.Lean;

/// <summary>
/// A rule-based time zone for the zones US market data uses, so conversions are deterministic and do
/// not depend on the host's tz database. US zones (New York, Chicago, Denver, Los Angeles) follow the
/// US daylight-saving rules of <see cref="UsEastern"/> (since 2007: second Sunday of March to first
/// Sunday of November; 1987–2006: first Sunday of April to last Sunday of October), switching at 02:00
/// <em>local</em> time, so Chicago is Eastern − 1 h except in the hour between the two switches.
/// UTC and fixed offsets such as <c>UTC-05</c> have no DST. Other IANA zones are not supported:
/// <see cref="TryFind"/> returns false and callers report the zone by name.
/// </summary>
public sealed class LeanTimeZone
{
    private static readonly TimeSpan EasternStandard = TimeSpan.FromHours(-5);
    private static readonly TimeSpan OneHour = TimeSpan.FromHours(1);

    private LeanTimeZone(string id, TimeSpan standardOffset, bool observesUsDst)
    {
        Id = id;
        StandardOffset = standardOffset;
        ObservesUsDst = observesUsDst;
    }

    /// <summary>UTC (futures and futures-options data).</summary>
    public static LeanTimeZone Utc { get; } = new("UTC", TimeSpan.Zero, false);

    /// <summary>America/New_York: the engine's exchange clock.</summary>
    public static LeanTimeZone NewYork { get; } = new("America/New_York", EasternStandard, true);

    /// <summary>America/Chicago (index data, CBOE/CME exchange hours).</summary>
    public static LeanTimeZone Chicago { get; } = new("America/Chicago", TimeSpan.FromHours(-6), true);

    /// <summary>The IANA id.</summary>
    public string Id { get; }

    /// <summary>Offset from UTC outside daylight saving.</summary>
    public TimeSpan StandardOffset { get; }

    /// <summary>Whether the zone follows the US daylight-saving rules.</summary>
    public bool ObservesUsDst { get; }

    /// <summary>Whether this is America/New_York, so conversions to Eastern are the identity.</summary>
    public bool IsEastern => ReferenceEquals(this, NewYork);

    /// <summary>Finds a supported zone by its IANA id (as written in the market-hours database).</summary>
    public static bool TryFind(string id, out LeanTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(id);
        zone = id switch
        {
            "America/New_York" or "US/Eastern" => NewYork,
            "America/Chicago" or "US/Central" => Chicago,
            "UTC" or "Etc/UTC" or "GMT" or "Etc/GMT" => Utc,
            "America/Denver" or "US/Mountain" => new LeanTimeZone(id, TimeSpan.FromHours(-7), true),
            "America/Phoenix" => new LeanTimeZone(id, TimeSpan.FromHours(-7), false),
            "America/Los_Angeles" or "US/Pacific" => new LeanTimeZone(id, TimeSpan.FromHours(-8), true),
            _ => FixedOffset(id)!,
        };
        return zone is not null;
    }

    /// <summary>Offset from UTC of a local wall-clock time in this zone.</summary>
    public TimeSpan OffsetAt(DateTime local)
    {
        if (!ObservesUsDst)
        {
            return StandardOffset;
        }

        // The US rule is stated in local wall-clock time, identical for every US zone; Eastern's
        // implementation answers "is this local time in DST" for any of them.
        bool daylight = UsEastern.OffsetAt(local) != EasternStandard;
        return daylight ? StandardOffset + OneHour : StandardOffset;
    }

    /// <summary>Local wall-clock time to UTC.</summary>
    public DateTime ToUtc(DateTime local) =>
        DateTime.SpecifyKind(DateTime.SpecifyKind(local, DateTimeKind.Unspecified) - OffsetAt(local), DateTimeKind.Utc);

    /// <summary>UTC to local wall-clock time.</summary>
    public DateTime FromUtc(DateTime utc)
    {
        var plain = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);
        if (!ObservesUsDst)
        {
            return plain + StandardOffset;
        }

        // On the standard-time clock s, DST is in force from the 02:00 switch until 01:00 (02:00
        // daylight): both s and s + 1 h must lie inside the rule's local DST interval. Checking only
        // s + 1 h would map the skipped spring hour's UTC instants onto the non-existent 02:xx.
        var standard = plain + StandardOffset;
        bool daylight = OffsetAt(standard) != StandardOffset && OffsetAt(standard + OneHour) != StandardOffset;
        return daylight ? standard + OneHour : standard;
    }

    /// <summary>Local wall-clock time in this zone to US/Eastern wall-clock time.</summary>
    public DateTime ToEastern(DateTime local) => IsEastern ? local : NewYork.FromUtc(ToUtc(local));

    /// <summary>US/Eastern wall-clock time to local wall-clock time in this zone.</summary>
    public DateTime FromEastern(DateTime eastern) => IsEastern ? eastern : FromUtc(NewYork.ToUtc(eastern));

    /// <inheritdoc />
    public override string ToString() => Id;

    private static LeanTimeZone? FixedOffset(string id)
    {
        // "UTC-05" / "UTC+01": a fixed offset without DST.
        if (id.Length == 6 && id.StartsWith("UTC", StringComparison.Ordinal) && (id[3] == '-' || id[3] == '+')
            && char.IsAsciiDigit(id[4]) && char.IsAsciiDigit(id[5]))
        {
            int hours = ((id[4] - '0') * 10) + (id[5] - '0');
            return new LeanTimeZone(id, TimeSpan.FromHours(id[3] == '-' ? -hours : hours), false);
        }

        return null;
    }
}

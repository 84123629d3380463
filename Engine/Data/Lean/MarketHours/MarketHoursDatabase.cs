using System.Globalization;
using System.Text.Json;

namespace TomKing.Engine.Data.Lean.MarketHours;

/// <summary>
/// LEAN's <c>market-hours/market-hours-database.json</c>: for each <c>&lt;Type&gt;-&lt;market&gt;-&lt;symbol&gt;</c>
/// key, the exchange and data time zones, weekly sessions (pre-market, market, post-market), holidays,
/// early closes and late opens. Parsed with <see cref="JsonDocument"/> (no reflection serializer).
/// <para>Lookup (<see cref="GetEntry"/>): the exact key, else the type's market-wide <c>[*]</c> key;
/// futures options with no entry of their own use their future's entry, as LEAN does.</para>
/// <para>Inheritance (a design choice, stated because the database leaves it implicit): an entry's
/// holidays, early closes and late opens are its own plus those of its market-wide <c>[*]</c> entry
/// and, for equity and index options, those of the underlying's entries (<c>Equity-usa-…</c>,
/// <c>Index-usa-…</c>). The file lists <c>IndexOption-usa-SPX</c> with no holidays at all, yet SPX
/// options do not trade on MLK day; the underlying index's calendar supplies that. An entry's own
/// early-close time wins over an inherited one.</para>
/// </summary>
public sealed class MarketHoursDatabase
{
    private static readonly string[] WeekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    private readonly Dictionary<string, RawEntry> _raw;
    private readonly Dictionary<string, MarketHoursEntry> _merged = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    private MarketHoursDatabase(string path, Dictionary<string, RawEntry> raw)
    {
        SourcePath = path;
        _raw = raw;
    }

    /// <summary>The file this database was read from.</summary>
    public string SourcePath { get; }

    /// <summary>All keys in the file.</summary>
    public IEnumerable<string> Keys => _raw.Keys;

    /// <summary>Reads and validates the database; throws <see cref="LeanDataException"/> naming the file,
    /// the entry and (for JSON syntax errors) the line.</summary>
    public static MarketHoursDatabase Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new LeanDataException(LeanDamage.MissingFile, path, null, 0, "the market-hours database does not exist");
        }

        using FileStream stream = File.OpenRead(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new LeanDataException(LeanDamage.Unsupported, path, null, (ex.LineNumber ?? -1) + 1, "not valid JSON: " + ex.Message, ex);
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("entries", out JsonElement entries) || entries.ValueKind != JsonValueKind.Object)
            {
                throw new LeanDataException(LeanDamage.Unsupported, path, null, 0, "no 'entries' object");
            }

            var raw = new Dictionary<string, RawEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (JsonProperty entry in entries.EnumerateObject())
            {
                raw[entry.Name] = ParseEntry(path, entry.Name, entry.Value);
            }

            return new MarketHoursDatabase(path, raw);
        }
    }

    /// <summary>The entry for a symbol (see the lookup rules above); throws <see cref="LeanDataException"/> when none applies.</summary>
    public MarketHoursEntry GetEntry(LeanSecurityType type, string market, string symbol) =>
        TryGetEntry(type, market, symbol, out MarketHoursEntry? entry)
            ? entry
            : throw new LeanDataException(LeanDamage.Unsupported, SourcePath, $"{type.MarketHoursName()}-{market}-{symbol}", 0, "no market-hours entry (exact or [*]) for this symbol");

    /// <summary>The entry for a symbol, or false when neither the exact nor the market-wide key exists.</summary>
    public bool TryGetEntry(LeanSecurityType type, string market, string symbol, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MarketHoursEntry? entry)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(symbol);
        foreach (string key in Candidates(type, market, symbol))
        {
            if (_raw.ContainsKey(key))
            {
                entry = Merged(key);
                return true;
            }
        }

        entry = null;
        return false;
    }

    /// <summary>The entry stored under an exact key such as <c>Index-usa-[*]</c> (with inheritance applied).</summary>
    public bool TryGetEntry(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MarketHoursEntry? entry)
    {
        ArgumentNullException.ThrowIfNull(key);
        entry = _raw.ContainsKey(key) ? Merged(key) : null;
        return entry is not null;
    }

    private static IEnumerable<string> Candidates(LeanSecurityType type, string market, string symbol)
    {
        string name = type.MarketHoursName();
        yield return $"{name}-{market}-{symbol}";
        yield return $"{name}-{market}-[*]";
        if (type == LeanSecurityType.FutureOption)
        {
            yield return $"Future-{market}-{symbol}";
            yield return $"Future-{market}-[*]";
        }
    }

    private MarketHoursEntry Merged(string key)
    {
        lock (_gate)
        {
            return MergedLocked(key);
        }
    }

    private MarketHoursEntry MergedLocked(string key)
    {
        if (_merged.TryGetValue(key, out MarketHoursEntry? cached))
        {
            return cached;
        }

        RawEntry own = _raw[key];
        var holidays = new HashSet<DateOnly>(own.Holidays);
        var earlyCloses = new Dictionary<DateOnly, TimeSpan>(own.EarlyCloses);
        var lateOpens = new Dictionary<DateOnly, TimeSpan>(own.LateOpens);
        foreach (string parentKey in Parents(key))
        {
            if (_raw.TryGetValue(parentKey, out RawEntry? parent))
            {
                holidays.UnionWith(parent.Holidays);
                foreach (var (date, time) in parent.EarlyCloses)
                {
                    earlyCloses.TryAdd(date, time);
                }

                foreach (var (date, time) in parent.LateOpens)
                {
                    lateOpens.TryAdd(date, time);
                }
            }
        }

        var entry = new MarketHoursEntry(key, own.ExchangeTimeZone, own.DataTimeZone, own.Sessions, holidays, earlyCloses, lateOpens);
        _merged[key] = entry;
        return entry;
    }

    private static IEnumerable<string> Parents(string key)
    {
        int first = key.IndexOf('-', StringComparison.Ordinal);
        int second = first < 0 ? -1 : key.IndexOf('-', first + 1);
        if (second < 0)
        {
            yield break;
        }

        string type = key[..first];
        string market = key[(first + 1)..second];
        string symbol = key[(second + 1)..];
        bool wildcard = symbol == "[*]";
        if (!wildcard)
        {
            yield return $"{type}-{market}-[*]";
        }

        string? underlying = type switch
        {
            "Option" => "Equity",
            "IndexOption" => "Index",
            _ => null,
        };
        if (underlying is not null)
        {
            if (!wildcard)
            {
                yield return $"{underlying}-{market}-{symbol}";
            }

            yield return $"{underlying}-{market}-[*]";
        }
    }

    private static RawEntry ParseEntry(string path, string key, JsonElement element)
    {
        try
        {
            string exchangeZone = element.GetProperty("exchangeTimeZone").GetString() ?? throw Bad("exchangeTimeZone is null");
            string dataZone = element.TryGetProperty("dataTimeZone", out JsonElement dz) ? dz.GetString() ?? exchangeZone : exchangeZone;
            var sessions = new MarketSession[7][];
            for (int d = 0; d < 7; d++)
            {
                sessions[d] = element.TryGetProperty(WeekdayNames[d], out JsonElement day) ? ParseSessions(day) : [];
            }

            var holidays = new HashSet<DateOnly>();
            if (element.TryGetProperty("holidays", out JsonElement hs))
            {
                foreach (JsonElement h in hs.EnumerateArray())
                {
                    holidays.Add(ParseDate(h.GetString()));
                }
            }

            return new RawEntry(exchangeZone, dataZone, sessions, holidays, ParseDateTimes(element, "earlyCloses"), ParseDateTimes(element, "lateOpens"));
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new LeanDataException(LeanDamage.Unsupported, path, key, 0, "malformed market-hours entry: " + ex.Message, ex);
        }
    }

    private static MarketSession[] ParseSessions(JsonElement day)
    {
        var list = new List<MarketSession>();
        foreach (JsonElement s in day.EnumerateArray())
        {
            TimeSpan start = ParseTimeOfDay(s.GetProperty("start").GetString());
            TimeSpan end = ParseTimeOfDay(s.GetProperty("end").GetString());
            MarketState state = s.GetProperty("state").GetString() switch
            {
                "market" => MarketState.Market,
                "premarket" => MarketState.PreMarket,
                "postmarket" => MarketState.PostMarket,
                var other => throw Bad($"unknown session state '{other}'"),
            };
            list.Add(new MarketSession(start, end, state));
        }

        return [.. list];
    }

    private static Dictionary<DateOnly, TimeSpan> ParseDateTimes(JsonElement element, string name)
    {
        var result = new Dictionary<DateOnly, TimeSpan>();
        if (element.TryGetProperty(name, out JsonElement map))
        {
            foreach (JsonProperty p in map.EnumerateObject())
            {
                result[ParseDate(p.Name)] = ParseTimeOfDay(p.Value.GetString());
            }
        }

        return result;
    }

    /// <summary>Dates are written <c>M/d/yyyy</c>.</summary>
    internal static DateOnly ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "M/d/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            ? date
            : throw Bad($"date '{text}' is not M/d/yyyy");

    /// <summary>Times of day are <c>hh:mm:ss</c>; a whole day is written <c>1.00:00:00</c> or <c>1:00:00:00</c>.</summary>
    internal static TimeSpan ParseTimeOfDay(string? text)
    {
        if (text is null)
        {
            throw Bad("time is null");
        }

        string[] parts = text.Split(':', '.');
        int[] values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
            {
                throw Bad($"time '{text}' is not [d.]hh:mm:ss");
            }
        }

        TimeSpan result = values.Length switch
        {
            3 => new TimeSpan(values[0], values[1], values[2]),
            4 => new TimeSpan(values[0], values[1], values[2], values[3]),
            _ => throw Bad($"time '{text}' is not [d.]hh:mm:ss"),
        };
        return result <= TimeSpan.FromDays(1) && result >= TimeSpan.Zero ? result : throw Bad($"time '{text}' is outside one day");
    }

    private static FormatException Bad(string message) => new(message);

    private sealed record RawEntry(
        string ExchangeTimeZone,
        string DataTimeZone,
        MarketSession[][] Sessions,
        HashSet<DateOnly> Holidays,
        Dictionary<DateOnly, TimeSpan> EarlyCloses,
        Dictionary<DateOnly, TimeSpan> LateOpens);
}

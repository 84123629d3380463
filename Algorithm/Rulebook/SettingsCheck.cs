using System.Globalization;
using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Rulebook;

/// <summary>Collects <see cref="SettingError"/>s while the settings sections check their own numbers,
/// so every range lives next to the number it guards and every message reads the same way.</summary>
internal sealed class SettingsCheck
{
    private readonly List<SettingError> _errors = [];

    public IReadOnlyList<SettingError> Errors => _errors;

    public void Range(string path, double value, double min, double max, string rule, bool minExclusive = false, bool maxExclusive = false)
    {
        bool ok = double.IsFinite(value)
            && (minExclusive ? value > min : value >= min)
            && (maxExclusive ? value < max : value <= max);
        if (!ok)
        {
            Fail(path, Format(value), Interval(Format(min), Format(max), minExclusive, maxExclusive), rule);
        }
    }

    public void Range(string path, decimal value, decimal min, decimal max, string rule, bool minExclusive = false)
    {
        if ((minExclusive ? value <= min : value < min) || value > max)
        {
            Fail(path, Format(value), Interval(Format(min), Format(max), minExclusive, maxExclusive: false), rule);
        }
    }

    public void Range(string path, int value, int min, int max, string rule)
    {
        if (value < min || value > max)
        {
            Fail(path, Format(value), Interval(Format(min), Format(max), false, false), rule);
        }
    }

    public void Before(string earlierPath, TimeOnly earlier, string laterPath, TimeOnly later, string rule)
    {
        if (earlier >= later)
        {
            Add(laterPath, $"{laterPath} = {later:HH\\:mm}: must be after {earlierPath} ({earlier:HH\\:mm}) ({rule})");
        }
    }

    public void Within(string path, TimeOnly value, TimeOnly from, TimeOnly to, string rule)
    {
        if (value < from || value > to)
        {
            Add(path, $"{path} = {value:HH\\:mm}: must be in [{from:HH\\:mm}, {to:HH\\:mm}] US/Eastern ({rule})");
        }
    }

    public void Count<T>(string path, IReadOnlyList<T>? list, int min, int max, string rule)
    {
        int n = list?.Count ?? 0;
        if (n < min || n > max)
        {
            Add(path, $"{path} has {n} entries: must have {(min == max ? Format(min) : $"{Format(min)} to {Format(max)}")} ({rule})");
        }
    }

    public void Tickers(string path, IReadOnlyList<string>? tickers, string rule)
    {
        if (tickers is null)
        {
            return;
        }

        for (int i = 0; i < tickers.Count; i++)
        {
            string t = tickers[i];
            if (string.IsNullOrWhiteSpace(t) || !InstrumentCatalogue.TryGet(new Ticker(t), out _))
            {
                Add($"{path}[{i}]", $"{path}[{i}] = \"{t}\": not a catalogued instrument ({rule})");
            }
        }
    }

    public void Require(bool condition, string path, string message)
    {
        if (!condition)
        {
            Add(path, message);
        }
    }

    public void Add(string path, string message) => _errors.Add(new SettingError(path, message));

    private void Fail(string path, string value, string interval, string rule) =>
        Add(path, $"{path} = {value}: must be in {interval} ({rule})");

    private static string Interval(string min, string max, bool minExclusive, bool maxExclusive) =>
        $"{(minExclusive ? '(' : '[')}{min}, {max}{(maxExclusive ? ')' : ']')}";

    internal static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    internal static string Format(decimal value) => value.ToString("G", CultureInfo.InvariantCulture);

    internal static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}

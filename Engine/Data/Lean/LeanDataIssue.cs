using System.Globalization;

namespace TomKing.Engine.Data.Lean;

/// <summary>One warning or skipped piece of data, with its exact location.</summary>
/// <param name="Damage">What is wrong.</param>
/// <param name="FilePath">The file.</param>
/// <param name="EntryName">The zip entry, if any.</param>
/// <param name="Line">1-based line; 0 when not line-specific.</param>
/// <param name="Detail">What was found.</param>
public readonly record struct LeanDataIssue(LeanDamage Damage, string FilePath, string? EntryName, long Line, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => Describe(Damage, FilePath, EntryName, Line, Detail);

    internal static string Describe(LeanDamage damage, string filePath, string? entryName, long line, string detail)
    {
        string where = entryName is null ? filePath : $"{filePath} entry {entryName}";
        return line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{damage}: {where} line {line}: {detail}")
            : $"{damage}: {where}: {detail}";
    }
}

/// <summary>How rows that do not parse are handled.</summary>
public enum LeanReadMode
{
    /// <summary>The default: the first bad row or entry name throws <see cref="LeanDataException"/>
    /// naming file, entry and line. A backtest over damaged data stops rather than trades on a gap.</summary>
    Strict = 0,

    /// <summary>Bad rows and bad entry names are skipped; every skip is counted and logged in
    /// <see cref="LeanDataIssueLog"/> so the caller reports it. Corrupt archives still throw.</summary>
    Lenient = 1,
}

/// <summary>
/// Collects every missing file and skipped row so no gap is silent. Counts are exact; the first
/// <see cref="MaxKept"/> issues are kept verbatim for the report. Not thread-safe: one log per replay
/// thread (the replay kernel is single-threaded by design).
/// </summary>
public sealed class LeanDataIssueLog
{
    private readonly List<LeanDataIssue> _kept = [];

    /// <summary>Creates a log keeping at most <paramref name="maxKept"/> issues verbatim.</summary>
    public LeanDataIssueLog(int maxKept = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxKept);
        MaxKept = maxKept;
    }

    /// <summary>How many issues are kept verbatim; later ones are only counted.</summary>
    public int MaxKept { get; }

    /// <summary>Files asked for that did not exist.</summary>
    public long MissingFiles { get; private set; }

    /// <summary>Rows skipped in lenient mode.</summary>
    public long SkippedRows { get; private set; }

    /// <summary>Whole entries skipped in lenient mode (bad entry names).</summary>
    public long SkippedEntries { get; private set; }

    /// <summary>All issues recorded, including those not kept verbatim.</summary>
    public long Total => MissingFiles + SkippedRows + SkippedEntries;

    /// <summary>The first <see cref="MaxKept"/> issues in the order they happened.</summary>
    public IReadOnlyList<LeanDataIssue> Issues => _kept;

    /// <summary>Records an issue and bumps its counter.</summary>
    public void Add(in LeanDataIssue issue)
    {
        switch (issue.Damage)
        {
            case LeanDamage.MissingFile:
                MissingFiles++;
                break;
            case LeanDamage.BadEntryName:
                SkippedEntries++;
                break;
            default:
                SkippedRows++;
                break;
        }

        if (_kept.Count < MaxKept)
        {
            _kept.Add(issue);
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{MissingFiles} missing file(s), {SkippedRows} skipped row(s), {SkippedEntries} skipped entr(ies)");
}

/// <summary>Options shared by the readers.</summary>
public sealed class LeanReadOptions
{
    /// <summary>Strict (default) or lenient handling of bad rows.</summary>
    public LeanReadMode Mode { get; init; } = LeanReadMode.Strict;

    /// <summary>Where missing files and skips are recorded.</summary>
    public LeanDataIssueLog Issues { get; init; } = new();

    /// <summary>Read buffer size in bytes (grown automatically for longer lines).</summary>
    public int BufferSize { get; init; } = 64 * 1024;
}

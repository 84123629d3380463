namespace TomKing.Engine.Data.Lean;

/// <summary>The kinds of damage the reader recognises, each with a fixed policy (see <see cref="LeanReadMode"/>).</summary>
public enum LeanDamage
{
    /// <summary>No damage (placeholder default).</summary>
    None = 0,

    /// <summary>A day or symbol file does not exist. Never thrown: the open call returns a missing
    /// result and a warning is logged, because markets have holidays and data vendors have gaps; the
    /// caller (a backtest) decides whether that is acceptable and reports it.</summary>
    MissingFile = 1,

    /// <summary>The zip cannot be read (truncated, not a zip, a compressed entry that does not
    /// inflate). Always an error: nothing in the file can be trusted.</summary>
    CorruptArchive = 2,

    /// <summary>A row does not parse (wrong field count, not a number, time out of range or not
    /// increasing). An error in strict mode (the default); skipped, counted and logged in lenient mode.</summary>
    BadRow = 3,

    /// <summary>An entry whose name is not a LEAN row file name. An error in strict mode; the whole
    /// entry is skipped, counted and logged in lenient mode.</summary>
    BadEntryName = 4,

    /// <summary>A file the reader cannot interpret at all (an unsupported time zone, a malformed
    /// market-hours or symbol-properties database). Always an error.</summary>
    Unsupported = 5,
}

/// <summary>
/// A LEAN data file is damaged or cannot be interpreted. The message and the properties name the
/// file, the zip entry and the 1-based line so the user can open the exact row.
/// </summary>
public sealed class LeanDataException : Exception
{
    /// <summary>Creates an exception without location (required by exception conventions).</summary>
    public LeanDataException()
    {
        FilePath = string.Empty;
    }

    /// <summary>Creates an exception without location (required by exception conventions).</summary>
    public LeanDataException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    /// <summary>Creates an exception without location (required by exception conventions).</summary>
    public LeanDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    /// <summary>Creates an exception that names where the damage is.</summary>
    /// <param name="damage">What is wrong.</param>
    /// <param name="filePath">The file (zip, CSV or JSON).</param>
    /// <param name="entryName">The zip entry, or null for plain files and whole-archive damage.</param>
    /// <param name="line">1-based line within the entry or file; 0 when not line-specific.</param>
    /// <param name="detail">What was found and what was expected.</param>
    /// <param name="innerException">The underlying I/O or format exception, if any.</param>
    public LeanDataException(LeanDamage damage, string filePath, string? entryName, long line, string detail, Exception? innerException = null)
        : base(LeanDataIssue.Describe(damage, filePath, entryName, line, detail), innerException)
    {
        Damage = damage;
        FilePath = filePath;
        EntryName = entryName;
        Line = line;
        Detail = detail;
    }

    /// <summary>What is wrong.</summary>
    public LeanDamage Damage { get; }

    /// <summary>The damaged file.</summary>
    public string FilePath { get; }

    /// <summary>The zip entry, when the damage is inside one.</summary>
    public string? EntryName { get; }

    /// <summary>1-based line number within the entry or file; 0 when not line-specific.</summary>
    public long Line { get; }

    /// <summary>The detail without the location prefix.</summary>
    public string? Detail { get; }

    /// <summary>The same facts as a loggable issue.</summary>
    public LeanDataIssue ToIssue() => new(Damage, FilePath, EntryName, Line, Detail ?? Message);
}

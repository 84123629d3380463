using System.IO.Compression;

namespace TomKing.Engine.Data.Lean;

/// <summary>One row file inside a LEAN zip, with the contract its name encodes.</summary>
/// <param name="Index">Position in <see cref="LeanArchive.Entries"/>.</param>
/// <param name="Name">The entry name.</param>
/// <param name="Contract">The contract decoded from the name.</param>
/// <param name="Length">Uncompressed length in bytes.</param>
public readonly record struct LeanArchiveEntry(int Index, string Name, LeanContractId Contract, long Length);

/// <summary>
/// An opened LEAN zip (a day of one root's option contracts, a day of futures, or a symbol's daily
/// bars). Opening reads the zip directory and decodes every entry name into a contract; rows are then
/// streamed entry by entry through a reusable <see cref="LeanRowReader"/>. Per-file allocations: the
/// file stream, the <see cref="ZipArchive"/> and its entry objects and names, one inflater per entry;
/// nothing per row.
/// </summary>
public sealed class LeanArchive : IDisposable
{
    private readonly FileStream _file;
    private readonly ZipArchive _zip;
    private readonly ZipArchiveEntry[] _zipEntries;
    private readonly LeanArchiveEntry[] _entries;
    private Stream? _current;

    private LeanArchive(string path, FileStream file, ZipArchive zip, ZipArchiveEntry[] zipEntries, LeanArchiveEntry[] entries, LeanRowFormat format, DateOnly date)
    {
        Path = path;
        _file = file;
        _zip = zip;
        _zipEntries = zipEntries;
        _entries = entries;
        Format = format;
        Date = date;
    }

    /// <summary>The zip file.</summary>
    public string Path { get; }

    /// <summary>How the rows are read.</summary>
    public LeanRowFormat Format { get; }

    /// <summary>The file's date (second/minute times are relative to its midnight).</summary>
    public DateOnly Date { get; }

    /// <summary>The row entries with their decoded contracts, in zip order.</summary>
    public IReadOnlyList<LeanArchiveEntry> Entries => _entries;

    /// <summary>
    /// Opens a zip. Throws <see cref="LeanDataException"/> (<see cref="LeanDamage.CorruptArchive"/>)
    /// when it is not a readable zip (for example truncated: the directory at its end is gone), and
    /// for undecodable entry names in strict mode (skipped and logged in lenient mode).
    /// </summary>
    public static LeanArchive Open(string path, in LeanRowFormat format, DateOnly date, LeanReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        FileStream? file = null;
        ZipArchive? zip = null;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
            zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            var zipEntries = new List<ZipArchiveEntry>(zip.Entries.Count);
            var entries = new List<LeanArchiveEntry>(zip.Entries.Count);
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/'))
                {
                    continue; // a directory record carries no rows
                }

                if (!LeanEntryName.TryParse(entry.Name, out LeanContractId contract, out string? problem))
                {
                    var issue = new LeanDataIssue(LeanDamage.BadEntryName, path, entry.FullName, 0, problem ?? "unreadable entry name");
                    if (options.Mode == LeanReadMode.Strict)
                    {
                        throw new LeanDataException(issue.Damage, issue.FilePath, issue.EntryName, 0, issue.Detail);
                    }

                    options.Issues.Add(issue);
                    continue;
                }

                entries.Add(new LeanArchiveEntry(entries.Count, entry.FullName, contract, entry.Length));
                zipEntries.Add(entry);
            }

            var archive = new LeanArchive(path, file, zip, [.. zipEntries], [.. entries], format, date);
            file = null;
            zip = null;
            return archive;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new LeanDataException(LeanDamage.CorruptArchive, path, null, 0, "not a readable zip: " + ex.Message, ex);
        }
        finally
        {
            zip?.Dispose();
            file?.Dispose();
        }
    }

    /// <summary>
    /// Starts <paramref name="reader"/> on entry <paramref name="index"/>, closing the previous entry's
    /// stream. Throws <see cref="LeanDataException"/> when the entry cannot be opened.
    /// </summary>
    public void StartEntry(int index, LeanRowReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _entries.Length);
        _current?.Dispose();
        _current = null;
        LeanArchiveEntry entry = _entries[index];
        try
        {
            _current = _zipEntries[index].Open();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
        {
            throw new LeanDataException(LeanDamage.CorruptArchive, Path, entry.Name, 0, "the entry cannot be opened: " + ex.Message, ex);
        }

        reader.Start(_current, Format, Date, Path, entry.Name, entry.Length);
    }

    /// <summary>
    /// Starts <paramref name="reader"/> on entry <paramref name="index"/> through a stream the caller
    /// owns and disposes, so several entries can be read side by side (a k-way merge by time across
    /// contracts, one reader each; give such readers a small <see cref="LeanReadOptions.BufferSize"/>).
    /// Interleaved reads are safe on one thread: each entry stream repositions the shared file stream.
    /// Not thread-safe across threads.
    /// </summary>
    public Stream OpenEntry(int index, LeanRowReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _entries.Length);
        LeanArchiveEntry entry = _entries[index];
        Stream stream;
        try
        {
            stream = _zipEntries[index].Open();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
        {
            throw new LeanDataException(LeanDamage.CorruptArchive, Path, entry.Name, 0, "the entry cannot be opened: " + ex.Message, ex);
        }

        reader.Start(stream, Format, Date, Path, entry.Name, entry.Length);
        return stream;
    }

    /// <summary>Finds an entry by name (ordinal, case-insensitive); -1 when absent.</summary>
    public int IndexOf(string entryName)
    {
        for (int i = 0; i < _entries.Length; i++)
        {
            if (string.Equals(_entries[i].Name, entryName, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _current?.Dispose();
        _zip.Dispose();
        _file.Dispose();
    }
}

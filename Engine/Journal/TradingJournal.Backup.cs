using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace TomKing.Engine.Journal;

/// <summary>Online backup and verified restore.</summary>
public sealed partial class TradingJournal
{
    /// <summary>Pages copied per backup step (4 MiB at SQLite's default page size): progress is reported
    /// after each step.</summary>
    private const int PagesPerStep = 1024;

    /// <summary>Writes a consistent copy of this journal to <paramref name="destinationPath"/> with SQLite's
    /// online backup API while the writer keeps appending: the copy holds exactly the entries committed
    /// when the copy began (one read snapshot; the writer is not blocked). The copy is written to a
    /// temporary file beside the destination and renamed over it when complete, so the destination is
    /// either the old file or the whole new copy.</summary>
    /// <param name="destinationPath">The backup file (replaced if it exists; its folder must exist).</param>
    /// <param name="progress">Receives the fraction copied (0 … 1) after each step of about 4 MiB.</param>
    /// <exception cref="ObjectDisposedException">The journal was disposed.</exception>
    /// <exception cref="JournalException">The copy failed; the message names the file.</exception>
    public void Backup(string destinationPath, IProgress<double>? progress = null)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
        }

        Copy(_fullPath, _path, destinationPath, progress, _options.BusyTimeout);
    }

    /// <summary>Backs up a journal file that another process (the live runner) may be writing: the same
    /// consistent online copy as <see cref="Backup"/>, after checking that the source is a journal.</summary>
    /// <exception cref="JournalException">The source is missing or not a journal, or the copy failed.</exception>
    public static void BackupFile(string journalPath, string destinationPath, IProgress<double>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(journalPath);
        string fullPath = System.IO.Path.GetFullPath(journalPath);
        if (!File.Exists(fullPath))
        {
            throw new JournalException($"journal '{journalPath}' does not exist.");
        }

        Copy(fullPath, journalPath, destinationPath, progress, JournalOptions.Default.BusyTimeout);
    }

    /// <summary>Replaces (or creates) the journal at <paramref name="journalPath"/> with a backup, after
    /// verifying the backup (SQLite integrity check, journal format, schema version). The backup is copied
    /// to a temporary file in the journal's folder and renamed over the journal only when complete, so a
    /// failure leaves the old journal as it was. Run it while no process has the journal open.</summary>
    /// <param name="backupPath">A file written by <see cref="Backup"/> or <see cref="BackupFile"/>.</param>
    /// <param name="journalPath">The journal to restore.</param>
    /// <param name="overwrite">Replace an existing journal; without it an existing journal is refused.</param>
    /// <exception cref="JournalException">The backup is missing, damaged, not a journal or of a newer schema;
    /// the journal exists and <paramref name="overwrite"/> is false; or the copy failed.</exception>
    public static void Restore(string backupPath, string journalPath, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(journalPath);
        string backupFull = System.IO.Path.GetFullPath(backupPath);
        string journalFull = System.IO.Path.GetFullPath(journalPath);
        if (!File.Exists(backupFull))
        {
            throw new JournalException($"backup '{backupPath}' does not exist.");
        }

        if (string.Equals(backupFull, journalFull, StringComparison.Ordinal))
        {
            throw new JournalException($"backup '{backupPath}' is the journal itself; restore to another file.");
        }

        Verify(backupFull, backupPath, "backup");
        if (File.Exists(journalFull) && !overwrite)
        {
            throw new JournalException($"journal '{journalPath}' already exists; restoring would replace it (allow overwriting to do so).");
        }

        Copy(backupFull, backupPath, journalPath, progress: null, JournalOptions.Default.BusyTimeout, beforeReplace: () =>
        {
            // A WAL left by the old journal would be replayed into the restored file: remove it first.
            DeleteIfExists(journalFull + "-wal");
            DeleteIfExists(journalFull + "-shm");
        });
    }

    /// <summary>Checks a file the way <see cref="Restore"/> checks a backup: integrity, format, version.</summary>
    /// <exception cref="JournalException">The file is missing, damaged, not a journal or of a newer schema.</exception>
    public static void Verify(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new JournalException($"journal '{path}' does not exist.");
        }

        Verify(full, path, "journal");
    }

    private static void Verify(string fullPath, string displayPath, string role)
    {
        try
        {
            using var connection = JournalSqlite.OpenForReading(fullPath, JournalOptions.Default.BusyTimeout);
            JournalSqlite.CheckIntegrity(connection, displayPath);
            JournalSqlite.Check(connection, displayPath);
        }
        catch (SqliteException ex)
        {
            throw JournalSqlite.Describe(ex, displayPath, role);
        }
    }

    private static void Copy(string sourceFull, string sourceDisplay, string destinationPath, IProgress<double>? progress, TimeSpan busyTimeout, Action? beforeReplace = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        string destinationFull = System.IO.Path.GetFullPath(destinationPath);
        if (string.Equals(destinationFull, sourceFull, StringComparison.Ordinal))
        {
            throw new JournalException($"'{destinationPath}' is the file being copied; choose another destination.");
        }

        if (Directory.Exists(destinationFull))
        {
            throw new JournalException($"'{destinationPath}' is a folder; give the file to write.");
        }

        string folder = System.IO.Path.GetDirectoryName(destinationFull)!;
        if (!Directory.Exists(folder))
        {
            throw new JournalException($"folder of '{destinationPath}' does not exist.");
        }

        SqliteConnection source;
        try
        {
            source = JournalSqlite.OpenForReading(sourceFull, busyTimeout);
        }
        catch (SqliteException ex)
        {
            throw JournalSqlite.Describe(ex, sourceDisplay, "journal");
        }

        string temporary = System.IO.Path.Combine(folder, "." + System.IO.Path.GetFileName(destinationFull) + "." + Guid.NewGuid().ToString("N") + ".partial");
        string stage = "reading";
        try
        {
            using (source)
            {
                try
                {
                    JournalSqlite.Check(source, sourceDisplay);
                }
                catch (SqliteException ex)
                {
                    throw JournalSqlite.Describe(ex, sourceDisplay, "journal");
                }

                // One read snapshot for the whole copy: the backup steps read through this open read
                // transaction, so appends committed meanwhile neither appear half-way nor restart the copy.
                using var snapshot = source.BeginTransaction(deferred: true);
                JournalSqlite.Scalar(source, "SELECT COUNT(*) FROM meta");
                stage = "writing";
                using var destination = JournalSqlite.Open(temporary, SqliteOpenMode.ReadWriteCreate, busyTimeout);
                CopyPages(source, destination, progress);
            }

            SqliteConnection.ClearAllPools();
            beforeReplace?.Invoke();
            File.Move(temporary, destinationFull, overwrite: true);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            DeleteIfExists(temporary);
            string file = stage == "reading" ? sourceDisplay : destinationPath;
            throw new JournalException($"copying '{sourceDisplay}' to '{destinationPath}' failed while {stage} '{file}': {ex.Message}", ex);
        }
        catch
        {
            DeleteIfExists(temporary);
            throw;
        }
        finally
        {
            DeleteIfExists(temporary + "-journal");
            DeleteIfExists(temporary + "-wal");
            DeleteIfExists(temporary + "-shm");
        }

        progress?.Report(1.0);
    }

    private static void CopyPages(SqliteConnection source, SqliteConnection destination, IProgress<double>? progress)
    {
        sqlite3_backup backup = raw.sqlite3_backup_init(destination.Handle, "main", source.Handle, "main");
        if (backup is null || backup.IsInvalid)
        {
            throw new IOException("SQLite could not start the backup: " + raw.sqlite3_errmsg(destination.Handle).utf8_to_string());
        }

        int rc;
        try
        {
            progress?.Report(0.0);
            while (true)
            {
                rc = raw.sqlite3_backup_step(backup, PagesPerStep);
                if (rc == raw.SQLITE_DONE)
                {
                    break;
                }

                if (rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
                {
                    Thread.Sleep(5);
                    continue;
                }

                if (rc != raw.SQLITE_OK)
                {
                    break;
                }

                int total = raw.sqlite3_backup_pagecount(backup);
                int remaining = raw.sqlite3_backup_remaining(backup);
                if (total > 0)
                {
                    progress?.Report((double)(total - remaining) / total);
                }
            }
        }
        finally
        {
            raw.sqlite3_backup_finish(backup);
        }

        if (rc != raw.SQLITE_DONE)
        {
            throw new IOException($"SQLite backup step failed (code {rc}): " + raw.sqlite3_errmsg(destination.Handle).utf8_to_string());
        }
    }

    private static void DeleteIfExists(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary file is harmless and named as such.
        }
    }
}

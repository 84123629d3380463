using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TomKing.Engine.Journal;

/// <summary>SQLite plumbing shared by the journal, its backup and restore: provider initialisation,
/// connections without pooling (so closing one releases the file), the schema and its checks.</summary>
internal static class JournalSqlite
{
    /// <summary>The schema version this build writes and reads.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The <c>meta.format</c> value that marks a TomKing journal.</summary>
    public const string Format = "tomking-journal";

    private const int SqliteNotADatabase = 26;
    private const int SqliteCorrupt = 11;

    static JournalSqlite() => SQLitePCL.Batteries_V2.Init();

    /// <summary>Opens a connection (no pooling: disposing it closes the file).</summary>
    public static SqliteConnection Open(string fullPath, SqliteOpenMode mode, TimeSpan busyTimeout)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds}"));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing file for reading only. The connection is read-write with
    /// <c>query_only</c> on: a read-only connection cannot remove the WAL and shared-memory files when it
    /// closes, and would leave them beside a journal or backup that nothing else has open.</summary>
    public static SqliteConnection OpenForReading(string fullPath, TimeSpan busyTimeout)
    {
        var connection = Open(fullPath, SqliteOpenMode.ReadWrite, busyTimeout);
        try
        {
            Execute(connection, "PRAGMA query_only = ON");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs a statement without results.</summary>
    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a query and returns its first column of the first row (null when none).</summary>
    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Creates the schema in an empty database, or checks that an existing one is a journal of a
    /// version this build reads.</summary>
    public static void CreateOrCheck(SqliteConnection connection, string displayPath)
    {
        using var transaction = connection.BeginTransaction();
        long tables = Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"), CultureInfo.InvariantCulture);
        if (tables == 0)
        {
            Execute(connection, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
            Execute(connection, "CREATE TABLE entries (seq INTEGER PRIMARY KEY, kind INTEGER NOT NULL, time_utc INTEGER NOT NULL, "
                + "client_order_id INTEGER NOT NULL, order_id INTEGER NOT NULL, payload TEXT NOT NULL)");
            Execute(connection, string.Create(CultureInfo.InvariantCulture,
                $"INSERT INTO meta (key, value) VALUES ('format', '{Format}'), ('schema_version', '{SchemaVersion}')"));
        }
        else
        {
            Check(connection, displayPath);
        }

        transaction.Commit();
    }

    /// <summary>Throws <see cref="JournalException"/> unless the database is a TomKing journal of a schema
    /// version this build reads.</summary>
    public static void Check(SqliteConnection connection, string displayPath)
    {
        bool hasMeta = Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'"), CultureInfo.InvariantCulture) == 1;
        string? format = hasMeta ? Scalar(connection, "SELECT value FROM meta WHERE key = 'format'") as string : null;
        if (!string.Equals(format, Format, StringComparison.Ordinal))
        {
            throw new JournalException($"'{displayPath}' is an SQLite database but not a TomKing journal (no journal format marker).");
        }

        string? versionText = Scalar(connection, "SELECT value FROM meta WHERE key = 'schema_version'") as string;
        if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out int version))
        {
            throw new JournalException($"'{displayPath}' has no readable journal schema version ('{versionText}').");
        }

        if (version > SchemaVersion)
        {
            throw new JournalException($"'{displayPath}' has journal schema version {version}, newer than the version {SchemaVersion} this build of tomking reads; use the newer tomking that wrote it.");
        }

        if (version < SchemaVersion)
        {
            throw new JournalException($"'{displayPath}' has journal schema version {version}, which this build (version {SchemaVersion}) does not read.");
        }

        bool hasEntries = Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'entries'"), CultureInfo.InvariantCulture) == 1;
        if (!hasEntries)
        {
            throw new JournalException($"'{displayPath}' is a damaged journal: its entries table is missing.");
        }
    }

    /// <summary>Runs <c>PRAGMA integrity_check</c> and throws <see cref="JournalException"/> with its first
    /// findings unless it answers "ok".</summary>
    public static void CheckIntegrity(SqliteConnection connection, string displayPath)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check(5)";
        using var reader = command.ExecuteReader();
        var findings = new List<string>();
        while (reader.Read())
        {
            findings.Add(reader.GetString(0));
        }

        if (findings.Count != 1 || !string.Equals(findings[0], "ok", StringComparison.Ordinal))
        {
            throw new JournalException($"'{displayPath}' failed the SQLite integrity check: {string.Join("; ", findings)}");
        }
    }

    /// <summary>Turns an SQLite error about a file into a one-line <see cref="JournalException"/>.</summary>
    public static JournalException Describe(SqliteException ex, string displayPath, string role) => ex.SqliteErrorCode switch
    {
        SqliteNotADatabase => new JournalException($"{role} '{displayPath}' is not an SQLite database (or is encrypted or damaged beyond reading).", ex),
        SqliteCorrupt => new JournalException($"{role} '{displayPath}' is damaged: {ex.Message}", ex),
        _ => new JournalException($"{role} '{displayPath}': {ex.Message}", ex),
    };
}

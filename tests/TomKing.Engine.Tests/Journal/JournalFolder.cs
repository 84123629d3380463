using Microsoft.Data.Sqlite;
using TomKing.Engine.Journal;

namespace TomKing.Engine.Tests.Journal;

/// <summary>A fresh temporary folder per test, deleted afterwards; raw SQLite access for checks that must
/// not go through the journal's own code.</summary>
public abstract class JournalFolder
{
    protected string Folder { get; private set; } = string.Empty;

    protected static readonly DateTime T0 = new(2024, 3, 15, 14, 30, 0, DateTimeKind.Utc);

    [SetUp]
    public void CreateFolder()
    {
        Folder = Path.Combine(Path.GetTempPath(), "tomking-journal-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    protected string File(string name) => Path.Combine(Folder, name);

    protected static JournalEntry Entry(int i, JournalEntryKind kind = JournalEntryKind.Alert) =>
        JournalEntry.Create(kind, T0.AddSeconds(i), "{\"n\":" + i + "}", clientOrderId: i, orderId: 1000 + i);

    /// <summary>A raw connection (no pooling) to a journal file, for independent checks.</summary>
    protected static SqliteConnection Raw(string path, SqliteOpenMode mode = SqliteOpenMode.ReadWrite)
    {
        SQLitePCL.Batteries_V2.Init();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    protected static long RawScalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected static void RawExecute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

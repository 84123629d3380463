namespace TomKing.Engine.Journal;

/// <summary>How a <see cref="TradingJournal"/> commits.</summary>
public sealed record JournalOptions
{
    /// <summary>The defaults: synchronous FULL, batches of up to 1,024 entries, no added delay.</summary>
    public static JournalOptions Default { get; } = new();

    /// <summary>SQLite <c>synchronous=FULL</c> (true, default): a commit is on disk when it returns, so an
    /// entry reported durable survives a power cut. False uses NORMAL (survives a process crash, not
    /// necessarily a power cut; WAL stays consistent either way).</summary>
    public bool SynchronousFull { get; init; } = true;

    /// <summary>Most entries committed in one transaction (default 1,024).</summary>
    public int MaxBatchSize { get; init; } = 1024;

    /// <summary>How long the writer waits for more entries after the first of a batch arrives, when fewer
    /// than <see cref="MaxBatchSize"/> are queued (default zero: a batch is whatever queued while the
    /// previous commit was on disk, which groups naturally under load without delaying a lone entry).</summary>
    public TimeSpan MaxBatchDelay { get; init; } = TimeSpan.Zero;

    /// <summary>How long a statement waits for a lock held by another connection (another process
    /// backing up or reading the file) before the write fails (default 5 s).</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);
}

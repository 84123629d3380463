namespace TomKing.Engine.Journal;

/// <summary>The journal cannot do what was asked: the file is not a TomKing journal, is corrupt, was
/// written by a newer schema, or a write failed (disk full, I/O error). The message names the file.</summary>
public sealed class JournalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JournalException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public JournalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public JournalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

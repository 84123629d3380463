using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TomKing.Engine.Results;

/// <summary>
/// Reads and writes the JSON results file (the source-generated <see cref="ResultsJsonContext"/>, no
/// reflection). Writes are atomic: the text goes to a temporary file in the same folder, which then
/// replaces the target, so a failure never leaves a half-written results file. Reading a damaged or
/// foreign file throws <see cref="ResultsFileException"/> naming the file, line and column.
/// </summary>
public static class ResultsFile
{
    // Same shape as ResultsJsonContext.Default, but strict on reading: required constructor parameters
    // and non-nullable references must be present, so a foreign JSON document is refused, not half-read.
    private static readonly ResultsJsonContext Strict = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    });

    /// <summary>The results as JSON text (indented, camelCase, NaN as "NaN").</summary>
    public static string ToJson(BacktestResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return JsonSerializer.Serialize(results, Strict.BacktestResults);
    }

    /// <summary>Parses results JSON text; <paramref name="sourceName"/> names it in error messages.</summary>
    /// <exception cref="ResultsFileException">The text is not a TomKing results document.</exception>
    public static BacktestResults FromJson(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, Strict.BacktestResults)
                ?? throw new ResultsFileException($"{sourceName}: the file holds JSON null, not backtest results.");
        }
        catch (JsonException ex)
        {
            throw new ResultsFileException(Describe(ex, sourceName), ex);
        }
    }

    /// <summary>Writes the results file atomically (temporary file in the same folder, then a rename);
    /// creates the folder if needed.</summary>
    public static void Write(BacktestResults results, string path)
    {
        ArgumentNullException.ThrowIfNull(results);
        WriteAtomically(path, stream => JsonSerializer.Serialize(stream, results, Strict.BacktestResults)); // streamed: no whole-file string
    }

    /// <summary>Reads a results file.</summary>
    /// <exception cref="ResultsFileException">The file cannot be read or is not a TomKing results file;
    /// the message names the file and, for bad JSON, the line and column.</exception>
    public static BacktestResults Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
            return JsonSerializer.Deserialize(stream, Strict.BacktestResults)
                ?? throw new ResultsFileException($"{path}: the file holds JSON null, not backtest results.");
        }
        catch (JsonException ex)
        {
            throw new ResultsFileException(Describe(ex, path), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ResultsFileException($"{path}: cannot read the results file: {ex.Message}", ex);
        }
    }

    /// <summary>Writes UTF-8 text (no BOM) to <paramref name="path"/> through a temporary file in the same
    /// folder and a rename, so readers see the old file or the new one, never a partial one.</summary>
    internal static void WriteAtomically(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAtomically(path, stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text)));
    }

    /// <summary>Lets <paramref name="write"/> fill a temporary file in the target's folder, flushes it to
    /// disk and renames it over <paramref name="path"/>; on any failure the temporary file is deleted and
    /// the old file (if any) is untouched.</summary>
    internal static void WriteAtomically(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..8] + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static string Describe(JsonException ex, string sourceName)
    {
        string where = ex.LineNumber is long line
            ? string.Create(CultureInfo.InvariantCulture, $"({line + 1},{(ex.BytePositionInLine ?? 0) + 1})")
            : string.Empty;
        string field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" at '{ex.Path.TrimStart('$', '.')}'";
        string reason = ex.Message;
        int cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        reason = (cut >= 0 ? reason[..cut] : reason).Trim();
        return $"{sourceName}{where}: not a TomKing results file{field}: {reason}";
    }
}

/// <summary>A results file that cannot be read or is not a TomKing results document (the message names
/// the file and position; meant to be shown to the user as is).</summary>
public sealed class ResultsFileException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public ResultsFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ResultsFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message (prefer the other constructors).</summary>
    public ResultsFileException()
    {
    }
}

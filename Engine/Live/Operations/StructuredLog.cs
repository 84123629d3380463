using System.Buffers;
using System.Text;
using System.Text.Json;

namespace TomKing.Engine.Live.Operations;

/// <summary>
/// Structured logs as JSON lines: <c>{"ts":"2024-03-15T14:30:00.123Z","level":"info","event":"order.filled","fields":{…}}</c>,
/// one object per line, written with <see cref="Utf8JsonWriter"/> (no reflection).
/// </summary>
/// <remarks>Thread-safe: a line is built and written under one lock, so lines never interleave. Logging
/// never throws into the caller: an I/O error (full disk, closed stream) or an unwritable value is counted
/// in <see cref="WriteErrors"/> and the line is dropped. Secrets (tokens, passwords, full account numbers)
/// must never be passed as fields (DESIGN, logging).</remarks>
public sealed class StructuredLog : IDisposable
{
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly bool _flushEachLine;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _json;
    private char[] _chars = new char[512];
    private long _lines;
    private long _errors;

    /// <summary>Writes lines to <paramref name="writer"/> (e.g. <see cref="Console.Out"/>).</summary>
    /// <param name="writer">Destination.</param>
    /// <param name="minimum">Lines below this severity are skipped.</param>
    /// <param name="time">Clock for the timestamps (the system clock by default).</param>
    /// <param name="flushEachLine">Flush after every line so a crash loses nothing already logged.</param>
    /// <param name="ownsWriter">Dispose <paramref name="writer"/> with this log.</param>
    public StructuredLog(TextWriter writer, LogSeverity minimum = LogSeverity.Info, TimeProvider? time = null, bool flushEachLine = true, bool ownsWriter = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _ownsWriter = ownsWriter;
        _flushEachLine = flushEachLine;
        _time = time ?? TimeProvider.System;
        Minimum = minimum;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = false });
    }

    /// <summary>Opens (appends to) a log file, UTF-8 without a byte-order mark; the log owns the file.</summary>
    public static StructuredLog OpenFile(string path, LogSeverity minimum = LogSeverity.Info, TimeProvider? time = null)
    {
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        return new StructuredLog(writer, minimum, time, flushEachLine: true, ownsWriter: true);
    }

    /// <summary>The lowest severity written.</summary>
    public LogSeverity Minimum { get; }

    /// <summary>Lines written.</summary>
    public long LinesWritten => Interlocked.Read(ref _lines);

    /// <summary>Lines lost to an error (I/O, an unwritable value, a disposed writer).</summary>
    public long WriteErrors => Interlocked.Read(ref _errors);

    /// <summary>Logs at <see cref="LogSeverity.Debug"/>.</summary>
    public void Debug(string eventName, params ReadOnlySpan<LogField> fields) => Write(LogSeverity.Debug, eventName, fields);

    /// <summary>Logs at <see cref="LogSeverity.Info"/>.</summary>
    public void Info(string eventName, params ReadOnlySpan<LogField> fields) => Write(LogSeverity.Info, eventName, fields);

    /// <summary>Logs at <see cref="LogSeverity.Warn"/>.</summary>
    public void Warn(string eventName, params ReadOnlySpan<LogField> fields) => Write(LogSeverity.Warn, eventName, fields);

    /// <summary>Logs at <see cref="LogSeverity.Error"/>.</summary>
    public void Error(string eventName, params ReadOnlySpan<LogField> fields) => Write(LogSeverity.Error, eventName, fields);

    /// <summary>Writes one line; never throws.</summary>
    public void Write(LogSeverity level, string eventName, params ReadOnlySpan<LogField> fields)
    {
        if (level < Minimum)
        {
            return;
        }

        lock (_gate)
        {
            try
            {
                _buffer.ResetWrittenCount();
                _json.Reset(_buffer);
                _json.WriteStartObject();
                _json.WriteString("ts", _time.GetUtcNow().UtcDateTime);
                _json.WriteString("level", LevelName(level));
                _json.WriteString("event", eventName ?? string.Empty);
                _json.WriteStartObject("fields");
                foreach (ref readonly var f in fields)
                {
                    WriteField(_json, f);
                }

                _json.WriteEndObject();
                _json.WriteEndObject();
                _json.Flush();

                var bytes = _buffer.WrittenSpan;
                int max = Encoding.UTF8.GetMaxCharCount(bytes.Length);
                if (_chars.Length < max)
                {
                    _chars = new char[Math.Max(max, _chars.Length * 2)];
                }

                int n = Encoding.UTF8.GetChars(bytes, _chars);
                _writer.Write(_chars, 0, n);
                _writer.Write('\n');
                if (_flushEachLine)
                {
                    _writer.Flush();
                }

                _lines++;
            }
#pragma warning disable CA1031 // a log line must never take the caller down: count it and go on
            catch (Exception)
#pragma warning restore CA1031
            {
                _errors++;
            }
        }
    }

    /// <summary>"debug", "info", "warn" or "error".</summary>
    public static string LevelName(LogSeverity level) => level switch
    {
        LogSeverity.Debug => "debug",
        LogSeverity.Info => "info",
        LogSeverity.Warn => "warn",
        _ => "error",
    };

    /// <summary>Disposes the writer if the log owns it.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _json.Dispose();
            if (_ownsWriter)
            {
                try
                {
                    _writer.Dispose();
                }
                catch (IOException)
                {
                    _errors++;
                }
            }
        }
    }

    private static void WriteField(Utf8JsonWriter w, in LogField f)
    {
        string name = f.Name ?? string.Empty;
        switch (f.Kind)
        {
            case LogFieldKind.Text:
                if (f.Text is null)
                {
                    w.WriteNull(name);
                }
                else
                {
                    w.WriteString(name, f.Text);
                }

                break;
            case LogFieldKind.Whole:
                w.WriteNumber(name, f.Whole);
                break;
            case LogFieldKind.Real:
                if (double.IsFinite(f.Real))
                {
                    w.WriteNumber(name, f.Real);
                }
                else
                {
                    w.WriteString(name, PrometheusText.FormatValue(f.Real));
                }

                break;
            case LogFieldKind.Money:
                w.WriteNumber(name, f.Money);
                break;
            case LogFieldKind.Flag:
                w.WriteBoolean(name, f.Whole != 0);
                break;
            case LogFieldKind.Time:
                w.WriteString(name, f.Time);
                break;
            default:
                w.WriteNull(name);
                break;
        }
    }
}

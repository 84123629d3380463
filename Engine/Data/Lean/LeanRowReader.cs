using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace TomKing.Engine.Data.Lean;

/// <summary>
/// Streams the rows of one LEAN CSV (usually a zip entry) into <see cref="QuoteBar"/>,
/// <see cref="TradeBar"/> or <see cref="OpenInterestRow"/> values without allocating per row: bytes are
/// read into one reusable buffer, lines are found with a vectorised search and fields are parsed from
/// the bytes. One reader is reused across entries and files (<see cref="Start"/>), so a replay
/// allocates its buffer once.
/// <para>
/// Damage: a row that does not parse, has the wrong field count, or whose time is out of the day or not
/// strictly after the previous row's is a <see cref="LeanDamage.BadRow"/> — thrown in strict mode,
/// skipped and logged in lenient mode. A stream that fails to inflate, or that ends before the length
/// the zip directory promised, is a <see cref="LeanDamage.CorruptArchive"/> and always throws. Blank
/// lines carry no data and are ignored.
/// </para>
/// </summary>
public sealed class LeanRowReader
{
    private const long TicksPerMillisecond = TimeSpan.TicksPerMillisecond;
    private const long MillisecondsPerDay = 86_400_000;

    private readonly LeanReadOptions _options;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private Stream? _stream;
    private long _bytesRead;
    private long _expectedLength;

    private LeanRowFormat _format;
    private int _scaleDigits;
    private long _periodTicks;
    private DateOnly _date;
    private long _dayStartTicks;
    private long _constantShiftTicks;
    private bool _constantShift;
    private long _previousTicks;

    /// <summary>Creates a reader with its buffer.</summary>
    public LeanRowReader(LeanReadOptions? options = null)
    {
        _options = options ?? new LeanReadOptions();
        _buffer = new byte[Math.Max(256, _options.BufferSize)];
        FilePath = string.Empty;
    }

    /// <summary>The file being read (for messages).</summary>
    public string FilePath { get; private set; }

    /// <summary>The zip entry being read, or null for a plain file.</summary>
    public string? EntryName { get; private set; }

    /// <summary>1-based number of the last line read.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Rows returned since <see cref="Start"/>.</summary>
    public long RowsRead { get; private set; }

    /// <summary>Rows skipped (lenient mode) since <see cref="Start"/>.</summary>
    public long RowsSkipped { get; private set; }

    /// <summary>The row layout of the current stream.</summary>
    public LeanRowFormat Format => _format;

    /// <summary>
    /// Points the reader at a new stream. The reader does not own the stream: the caller disposes it.
    /// </summary>
    /// <param name="stream">The entry or file stream, positioned at its start.</param>
    /// <param name="format">How to interpret the rows.</param>
    /// <param name="fileDate">The file's date (second/minute rows are milliseconds after its midnight
    /// in the data time zone; ignored for hour/daily).</param>
    /// <param name="filePath">The file, for messages.</param>
    /// <param name="entryName">The zip entry, for messages.</param>
    /// <param name="expectedLength">Uncompressed length from the zip directory, checked at the end of
    /// the stream so a truncated entry is an error rather than a silent gap; negative when unknown.</param>
    public void Start(Stream stream, in LeanRowFormat format, DateOnly fileDate, string filePath, string? entryName, long expectedLength = -1)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(filePath);
        _stream = stream;
        _format = format;
        _date = fileDate;
        FilePath = filePath;
        EntryName = entryName;
        _expectedLength = expectedLength;
        _start = 0;
        _end = 0;
        _endOfStream = false;
        _bytesRead = 0;
        LineNumber = 0;
        RowsRead = 0;
        RowsSkipped = 0;
        _previousTicks = long.MinValue;
        _scaleDigits = format.SecurityType.IsPriceScaled() ? 4 : 0;
        _periodTicks = format.Resolution.Period().Ticks;
        _dayStartTicks = fileDate.ToDateTime(TimeOnly.MinValue).Ticks;
        _constantShift = format.Resolution.IsIntraday() && TryConstantShift(format.DataTimeZone, fileDate, out _constantShiftTicks);
    }

    /// <summary>Reads the next quote bar; false at the end of the stream.</summary>
    public bool TryRead(out QuoteBar bar)
    {
        RequireTickType(LeanTickType.Quote);
        while (NextLine(out ReadOnlySpan<byte> line))
        {
            string? problem = ParseQuote(line, out bar);
            if (problem is null)
            {
                RowsRead++;
                return true;
            }

            Reject(problem);
        }

        bar = default;
        return false;
    }

    /// <summary>Reads the next trade bar; false at the end of the stream.</summary>
    public bool TryRead(out TradeBar bar)
    {
        RequireTickType(LeanTickType.Trade);
        while (NextLine(out ReadOnlySpan<byte> line))
        {
            string? problem = ParseTrade(line, out bar);
            if (problem is null)
            {
                RowsRead++;
                return true;
            }

            Reject(problem);
        }

        bar = default;
        return false;
    }

    /// <summary>Reads the next open-interest row; false at the end of the stream.</summary>
    public bool TryRead(out OpenInterestRow row)
    {
        RequireTickType(LeanTickType.OpenInterest);
        while (NextLine(out ReadOnlySpan<byte> line))
        {
            string? problem = ParseOpenInterest(line, out row);
            if (problem is null)
            {
                RowsRead++;
                return true;
            }

            Reject(problem);
        }

        row = default;
        return false;
    }

    /// <summary>Fills <paramref name="destination"/> with the next quote bars; returns how many (0 at the end).</summary>
    public int Read(Span<QuoteBar> destination)
    {
        int n = 0;
        while (n < destination.Length && TryRead(out destination[n]))
        {
            n++;
        }

        return n;
    }

    /// <summary>Fills <paramref name="destination"/> with the next trade bars; returns how many (0 at the end).</summary>
    public int Read(Span<TradeBar> destination)
    {
        int n = 0;
        while (n < destination.Length && TryRead(out destination[n]))
        {
            n++;
        }

        return n;
    }

    private void RequireTickType(LeanTickType expected)
    {
        if (_format.TickType != expected)
        {
            throw new InvalidOperationException($"The stream holds {_format.TickType} rows, not {expected}.");
        }
    }

    private void Reject(string problem)
    {
        var issue = new LeanDataIssue(LeanDamage.BadRow, FilePath, EntryName, LineNumber, problem);
        if (_options.Mode == LeanReadMode.Strict)
        {
            throw new LeanDataException(issue.Damage, issue.FilePath, issue.EntryName, issue.Line, issue.Detail);
        }

        RowsSkipped++;
        _options.Issues.Add(issue);
    }

    private string? ParseQuote(ReadOnlySpan<byte> line, out QuoteBar bar)
    {
        bar = default;
        int pos = 0;
        string? problem = ParseTime(line, ref pos, out long ticks);
        if (problem is not null)
        {
            return problem;
        }

        int s = _scaleDigits;
        var f0 = LeanNumber.ParseDouble(line, ref pos, s, out double bo);
        var f1 = LeanNumber.ParseDouble(line, ref pos, s, out double bh);
        var f2 = LeanNumber.ParseDouble(line, ref pos, s, out double bl);
        var f3 = LeanNumber.ParseDouble(line, ref pos, s, out double bc);
        var f4 = LeanNumber.ParseLong(line, ref pos, out long bs);
        var f5 = LeanNumber.ParseDouble(line, ref pos, s, out double ao);
        var f6 = LeanNumber.ParseDouble(line, ref pos, s, out double ah);
        var f7 = LeanNumber.ParseDouble(line, ref pos, s, out double al);
        var f8 = LeanNumber.ParseDouble(line, ref pos, s, out double ac);
        var f9 = LeanNumber.ParseLong(line, ref pos, out long asz);
        if (pos != line.Length + 1)
        {
            return FieldCountProblem(line, LeanTickType.Quote);
        }

        if (!Side(f0, f1, f2, f3, bo, bh, bl, bc, out bool hasBid) || !Side(f5, f6, f7, f8, ao, ah, al, ac, out bool hasAsk)
            || f4 == LeanNumber.Field.Bad || f9 == LeanNumber.Field.Bad)
        {
            return "a quote field is not a number, or a side is only partly empty";
        }

        var sides = (hasBid ? QuoteSides.Bid : QuoteSides.None) | (hasAsk ? QuoteSides.Ask : QuoteSides.None);
        bar = new QuoteBar(new DateTime(ticks), new DateTime(ticks + _periodTicks), bo, bh, bl, bc, bs, ao, ah, al, ac, asz, sides);
        _previousTicks = ticks;
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Side(
        LeanNumber.Field o, LeanNumber.Field h, LeanNumber.Field l, LeanNumber.Field c,
        double ov, double hv, double lv, double cv, out bool present)
    {
        if (o == LeanNumber.Field.Number && h == LeanNumber.Field.Number && l == LeanNumber.Field.Number && c == LeanNumber.Field.Number)
        {
            present = ov != 0 || hv != 0 || lv != 0 || cv != 0; // all-zero OHLC is LEAN's other spelling of "no side"
            return true;
        }

        present = false;
        return o == LeanNumber.Field.Empty && h == LeanNumber.Field.Empty && l == LeanNumber.Field.Empty && c == LeanNumber.Field.Empty;
    }

    private string? ParseTrade(ReadOnlySpan<byte> line, out TradeBar bar)
    {
        bar = default;
        int pos = 0;
        string? problem = ParseTime(line, ref pos, out long ticks);
        if (problem is not null)
        {
            return problem;
        }

        int s = _scaleDigits;
        var f0 = LeanNumber.ParseDouble(line, ref pos, s, out double o);
        var f1 = LeanNumber.ParseDouble(line, ref pos, s, out double h);
        var f2 = LeanNumber.ParseDouble(line, ref pos, s, out double l);
        var f3 = LeanNumber.ParseDouble(line, ref pos, s, out double c);
        var f4 = LeanNumber.ParseLong(line, ref pos, out long v);
        if (pos != line.Length + 1)
        {
            return FieldCountProblem(line, LeanTickType.Trade);
        }

        if (f0 != LeanNumber.Field.Number || f1 != LeanNumber.Field.Number || f2 != LeanNumber.Field.Number
            || f3 != LeanNumber.Field.Number || f4 == LeanNumber.Field.Bad)
        {
            return "a trade field is empty or not a number";
        }

        bar = new TradeBar(new DateTime(ticks), new DateTime(ticks + _periodTicks), o, h, l, c, v);
        _previousTicks = ticks;
        return null;
    }

    private string? ParseOpenInterest(ReadOnlySpan<byte> line, out OpenInterestRow row)
    {
        row = default;
        int pos = 0;
        string? problem = ParseTime(line, ref pos, out long ticks);
        if (problem is not null)
        {
            return problem;
        }

        var f0 = LeanNumber.ParseLong(line, ref pos, out long value);
        if (pos != line.Length + 1)
        {
            return FieldCountProblem(line, LeanTickType.OpenInterest);
        }

        if (f0 != LeanNumber.Field.Number)
        {
            return "open interest is empty or not an integer";
        }

        row = new OpenInterestRow(new DateTime(ticks), value);
        _previousTicks = ticks;
        return null;
    }

    private static string FieldCountProblem(ReadOnlySpan<byte> line, LeanTickType tickType) => string.Create(
        CultureInfo.InvariantCulture,
        $"expected {tickType.FieldCount()} fields for {tickType} rows, found {line.Count((byte)',') + 1}");

    /// <summary>Parses the time column into US/Eastern ticks (bar start) and checks order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private string? ParseTime(ReadOnlySpan<byte> line, ref int pos, out long ticks)
    {
        if (_format.Resolution.IsIntraday())
        {
            if (LeanNumber.ParseLong(line, ref pos, out long ms) != LeanNumber.Field.Number || ms < 0 || ms > MillisecondsPerDay)
            {
                ticks = 0;
                return "the time is not milliseconds since midnight (0..86400000)";
            }

            ticks = _constantShift
                ? _dayStartTicks + (ms * TicksPerMillisecond) + _constantShiftTicks
                : _format.DataTimeZone.ToEastern(new DateTime(_dayStartTicks + (ms * TicksPerMillisecond))).Ticks;
        }
        else if (!TryParseDateTimeColumn(line, ref pos, out ticks))
        {
            return "the time is not 'yyyyMMdd HH:mm'";
        }

        if (ticks <= _previousTicks)
        {
            return "the time is not after the previous row's";
        }

        return null;
    }

    private bool TryParseDateTimeColumn(ReadOnlySpan<byte> line, ref int pos, out long ticks)
    {
        ticks = 0;
        // yyyyMMdd HH:mm
        if (line.Length < pos + 14 || line[pos + 8] != (byte)' ' || line[pos + 11] != (byte)':'
            || (line.Length > pos + 14 && line[pos + 14] != (byte)','))
        {
            return false;
        }

        if (!Digits(line.Slice(pos, 8), out int ymd) || !Digits(line.Slice(pos + 9, 2), out int hh) || !Digits(line.Slice(pos + 12, 2), out int mm)
            || hh > 23 || mm > 59)
        {
            return false;
        }

        int year = ymd / 10000;
        int month = ymd / 100 % 100;
        int day = ymd % 100;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var local = new DateTime(year, month, day, hh, mm, 0, DateTimeKind.Unspecified);
        ticks = _format.Resolution == LeanResolution.Daily ? local.Ticks : _format.DataTimeZone.ToEastern(local).Ticks;
        pos += 15;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (byte b in text)
        {
            uint d = (uint)(b - (byte)'0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }

    /// <summary>
    /// Whether the data zone's offset to Eastern is the same all through the file's day (no DST switch in
    /// either zone within a day of it), so a row's time is one addition.
    /// </summary>
    private static bool TryConstantShift(LeanTimeZone zone, DateOnly date, out long shiftTicks)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        shiftTicks = (zone.ToEastern(midnight) - midnight).Ticks;
        if (zone.IsEastern)
        {
            return true;
        }

        var before = midnight.AddDays(-1);
        var after = midnight.AddDays(2);
        long shiftBefore = (zone.ToEastern(before) - before).Ticks;
        long shiftAfter = (zone.ToEastern(after) - after).Ticks;
        bool easternSteady = Greeks.UsEastern.OffsetAt(before) == Greeks.UsEastern.OffsetAt(after);
        bool zoneSteady = zone.OffsetAt(before) == zone.OffsetAt(after);
        return easternSteady && zoneSteady && shiftBefore == shiftTicks && shiftAfter == shiftTicks;
    }

    /// <summary>The next non-blank line (without its line break), or false at the end of the stream.</summary>
    private bool NextLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            int lineEnd;
            int next;
            if (newline >= 0)
            {
                lineEnd = _start + newline;
                next = lineEnd + 1;
            }
            else if (_endOfStream)
            {
                if (_start >= _end)
                {
                    line = default;
                    return false;
                }

                lineEnd = _end;
                next = _end;
            }
            else
            {
                Fill();
                continue;
            }

            int lineStart = _start;
            _start = next;
            LineNumber++;
            if (lineEnd > lineStart && _buffer[lineEnd - 1] == (byte)'\r')
            {
                lineEnd--;
            }

            if (lineEnd == lineStart)
            {
                continue; // blank line: no data, nothing lost
            }

            line = new ReadOnlySpan<byte>(_buffer, lineStart, lineEnd - lineStart);
            return true;
        }
    }

    private void Fill()
    {
        if (_stream is null)
        {
            throw new InvalidOperationException("Call Start before reading.");
        }

        int remaining = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
            _start = 0;
            _end = remaining;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2); // a line longer than the buffer: grow once, keep it
        }

        int read;
        try
        {
            read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw new LeanDataException(LeanDamage.CorruptArchive, FilePath, EntryName, LineNumber + 1, "the data stream cannot be read: " + ex.Message, ex);
        }

        if (read == 0)
        {
            _endOfStream = true;
            if (_expectedLength >= 0 && _bytesRead != _expectedLength)
            {
                throw new LeanDataException(
                    LeanDamage.CorruptArchive, FilePath, EntryName, LineNumber + 1,
                    string.Create(CultureInfo.InvariantCulture, $"the entry ended after {_bytesRead} bytes, the zip directory promised {_expectedLength}"));
            }

            return;
        }

        _bytesRead += read;
        _end += read;
    }
}

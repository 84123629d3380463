namespace TomKing.Engine.Live.Operations;

/// <summary>
/// One named value of a structured log line, typed so the log writes it without boxing or reflection:
/// <c>new("order", "C42")</c>, <c>new("qty", 3)</c>, <c>new("price", 1.25m)</c> (a call with a single field
/// must name the type, <c>new LogField("qty", 3)</c>: a lone target-typed <c>new</c> would bind to the span).
/// </summary>
public readonly struct LogField
{
    /// <summary>A text field (null is written as JSON null).</summary>
    public LogField(string name, string? value)
    {
        Name = name;
        Kind = LogFieldKind.Text;
        Text = value;
    }

    /// <summary>An integer field.</summary>
    public LogField(string name, long value)
    {
        Name = name;
        Kind = LogFieldKind.Whole;
        Whole = value;
    }

    /// <summary>A floating-point field (NaN and infinities are written as strings).</summary>
    public LogField(string name, double value)
    {
        Name = name;
        Kind = LogFieldKind.Real;
        Real = value;
    }

    /// <summary>A decimal (money) field.</summary>
    public LogField(string name, decimal value)
    {
        Name = name;
        Kind = LogFieldKind.Money;
        Money = value;
    }

    /// <summary>A true/false field.</summary>
    public LogField(string name, bool value)
    {
        Name = name;
        Kind = LogFieldKind.Flag;
        Whole = value ? 1 : 0;
    }

    /// <summary>A time field, written in ISO-8601 (UTC times end in Z).</summary>
    public LogField(string name, DateTime value)
    {
        Name = name;
        Kind = LogFieldKind.Time;
        Time = value;
    }

    /// <summary>The field's name.</summary>
    public string Name { get; }

    /// <summary>Which value it carries.</summary>
    public LogFieldKind Kind { get; }

    /// <summary>The text value.</summary>
    public string? Text { get; }

    /// <summary>The whole-number value (1/0 for a flag).</summary>
    public long Whole { get; }

    /// <summary>The floating-point value.</summary>
    public double Real { get; }

    /// <summary>The decimal value.</summary>
    public decimal Money { get; }

    /// <summary>The time value.</summary>
    public DateTime Time { get; }
}

/// <summary>The kinds of <see cref="LogField"/> values.</summary>
public enum LogFieldKind : byte
{
    /// <summary>String.</summary>
    Text = 0,

    /// <summary>64-bit integer.</summary>
    Whole = 1,

    /// <summary>Double.</summary>
    Real = 2,

    /// <summary>Decimal.</summary>
    Money = 3,

    /// <summary>Boolean.</summary>
    Flag = 4,

    /// <summary>DateTime.</summary>
    Time = 5,
}

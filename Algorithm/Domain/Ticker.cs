namespace TomKing.Algorithm.Domain;

/// <summary>
/// The exchange symbol of an underlying or option root ("SPX", "SPXW", "ES", "QQQ"), upper-case and
/// compared ordinally. A value, so it can key dictionaries and travel inside legs without lookups.
/// </summary>
public readonly record struct Ticker
{
    /// <summary>Creates a ticker; the symbol is trimmed and upper-cased.</summary>
    /// <exception cref="ArgumentException">The symbol is empty.</exception>
    public Ticker(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        Symbol = symbol.Trim().ToUpperInvariant();
    }

    /// <summary>The upper-case symbol (empty for <c>default</c>).</summary>
    public string Symbol { get => field ?? string.Empty; }

    /// <summary>True for <c>default(Ticker)</c>, which names nothing.</summary>
    public bool IsEmpty => Symbol.Length == 0;

    /// <summary>Equality is ordinal on the symbol.</summary>
    public bool Equals(Ticker other) => string.Equals(Symbol, other.Symbol, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Symbol);

    /// <summary>The symbol.</summary>
    public override string ToString() => Symbol;

    /// <summary>Shorthand for <c>new Ticker(symbol)</c>.</summary>
    public static implicit operator Ticker(string symbol) => new(symbol);

    /// <summary>Named alternative to the implicit conversion (CA2225).</summary>
    public static Ticker FromString(string symbol) => new(symbol);
}

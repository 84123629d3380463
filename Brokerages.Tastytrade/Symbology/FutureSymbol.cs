using System.Globalization;

namespace TomKing.Brokerages.Tastytrade.Symbology;

/// <summary>
/// A futures contract: product code, contract month and year. Order form <c>/</c> + product + month code +
/// <b>one</b>-digit year (<c>/ESH4</c>, <c>/6BZ5</c>, <c>/GEM0</c>); DXLink form <c>/</c> + product + month
/// code + <b>two</b>-digit year + <c>:</c> + MIC (<c>/ESH24:XCME</c>). Product codes may contain digits
/// (6B, M2K), so both forms are parsed from the right.
/// </summary>
/// <param name="Product">Product code without the slash (ES, MNQ, 6B).</param>
/// <param name="Month">Contract month 1–12.</param>
/// <param name="Year">Full contract year (2024).</param>
public readonly record struct FutureSymbol(string Product, int Month, int Year)
{
    /// <summary>The order/position symbol, <c>/ESH4</c>.</summary>
    public string ToOrderSymbol()
    {
        Validate();
        return string.Create(CultureInfo.InvariantCulture, $"/{Product}{FuturesMonth.Code(Month)}{Year % 10}");
    }

    /// <summary>The symbol without the leading slash, as <c>GET /instruments/futures/{symbol}</c> takes it (<c>ESH4</c>).</summary>
    public string ToPathSymbol() => ToOrderSymbol()[1..];

    /// <summary>The contract code inside futures-option symbols without the slash (<c>ESZ4</c>).</summary>
    public string ContractCode => ToPathSymbol();

    /// <summary>The DXLink symbol, <c>/ESH24:XCME</c>; <paramref name="mic"/> defaults to the product's
    /// exchange from <see cref="ExchangeCodes"/>.</summary>
    /// <exception cref="ArgumentException">No MIC given and the product's exchange is unknown.</exception>
    public string ToStreamer(string? mic = null)
    {
        Validate();
        mic ??= ExchangeCodes.MicOf(Product) ?? throw new ArgumentException($"No exchange MIC known for /{Product}; pass one.", nameof(mic));
        return string.Create(CultureInfo.InvariantCulture, $"/{Product}{FuturesMonth.Code(Month)}{Year % 100:D2}:{mic}");
    }

    /// <summary>The order symbol.</summary>
    public override string ToString() => ToOrderSymbol();

    /// <summary>Parses <c>/ESH4</c> (also without the slash); the one-digit year is resolved against
    /// <paramref name="referenceYear"/> by <see cref="FuturesMonth.ResolveYear"/>.</summary>
    public static bool TryParseOrderSymbol(string? text, int referenceYear, out FutureSymbol symbol)
    {
        symbol = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        ReadOnlySpan<char> s = text[0] == '/' ? text.AsSpan(1) : text.AsSpan();
        if (s.Length < 3 || !char.IsAsciiDigit(s[^1]))
        {
            return false;
        }

        int month = FuturesMonth.FromCode(s[^2]);
        ReadOnlySpan<char> product = s[..^2];
        if (month == 0 || !SymbolText.IsRootText(product))
        {
            return false;
        }

        symbol = new FutureSymbol(product.ToString(), month, FuturesMonth.ResolveYear(s[^1] - '0', referenceYear));
        return true;
    }

    /// <summary>Parses <c>/ESH4</c> or throws.</summary>
    /// <exception cref="FormatException">Not a futures symbol.</exception>
    public static FutureSymbol ParseOrderSymbol(string text, int referenceYear) =>
        TryParseOrderSymbol(text, referenceYear, out var s) ? s : throw new FormatException($"'{text}' is not a futures symbol.");

    /// <summary>Parses <c>/ESH24:XCME</c>, returning the MIC too.</summary>
    public static bool TryParseStreamer(string? text, out FutureSymbol symbol, out string mic)
    {
        symbol = default;
        mic = string.Empty;
        if (string.IsNullOrEmpty(text) || text[0] != '/' || text.StartsWith("//", StringComparison.Ordinal))
        {
            return false;
        }

        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || colon == text.Length - 1)
        {
            return false;
        }

        ReadOnlySpan<char> s = text.AsSpan(1, colon - 1);
        if (s.Length < 4 || !SymbolText.IsAsciiDigits(s[^2..]))
        {
            return false;
        }

        int month = FuturesMonth.FromCode(s[^3]);
        ReadOnlySpan<char> product = s[..^3];
        if (month == 0 || !SymbolText.IsRootText(product))
        {
            return false;
        }

        symbol = new FutureSymbol(product.ToString(), month, 2000 + ((s[^2] - '0') * 10) + (s[^1] - '0'));
        mic = text[(colon + 1)..];
        return true;
    }

    private void Validate()
    {
        if (string.IsNullOrEmpty(Product) || !SymbolText.IsRootText(Product))
        {
            throw new FormatException($"'{Product}' is not a futures product code.");
        }

        if (Month is < 1 or > 12 || Year is < 2000 or > 2099)
        {
            throw new FormatException($"Month {Month} / year {Year} is not a valid contract month.");
        }
    }
}

/// <summary>Exchange MIC codes for streamer symbols: CME→XCME, CBOT→XCBT, NYMEX→XNYM, COMEX→XCEC,
/// CFE→XCBF. Products come from the instrument catalogue's LEAN market; always prefer the
/// <c>streamer-symbol</c> the API returns over a constructed one.</summary>
public static class ExchangeCodes
{
    /// <summary>The MIC of a LEAN market name (<c>cme</c>, <c>cbot</c>, <c>nymex</c>, <c>comex</c>, <c>cfe</c>), or null.</summary>
    public static string? MicOfMarket(string market) => market.ToUpperInvariant() switch
    {
        "CME" => "XCME",
        "CBOT" => "XCBT",
        "NYMEX" => "XNYM",
        "COMEX" => "XCEC",
        "CFE" => "XCBF",
        _ => null,
    };

    /// <summary>The MIC of a futures product from the instrument catalogue, or null when unknown.</summary>
    public static string? MicOf(string product) =>
        TomKing.Algorithm.Domain.InstrumentCatalogue.TryGet(new TomKing.Algorithm.Domain.Ticker(product), out var instrument)
            ? MicOfMarket(instrument.Market)
            : null;
}

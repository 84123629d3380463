using System.Globalization;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Symbology;

/// <summary>
/// A futures option. Order form: <c>.</c> + the future's symbol left-justified to 6 + the option contract
/// code (option root + month code + one-digit year) left-justified to 6 + <c>yyMMdd</c> + <c>C</c>/<c>P</c> +
/// strike (no padding, decimals allowed): <c>./ESZ4 EW4Z4 241220P5000</c>, <c>./GCQ5 OGN5  250625P2095</c>,
/// <c>./MNQZ5MNQZ5 251219P11000</c>, weekly <c>./MNQZ5D4AU5 250922C24575</c>. DXLink form: <c>./</c> + option
/// root + month code + two-digit year + <c>C</c>/<c>P</c> + strike + <c>:</c> + MIC (<c>./EW4Z24P5000:XCME</c>).
/// The option contract month can differ from the expiry month (OGN5 = July contract, expires 25 June).
/// </summary>
/// <param name="Future">The delivered future.</param>
/// <param name="OptionRoot">Option root (EW4, OG, OZB, MNQ, D4A).</param>
/// <param name="ContractMonth">Option contract month 1–12.</param>
/// <param name="ContractYear">Option contract year.</param>
/// <param name="Expiry">Expiry date.</param>
/// <param name="Right">Call or put.</param>
/// <param name="Strike">Strike.</param>
public readonly record struct FutureOptionSymbol(
    FutureSymbol Future,
    string OptionRoot,
    int ContractMonth,
    int ContractYear,
    DateOnly Expiry,
    OptionRight Right,
    decimal Strike)
{
    private const int Width = 6;

    /// <summary>The option contract code (<c>EW4Z4</c>).</summary>
    public string ContractCode =>
        string.Create(CultureInfo.InvariantCulture, $"{OptionRoot}{FuturesMonth.Code(ContractMonth)}{ContractYear % 10}");

    /// <summary>The order/position symbol (<c>./ESZ4 EW4Z4 241220P5000</c>).</summary>
    /// <exception cref="FormatException">A part does not fit the format.</exception>
    public string ToOrderSymbol()
    {
        Validate();
        string future = Future.ToOrderSymbol();
        string code = ContractCode;
        if (future.Length > Width || code.Length > Width)
        {
            throw new FormatException($"'{future}' or '{code}' is longer than 6 characters.");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $".{future.PadRight(Width)}{code.PadRight(Width)}{Expiry:yyMMdd}{OccOptionSymbol.RightChar(Right)}{SymbolText.Strike(Strike)}");
    }

    /// <summary>The DXLink symbol (<c>./EW4Z24P5000:XCME</c>); <paramref name="mic"/> defaults to the product's exchange.</summary>
    /// <exception cref="ArgumentException">No MIC given and the product's exchange is unknown.</exception>
    public string ToStreamer(string? mic = null)
    {
        Validate();
        mic ??= ExchangeCodes.MicOf(Future.Product) ?? throw new ArgumentException($"No exchange MIC known for /{Future.Product}; pass one.", nameof(mic));
        return string.Create(CultureInfo.InvariantCulture,
            $"./{OptionRoot}{FuturesMonth.Code(ContractMonth)}{ContractYear % 100:D2}{OccOptionSymbol.RightChar(Right)}{SymbolText.Strike(Strike)}:{mic}");
    }

    /// <summary>The order symbol.</summary>
    public override string ToString() => ToOrderSymbol();

    /// <summary>
    /// Parses the order form, padded (<c>./ESZ4 EW4Z4 241220P5000</c>) or with the padding collapsed to single
    /// spaces. One-digit years resolve against the expiry year (a contract is never more than a year or so
    /// from its expiry), so no reference date is needed.
    /// </summary>
    public static bool TryParseOrderSymbol(string? text, out FutureOptionSymbol symbol)
    {
        symbol = default;
        if (text is null || text.Length < 12 || !text.StartsWith("./", StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> s = text.AsSpan(1).TrimEnd();
        // Tail: yyMMdd + C/P + strike. Find the right character scanning back over the strike.
        int i = s.Length - 1;
        while (i >= 0 && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
        {
            i--;
        }

        if (i < 7 || !SymbolText.TryParseRight(s[i], out OptionRight right) ||
            !SymbolText.TryParseStrike(s[(i + 1)..], out decimal strike) ||
            !SymbolText.TryParseDate(s[(i - 6)..i], out DateOnly expiry))
        {
            return false;
        }

        ReadOnlySpan<char> head = s[..(i - 6)];
        ReadOnlySpan<char> futurePart;
        ReadOnlySpan<char> codePart;
        if (head.Length == 2 * Width)
        {
            futurePart = head[..Width].TrimEnd(' ');
            codePart = head[Width..].TrimEnd(' ');
        }
        else
        {
            ReadOnlySpan<char> trimmed = head.TrimEnd(' ');
            int space = trimmed.IndexOf(' ');
            if (space < 0)
            {
                return false;
            }

            futurePart = trimmed[..space];
            codePart = trimmed[(space + 1)..].TrimStart(' ');
        }

        if (codePart.Length < 3 || !char.IsAsciiDigit(codePart[^1]))
        {
            return false;
        }

        int contractMonth = FuturesMonth.FromCode(codePart[^2]);
        ReadOnlySpan<char> optionRoot = codePart[..^2];
        if (contractMonth == 0 || !SymbolText.IsRootText(optionRoot) ||
            !FutureSymbol.TryParseOrderSymbol(futurePart.ToString(), expiry.Year, out FutureSymbol future) ||
            !futurePart.StartsWith("/"))
        {
            return false;
        }

        int contractYear = FuturesMonth.ResolveYear(codePart[^1] - '0', expiry.Year);
        symbol = new FutureOptionSymbol(future, optionRoot.ToString(), contractMonth, contractYear, expiry, right, strike);
        return true;
    }

    /// <summary>Parses the order form or throws.</summary>
    /// <exception cref="FormatException">Not a futures-option symbol.</exception>
    public static FutureOptionSymbol ParseOrderSymbol(string text) =>
        TryParseOrderSymbol(text, out var s) ? s : throw new FormatException($"'{text}' is not a futures-option symbol.");

    /// <summary>The parts of a DXLink futures-option symbol (it does not name the future or the expiry day).</summary>
    /// <param name="OptionRoot">Option root.</param>
    /// <param name="ContractMonth">Contract month.</param>
    /// <param name="ContractYear">Full contract year.</param>
    /// <param name="Right">Call or put.</param>
    /// <param name="Strike">Strike.</param>
    /// <param name="Mic">Exchange MIC.</param>
    public readonly record struct StreamerParts(string OptionRoot, int ContractMonth, int ContractYear, OptionRight Right, decimal Strike, string Mic);

    /// <summary>Parses <c>./EW4Z24P5000:XCME</c>.</summary>
    public static bool TryParseStreamer(string? text, out StreamerParts parts)
    {
        parts = default;
        if (text is null || !text.StartsWith("./", StringComparison.Ordinal))
        {
            return false;
        }

        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || colon == text.Length - 1)
        {
            return false;
        }

        ReadOnlySpan<char> s = text.AsSpan(2, colon - 2);
        int i = s.Length - 1;
        while (i >= 0 && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
        {
            i--;
        }

        if (i < 4 || !SymbolText.TryParseRight(s[i], out OptionRight right) ||
            !SymbolText.TryParseStrike(s[(i + 1)..], out decimal strike) ||
            !SymbolText.IsAsciiDigits(s[(i - 2)..i]))
        {
            return false;
        }

        int month = FuturesMonth.FromCode(s[i - 3]);
        ReadOnlySpan<char> root = s[..(i - 3)];
        if (month == 0 || !SymbolText.IsRootText(root))
        {
            return false;
        }

        int year = 2000 + int.Parse(s[(i - 2)..i], NumberStyles.None, CultureInfo.InvariantCulture);
        parts = new StreamerParts(root.ToString(), month, year, right, strike, text[(colon + 1)..]);
        return true;
    }

    private void Validate()
    {
        if (string.IsNullOrEmpty(OptionRoot) || !SymbolText.IsRootText(OptionRoot) || ContractMonth is < 1 or > 12 || Strike <= 0)
        {
            throw new FormatException($"'{OptionRoot}' month {ContractMonth} strike {Strike} is not a valid futures option.");
        }
    }
}

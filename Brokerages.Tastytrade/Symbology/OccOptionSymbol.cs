using System.Globalization;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Symbology;

/// <summary>
/// An equity or index option in OCC form: root left-justified to 6 characters with spaces, <c>yyMMdd</c>,
/// <c>C</c>/<c>P</c>, strike × 1000 as 8 digits (<c>SPY   240315C00450000</c>, <c>SPXW  250530C01400000</c>).
/// Its DXLink streamer form is <c>.</c> + root + <c>yyMMdd</c> + <c>C</c>/<c>P</c> + strike with trailing
/// zeros trimmed (<c>.SPY240315C450</c>, <c>.F250620C2.02</c>).
/// </summary>
/// <param name="Root">Option root / trading class (SPX monthly vs SPXW weekly; share classes drop the slash: BRKB).</param>
/// <param name="Expiry">Expiry date.</param>
/// <param name="Right">Call or put.</param>
/// <param name="Strike">Strike (at most 3 decimals, below 100,000).</param>
public readonly record struct OccOptionSymbol(string Root, DateOnly Expiry, OptionRight Right, decimal Strike)
{
    private const int RootWidth = 6;

    /// <summary>The 21-character OCC symbol used in orders and positions.</summary>
    /// <exception cref="FormatException">The root or strike cannot be written in OCC form.</exception>
    public string ToOcc()
    {
        ValidateRoot(Root);
        decimal thousandths = Strike * 1000m;
        if (Strike <= 0 || thousandths != decimal.Truncate(thousandths) || thousandths > 99_999_999m)
        {
            throw new FormatException($"Strike {Strike} cannot be written as 8 OCC digits (thousandths, below 100,000).");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{Root.PadRight(RootWidth)}{Expiry:yyMMdd}{RightChar(Right)}{(long)thousandths:D8}");
    }

    /// <summary>The DXLink streamer symbol (<c>.SPXW240315C5012.5</c>).</summary>
    public string ToStreamer()
    {
        ValidateRoot(Root);
        return string.Create(CultureInfo.InvariantCulture,
            $".{Root}{Expiry:yyMMdd}{RightChar(Right)}{SymbolText.Strike(Strike)}");
    }

    /// <summary>The OCC symbol.</summary>
    public override string ToString() => ToOcc();

    /// <summary>Parses an OCC symbol; spaces after the root may be any number (some feeds trim them).</summary>
    public static bool TryParseOcc(string? text, out OccOptionSymbol symbol)
    {
        symbol = default;
        if (text is null || text.Length < 16)
        {
            return false;
        }

        ReadOnlySpan<char> s = text.AsSpan().TrimEnd();
        // Tail is fixed: yyMMdd (6) + C/P (1) + 8 digits.
        if (s.Length < 16)
        {
            return false;
        }

        ReadOnlySpan<char> tail = s[^15..];
        ReadOnlySpan<char> root = s[..^15].TrimEnd(' ');
        if (root.Length is 0 or > RootWidth || root.Contains(' ') || !SymbolText.IsAsciiDigits(tail[7..]))
        {
            return false;
        }

        if (!SymbolText.TryParseDate(tail[..6], out DateOnly expiry) || !SymbolText.TryParseRight(tail[6], out OptionRight right))
        {
            return false;
        }

        long thousandths = long.Parse(tail[7..], NumberStyles.None, CultureInfo.InvariantCulture);
        if (thousandths == 0)
        {
            return false;
        }

        symbol = new OccOptionSymbol(root.ToString(), expiry, right, thousandths / 1000m);
        return true;
    }

    /// <summary>Parses an OCC symbol or throws.</summary>
    /// <exception cref="FormatException">Not an OCC option symbol.</exception>
    public static OccOptionSymbol ParseOcc(string text) =>
        TryParseOcc(text, out var s) ? s : throw new FormatException($"'{text}' is not an OCC option symbol.");

    /// <summary>Parses a DXLink equity/index option symbol (<c>.SPY240315C450</c>).</summary>
    public static bool TryParseStreamer(string? text, out OccOptionSymbol symbol)
    {
        symbol = default;
        if (text is null || text.Length < 10 || text[0] != '.' || text.StartsWith("./", StringComparison.Ordinal))
        {
            return false;
        }

        // Scan right to left: strike digits/dot, then C/P, then 6 date digits, the rest is the root.
        ReadOnlySpan<char> s = text.AsSpan(1);
        int i = s.Length - 1;
        while (i >= 0 && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
        {
            i--;
        }

        if (i < 7 || i == s.Length - 1 || !SymbolText.TryParseRight(s[i], out OptionRight right))
        {
            return false;
        }

        if (!SymbolText.TryParseStrike(s[(i + 1)..], out decimal strike) ||
            !SymbolText.TryParseDate(s[(i - 6)..i], out DateOnly expiry))
        {
            return false;
        }

        ReadOnlySpan<char> root = s[..(i - 6)];
        if (root.Length is 0 or > RootWidth || !SymbolText.IsRootText(root))
        {
            return false;
        }

        symbol = new OccOptionSymbol(root.ToString(), expiry, right, strike);
        return true;
    }

    /// <summary>Parses a DXLink equity/index option symbol or throws.</summary>
    /// <exception cref="FormatException">Not a streamer option symbol.</exception>
    public static OccOptionSymbol ParseStreamer(string text) =>
        TryParseStreamer(text, out var s) ? s : throw new FormatException($"'{text}' is not a streamer option symbol.");

    internal static char RightChar(OptionRight right) => right == OptionRight.Call ? 'C' : 'P';

    private static void ValidateRoot(string root)
    {
        if (string.IsNullOrEmpty(root) || root.Length > RootWidth || !SymbolText.IsRootText(root))
        {
            throw new FormatException($"'{root}' is not an OCC option root (1–6 letters or digits).");
        }
    }
}

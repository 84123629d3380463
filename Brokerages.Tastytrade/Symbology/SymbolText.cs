using System.Globalization;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Symbology;

/// <summary>Small parsing and formatting pieces shared by the symbol types.</summary>
internal static class SymbolText
{
    /// <summary>Strike with trailing zeros trimmed and no exponent (450, 2.02, 22.5).</summary>
    public static string Strike(decimal strike) => strike.ToString("0.##########", CultureInfo.InvariantCulture);

    public static bool TryParseStrike(ReadOnlySpan<char> text, out decimal strike)
    {
        strike = 0;
        if (text.IsEmpty || text[0] == '.' || text[^1] == '.')
        {
            return false;
        }

        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out strike) && strike > 0;
    }

    public static bool TryParseDate(ReadOnlySpan<char> yyMMdd, out DateOnly date) =>
        DateOnly.TryParseExact(yyMMdd, "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryParseRight(char c, out OptionRight right)
    {
        right = c == 'P' ? OptionRight.Put : OptionRight.Call;
        return c is 'C' or 'P';
    }

    public static bool IsAsciiDigits(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !s.IsEmpty;
    }

    /// <summary>Upper-case letters and digits only.</summary>
    public static bool IsRootText(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !s.IsEmpty;
    }
}

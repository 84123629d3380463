namespace TomKing.Brokerages.Tastytrade.Symbology;

/// <summary>The CME month codes (F Jan, G Feb, H Mar, J Apr, K May, M Jun, N Jul, Q Aug, U Sep, V Oct,
/// X Nov, Z Dec) and the decade rule for one-digit years.</summary>
public static class FuturesMonth
{
    private const string Codes = "FGHJKMNQUVXZ";

    /// <summary>The code of a month (1–12).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The month is not 1–12.</exception>
    public static char Code(int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return Codes[month - 1];
    }

    /// <summary>The month (1–12) of a code, or 0 when the character is not a month code.</summary>
    public static int FromCode(char code) => Codes.IndexOf(char.ToUpperInvariant(code), StringComparison.Ordinal) + 1;

    /// <summary>
    /// Resolves a one-digit year (<c>/ESZ5</c>) to a full year: the year with that last digit in
    /// [<paramref name="referenceYear"/> − 1, <paramref name="referenceYear"/> + 8], so a contract that
    /// expired last year and one listed eight years out both resolve (e.g. <c>/GEM0</c> in 2026 = 2030).
    /// </summary>
    public static int ResolveYear(int digit, int referenceYear)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digit, 9);
        int low = referenceYear - 1;
        int year = low - (low % 10) + digit;
        return year < low ? year + 10 : year;
    }
}

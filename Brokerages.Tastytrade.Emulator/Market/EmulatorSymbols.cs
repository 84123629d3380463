using System.Globalization;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Emulator.Market;

/// <summary>
/// The emulator's own symbol formatting and parsing (written independently of the client's symbology so
/// the contract tests compare two implementations). Formats per the Tastytrade reference §3.9. Futures-option
/// contract codes are an emulator convention: the standard expiry uses the product code
/// (<c>ES</c> + month + 1-digit year of the delivered future, e.g. <c>ESM4</c>); other expiries use the first
/// two letters of the product, the week of the month (1–5) and the weekday letter (A = Monday … E = Friday),
/// then the expiry's month and year digit (<c>ES3EJ4</c>), always at most six characters.
/// </summary>
internal static class EmulatorSymbols
{
    private const string MonthCodes = "FGHJKMNQUVXZ";

    public static char MonthCode(int month) => MonthCodes[month - 1];

    public static int MonthOf(char code) => MonthCodes.IndexOf(char.ToUpperInvariant(code), StringComparison.Ordinal) + 1;

    /// <summary>OCC: root padded to 6, yyMMdd, C/P, strike × 1000 in 8 digits.</summary>
    public static string Occ(string root, DateOnly expiry, OptionRight right, decimal strike) =>
        string.Create(CultureInfo.InvariantCulture, $"{root,-6}{expiry:yyMMdd}{RightChar(right)}{(long)Math.Round(strike * 1000m):D8}");

    /// <summary>DXLink equity option: <c>.</c> + root + yyMMdd + C/P + strike without trailing zeros.</summary>
    public static string OccStreamer(string root, DateOnly expiry, OptionRight right, decimal strike) =>
        string.Create(CultureInfo.InvariantCulture, $".{root}{expiry:yyMMdd}{RightChar(right)}{Trim(strike)}");

    public static bool TryParseOcc(string symbol, out string root, out DateOnly expiry, out OptionRight right, out decimal strike)
    {
        root = string.Empty;
        expiry = default;
        right = default;
        strike = 0m;
        if (symbol.Length != 21
            || !DateOnly.TryParseExact(symbol.AsSpan(6, 6), "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out expiry)
            || !TryRight(symbol[12], out right)
            || !long.TryParse(symbol.AsSpan(13, 8), NumberStyles.None, CultureInfo.InvariantCulture, out long milli))
        {
            return false;
        }

        root = symbol[..6].TrimEnd();
        strike = milli / 1000m;
        return root.Length > 0 && !root.Contains(' ', StringComparison.Ordinal);
    }

    /// <summary>Future: <c>/</c> + product + month code + 1-digit year.</summary>
    public static string Future(string product, int year, int month) =>
        string.Create(CultureInfo.InvariantCulture, $"/{product}{MonthCode(month)}{year % 10}");

    /// <summary>DXLink future: <c>/</c> + product + month + 2-digit year + <c>:</c> + MIC.</summary>
    public static string FutureStreamer(string product, int year, int month, string mic) =>
        string.Create(CultureInfo.InvariantCulture, $"/{product}{MonthCode(month)}{year % 100:D2}:{mic}");

    /// <summary>Parses <c>/ESM4</c> into product and contract month, resolving the year digit to the decade nearest
    /// <paramref name="today"/> that is not more than a year in the past.</summary>
    public static bool TryParseFuture(string symbol, DateOnly today, out string product, out int year, out int month)
    {
        product = string.Empty;
        year = 0;
        month = 0;
        if (symbol.Length < 4 || symbol[0] != '/' || !char.IsAsciiDigit(symbol[^1]))
        {
            return false;
        }

        month = MonthOf(symbol[^2]);
        if (month == 0)
        {
            return false;
        }

        product = symbol[1..^2];
        int digit = symbol[^1] - '0';
        year = (today.Year / 10 * 10) + digit;
        if (year < today.Year - 1)
        {
            year += 10;
        }

        return product.Length > 0;
    }

    /// <summary>Future option order symbol: <c>.</c> + future padded to 6 + contract code padded to 6 + yyMMdd + C/P + strike.</summary>
    public static string FutureOption(string future, string code, DateOnly expiry, OptionRight right, decimal strike) =>
        string.Create(CultureInfo.InvariantCulture, $".{future,-6}{code,-6}{expiry:yyMMdd}{RightChar(right)}{Trim(strike)}");

    /// <summary>DXLink future option: <c>./</c> + code root + month + 2-digit year + C/P + strike + <c>:</c> + MIC.</summary>
    public static string FutureOptionStreamer(string codeRoot, int year, int month, OptionRight right, decimal strike, string mic) =>
        string.Create(CultureInfo.InvariantCulture, $"./{codeRoot}{MonthCode(month)}{year % 100:D2}{RightChar(right)}{Trim(strike)}:{mic}");

    public static bool TryParseFutureOption(string symbol, out string future, out string code, out DateOnly expiry, out OptionRight right, out decimal strike)
    {
        future = string.Empty;
        code = string.Empty;
        expiry = default;
        right = default;
        strike = 0m;
        if (symbol.Length < 22 || !symbol.StartsWith("./", StringComparison.Ordinal)
            || !DateOnly.TryParseExact(symbol.AsSpan(13, 6), "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out expiry)
            || !TryRight(symbol[19], out right)
            || !decimal.TryParse(symbol.AsSpan(20), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out strike))
        {
            return false;
        }

        future = symbol[1..7].TrimEnd();
        code = symbol[7..13].TrimEnd();
        return future.Length > 2 && code.Length > 0 && strike > 0m;
    }

    public static string Mic(string market) => market switch
    {
        "cbot" => "XCBT",
        "nymex" => "XNYM",
        "comex" => "XCEC",
        _ => "XCME",
    };

    public static string Trim(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static char RightChar(OptionRight right) => right == OptionRight.Call ? 'C' : 'P';

    private static bool TryRight(char c, out OptionRight right)
    {
        right = c == 'C' ? OptionRight.Call : OptionRight.Put;
        return c is 'C' or 'P';
    }
}

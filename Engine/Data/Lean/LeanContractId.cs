using System.Globalization;
using TomKing.Greeks;

namespace TomKing.Engine.Data.Lean;

/// <summary>What a zip entry's rows belong to.</summary>
public enum LeanContractKind
{
    /// <summary>The file's own symbol: an equity or an index.</summary>
    Underlying = 0,

    /// <summary>One futures contract (an entry per contract month in a futures day zip).</summary>
    Future = 1,

    /// <summary>One option contract (an entry per contract in an option zip).</summary>
    Option = 2,
}

/// <summary>
/// The contract identity encoded in a LEAN entry name, e.g.
/// <c>20210104_spxw_minute_quote_european_call_37000000_20210108.csv</c> → SPXW 3700 call expiring
/// 2021-01-08. Strikes are kept as the file's integer (×10000) so identity comparisons are exact.
/// </summary>
/// <param name="Kind">Underlying, future or option.</param>
/// <param name="Right">Call or put (options only).</param>
/// <param name="StrikeTenThousandths">Strike ×10000 as written in the name (options only).</param>
/// <param name="Expiry">Option expiry; for futures the contract month's first day (or the day when the
/// name carries <c>yyyyMMdd</c>); default for underlyings.</param>
public readonly record struct LeanContractId(LeanContractKind Kind, OptionRight Right, long StrikeTenThousandths, DateOnly Expiry)
{
    /// <summary>The strike in price units (3700 for <c>37000000</c>).</summary>
    public decimal Strike => StrikeTenThousandths / 10000m;

    /// <summary>The strike as a double for pricing math.</summary>
    public double StrikeValue => StrikeTenThousandths / 10000.0;

    /// <summary>The file's own symbol.</summary>
    public static LeanContractId Underlying => default;

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        LeanContractKind.Option => string.Create(CultureInfo.InvariantCulture, $"{Expiry:yyyy-MM-dd} {Strike} {(Right == OptionRight.Call ? 'C' : 'P')}"),
        LeanContractKind.Future => string.Create(CultureInfo.InvariantCulture, $"future {Expiry:yyyy-MM-dd}"),
        _ => "underlying",
    };
}

/// <summary>
/// Decodes LEAN entry names. Tokens are read from the end, so tickers containing underscores still
/// parse: <c>…_&lt;call|put&gt;_&lt;strike×10000&gt;_&lt;yyyyMMdd&gt;.csv</c> is an option, a trailing
/// <c>yyyyMM</c>/<c>yyyyMMdd</c> after the tick type is a future, anything else is the underlying.
/// </summary>
public static class LeanEntryName
{
    /// <summary>Parses an entry name; false (with a reason) when it is not a LEAN row file name.</summary>
    public static bool TryParse(ReadOnlySpan<char> entryName, out LeanContractId contract, out string? problem)
    {
        contract = default;
        problem = null;
        if (!entryName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            problem = "entry name does not end in .csv";
            return false;
        }

        ReadOnlySpan<char> stem = entryName[..^4];
        int last = stem.LastIndexOf('_');
        if (last < 0)
        {
            return true; // "spy.csv": the underlying of a daily/hour zip.
        }

        ReadOnlySpan<char> lastToken = stem[(last + 1)..];
        ReadOnlySpan<char> rest = stem[..last];
        int second = rest.LastIndexOf('_');
        ReadOnlySpan<char> strikeToken = second < 0 ? default : rest[(second + 1)..];
        ReadOnlySpan<char> beforeStrike = second < 0 ? default : rest[..second];
        int third = beforeStrike.LastIndexOf('_');
        ReadOnlySpan<char> rightToken = third < 0 ? default : beforeStrike[(third + 1)..];

        bool isCall = rightToken.Equals("call", StringComparison.OrdinalIgnoreCase);
        bool isPut = rightToken.Equals("put", StringComparison.OrdinalIgnoreCase);
        if (isCall || isPut)
        {
            if (!long.TryParse(strikeToken, NumberStyles.None, CultureInfo.InvariantCulture, out long strike))
            {
                problem = $"strike '{strikeToken}' is not an integer ×10000";
                return false;
            }

            if (!TryParseDate(lastToken, out DateOnly expiry))
            {
                problem = $"expiry '{lastToken}' is not yyyyMMdd";
                return false;
            }

            contract = new LeanContractId(LeanContractKind.Option, isCall ? OptionRight.Call : OptionRight.Put, strike, expiry);
            return true;
        }

        if ((lastToken.Length == 6 || lastToken.Length == 8) && IsDigits(lastToken) && second >= 0 && IsTickToken(strikeToken))
        {
            if (!TryParseDate(lastToken.Length == 6 ? string.Concat(lastToken, "01") : lastToken, out DateOnly month))
            {
                problem = $"contract month '{lastToken}' is not a date";
                return false;
            }

            contract = new LeanContractId(LeanContractKind.Future, OptionRight.Call, 0, month);
            return true;
        }

        return true;
    }

    internal static bool TryParseDate(ReadOnlySpan<char> yyyymmdd, out DateOnly date) =>
        DateOnly.TryParseExact(yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool IsTickToken(ReadOnlySpan<char> token) =>
        token.Equals("trade", StringComparison.OrdinalIgnoreCase)
        || token.Equals("quote", StringComparison.OrdinalIgnoreCase)
        || token.Equals("openinterest", StringComparison.OrdinalIgnoreCase);

    private static bool IsDigits(ReadOnlySpan<char> token)
    {
        foreach (char c in token)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}

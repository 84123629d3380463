namespace TomKing.Engine.Data.Lean;

/// <summary>
/// The asset classes whose LEAN-format files this reader understands. The value decides the data
/// folder (<c>equity</c>, <c>indexoption</c>, …), whether prices are stored ×10000, and which
/// market-hours entry supplies the data time zone.
/// </summary>
public enum LeanSecurityType
{
    /// <summary>US equities and ETFs (prices ×10000).</summary>
    Equity = 0,

    /// <summary>Cash indices such as SPX, VIX, NDX (unscaled prices).</summary>
    Index = 1,

    /// <summary>Equity options such as SPY and AAPL (prices ×10000, American style).</summary>
    Option = 2,

    /// <summary>Index options such as SPX and SPXW (prices ×10000, European style).</summary>
    IndexOption = 3,

    /// <summary>Futures such as ES (unscaled prices, UTC data time zone).</summary>
    Future = 4,

    /// <summary>Options on futures such as ES options (unscaled prices, the future's market hours).</summary>
    FutureOption = 5,
}

/// <summary>Facts about <see cref="LeanSecurityType"/> that follow from LEAN's documented data layout.</summary>
public static class LeanSecurityTypeFacts
{
    /// <summary>The folder name under the data root (<c>indexoption</c>), also the type column of the
    /// symbol-properties database.</summary>
    public static string FolderName(this LeanSecurityType type) => type switch
    {
        LeanSecurityType.Equity => "equity",
        LeanSecurityType.Index => "index",
        LeanSecurityType.Option => "option",
        LeanSecurityType.IndexOption => "indexoption",
        LeanSecurityType.Future => "future",
        LeanSecurityType.FutureOption => "futureoption",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown security type."),
    };

    /// <summary>The type prefix of market-hours database keys (<c>IndexOption-usa-SPX</c>).</summary>
    public static string MarketHoursName(this LeanSecurityType type) => type switch
    {
        LeanSecurityType.Equity => "Equity",
        LeanSecurityType.Index => "Index",
        LeanSecurityType.Option => "Option",
        LeanSecurityType.IndexOption => "IndexOption",
        LeanSecurityType.Future => "Future",
        LeanSecurityType.FutureOption => "FutureOption",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown security type."),
    };

    /// <summary>True for the option types, whose files hold one entry per contract.</summary>
    public static bool IsOption(this LeanSecurityType type) =>
        type is LeanSecurityType.Option or LeanSecurityType.IndexOption or LeanSecurityType.FutureOption;

    /// <summary>
    /// The factor applied to stored prices: 1/10000 for equity, equity options and index options
    /// (stored as integers ×10000), 1 for index, futures and futures options (stored as decimals).
    /// </summary>
    public static double PriceScale(this LeanSecurityType type) =>
        type is LeanSecurityType.Equity or LeanSecurityType.Option or LeanSecurityType.IndexOption ? 1e-4 : 1.0;

    /// <summary>Whether stored prices are integers ×10000 (see <see cref="PriceScale"/>).</summary>
    public static bool IsPriceScaled(this LeanSecurityType type) =>
        type is LeanSecurityType.Equity or LeanSecurityType.Option or LeanSecurityType.IndexOption;
}

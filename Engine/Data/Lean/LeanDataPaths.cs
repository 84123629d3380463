using System.Globalization;

namespace TomKing.Engine.Data.Lean;

/// <summary>
/// LEAN's file-naming rules over one data root (the folder holding <c>equity/</c>, <c>indexoption/</c>,
/// <c>market-hours/</c>, …). Paths follow reference/lean.md §5:
/// <list type="bullet">
/// <item>second/minute: <c>&lt;type&gt;/&lt;market&gt;/&lt;res&gt;/&lt;ticker&gt;[/&lt;contractMonth&gt;]/&lt;yyyyMMdd&gt;_&lt;tick&gt;[_&lt;style&gt;].zip</c></item>
/// <item>hour/daily options: <c>&lt;type&gt;/&lt;market&gt;/&lt;res&gt;/[&lt;ticker&gt;/&lt;contractMonth&gt;/]&lt;ticker&gt;_&lt;yyyy&gt;_&lt;tick&gt;_&lt;style&gt;.zip</c></item>
/// <item>hour/daily equity and index trades: <c>&lt;type&gt;/&lt;market&gt;/&lt;res&gt;/&lt;ticker&gt;.zip</c>
/// (other tick types and futures: <c>&lt;ticker&gt;_&lt;tick&gt;.zip</c>, not present in the sample data)</item>
/// <item>universes: <c>&lt;type&gt;/&lt;market&gt;/universes/&lt;ticker&gt;[/&lt;contractMonth&gt;]/&lt;yyyyMMdd&gt;.csv</c></item>
/// </list>
/// </summary>
public sealed class LeanDataPaths
{
    /// <summary>Binds the rules to a data root.</summary>
    /// <param name="root">The LEAN <c>Data</c> folder.</param>
    public LeanDataPaths(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = root;
    }

    /// <summary>The data root.</summary>
    public string Root { get; }

    /// <summary><c>market-hours/market-hours-database.json</c> under the root.</summary>
    public string MarketHoursDatabase => Path.Combine(Root, "market-hours", "market-hours-database.json");

    /// <summary><c>symbol-properties/symbol-properties-database.csv</c> under the root.</summary>
    public string SymbolPropertiesDatabase => Path.Combine(Root, "symbol-properties", "symbol-properties-database.csv");

    /// <summary>
    /// The zip holding <paramref name="series"/> on <paramref name="date"/> (for hour/daily files the
    /// date picks the year of option files and is otherwise ignored), and whether it exists, tolerating
    /// the doubled <c>.zip.zip</c> extension.
    /// </summary>
    public LeanFileLocation Locate(in LeanSeries series, DateOnly date)
    {
        string expected = ZipPath(series, date);
        if (File.Exists(expected))
        {
            return new LeanFileLocation(expected, expected);
        }

        string doubled = expected + ".zip";
        return new LeanFileLocation(expected, File.Exists(doubled) ? doubled : null);
    }

    /// <summary>The zip path LEAN's rules give, whether or not it exists.</summary>
    public string ZipPath(in LeanSeries series, DateOnly date) =>
        Path.Combine(SeriesFolder(series), ZipFileName(series, date));

    /// <summary>The folder holding the series' zips (for options with a contract month, its sub-folder).</summary>
    public string SeriesFolder(in LeanSeries series)
    {
        string folder = Path.Combine(Root, series.SecurityType.FolderName(), Lower(series.Market), series.Resolution.FolderName());
        bool perTickerFolder = series.Resolution.IsIntraday() || series.SecurityType == LeanSecurityType.FutureOption;
        if (perTickerFolder)
        {
            folder = Path.Combine(folder, Lower(series.Ticker));
            if (series.ContractMonth is not null)
            {
                folder = Path.Combine(folder, series.ContractMonth);
            }
        }

        return folder;
    }

    /// <summary>The zip file name alone (<c>20210104_quote_european.zip</c>, <c>spx_2021_quote_european.zip</c>, <c>spy.zip</c>).</summary>
    public static string ZipFileName(in LeanSeries series, DateOnly date)
    {
        string tick = series.TickType.FileToken();
        if (series.Resolution.IsIntraday())
        {
            string day = Yyyymmdd(date);
            return series.SecurityType.IsOption() ? $"{day}_{tick}_{series.StyleToken}.zip" : $"{day}_{tick}.zip";
        }

        string ticker = Lower(series.Ticker);
        if (series.SecurityType.IsOption())
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ticker}_{date.Year:D4}_{tick}_{series.StyleToken}.zip");
        }

        bool bareTradeZip = series.TickType == LeanTickType.Trade && series.SecurityType is LeanSecurityType.Equity or LeanSecurityType.Index;
        return bareTradeZip ? $"{ticker}.zip" : $"{ticker}_{tick}.zip";
    }

    /// <summary>
    /// The entry name LEAN gives an underlying's or a future's row file inside a day zip
    /// (<c>20210104_spx_minute_trade.csv</c>, <c>20200105_es_minute_quote_202003.csv</c>); for hour/daily
    /// equity and index zips, <c>&lt;ticker&gt;.csv</c>. Option entries are enumerated, not named.
    /// </summary>
    public static string UnderlyingEntryName(in LeanSeries series, DateOnly date, string? futureContract = null)
    {
        string ticker = Lower(series.Ticker);
        if (!series.Resolution.IsIntraday())
        {
            return $"{ticker}.csv";
        }

        string name = $"{Yyyymmdd(date)}_{ticker}_{series.Resolution.FolderName()}_{series.TickType.FileToken()}";
        return futureContract is null ? name + ".csv" : $"{name}_{futureContract}.csv";
    }

    /// <summary>The universe CSV of a chain (or of a futures product) for one date.</summary>
    public LeanFileLocation LocateUniverse(LeanSecurityType type, string market, string ticker, DateOnly date, string? contractMonth = null)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(ticker);
        string folder = Path.Combine(Root, type.FolderName(), Lower(market), "universes", Lower(ticker));
        if (contractMonth is not null)
        {
            folder = Path.Combine(folder, contractMonth);
        }

        string path = Path.Combine(folder, Yyyymmdd(date) + ".csv");
        return new LeanFileLocation(path, File.Exists(path) ? path : null);
    }

    internal static string Yyyymmdd(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Lower(string text) => text.ToLowerInvariant();
}

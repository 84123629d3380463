using System.Globalization;

namespace TomKing.Engine.Data.Lean.SymbolProperties;

/// <summary>
/// LEAN's <c>symbol-properties/symbol-properties-database.csv</c>:
/// <c>market,symbol,type,description,quote_currency,contract_multiplier,minimum_price_variation,lot_size[,market_ticker,minimum_order_size,price_magnifier,strike_multiplier]</c>.
/// Lines starting with <c>#</c> and blank lines are comments. Fields are not quoted (the file has no quotes).
/// <para>Lookup (<see cref="TryGet"/>): the exact (market, symbol, type), else the market-wide
/// (market, <c>[*]</c>, type); a futures option with no row of its own takes its future's row (the
/// file's own comment: "Futures options -- will default to Futures contract specs"). When a key
/// appears twice the first row wins, as the file's comment asks.</para>
/// </summary>
public sealed class SymbolPropertiesDatabase
{
    private readonly Dictionary<(string Market, string Symbol, string Type), SymbolProperties> _rows;

    private SymbolPropertiesDatabase(string path, Dictionary<(string, string, string), SymbolProperties> rows)
    {
        SourcePath = path;
        _rows = rows;
    }

    /// <summary>The file this database was read from.</summary>
    public string SourcePath { get; }

    /// <summary>Number of rows.</summary>
    public int Count => _rows.Count;

    /// <summary>Reads the file; throws <see cref="LeanDataException"/> naming the file and the 1-based line of a bad row.</summary>
    public static SymbolPropertiesDatabase Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new LeanDataException(LeanDamage.MissingFile, path, null, 0, "the symbol-properties database does not exist");
        }

        var rows = new Dictionary<(string, string, string), SymbolProperties>();
        long lineNumber = 0;
        bool header = true;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (header)
            {
                header = false;
                if (line.StartsWith("market,", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
            }

            string[] f = line.Split(',');
            if (f.Length < 8)
            {
                throw new LeanDataException(LeanDamage.BadRow, path, null, lineNumber, $"expected at least 8 fields, found {f.Length}");
            }

            try
            {
                var row = new SymbolProperties(
                    Market: f[0].Trim(),
                    Symbol: f[1].Trim(),
                    SecurityType: f[2].Trim(),
                    Description: f[3],
                    QuoteCurrency: f[4].Trim(),
                    ContractMultiplier: Number(f[5]),
                    MinimumPriceVariation: Number(f[6]),
                    LotSize: Number(f[7]),
                    MarketTicker: f.Length > 8 && f[8].Length > 0 ? f[8] : null,
                    MinimumOrderSize: f.Length > 9 && f[9].Length > 0 ? Number(f[9]) : null,
                    PriceMagnifier: f.Length > 10 && f[10].Length > 0 ? Number(f[10]) : 1m,
                    StrikeMultiplier: f.Length > 11 && f[11].Length > 0 ? Number(f[11]) : 1m);
                rows.TryAdd(Key(row.Market, row.Symbol, row.SecurityType), row);
            }
            catch (FormatException ex)
            {
                throw new LeanDataException(LeanDamage.BadRow, path, null, lineNumber, ex.Message, ex);
            }
        }

        return new SymbolPropertiesDatabase(path, rows);
    }

    /// <summary>The properties of a symbol by the lookup rules above; false when none applies.</summary>
    public bool TryGet(LeanSecurityType type, string market, string symbol, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SymbolProperties? properties)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(symbol);
        string typeName = type.FolderName();
        if (_rows.TryGetValue(Key(market, symbol, typeName), out properties)
            || _rows.TryGetValue(Key(market, "[*]", typeName), out properties))
        {
            return true;
        }

        if (type == LeanSecurityType.FutureOption)
        {
            return _rows.TryGetValue(Key(market, symbol, "future"), out properties)
                || _rows.TryGetValue(Key(market, "[*]", "future"), out properties);
        }

        properties = null;
        return false;
    }

    /// <summary>The properties of a symbol; throws <see cref="LeanDataException"/> when none applies.</summary>
    public SymbolProperties Get(LeanSecurityType type, string market, string symbol) =>
        TryGet(type, market, symbol, out SymbolProperties? p)
            ? p
            : throw new LeanDataException(LeanDamage.Unsupported, SourcePath, null, 0, $"no symbol properties for {type} {market} {symbol}");

    private static (string, string, string) Key(string market, string symbol, string type) =>
        (market.ToUpperInvariant(), symbol.ToUpperInvariant(), type.ToUpperInvariant());

    private static decimal Number(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value)
            ? value
            : throw new FormatException($"'{text}' is not a number");
}

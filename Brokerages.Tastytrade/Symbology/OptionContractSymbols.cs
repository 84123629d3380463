using TomKing.Algorithm.Domain;

namespace TomKing.Brokerages.Tastytrade.Symbology;

/// <summary>
/// Maps the strategy core's <see cref="OptionContract"/> to and from Tastytrade symbols. Exercise,
/// settlement and multiplier come from <see cref="InstrumentCatalogue"/> for catalogued roots (SPXW → SPX,
/// PM cash, European); an uncatalogued equity root is taken as an American, share-settled, ×100 option on
/// itself. Futures options need the delivered future, which <see cref="OptionContract"/> does not carry.
/// </summary>
public static class OptionContractSymbols
{
    /// <summary>The OCC order symbol of an equity/index option (share-class slashes dropped: BRK/B → BRKB).</summary>
    public static string ToOcc(in OptionContract contract) => ToOccSymbol(contract).ToOcc();

    /// <summary>The DXLink symbol of an equity/index option (<c>.SPXW240315C5000</c>).</summary>
    public static string ToStreamer(in OptionContract contract) => ToOccSymbol(contract).ToStreamer();

    /// <summary>The contract for an OCC symbol.</summary>
    /// <exception cref="FormatException">Not an OCC option symbol.</exception>
    public static OptionContract FromOcc(string occ) => FromOccSymbol(OccOptionSymbol.ParseOcc(occ));

    /// <summary>The contract for an OCC symbol; false (no exception) when the text is not one or names no valid contract.</summary>
    public static bool TryFromOcc(string? occ, out OptionContract contract)
    {
        try
        {
            if (OccOptionSymbol.TryParseOcc(occ, out var symbol))
            {
                contract = FromOccSymbol(symbol);
                return true;
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or KeyNotFoundException)
        {
        }

        contract = default;
        return false;
    }

    /// <summary>The contract for a broker order symbol: OCC (equity and index options), else the futures-option
    /// order form (<c>./ESZ6 EW4X6 261120P5800</c>, product from the catalogue); false when it is neither.</summary>
    public static bool TryFromOrderSymbol(string? symbol, out OptionContract contract)
    {
        if (TryFromOcc(symbol, out contract))
        {
            return true;
        }

        try
        {
            if (FutureOptionSymbol.TryParseOrderSymbol(symbol, out var fop))
            {
                contract = FromFutureOption(fop);
                return true;
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or KeyNotFoundException)
        {
        }

        contract = default;
        return false;
    }

    /// <summary>The contract for a DXLink equity/index option symbol.</summary>
    /// <exception cref="FormatException">Not a streamer option symbol.</exception>
    public static OptionContract FromStreamer(string streamer) => FromOccSymbol(OccOptionSymbol.ParseStreamer(streamer));

    /// <summary>The contract of a parsed OCC symbol, with catalogue defaults for its root.</summary>
    public static OptionContract FromOccSymbol(in OccOptionSymbol symbol)
    {
        if (InstrumentCatalogue.TryGet(new Ticker(symbol.Root), out var root) && root.AssetClass != AssetClass.Future)
        {
            return OptionContract.FromCatalogue(root, symbol.Expiry, symbol.Strike, symbol.Right);
        }

        return new OptionContract(symbol.Root, symbol.Root, symbol.Expiry, symbol.Strike, symbol.Right,
            ExerciseStyle.American, OptionSettlement.PmShares, 100m);
    }

    /// <summary>The OCC parts of an equity/index option contract.</summary>
    public static OccOptionSymbol ToOccSymbol(in OptionContract contract) =>
        new(contract.Root.Symbol.Replace("/", string.Empty, StringComparison.Ordinal), contract.Expiry, contract.Right, contract.Strike);

    /// <summary>The futures-option symbol of a contract on <paramref name="future"/>; the option contract
    /// month defaults to the expiry month (true for CME equity-index options such as EW4Z4 expiring in
    /// December; pass it for products whose contract month differs, e.g. gold OGN5 expiring in June).</summary>
    public static FutureOptionSymbol ToFutureOption(in OptionContract contract, FutureSymbol future, int? contractMonth = null, int? contractYear = null) =>
        new(future, contract.Root.Symbol, contractMonth ?? contract.Expiry.Month, contractYear ?? contract.Expiry.Year,
            contract.Expiry, contract.Right, contract.Strike);

    /// <summary>The contract of a futures option: underlying = the future's product (ES), root = the
    /// option root (EW4); exercise and multiplier from the product's catalogue entry.</summary>
    /// <exception cref="ArgumentException">The futures product is not catalogued.</exception>
    public static OptionContract FromFutureOption(in FutureOptionSymbol symbol)
    {
        if (!InstrumentCatalogue.TryGet(new Ticker(symbol.Future.Product), out var product) || product.AssetClass != AssetClass.Future)
        {
            throw new ArgumentException($"Futures product '{symbol.Future.Product}' is not in the instrument catalogue.", nameof(symbol));
        }

        return new OptionContract(product.Ticker, symbol.OptionRoot, symbol.Expiry, symbol.Strike, symbol.Right,
            product.OptionExercise, product.OptionSettlement, product.OptionMultiplier);
    }
}

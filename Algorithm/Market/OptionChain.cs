using TomKing.Algorithm.Domain;
using TomKing.Greeks;

namespace TomKing.Algorithm.Market;

/// <summary>
/// The listed options of one root (SPXW, SPX, ES, QQQ…) across expiries, with the underlying price,
/// time and rates Greeks are computed from. Hosts build one with <see cref="OptionChainBuilder"/>
/// (or map LEAN's <c>OptionChain</c> into it) and keep it current; strategies scan its
/// <see cref="ChainExpiry"/> spans.
/// </summary>
public sealed class OptionChain
{
    private ChainExpiry[] _expiries = [];
    private DateOnly[] _expiryDates = [];

    internal OptionChain(Ticker underlying, Ticker root, DateTime asOf, double underlyingPrice, IRateCurve rates, double dividendYield)
    {
        Underlying = underlying;
        Root = root;
        AsOf = asOf;
        UnderlyingPrice = underlyingPrice;
        Rates = rates;
        DividendYield = dividendYield;
        InputsVersion = 1;
    }

    /// <summary>What the options settle against (SPX for SPXW).</summary>
    public Ticker Underlying { get; }

    /// <summary>The option root / trading class.</summary>
    public Ticker Root { get; }

    /// <summary>Eastern time the Greeks are computed as of.</summary>
    public DateTime AsOf { get; private set; }

    /// <summary>Underlying price (index level, futures price for futures options, share price); NaN when unknown.</summary>
    public double UnderlyingPrice { get; private set; }

    /// <summary>Discounting curve.</summary>
    public IRateCurve Rates { get; private set; }

    /// <summary>Continuous dividend yield for spot-based models (ignored by parity-forward and futures models).</summary>
    public double DividendYield { get; private set; }

    /// <summary>Bumped whenever time, underlying price or rates change; expiries compare it to invalidate Greeks.</summary>
    internal long InputsVersion { get; private set; }

    /// <summary>Number of expiries.</summary>
    public int ExpiryCount => _expiries.Length;

    /// <summary>Expiry dates, ascending (same order as <see cref="ExpiryAt"/>).</summary>
    public ReadOnlySpan<DateOnly> Expiries => _expiryDates;

    /// <summary>The expiry at an index.</summary>
    public ChainExpiry ExpiryAt(int index) => _expiries[index];

    /// <summary>Finds an expiry by date.</summary>
    public bool TryGetExpiry(DateOnly expiry, out ChainExpiry chainExpiry)
    {
        int i = Array.BinarySearch(_expiryDates, expiry);
        chainExpiry = i >= 0 ? _expiries[i] : null!;
        return i >= 0;
    }

    /// <summary>Host: moves the chain's time (time decay shows from the next Greeks read).</summary>
    public void SetTime(DateTime asOfEastern)
    {
        if (asOfEastern != AsOf)
        {
            AsOf = asOfEastern;
            InputsVersion++;
        }
    }

    /// <summary>Host: a new underlying price.</summary>
    public void SetUnderlyingPrice(double price)
    {
        if (!price.Equals(UnderlyingPrice))
        {
            UnderlyingPrice = price;
            InputsVersion++;
        }
    }

    /// <summary>Host: a new rate curve and dividend yield.</summary>
    public void SetRates(IRateCurve rates, double dividendYield)
    {
        ArgumentNullException.ThrowIfNull(rates);
        Rates = rates;
        DividendYield = dividendYield;
        InputsVersion++;
    }

    internal void SetExpiries(ChainExpiry[] expiries)
    {
        _expiries = expiries;
        _expiryDates = Array.ConvertAll(expiries, e => e.Expiry);
    }
}

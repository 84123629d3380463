using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;

namespace TomKing.Algorithm.Testing;

/// <summary>A market view with nothing in it: no prices, chains, VIX, IV ranks, EMAs or session opens. For tests and
/// tools that drive the core without market data (replaying a journal, checking the order pipeline alone).</summary>
public sealed class EmptyMarketView : IMarketView
{
    /// <summary>The one instance (it holds no state).</summary>
    public static EmptyMarketView Instance { get; } = new();

    /// <inheritdoc />
    public bool TryGetPrice(Ticker underlying, out double price)
    {
        price = double.NaN;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetChain(Ticker root, out OptionChain chain)
    {
        chain = null!;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetVix(out VixReading vix)
    {
        vix = default;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetIvRank(Ticker underlying, out double ivRank)
    {
        ivRank = double.NaN;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetDailyEma(Ticker underlying, int period, out double ema)
    {
        ema = double.NaN;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetSessionOpen(Ticker underlying, out double open)
    {
        open = double.NaN;
        return false;
    }
}

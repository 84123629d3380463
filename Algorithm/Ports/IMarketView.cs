using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;

namespace TomKing.Algorithm.Ports;

/// <summary>
/// Everything a strategy may read about the market, read-only and as of the host's clock. Hosts
/// implement it over their data: the replay kernel over LEAN-format files or the synthetic market,
/// the live runner over DXLink, the LEAN host over <c>Slice.OptionChains</c> and <c>Securities</c>.
/// Every member answers "not available" with false instead of throwing, so a strategy can skip with a
/// reason. Members are allocation-free.
/// </summary>
public interface IMarketView
{
    /// <summary>Last price of an underlying (index level, futures price or share price).</summary>
    bool TryGetPrice(Ticker underlying, out double price);

    /// <summary>The option chain of a root ("SPXW", "SPX", "ES", "QQQ"). The chain object is owned and
    /// updated by the host; readers must not keep spans across events.</summary>
    bool TryGetChain(Ticker root, out OptionChain chain);

    /// <summary>The P-1 volatility input: the VIX feed or, without one, the model-free 30-day implied
    /// volatility (TomKing.Greeks model-free variance over the index chain).</summary>
    bool TryGetVix(out VixReading vix);

    /// <summary>IV rank (0–100) of an underlying: current ATM implied volatility within its range over the
    /// past trading days (FS-4; from the broker's market metrics when live).</summary>
    bool TryGetIvRank(Ticker underlying, out double ivRank);

    /// <summary>Exponential moving average of daily closes over <paramref name="period"/> days, up to the
    /// previous close (IPMCC-2/3 use 8 and 21).</summary>
    bool TryGetDailyEma(Ticker underlying, int period, out double ema);

    /// <summary>Today's opening price captured at the 09:30 open (F0-1/F0-2).</summary>
    bool TryGetSessionOpen(Ticker underlying, out double open);
}

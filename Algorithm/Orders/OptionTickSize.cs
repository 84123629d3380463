using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Orders;

/// <summary>
/// Minimum price increments of option premiums, applied to a combo's net price so the limit the pipeline
/// sends is one the venue accepts (P-10).
/// </summary>
/// <remarks>
/// <para>The instrument catalogue holds the underlying's tick, not the option's, so option ticks live here:</para>
/// <list type="bullet">
/// <item><description>SPX, SPXW, VIX options: 0.05 below 3.00, 0.10 at or above 3.00 (Cboe).</description></item>
/// <item><description>SPY, QQQ, IWM options: 0.01 at every price (penny interval program, all-penny names).</description></item>
/// <item><description>Other equity, ETF and cash-index options (XSP included): 0.01 below 3.00, 0.05 at or above
/// (penny interval program).</description></item>
/// <item><description>Equity-index futures options (ES, MES, NQ, MNQ): 0.25 points, 0.05 when the premium is
/// below 5.00 (CME reduced tick).</description></item>
/// <item><description>ZB/ZN options: 1/64 point; grain options (ZC, ZS, ZW): 1/8 cent per bushel (0.00125 USD);
/// other futures options: the future's own tick (CL 0.01, GC 0.10, …).</description></item>
/// </list>
/// <para>A combo is priced on the grid of its own absolute net price, as if it were one option: a −3.40 SPXW iron
/// condor credit moves in 0.10 steps, a −1.25 one in 0.05. Where a venue allows finer complex-order
/// increments this is the coarser, always-accepted choice.</para>
/// </remarks>
public static class OptionTickSize
{
    /// <summary>The premium tick for an option root at a price (absolute premium in points).</summary>
    /// <param name="root">The option root or trading class ("SPXW", "ES", "QQQ").</param>
    /// <param name="price">The premium (or a combo's net price); the sign is ignored.</param>
    public static decimal For(Ticker root, double price)
    {
        double p = Math.Abs(price);
        string s = root.Symbol;
        switch (s)
        {
            case "SPX":
            case "SPXW":
            case "VIX":
                return p < 3.0 ? 0.05m : 0.10m;
            case "SPY":
            case "QQQ":
            case "IWM":
                return 0.01m;
            case "ES":
            case "MES":
            case "NQ":
            case "MNQ":
                return p < 5.0 ? 0.05m : 0.25m;
            case "ZB":
            case "ZN":
                return 0.015625m;
            case "ZC":
            case "ZS":
            case "ZW":
                return 0.00125m;
            default:
                break;
        }

        if (InstrumentCatalogue.TryGet(root, out Instrument instrument))
        {
            return instrument.AssetClass == AssetClass.Future ? instrument.TickSize : p < 3.0 ? 0.01m : 0.05m;
        }

        return p < 3.0 ? 0.01m : 0.05m;
    }
}

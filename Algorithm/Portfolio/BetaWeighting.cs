using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;

namespace TomKing.Algorithm.Portfolio;

/// <summary>
/// Converts option legs into SPY-share Greeks (formulas on <see cref="BetaTable"/>), from the chain's
/// lazily cached Greeks. Used by the portfolio for its Greeks and by the P-7 rule for an entry's
/// Greeks, so both weigh alike. Allocation-free.
/// </summary>
public static class BetaWeighting
{
    private static readonly Ticker Spy = new("SPY");
    private static readonly Ticker Spx = new("SPX");

    /// <summary>The SPY price to weigh against: SPY's price, else SPX / 10 (SPY tracks a tenth of the
    /// index, less its small dividend drift), else false.</summary>
    public static bool TrySpyPrice(IMarketView market, out double spyPrice)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (market.TryGetPrice(Spy, out spyPrice) && spyPrice > 0.0)
        {
            return true;
        }

        if (market.TryGetPrice(Spx, out double spx) && spx > 0.0)
        {
            spyPrice = spx / 10.0;
            return true;
        }

        spyPrice = double.NaN;
        return false;
    }

    /// <summary>The SPY-share Greeks of <paramref name="contracts"/> signed contracts of one option.</summary>
    /// <returns>False when the contract is not listed, its Greeks are unavailable, or its underlying has no beta.</returns>
    public static bool TryLeg(IMarketView market, in OptionContract contract, double contracts, BetaTable betas, double spyPrice, out PortfolioGreeks greeks)
    {
        ArgumentNullException.ThrowIfNull(betas);
        greeks = default;
        if (!betas.TryGet(contract.Underlying, out double beta) || !ContractLookup.TryFind(market, contract, out var expiry, out int k))
        {
            return false;
        }

        var g = expiry.GreeksAt(k, contract.Right);
        double s = expiry.UnderlyingPrice;
        if (!g.IsAvailable || !(s > 0.0))
        {
            return false;
        }

        greeks = Weigh(g.Greeks.Delta, g.Greeks.Gamma, g.Greeks.ThetaPerDay, g.Greeks.Vega, (double)contract.Multiplier * contracts, beta, s, spyPrice);
        return true;
    }

    /// <summary>The formula: per-unit option Greeks × (multiplier × contracts) → SPY shares (delta, gamma)
    /// and USD (theta per day, vega per volatility point).</summary>
    /// <param name="delta">∂V/∂S per unit.</param>
    /// <param name="gamma">∂²V/∂S² per unit.</param>
    /// <param name="thetaPerDay">Value change per calendar day per unit.</param>
    /// <param name="vega">∂V/∂σ per unit (σ = 1.00 is 100 vol points).</param>
    /// <param name="units">Multiplier × signed contracts.</param>
    /// <param name="beta">β of the underlying against SPY.</param>
    /// <param name="underlyingPrice">S.</param>
    /// <param name="spyPrice">S_SPY.</param>
    public static PortfolioGreeks Weigh(double delta, double gamma, double thetaPerDay, double vega, double units, double beta, double underlyingPrice, double spyPrice)
    {
        double r = beta * underlyingPrice / spyPrice;
        return new PortfolioGreeks(delta * units * r, gamma * units * r * r, thetaPerDay * units, vega * units / 100.0);
    }
}

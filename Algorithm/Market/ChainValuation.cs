using TomKing.Greeks;

namespace TomKing.Algorithm.Market;

/// <summary>Turns one mid price into implied volatility and Greeks under a <see cref="GreeksModel"/>.</summary>
internal static class ChainValuation
{
    /// <summary>Values one option. <paramref name="forward"/> is the parity forward or the futures price;
    /// <paramref name="spot"/> the underlying price (used to express delta per unit of spot).
    /// <paramref name="startVolatility"/> (NaN for none) warm-starts the implied-vol solve: the contract's
    /// previous volatility, before its quote or the forward moved (same answer, fewer iterations).</summary>
    public static ContractGreeks Evaluate(GreeksModel model, OptionRight right, double mid, double strike, double years, double spot, double forward, double rate, double dividendYield,
        double startVolatility = double.NaN)
    {
        return model switch
        {
            GreeksModel.AmericanOnSpot => AmericanOnSpot(right, mid, strike, years, spot, rate, dividendYield, startVolatility),
            _ => OnForward(right, mid, strike, years, spot, forward, rate, perSpot: model == GreeksModel.EuropeanOnParityForward, startVolatility),
        };
    }

    private static ContractGreeks OnForward(OptionRight right, double mid, double strike, double years, double spot, double forward, double rate, bool perSpot, double startVolatility)
    {
        if (!(forward > 0.0) || !double.IsFinite(forward))
        {
            return ContractGreeks.Unavailable(GreeksStatus.NoUnderlying, forward, years);
        }

        var iv = ImpliedVolatility.FromForward(right, mid, forward, strike, years, Math.Exp(-rate * years), startVolatility);
        if (!iv.IsSolved)
        {
            return ContractGreeks.Unavailable(GreeksStatus.NoImpliedVolatility, forward, years);
        }

        var g = Black76.Evaluate(right, forward, strike, years, rate, iv.Volatility);
        if (perSpot && spot > 0.0)
        {
            // Re-express ∂V/∂F as ∂V/∂S with F = S·k held proportional (k = F/S): Δs = Δf·k, Γs = Γf·k².
            double k = forward / spot;
            g = g with { Delta = g.Delta * k, Gamma = g.Gamma * k * k, Vanna = g.Vanna * k };
        }

        return new ContractGreeks(GreeksStatus.Available, iv.Volatility, g, forward, years);
    }

    /// <summary>The American seam: European BSM until <c>TomKing.Greeks.AmericanOption</c> exists.</summary>
    private static ContractGreeks AmericanOnSpot(OptionRight right, double mid, double strike, double years, double spot, double rate, double dividendYield, double startVolatility)
    {
        if (!(spot > 0.0) || !double.IsFinite(spot))
        {
            return ContractGreeks.Unavailable(GreeksStatus.NoUnderlying, double.NaN, years);
        }

        double forward = spot * Math.Exp((rate - dividendYield) * years);
        var iv = ImpliedVolatility.FromSpot(right, mid, spot, strike, years, rate, dividendYield, startVolatility);
        if (!iv.IsSolved)
        {
            return ContractGreeks.Unavailable(GreeksStatus.NoImpliedVolatility, forward, years);
        }

        var g = BlackScholesMerton.Evaluate(right, spot, strike, years, rate, dividendYield, iv.Volatility);
        return new ContractGreeks(GreeksStatus.Available, iv.Volatility, g, forward, years);
    }
}

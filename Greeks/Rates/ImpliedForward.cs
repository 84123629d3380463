namespace TomKing.Greeks;

/// <summary>
/// The forward implied by put–call parity, F = K + (C − P) / D at the strike where the call and
/// put mids are closest (the CBOE practice for index options: it absorbs dividends and the
/// financing rate the market actually uses, so no dividend estimate is needed).
/// </summary>
public static class ImpliedForward
{
    /// <summary>Forward from parity. Strikes and mids are aligned by index; a strike is usable only
    /// when both mids are finite and positive. Returns NaN when no strike is usable.</summary>
    /// <param name="strikes">Strikes (any order).</param>
    /// <param name="callMids">Call mid prices, same order.</param>
    /// <param name="putMids">Put mid prices, same order.</param>
    /// <param name="discountFactor">Discount factor to the expiry.</param>
    /// <param name="atStrike">The strike used (NaN when none).</param>
    public static double FromParity(ReadOnlySpan<double> strikes, ReadOnlySpan<double> callMids, ReadOnlySpan<double> putMids, double discountFactor, out double atStrike)
    {
        if (strikes.Length != callMids.Length || strikes.Length != putMids.Length)
        {
            throw new ArgumentException("Strikes, call mids and put mids must have the same length.", nameof(strikes));
        }

        atStrike = double.NaN;
        double best = double.PositiveInfinity;
        double forward = double.NaN;
        for (int i = 0; i < strikes.Length; i++)
        {
            double c = callMids[i];
            double p = putMids[i];
            if (!(c > 0.0) || !(p > 0.0) || !double.IsFinite(c) || !double.IsFinite(p))
            {
                continue;
            }

            double gap = Math.Abs(c - p);
            if (gap < best)
            {
                best = gap;
                atStrike = strikes[i];
                forward = strikes[i] + ((c - p) / discountFactor);
            }
        }

        return forward;
    }
}

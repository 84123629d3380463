namespace TomKing.Greeks;

/// <summary>
/// Zero rates at pillar tenors, linear in rate between pillars and flat outside them (the usual
/// choice for the short end that option pricing needs: it never produces negative forwards from a
/// monotone input and is easy to reason about).
/// </summary>
public sealed class ZeroRateCurve : IRateCurve
{
    private readonly double[] _tenors;
    private readonly double[] _rates;

    /// <summary>Builds a curve from pillars sorted by tenor (years, strictly increasing) and rates.</summary>
    /// <exception cref="ArgumentException">When the pillars are empty, unsorted, or not finite.</exception>
    public ZeroRateCurve(IReadOnlyList<double> tenorsInYears, IReadOnlyList<double> zeroRates)
    {
        ArgumentNullException.ThrowIfNull(tenorsInYears);
        ArgumentNullException.ThrowIfNull(zeroRates);
        if (tenorsInYears.Count == 0 || tenorsInYears.Count != zeroRates.Count)
        {
            throw new ArgumentException("A rate curve needs at least one pillar and one rate per tenor.", nameof(zeroRates));
        }

        _tenors = new double[tenorsInYears.Count];
        _rates = new double[zeroRates.Count];
        for (int i = 0; i < _tenors.Length; i++)
        {
            if (!double.IsFinite(tenorsInYears[i]) || tenorsInYears[i] < 0.0 || !double.IsFinite(zeroRates[i]))
            {
                throw new ArgumentException($"Pillar {i}: tenor {tenorsInYears[i]} and rate {zeroRates[i]} must be finite and the tenor ≥ 0.", nameof(tenorsInYears));
            }

            if (i > 0 && tenorsInYears[i] <= tenorsInYears[i - 1])
            {
                throw new ArgumentException($"Pillar tenors must increase strictly; pillar {i} ({tenorsInYears[i]}) is not after {tenorsInYears[i - 1]}.", nameof(tenorsInYears));
            }

            _tenors[i] = tenorsInYears[i];
            _rates[i] = zeroRates[i];
        }
    }

    /// <inheritdoc />
    public double ZeroRate(double years)
    {
        if (years <= _tenors[0])
        {
            return _rates[0];
        }

        int last = _tenors.Length - 1;
        if (years >= _tenors[last])
        {
            return _rates[last];
        }

        int hi = Array.BinarySearch(_tenors, years);
        if (hi >= 0)
        {
            return _rates[hi];
        }

        hi = ~hi;
        int lo = hi - 1;
        double w = (years - _tenors[lo]) / (_tenors[hi] - _tenors[lo]);
        return _rates[lo] + (w * (_rates[hi] - _rates[lo]));
    }

    /// <inheritdoc />
    public double DiscountFactor(double years) => Math.Exp(-ZeroRate(years) * years);
}

namespace TomKing.Greeks;

/// <summary>
/// Model-free implied variance by the CBOE VIX method, for any chain of European options: the
/// variance of one expiry from its out-of-the-money strip, and the constant-maturity (30-day)
/// variance interpolated between the two expiries that bracket the target; 100·√ of the latter is a
/// VIX-equivalent for that chain.
/// </summary>
/// <remarks>
/// <para>One expiry (CBOE white paper, steps 1–2), with R the rate and T the years to expiry:</para>
/// <list type="number">
/// <item>Forward: at the strike K* where |C − P| of the bid/ask midpoints is smallest,
/// F = K* + e^(RT)(C − P). Ties keep the lowest such strike.</item>
/// <item>K0: the strike equal to or immediately below F.</item>
/// <item>Puts below K0, walking down from K0: a put with a zero (or missing) bid is excluded; after two
/// consecutive strikes with zero bids no lower put is considered. Calls above K0 likewise, walking up.
/// At K0 the put and the call are both used: Q(K0) is the average of their midpoints (one side alone
/// when the other has no quote).</item>
/// <item>ΔKᵢ is half the distance between the strikes on either side of Kᵢ <em>among the selected
/// strikes</em>; at the lowest and highest selected strike it is the distance to its single neighbour.</item>
/// <item>σ² = (2/T) Σ ΔKᵢ/Kᵢ² e^(RT) Q(Kᵢ) − (1/T)(F/K0 − 1)².</item>
/// </list>
/// <para>Constant maturity (step 3): with T₁ &lt; T₃₀ &lt; T₂ the nearest expiries around the
/// target, σ²₃₀ = [T₁σ₁²(T₂ − T₃₀)/(T₂ − T₁) + T₂σ₂²(T₃₀ − T₁)/(T₂ − T₁)] / T₃₀. The white paper writes
/// the weights in minutes (N_T1, N_T2, N30 = 43,200, N365 = 525,600); in years of 525,600 minutes the
/// formula is the same, so pass T = minutes / <see cref="MinutesPerYear"/> (which is what
/// <see cref="ExpiryTime.YearsToExpiry(DateTime, DateOnly, SettlementStyle)"/> returns for whole minutes).</para>
/// <para>Sparse chains never throw and never return a silent NaN: every outcome carries a status.
/// Only a caller error (spans of different lengths) throws. Which expiries to offer (the VIX uses
/// SPX standard and weekly expiries with more than 23 and fewer than 37 days) is the caller's choice.</para>
/// <para>Allocation-free: the strip is walked in place; optional caller-provided spans receive the
/// per-strike ΔK and contributions.</para>
/// </remarks>
public static class ModelFreeVariance
{
    /// <summary>Minutes in a 365-day year (N365 of the white paper).</summary>
    public const double MinutesPerYear = 525_600.0;

    /// <summary>Thirty days in years (N30 / N365 = 43,200 / 525,600), the VIX target maturity.</summary>
    public const double ThirtyDaysInYears = 43_200.0 / MinutesPerYear;

    /// <summary>Two maturities closer than one second are the same maturity.</summary>
    private const double SameMaturityYears = 1.0 / ExpiryTime.SecondsPerYear;

    /// <summary>Model-free variance of one expiry.</summary>
    /// <param name="strikes">Strikes, strictly increasing.</param>
    /// <param name="callBids">Call bids by strike (0 or NaN = no bid).</param>
    /// <param name="callAsks">Call asks by strike (NaN or ≤ 0 = no quote).</param>
    /// <param name="putBids">Put bids by strike.</param>
    /// <param name="putAsks">Put asks by strike.</param>
    /// <param name="years">Time to expiry in years (white paper: minutes to settlement / 525,600).</param>
    /// <param name="rate">Continuously compounded risk-free rate to this expiry (0.000305 = 0.0305 %).</param>
    /// <exception cref="ArgumentException">When the spans do not all have the same length.</exception>
    public static ExpiryVariance ForExpiry(
        ReadOnlySpan<double> strikes,
        ReadOnlySpan<double> callBids,
        ReadOnlySpan<double> callAsks,
        ReadOnlySpan<double> putBids,
        ReadOnlySpan<double> putAsks,
        double years,
        double rate)
        => ForExpiry(strikes, callBids, callAsks, putBids, putAsks, years, rate, [], []);

    /// <summary>Model-free variance of one expiry, also returning ΔK and the contribution
    /// ΔK/K² · e^(RT) · Q(K) of every strike (0 for strikes not selected).</summary>
    /// <param name="strikes">Strikes, strictly increasing.</param>
    /// <param name="callBids">Call bids by strike (0 or NaN = no bid).</param>
    /// <param name="callAsks">Call asks by strike (NaN or ≤ 0 = no quote).</param>
    /// <param name="putBids">Put bids by strike.</param>
    /// <param name="putAsks">Put asks by strike.</param>
    /// <param name="years">Time to expiry in years.</param>
    /// <param name="rate">Continuously compounded risk-free rate to this expiry.</param>
    /// <param name="deltaStrikes">Empty, or one slot per strike for ΔK.</param>
    /// <param name="contributions">Empty, or one slot per strike for the contribution.</param>
    /// <exception cref="ArgumentException">When the spans do not all have the same length
    /// (the two output spans may also be empty).</exception>
    public static ExpiryVariance ForExpiry(
        ReadOnlySpan<double> strikes,
        ReadOnlySpan<double> callBids,
        ReadOnlySpan<double> callAsks,
        ReadOnlySpan<double> putBids,
        ReadOnlySpan<double> putAsks,
        double years,
        double rate,
        Span<double> deltaStrikes,
        Span<double> contributions)
    {
        int n = strikes.Length;
        if (callBids.Length != n || callAsks.Length != n || putBids.Length != n || putAsks.Length != n)
        {
            throw new ArgumentException("Strikes and the four quote spans must have the same length.", nameof(strikes));
        }

        if ((deltaStrikes.Length != 0 && deltaStrikes.Length != n) || (contributions.Length != 0 && contributions.Length != n))
        {
            throw new ArgumentException("Output spans must be empty or one slot per strike.", nameof(contributions));
        }

        deltaStrikes.Clear();
        contributions.Clear();
        if (!(years > 0.0) || !double.IsFinite(years) || !double.IsFinite(rate) || !StrictlyIncreasingPositive(strikes))
        {
            return ExpiryVariance.Fail(ExpiryVarianceStatus.InvalidInput, years);
        }

        double growth = Math.Exp(rate * years);

        // Step 1a: the forward from parity at the strike with the smallest |C − P|.
        int parity = -1;
        double smallestGap = double.PositiveInfinity;
        double parityDifference = 0.0;
        for (int i = 0; i < n; i++)
        {
            double c = Mid(callBids[i], callAsks[i]);
            double p = Mid(putBids[i], putAsks[i]);
            if (double.IsNaN(c) || double.IsNaN(p))
            {
                continue;
            }

            double gap = Math.Abs(c - p);
            if (gap < smallestGap)
            {
                smallestGap = gap;
                parity = i;
                parityDifference = c - p;
            }
        }

        if (parity < 0)
        {
            return ExpiryVariance.Fail(ExpiryVarianceStatus.NoParityPair, years);
        }

        double forward = strikes[parity] + (growth * parityDifference);

        // Step 1b: K0, the first strike at or below F.
        int k0 = -1;
        for (int i = n - 1; i >= 0; i--)
        {
            if (strikes[i] <= forward)
            {
                k0 = i;
                break;
            }
        }

        if (k0 < 0)
        {
            return ExpiryVariance.Fail(ExpiryVarianceStatus.ForwardBelowStrikes, years, forward, strikes[parity]);
        }

        double strikeK0 = strikes[k0];
        double putAtK0 = Mid(putBids[k0], putAsks[k0]);
        double callAtK0 = Mid(callBids[k0], callAsks[k0]);
        double quoteK0 = (double.IsNaN(putAtK0), double.IsNaN(callAtK0)) switch
        {
            (false, false) => 0.5 * (putAtK0 + callAtK0),
            (false, true) => putAtK0,
            (true, false) => callAtK0,
            _ => double.NaN,
        };
        if (double.IsNaN(quoteK0))
        {
            return ExpiryVariance.Fail(ExpiryVarianceStatus.NoAtTheMoneyQuote, years, forward, strikes[parity], strikeK0);
        }

        // Step 2: the out-of-the-money strips, walked outward from K0. ΔK of a strike needs its
        // selected neighbour on the far side, so each selected strike is held back ("pending") until
        // the next one is found, then settled.
        double sum = 0.0;
        int puts = 0;
        double firstPutBelow = double.NaN;
        {
            double above = strikeK0;
            int pending = -1;
            int zeroRun = 0;
            for (int i = k0 - 1; i >= 0; i--)
            {
                if (!HasBid(putBids[i], putAsks[i]))
                {
                    if (++zeroRun == 2)
                    {
                        break;
                    }

                    continue;
                }

                zeroRun = 0;
                if (pending >= 0)
                {
                    sum += Settle(pending, 0.5 * (above - strikes[i]), Mid(putBids[pending], putAsks[pending]), strikes, growth, deltaStrikes, contributions);
                    above = strikes[pending];
                }
                else
                {
                    firstPutBelow = strikes[i];
                }

                pending = i;
                puts++;
            }

            if (pending >= 0)
            {
                sum += Settle(pending, above - strikes[pending], Mid(putBids[pending], putAsks[pending]), strikes, growth, deltaStrikes, contributions);
            }
        }

        int calls = 0;
        double firstCallAbove = double.NaN;
        {
            double below = strikeK0;
            int pending = -1;
            int zeroRun = 0;
            for (int i = k0 + 1; i < n; i++)
            {
                if (!HasBid(callBids[i], callAsks[i]))
                {
                    if (++zeroRun == 2)
                    {
                        break;
                    }

                    continue;
                }

                zeroRun = 0;
                if (pending >= 0)
                {
                    sum += Settle(pending, 0.5 * (strikes[i] - below), Mid(callBids[pending], callAsks[pending]), strikes, growth, deltaStrikes, contributions);
                    below = strikes[pending];
                }
                else
                {
                    firstCallAbove = strikes[i];
                }

                pending = i;
                calls++;
            }

            if (pending >= 0)
            {
                sum += Settle(pending, strikes[pending] - below, Mid(callBids[pending], callAsks[pending]), strikes, growth, deltaStrikes, contributions);
            }
        }

        double deltaK0 = (puts > 0, calls > 0) switch
        {
            (true, true) => 0.5 * (firstCallAbove - firstPutBelow),
            (true, false) => strikeK0 - firstPutBelow,
            (false, true) => firstCallAbove - strikeK0,
            _ => double.NaN,
        };
        if (double.IsNaN(deltaK0))
        {
            return ExpiryVariance.Fail(ExpiryVarianceStatus.NoOutOfTheMoneyStrikes, years, forward, strikes[parity], strikeK0);
        }

        sum += Settle(k0, deltaK0, quoteK0, strikes, growth, deltaStrikes, contributions);

        double moneyness = (forward / strikeK0) - 1.0;
        double adjustment = moneyness * moneyness / years;
        double variance = (2.0 / years * sum) - adjustment;
        var status = variance > 0.0 ? ExpiryVarianceStatus.Computed : ExpiryVarianceStatus.NonPositiveVariance;
        return new ExpiryVariance(status, years, forward, strikes[parity], strikeK0, sum, adjustment, variance, puts, calls);
    }

    /// <summary>The 30-day (VIX) variance from any set of per-expiry results: see
    /// <see cref="ConstantMaturity(ReadOnlySpan{ExpiryVariance}, double)"/>.</summary>
    /// <param name="expiries">Per-expiry results in any order; those not computed are ignored.</param>
    public static ConstantMaturityVariance ThirtyDay(ReadOnlySpan<ExpiryVariance> expiries)
        => ConstantMaturity(expiries, ThirtyDaysInYears);

    /// <summary>The variance at a constant maturity. Uses an expiry at the target when there is one
    /// (<see cref="ConstantMaturityStatus.ExactMaturity"/>); otherwise interpolates between the latest
    /// computed expiry before the target and the earliest after it
    /// (<see cref="ConstantMaturityStatus.Interpolated"/>); when the computed expiries do not bracket the
    /// target, returns the one closest to it uninterpolated with <see cref="ConstantMaturityStatus.NotBracketed"/>;
    /// when none was computed, NaN with <see cref="ConstantMaturityStatus.NoComputedExpiry"/>.</summary>
    /// <param name="expiries">Per-expiry results in any order; those not computed are ignored.</param>
    /// <param name="targetYears">Target maturity in years (e.g. <see cref="ThirtyDaysInYears"/>).</param>
    public static ConstantMaturityVariance ConstantMaturity(ReadOnlySpan<ExpiryVariance> expiries, double targetYears)
    {
        int near = -1;
        int next = -1;
        int closest = -1;
        for (int i = 0; i < expiries.Length; i++)
        {
            ref readonly ExpiryVariance e = ref expiries[i];
            if (!e.IsComputed)
            {
                continue;
            }

            if (closest < 0 || Math.Abs(e.Years - targetYears) < Math.Abs(expiries[closest].Years - targetYears))
            {
                closest = i;
            }

            if (e.Years <= targetYears && (near < 0 || e.Years > expiries[near].Years))
            {
                near = i;
            }

            if (e.Years > targetYears && (next < 0 || e.Years < expiries[next].Years))
            {
                next = i;
            }
        }

        if (closest < 0)
        {
            return new ConstantMaturityVariance(ConstantMaturityStatus.NoComputedExpiry, targetYears, double.NaN, double.NaN, double.NaN);
        }

        ref readonly ExpiryVariance best = ref expiries[closest];
        if (Math.Abs(best.Years - targetYears) <= SameMaturityYears)
        {
            return new ConstantMaturityVariance(ConstantMaturityStatus.ExactMaturity, targetYears, best.Variance, best.Years, double.NaN);
        }

        if (near < 0 || next < 0)
        {
            return new ConstantMaturityVariance(ConstantMaturityStatus.NotBracketed, targetYears, best.Variance, best.Years, double.NaN);
        }

        return Interpolate(expiries[near], expiries[next], targetYears);
    }

    /// <summary>The CBOE interpolation between a near and a next expiry that bracket the target.
    /// Falls back like <see cref="ConstantMaturity(ReadOnlySpan{ExpiryVariance}, double)"/> when they
    /// do not (an expiry at the target, or no bracket), so it never extrapolates.</summary>
    /// <param name="near">The near-term expiry (T₁ &lt; target).</param>
    /// <param name="next">The next-term expiry (T₂ &gt; target).</param>
    /// <param name="targetYears">Target maturity in years.</param>
    public static ConstantMaturityVariance Interpolate(in ExpiryVariance near, in ExpiryVariance next, double targetYears)
    {
        if (!near.IsComputed || !next.IsComputed
            || !(near.Years < targetYears - SameMaturityYears) || !(next.Years > targetYears + SameMaturityYears))
        {
            ReadOnlySpan<ExpiryVariance> pair = [near, next];
            return ConstantMaturity(pair, targetYears);
        }

        double t1 = near.Years;
        double t2 = next.Years;
        double span = t2 - t1;
        double weightNear = (t2 - targetYears) / span;
        double weightNext = (targetYears - t1) / span;
        double totalVariance = (t1 * near.Variance * weightNear) + (t2 * next.Variance * weightNext);
        return new ConstantMaturityVariance(ConstantMaturityStatus.Interpolated, targetYears, totalVariance / targetYears, t1, t2);
    }

    /// <summary>Adds one strike's contribution ΔK/K² · e^(RT) · Q and records it.</summary>
    private static double Settle(int index, double deltaK, double quote, ReadOnlySpan<double> strikes, double growth, Span<double> deltaStrikes, Span<double> contributions)
    {
        double k = strikes[index];
        double contribution = deltaK / (k * k) * growth * quote;
        if (deltaStrikes.Length != 0)
        {
            deltaStrikes[index] = deltaK;
        }

        if (contributions.Length != 0)
        {
            contributions[index] = contribution;
        }

        return contribution;
    }

    /// <summary>A side is selectable out of the money when it has a positive bid and a sane ask.</summary>
    private static bool HasBid(double bid, double ask) => bid > 0.0 && ask >= bid && double.IsFinite(ask);

    /// <summary>Bid/ask midpoint, allowing a zero bid; NaN when there is no usable quote.</summary>
    private static double Mid(double bid, double ask) =>
        bid >= 0.0 && ask >= bid && ask > 0.0 && double.IsFinite(ask) ? 0.5 * (bid + ask) : double.NaN;

    private static bool StrictlyIncreasingPositive(ReadOnlySpan<double> strikes)
    {
        double previous = 0.0;
        foreach (double k in strikes)
        {
            if (!(k > previous) || !double.IsFinite(k))
            {
                return false;
            }

            previous = k;
        }

        return true;
    }
}

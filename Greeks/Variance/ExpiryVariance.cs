namespace TomKing.Greeks;

/// <summary>
/// The model-free (CBOE VIX method) implied variance of one expiry and the intermediate values the
/// CBOE white paper publishes for it. When <see cref="Status"/> is not
/// <see cref="ExpiryVarianceStatus.Computed"/>, the values that could not be formed are NaN and the
/// status says why.
/// </summary>
/// <param name="Status">Outcome.</param>
/// <param name="Years">Time to expiry in years (minutes to settlement / 525,600 in the white paper).</param>
/// <param name="Forward">Forward from put–call parity, F = K* + e^(RT)(C − P) at the strike K* with the smallest |C − P|.</param>
/// <param name="ParityStrike">The strike K* used for the forward.</param>
/// <param name="AtTheMoneyStrike">K0: the first strike at or below the forward.</param>
/// <param name="StrikeSum">Σ ΔKᵢ/Kᵢ² · e^(RT) · Q(Kᵢ) over the selected strikes.</param>
/// <param name="ForwardAdjustment">(1/T)(F/K0 − 1)², the correction for K0 ≠ F.</param>
/// <param name="Variance">σ² = (2/T)·StrikeSum − ForwardAdjustment, annualized.</param>
/// <param name="PutsUsed">Out-of-the-money puts (strikes below K0) in the sum.</param>
/// <param name="CallsUsed">Out-of-the-money calls (strikes above K0) in the sum.</param>
public readonly record struct ExpiryVariance(
    ExpiryVarianceStatus Status,
    double Years,
    double Forward,
    double ParityStrike,
    double AtTheMoneyStrike,
    double StrikeSum,
    double ForwardAdjustment,
    double Variance,
    int PutsUsed,
    int CallsUsed)
{
    /// <summary>True when <see cref="Variance"/> holds a result.</summary>
    public bool IsComputed => Status == ExpiryVarianceStatus.Computed;

    /// <summary>Strikes in the sum: the puts, the calls and K0 itself (0 when not computed).</summary>
    public int StrikesUsed => IsComputed ? PutsUsed + CallsUsed + 1 : 0;

    /// <summary>√σ², the annualized model-free volatility of this expiry (NaN when not computed).</summary>
    public double Volatility => IsComputed ? Math.Sqrt(Variance) : double.NaN;

    internal static ExpiryVariance Fail(ExpiryVarianceStatus status, double years, double forward = double.NaN, double parityStrike = double.NaN, double atTheMoneyStrike = double.NaN)
        => new(status, years, forward, parityStrike, atTheMoneyStrike, double.NaN, double.NaN, double.NaN, 0, 0);
}

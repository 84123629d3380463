namespace TomKing.Greeks;

/// <summary>
/// A model-free variance at a constant maturity (30 days for the VIX) and the expiries it came
/// from. Read <see cref="Status"/> before using <see cref="Variance"/>: only
/// <see cref="ConstantMaturityStatus.Interpolated"/> and <see cref="ConstantMaturityStatus.ExactMaturity"/>
/// are values at the target maturity.
/// </summary>
/// <param name="Status">How the value was obtained.</param>
/// <param name="TargetYears">The target maturity in years (30/365 for the VIX).</param>
/// <param name="Variance">Annualized variance at the target (see <see cref="Status"/>); NaN only for <see cref="ConstantMaturityStatus.NoComputedExpiry"/>.</param>
/// <param name="NearYears">Time to the near expiry used (the only one for a single-expiry status; NaN when none).</param>
/// <param name="NextYears">Time to the next expiry used (NaN when only one was used).</param>
public readonly record struct ConstantMaturityVariance(
    ConstantMaturityStatus Status,
    double TargetYears,
    double Variance,
    double NearYears,
    double NextYears)
{
    /// <summary>True when <see cref="Variance"/> is a value at the target maturity (interpolated or an exact expiry).</summary>
    public bool IsAtTarget => Status is ConstantMaturityStatus.Interpolated or ConstantMaturityStatus.ExactMaturity;

    /// <summary>The index level, 100·√variance (a VIX-equivalent when <see cref="IsAtTarget"/> and the target is 30 days).</summary>
    public double Index => 100.0 * Math.Sqrt(Variance);
}

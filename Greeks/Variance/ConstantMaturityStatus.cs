namespace TomKing.Greeks;

/// <summary>How a constant-maturity (e.g. 30-day, VIX-equivalent) variance was obtained from the expiries.</summary>
public enum ConstantMaturityStatus : byte
{
    /// <summary>Interpolated between the nearest expiry before and the nearest expiry after the target (the VIX case).</summary>
    Interpolated = 0,

    /// <summary>One expiry is at the target maturity (within a second); its variance is used as is.</summary>
    ExactMaturity = 1,

    /// <summary>
    /// The computed expiries do not bracket the target (all before it, all after it, or only one):
    /// the value is the variance of the computed expiry closest to the target, <em>not</em>
    /// interpolated and not a VIX. It is reported so a caller can still show something, flagged so
    /// no caller mistakes it for a 30-day number.
    /// </summary>
    NotBracketed = 2,

    /// <summary>No expiry was computed (every input failed or none was given): the variance is NaN.</summary>
    NoComputedExpiry = 3,
}

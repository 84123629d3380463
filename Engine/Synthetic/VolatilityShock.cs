namespace TomKing.Engine.Synthetic;

/// <summary>
/// A scheduled volatility shock shaped like 5 August 2024 (the yen carry-trade unwind): VIX is calm
/// (about 16) in the two weeks before, climbs on the ramp days while SPX falls, gaps up at the open of
/// the shock day, spikes intraday to <see cref="PeakVix"/>, closes near <see cref="CloseVix"/>, and then
/// decays back toward <see cref="CalmVix"/> with a half-life of <see cref="DecayHalfLifeDays"/>
/// trading days. A shock whose date is not a trading day in the market's range has no effect.
/// </summary>
/// <param name="Date">The shock day.</param>
/// <param name="CalmVix">The VIX level the days before the ramp are pulled to, and the level it decays back to.</param>
/// <param name="RampDays">Trading days of rising VIX and falling SPX before the shock day.</param>
/// <param name="RampVix">VIX close on the last ramp day.</param>
/// <param name="RampSpxReturn">SPX close-to-close return on each ramp day.</param>
/// <param name="OpenVix">VIX at the shock day's open.</param>
/// <param name="PeakVix">Intraday VIX peak.</param>
/// <param name="PeakMinute">Minutes after 09:30 of the peak (and of the SPX low).</param>
/// <param name="CloseVix">VIX close on the shock day.</param>
/// <param name="SpxOpenGap">SPX open relative to the previous close.</param>
/// <param name="SpxCloseReturn">SPX close relative to the previous close.</param>
/// <param name="SpxIntradayDip">Extra SPX log-dip at the peak minute (the low of the day).</param>
/// <param name="DecayHalfLifeDays">Half-life in trading days of the VIX decay after the shock.</param>
public sealed record VolatilityShock(
    DateOnly Date,
    double CalmVix = 16.0,
    int RampDays = 2,
    double RampVix = 23.0,
    double RampSpxReturn = -0.015,
    double OpenVix = 36.0,
    double PeakVix = 55.0,
    int PeakMinute = 12,
    double CloseVix = 38.0,
    double SpxOpenGap = -0.028,
    double SpxCloseReturn = -0.030,
    double SpxIntradayDip = -0.012,
    double DecayHalfLifeDays = 4.0)
{
    /// <summary>The August 2024 shock on its real date.</summary>
    public static VolatilityShock August2024 => new(new DateOnly(2024, 8, 5));
}

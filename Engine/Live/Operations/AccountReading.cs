namespace TomKing.Engine.Live.Operations;

/// <summary>The account figures operators watch, read together (one consistent update of the runner).</summary>
/// <param name="BuyingPowerInUse">Buying power in use, USD (P-1).</param>
/// <param name="NetLiquidation">Net liquidation value, USD.</param>
/// <param name="HighWaterMark">The peak net liq the P-5 ladder measures from, USD.</param>
public readonly record struct AccountReading(double BuyingPowerInUse, double NetLiquidation, double HighWaterMark)
{
    /// <summary>The fall from <see cref="HighWaterMark"/> as a fraction (0.12 = −12 %); 0 at or above the
    /// mark or when there is no mark yet.</summary>
    public double Drawdown =>
        HighWaterMark > 0.0 && NetLiquidation < HighWaterMark ? (HighWaterMark - NetLiquidation) / HighWaterMark : 0.0;

    /// <summary>Buying power in use as a fraction of net liq (0 when net liq is not positive).</summary>
    public double BuyingPowerFraction => NetLiquidation > 0.0 ? BuyingPowerInUse / NetLiquidation : 0.0;
}

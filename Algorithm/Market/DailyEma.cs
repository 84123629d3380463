namespace TomKing.Algorithm.Market;

/// <summary>
/// The exponential moving average of daily closes that IPMCC reads (<c>IMarketView.TryGetDailyEma</c>), in one
/// place so every host computes it the same way: seeded with the simple average of the first <c>period</c> closes,
/// then <c>ema += α (close − ema)</c> with <c>α = 2 / (period + 1)</c> over the rest, oldest first. The synthetic
/// market and the live DXLink view run it over the last <see cref="LookbackPeriods"/> × period closes before the
/// day asked about (<see cref="TryComputeWindow"/>), so the seed's influence is the same every day.
/// </summary>
public static class DailyEma
{
    /// <summary>How many periods of closes the windowed EMA looks back over (5: the seed's weight is then
    /// (1 − α)^(4·period), about 2e-4 for any period).</summary>
    public const int LookbackPeriods = 5;

    /// <summary>The EMA over all of <paramref name="closes"/> (oldest first), seeded with the simple average of the
    /// first <paramref name="period"/>. False when there are fewer closes than <paramref name="period"/> or the period
    /// is below 1.</summary>
    public static bool TryCompute(ReadOnlySpan<double> closes, int period, out double ema)
    {
        ema = double.NaN;
        if (period < 1 || closes.Length < period)
        {
            return false;
        }

        double sum = 0.0;
        for (int i = 0; i < period; i++)
        {
            sum += closes[i];
        }

        double value = sum / period;
        double alpha = 2.0 / (period + 1.0);
        for (int i = period; i < closes.Length; i++)
        {
            value += alpha * (closes[i] - value);
        }

        ema = value;
        return true;
    }

    /// <summary>The EMA over the last <see cref="LookbackPeriods"/> × <paramref name="period"/> of
    /// <paramref name="closes"/> (oldest first; pass the closes before the day asked about). False when fewer closes
    /// than that are given.</summary>
    public static bool TryComputeWindow(ReadOnlySpan<double> closes, int period, out double ema)
    {
        ema = double.NaN;
        if (period < 1)
        {
            return false;
        }

        int window = LookbackPeriods * period;
        return closes.Length >= window && TryCompute(closes[^window..], period, out ema);
    }
}

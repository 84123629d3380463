namespace TomKing.Algorithm.Ports;

/// <summary>Where the P-1 volatility number came from: the CBOE VIX feed, or the model-free 30-day
/// implied volatility computed from an option chain when no feed exists.</summary>
public enum VixSource : byte
{
    /// <summary>The published VIX index.</summary>
    Feed = 0,

    /// <summary>CBOE-method variance replication from SPX/SPXW (or the traded underlying's) chain.</summary>
    ModelFree = 1,
}

/// <summary>The input to the P-1 regime: a VIX level in index points (e.g. 18.5), its source and time.</summary>
/// <param name="Value">Volatility in VIX points (annualized percent).</param>
/// <param name="Source">Feed or model-free.</param>
/// <param name="Time">Eastern time of the observation (regime events carry it, P-1).</param>
public readonly record struct VixReading(double Value, VixSource Source, DateTime Time);

namespace TomKing.Engine.Backtest;

/// <summary>Progress of a running backtest, reported once per trading day (for the CLI progress bar).</summary>
/// <param name="Day">Trading day just finished.</param>
/// <param name="DaysDone">Trading days finished.</param>
/// <param name="DaysTotal">Trading days in the run.</param>
/// <param name="NetLiq">Net liq at that day's close.</param>
/// <param name="OpenPositions">Open positions at that close.</param>
public readonly record struct BacktestProgress(DateOnly Day, int DaysDone, int DaysTotal, decimal NetLiq, int OpenPositions);

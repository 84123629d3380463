using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Engine.Data.Lean;

namespace TomKing.Engine.Replay.Lean;

/// <summary>
/// An <see cref="IReplayMarket"/> over a LEAN-format data folder: index option minute quotes (SPXW, SPX),
/// SPX index minute trades, daily bars and universes, replayed minute by minute.
/// </summary>
public sealed class LeanReplayMarket : IReplayMarket
{
    private LeanReplayMarket(string description, IReadOnlyList<DateOnly> tradingDays)
    {
        Description = description;
        TradingDays = tradingDays;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IReadOnlyList<DateOnly> TradingDays { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Warnings { get; } = [];

    /// <summary>
    /// Opens a LEAN data folder for a replay over [<paramref name="from"/>, <paramref name="to"/>].
    /// </summary>
    /// <param name="dataFolder">The LEAN <c>Data/</c> folder (with <c>market-hours/</c>).</param>
    /// <param name="from">First date (inclusive).</param>
    /// <param name="to">Last date (inclusive).</param>
    /// <param name="strategies">The strategies of the run (decides which roots are loaded).</param>
    /// <exception cref="LeanDataException">The folder, its market-hours database or any data in the range is missing.</exception>
    /// <exception cref="ArgumentException">The range is empty.</exception>
    public static LeanReplayMarket Open(string dataFolder, DateOnly from, DateOnly to, IReadOnlyList<StrategyId> strategies)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        ArgumentNullException.ThrowIfNull(strategies);
        if (to < from)
        {
            throw new ArgumentException($"the date range is empty: {from:yyyy-MM-dd} is after {to:yyyy-MM-dd}", nameof(to));
        }

        if (!Directory.Exists(dataFolder))
        {
            throw new LeanDataException($"LEAN data folder not found: {dataFolder}");
        }

        throw new NotSupportedException("LeanReplayMarket is being built.");
    }

    /// <inheritdoc />
    public IReadOnlyList<DateTime> EvaluationTimes(DateOnly day) => [];

    /// <inheritdoc />
    public long AdvanceTo(DateTime eastern) => 0;

    /// <inheritdoc />
    public bool TryQuote(in OptionContract contract, out Quote quote)
    {
        quote = default;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetSettlementPrice(Ticker underlying, DateOnly expiry, OptionSettlement settlement, out double price)
    {
        price = double.NaN;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetPrice(Ticker underlying, out double price)
    {
        price = double.NaN;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetChain(Ticker root, out OptionChain chain)
    {
        chain = null!;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetVix(out VixReading vix)
    {
        vix = default;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetIvRank(Ticker underlying, out double ivRank)
    {
        ivRank = double.NaN;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetDailyEma(Ticker underlying, int period, out double ema)
    {
        ema = double.NaN;
        return false;
    }

    /// <inheritdoc />
    public bool TryGetSessionOpen(Ticker underlying, out double open)
    {
        open = double.NaN;
        return false;
    }
}

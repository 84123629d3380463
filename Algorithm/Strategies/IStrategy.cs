using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Strategies;

/// <summary>
/// One rulebook strategy, host-free. The host calls <see cref="Evaluate"/> on every market event it
/// wants decided (each minute bar in a backtest, each conflated quote batch live). The strategy checks
/// its own schedule from the clock (e.g. "Friday, first evaluation at or after 10:30, before 11:00, not
/// yet decided today"), manages its open positions (exits, rolls) and writes intents and decision
/// records to the output. It never throws for market conditions: a sparse or crossed chain is a skip
/// with a reason. It keeps only its own small state (what it decided today, the 9:30 open it saw);
/// positions live in the portfolio.
/// </summary>
public interface IStrategy
{
    /// <summary>Which strategy this is.</summary>
    StrategyId Id { get; }

    /// <summary>Decide now: entries that are due, and management of this strategy's open positions.</summary>
    /// <param name="context">Clock, market, portfolio, settings, regime and phase as of now.</param>
    /// <param name="output">Where intents and decision records go (pre-allocated, reused).</param>
    void Evaluate(DecisionContext context, DecisionOutput output);
}

using System.Diagnostics;
using TomKing.Algorithm.Decisions;

namespace TomKing.Algorithm.Strategies.Core;

/// <summary>Splits a decision's wall-clock cost into market-view reads and strategy logic (RULEBOOK
/// section 3); each mark charges the time since the previous mark to one stage.</summary>
internal struct StageTimer
{
    private long _last;
    private long _market;
    private long _strategy;

    /// <summary>Starts timing now.</summary>
    public static StageTimer Start() => new() { _last = Stopwatch.GetTimestamp() };

    /// <summary>Charges the time since the last mark to the market view (chain reads, Greeks).</summary>
    public void MarketView()
    {
        long now = Stopwatch.GetTimestamp();
        _market += now - _last;
        _last = now;
    }

    /// <summary>Charges the time since the last mark to strategy logic.</summary>
    public void Strategy()
    {
        long now = Stopwatch.GetTimestamp();
        _strategy += now - _last;
        _last = now;
    }

    /// <summary>The cost so far (risk and order stages are the pipeline's).</summary>
    public readonly StageCost Cost => new(_market, _strategy, 0, 0);
}

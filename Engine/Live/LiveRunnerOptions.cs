using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Risk.Events;
using TomKing.Algorithm.Risk.Margin;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Engine.Live;

/// <summary>How the live runner runs.</summary>
public sealed record LiveRunnerOptions
{
    /// <summary>Enabled strategies, evaluated in this order.</summary>
    public IReadOnlyList<StrategyId> Strategies { get; init; } = [StrategyId.F0, StrategyId.L112, StrategyId.FS, StrategyId.IPMCC, StrategyId.LPL];

    /// <summary>The rulebook in force.</summary>
    public RulebookSettings Rules { get; init; } = RulebookSettings.Default;

    /// <summary>Starting cash when neither the journal nor the venue says (USD).</summary>
    public decimal DefaultCash { get; init; } = 50_000m;

    /// <summary>Kernel loop period when nothing arrives (wall time).</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Strategies are evaluated at least this often in market time even without new quotes.</summary>
    public TimeSpan DecideEvery { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>After start, strategies wait for a price of every underlying the view carries, at most this long
    /// (wall time; then they decide anyway and the missing ones are logged).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Stops the loop at this market time (null: run until cancelled).</summary>
    public DateTime? StopAtEastern { get; init; }

    /// <summary>Order and fill events delivered per loop iteration at most (the rest next iteration, never dropped).</summary>
    public int OrderEventsPerCycle { get; init; } = 1024;

    /// <summary>Exchange margins of the futures whose options may be traded.</summary>
    public FuturesMarginBook? FuturesMargins { get; init; }

    /// <summary>P-8 event calendar.</summary>
    public EventCalendar? Calendar { get; init; }

    /// <summary>Where the runner writes its log lines (null: nowhere).</summary>
    public Action<string>? Log { get; init; }
}

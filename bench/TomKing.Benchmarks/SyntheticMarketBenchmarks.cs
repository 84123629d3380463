using BenchmarkDotNet.Attributes;
using TomKing.Engine.Synthetic;

namespace TomKing.Benchmarks;

/// <summary>
/// Synthetic market costs: re-quoting a chain in place for the next minute (the per-event cost in a
/// backtest), one contract's on-demand quote, and generating one day's minute paths for every factor.
/// Requote benchmarks advance the clock one minute per invocation so nothing is cached.
/// </summary>
[MemoryDiagnoser]
public class SyntheticMarketBenchmarks
{
    private static readonly DateTime Start = new(2024, 3, 15, 10, 0, 0);
    private SyntheticMarket _market = null!;
    private SyntheticChainFeed _zeroDte = null!;
    private SyntheticChainFeed _strangle = null!;
    private int _minute;
    private int _day;

    [GlobalSetup]
    public void Setup()
    {
        _market = new SyntheticMarket(1, new DateOnly(2024, 1, 2), new DateOnly(2024, 12, 31));
        _zeroDte = _market.CreateChainFeed("SPXW", ChainScope.UpTo(0));
        _strangle = _market.CreateChainFeed("MCL", ChainScope.Within(new DteWindow(75, 105)));
        _zeroDte.Refresh(Start);
        _strangle.Refresh(Start);
    }

    private DateTime NextMinute() => Start.AddMinutes(1 + (_minute++ % 300)).AddTicks(_minute / 300);

    /// <summary>SPXW 0DTE chain (about 120 contracts) re-quoted for a new minute.</summary>
    [Benchmark]
    public object RequoteSpxwZeroDte() => _zeroDte.Refresh(NextMinute());

    /// <summary>MCL 75–105 DTE chain (about 270 contracts) re-quoted for a new minute.</summary>
    [Benchmark]
    public object RequoteMclStrangleWindow() => _strangle.Refresh(NextMinute());

    /// <summary>One contract quoted on demand.</summary>
    [Benchmark]
    public double QuoteOneContract()
    {
        _market.TryQuoteOption("SPXW", new DateOnly(2024, 3, 15), 5100.0, TomKing.Greeks.OptionRight.Put, NextMinute(), out var q);
        return q.Ask;
    }

    /// <summary>One trading day's minute paths for every factor and VIX (first touch of a new day).</summary>
    [Benchmark]
    public double GenerateDayPaths()
    {
        var days = _market.TradingDays;
        var day = days[_day++ % days.Length];
        return _market.Price("SPX", day.ToDateTime(new TimeOnly(12, 0)));
    }
}

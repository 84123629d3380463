using BenchmarkDotNet.Attributes;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Risk.Margin;
using TomKing.Algorithm.Risk.Rules;
using TomKing.Cli.Commands;

namespace TomKing.Benchmarks;

/// <summary>The parts of one pre-trade check of an F0 iron condor (see <c>tomking bench pipeline</c>'s rule table):
/// the check's set-up, leg resolution in the chains, the margin model, P-1 and P-7 each on a fresh check.</summary>
[MemoryDiagnoser]
public class RiskPartsBenchmarks
{
    private PipelineBenchWorld _world = null!;
    private OrderIntent _entry;
    private EntryCheckState _check = null!;
    private MarginModel _margin = null!;
    private double[] _premiums = null!;
    private double[] _deltas = null!;

    [GlobalSetup]
    public void Setup()
    {
        _world = new PipelineBenchWorld();
        _entry = _world.IronCondorEntry();
        _check = new EntryCheckState();
        _margin = _world.Margin;
        _premiums = [1.1, 2.2, 2.3, 1.2];
        _deltas = [double.NaN, double.NaN, double.NaN, double.NaN];
    }

    /// <summary>EntryCheckState.Begin alone.</summary>
    [Benchmark(Baseline = true)]
    public DateOnly Reset() => _check.Begin(in _entry, _world.Context).NearestExpiry;

    /// <summary>Reset + the legs found in the chains.</summary>
    [Benchmark]
    public bool ResetResolve()
    {
        return _check.Begin(in _entry, _world.Context).TryResolveLegs();
    }

    /// <summary>Reset + margin per unit (includes resolving the legs).</summary>
    [Benchmark]
    public long ResetMargin()
    {
        _margin.TryPerUnitCents(_check.Begin(in _entry, _world.Context), out long cents);
        return cents;
    }

    /// <summary>The calculator alone on fixed premiums.</summary>
    [Benchmark]
    public decimal Calculator() =>
        MarginCalculator.PerUnit(in _entry.StructureRef, 3803, _premiums, _deltas, AssetClass.Index, 0m);

    /// <summary>Reset + P-1.</summary>
    [Benchmark]
    public int ResetP1()
    {
        return _world.Risk.BuyingPower.Allow(_check.Begin(in _entry, _world.Context), 2, out _);
    }

    /// <summary>Reset + P-7.</summary>
    [Benchmark]
    public int ResetP7()
    {
        return _world.Risk.Greeks.Allow(_check.Begin(in _entry, _world.Context), 2, out _);
    }
}

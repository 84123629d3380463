using BenchmarkDotNet.Attributes;
using TomKing.Algorithm.Risk;
using TomKing.Algorithm.Strategies;

namespace TomKing.Benchmarks;

/// <summary>
/// Pre-trade checks (<see cref="RiskEngine.Check"/>) of a 1-1-2 entry against a 50-position portfolio.
/// <c>FullPath</c> opens the count and Greeks limits so all nine rules run to an approval (the worst
/// case: P-4 asks the portfolio for a shared expiry, P-1 margins the entry, P-7 weighs its Greeks); <c>DefaultRulebook</c>
/// is the real rulebook, which denies at P-2 (50 positions exceed Phase 4's 10). Target ≥ 5 M/s, 0 B.
/// </summary>
[MemoryDiagnoser]
public class RiskBenchmarks
{
    private const int Ops = 1_000;
    private RiskPortfolioFixture _f = null!;
    private RiskEngine _engine = null!;
    private DecisionContext _wide = null!;
    private DecisionContext _default = null!;

    [GlobalSetup]
    public void Setup()
    {
        _f = new RiskPortfolioFixture();
        _engine = new RiskEngine(_f.Margin);
        _wide = _f.Context(_f.Wide);
        _default = _f.Context(_f.Rules);
        if (!_engine.Check(_f.Entry, _wide).IsApproved)
        {
            throw new InvalidOperationException("the full-path check must approve: " + _engine.Check(_f.Entry, _wide).Reason);
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public int FullPath()
    {
        int sum = 0;
        for (int i = 0; i < Ops; i++)
        {
            sum += _engine.Check(_f.Entry, _wide).ApprovedQuantity;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public int DefaultRulebook()
    {
        int sum = 0;
        for (int i = 0; i < Ops; i++)
        {
            sum += (int)_engine.Check(_f.Entry, _default).Outcome;
        }

        return sum;
    }
}

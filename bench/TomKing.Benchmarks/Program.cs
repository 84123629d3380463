using BenchmarkDotNet.Running;

namespace TomKing.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet's switcher over every suite in this assembly (use --filter).</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "quantlib")
        {
            Environment.Exit(QuantLibComparison.Run(args[1])); // side-by-side with QuantLib C++: bench/compare-quantlib.sh
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}

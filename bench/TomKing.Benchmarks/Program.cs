using BenchmarkDotNet.Running;

namespace TomKing.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet's switcher over every suite in this assembly (use --filter).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

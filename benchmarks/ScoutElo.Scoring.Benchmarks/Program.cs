using BenchmarkDotNet.Running;

namespace ScoutElo.Scoring.Benchmarks;

public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

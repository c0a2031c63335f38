using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace ScoutElo.Scoring.Benchmarks;

public static class Program
{
    /// <summary>The benchmark project's build (the whole solution's libraries) takes longer than BenchmarkDotNet's
    /// two-minute default on a busy two-core machine; a timed-out build would run nothing.</summary>
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(BuildTimeout));
}

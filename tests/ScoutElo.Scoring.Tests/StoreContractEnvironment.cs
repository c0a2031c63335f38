namespace ScoutElo.Scoring.Tests;

/// <summary>The stores of this assembly run in process: their contract tests always run.</summary>
internal static partial class StoreContractEnvironment
{
    internal static partial string? SkipReason() => null;
}

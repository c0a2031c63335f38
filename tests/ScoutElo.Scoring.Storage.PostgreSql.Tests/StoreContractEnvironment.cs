namespace ScoutElo.Scoring.Tests;

/// <summary>The PostgreSQL tests need the server's binaries: they skip with the reason where none is installed.</summary>
internal static partial class StoreContractEnvironment
{
    internal static partial string? SkipReason() => ThrowawayPostgres.SkipReason;
}

namespace ScoutElo.Scoring.Tests;

/// <summary>The fleet's tests need PostgreSQL: they skip with the reason where it is not installed.</summary>
internal static partial class StoreContractEnvironment
{
    internal static partial string? SkipReason() => ThrowawayPostgres.SkipReason;
}

namespace ScoutElo.Scoring.Verification;

/// <summary>Options of <see cref="ModelEqualityTest"/>.</summary>
public sealed record ModelEqualityOptions
{
    /// <summary>Characters of each answer the string kernel compares (the first ones; shorter answers are padded). Default 100.</summary>
    public int Characters { get; init; } = 100;

    /// <summary>Permutations of the p-value. Default 1,000 (the smallest p-value is then 1/1001).</summary>
    public int Permutations { get; init; } = 1000;

    /// <summary>Level of the test: the verdict is "different" when the p-value is at most this. Default 0.05.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Seed of the permutations (the result is a function of the samples and the seed).</summary>
    public int Seed { get; init; } = 1;

    internal void Validate(string paramName)
    {
        if (Characters is < 1 or > 100_000) throw new ArgumentOutOfRangeException(paramName, Characters, "Characters must be in [1, 100000].");
        if (Permutations is < 1 or > 1_000_000) throw new ArgumentOutOfRangeException(paramName, Permutations, "Permutations must be in [1, 1000000].");
        if (!double.IsFinite(Alpha) || Alpha is <= 0 or >= 1) throw new ArgumentOutOfRangeException(paramName, Alpha, "Alpha must be in (0, 1).");
    }
}

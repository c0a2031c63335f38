namespace ScoutElo.Scoring.Ranking;

/// <summary>One match between nodes A and B: A's score in [0, 1] (1 win, 0.5 draw, 0 loss, or graded) and a weight.</summary>
/// <param name="A">Node A's id.</param>
/// <param name="B">Node B's id (different from A).</param>
/// <param name="Score">A's score in [0, 1]; B scores 1 − Score.</param>
/// <param name="Weight">Match weight in (0, <see cref="MaxWeight"/>]; 1 for an ordinary match.</param>
public readonly record struct MatchResult(string A, string B, double Score, double Weight = 1.0)
{
    /// <summary>The largest accepted weight, 1e9: anything larger is a units mistake and would overflow the single-precision
    /// batch kernel.</summary>
    public const double MaxWeight = 1e9;

    internal void Validate(string paramName, int index)
    {
        if (string.IsNullOrEmpty(A) || string.IsNullOrEmpty(B)) throw new ArgumentException($"Match {index}: node ids must be non-empty.", paramName);
        if (string.Equals(A, B, StringComparison.Ordinal)) throw new ArgumentException($"Match {index}: '{A}' cannot play itself.", paramName);
        if (!double.IsFinite(Score) || Score is < 0 or > 1) throw new ArgumentOutOfRangeException(paramName, Score, $"Match {index}: score must be in [0, 1].");
        if (!double.IsFinite(Weight) || Weight <= 0 || Weight > MaxWeight) throw new ArgumentOutOfRangeException(paramName, Weight, $"Match {index}: weight must be positive and at most {MaxWeight:0e0}.");
    }
}

/// <summary>How large an Elo update is for a node.</summary>
public sealed record KFactorPolicy
{
    private KFactorPolicy(double k, bool fide)
    {
        K = k;
        IsFide = fide;
    }

    /// <summary>The fixed K (when not FIDE-style).</summary>
    public double K { get; }

    /// <summary>Whether the FIDE rule applies: K = 40 for the first 30 games, 20 below 2400, 10 from 2400 on.</summary>
    public bool IsFide { get; }

    /// <summary>A fixed K for every node and match.</summary>
    /// <param name="k">K, finite and positive.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not finite and positive.</exception>
    public static KFactorPolicy Fixed(double k) =>
        double.IsFinite(k) && k > 0 ? new(k, false) : throw new ArgumentOutOfRangeException(nameof(k), k, "K must be finite and positive.");

    /// <summary>FIDE-style K by games played and rating: 40 (fewer than 30 games), 20 (rating below 2400), 10 (from 2400).</summary>
    public static KFactorPolicy Fide { get; } = new(0, true);

    internal double For(int games, double rating) => !IsFide ? K : games < 30 ? 40 : rating < 2400 ? 20 : 10;
}

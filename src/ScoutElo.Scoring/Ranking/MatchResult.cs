namespace ScoutElo.Scoring.Ranking;

/// <summary>One match between nodes A and B: A's score in [0, 1] (1 win, 0.5 draw, 0 loss, or graded) and a weight.</summary>
/// <param name="A">Node A's id.</param>
/// <param name="B">Node B's id (different from A).</param>
/// <param name="Score">A's score in [0, 1]; B scores 1 − Score.</param>
/// <param name="Weight">Match weight in [<see cref="MinWeight"/>, <see cref="MaxWeight"/>]; 1 for an ordinary match.</param>
public readonly record struct MatchResult(string A, string B, double Score, double Weight = 1.0)
{
    /// <summary>The largest accepted weight, 1e9: anything larger is a units mistake and would overflow the single-precision
    /// batch kernel.</summary>
    public const double MaxWeight = 1e9;

    /// <summary>The smallest accepted weight, 1e-6: together with <see cref="MaxWeight"/> it keeps the ratio of any two weights
    /// within 1e15, so rating solvers' information matrices stay well inside double precision. Drop a match rather than give it
    /// a smaller weight.</summary>
    public const double MinWeight = 1e-6;

    /// <summary>Checks the match: non-empty, different node ids, a finite score in [0, 1], a weight in
    /// [<see cref="MinWeight"/>, <see cref="MaxWeight"/>].</summary>
    /// <returns>Null when valid; otherwise what is wrong, in one sentence (for example for a log reader to prefix with file:line).</returns>
    public string? Problem()
    {
        if (string.IsNullOrEmpty(A) || string.IsNullOrEmpty(B)) return "node ids must be non-empty";
        if (string.Equals(A, B, StringComparison.Ordinal)) return $"'{A}' cannot play itself";
        if (!double.IsFinite(Score) || Score is < 0 or > 1) return $"score must be in [0, 1], got {Score.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        if (!double.IsFinite(Weight) || Weight < MinWeight || Weight > MaxWeight)
            return $"weight must be between 1e-6 and 1e9, got {Weight.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return null;
    }

    internal void Validate(string paramName, int index)
    {
        if (Problem() is not { } problem) return;
        if (!double.IsFinite(Score) || Score is < 0 or > 1) throw new ArgumentOutOfRangeException(paramName, Score, $"Match {index}: {problem}.");
        if (!double.IsFinite(Weight) || Weight < MinWeight || Weight > MaxWeight) throw new ArgumentOutOfRangeException(paramName, Weight, $"Match {index}: {problem}.");
        throw new ArgumentException($"Match {index}: {problem}.", paramName);
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

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
        if (!ScoreInRange) return $"score must be in [0, 1], got {Score.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        if (!WeightInRange)
            return $"weight must be between 1e-6 and 1e9, got {Weight.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return null;
    }

    internal void Validate(string paramName, int index)
    {
        if (Problem() is not { } problem) return;
        if (!ScoreInRange) throw new ArgumentOutOfRangeException(paramName, Score, $"Match {index}: {problem}.");
        if (!WeightInRange) throw new ArgumentOutOfRangeException(paramName, Weight, $"Match {index}: {problem}.");
        throw new ArgumentException($"Match {index}: {problem}.", paramName);
    }

    private bool ScoreInRange => double.IsFinite(Score) && Score is >= 0 and <= 1;

    private bool WeightInRange => double.IsFinite(Weight) && Weight >= MinWeight && Weight <= MaxWeight;
}

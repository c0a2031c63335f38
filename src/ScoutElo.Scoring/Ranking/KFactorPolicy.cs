namespace ScoutElo.Scoring.Ranking;

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

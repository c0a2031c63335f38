namespace ScoutElo.Scoring.ProofOfQuality;

/// <summary>Options of <see cref="TrustModel"/>.</summary>
public sealed record TrustOptions
{
    /// <summary>Trust of an evaluator with no history. <value>Default 0.5 (neutral); in [floor, 1].</value></summary>
    public double Initial { get; init; } = 0.5;

    /// <summary>Learning rate η of the exponential moving average. <value>Default 0.1; in (0, 1].</value></summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Lowest trust; keeps a reformed evaluator able to recover. <value>Default 0.01; in [0, 1).</value></summary>
    public double Floor { get; init; } = 0.01;

    /// <summary>Deviation scale τ of the agreement kernel. <value>Default 0.1 (on a [0, 1] score scale); positive.</value></summary>
    public double Tolerance { get; init; } = 0.1;

    internal void Validate(string paramName)
    {
        if (!double.IsFinite(Floor) || Floor is < 0 or >= 1) throw new ArgumentOutOfRangeException(paramName, Floor, "Floor must be in [0, 1).");
        if (!double.IsFinite(Initial) || Initial < Floor || Initial > 1) throw new ArgumentOutOfRangeException(paramName, Initial, "Initial must be in [Floor, 1].");
        if (!double.IsFinite(LearningRate) || LearningRate is <= 0 or > 1) throw new ArgumentOutOfRangeException(paramName, LearningRate, "LearningRate must be in (0, 1].");
        if (!double.IsFinite(Tolerance) || Tolerance <= 0) throw new ArgumentOutOfRangeException(paramName, Tolerance, "Tolerance must be finite and positive.");
    }
}

namespace ScoutElo.Scoring.Ranking;

/// <summary>A style covariate's fitted coefficient γ with its confidence interval.</summary>
/// <param name="Feature">The feature name (<see cref="BradleyTerryOptions.StyleFeatures"/>).</param>
/// <param name="Coefficient">γ in natural log-odds per standard deviation of the covariate (the logit is θᵢ − θⱼ + γ·z).</param>
/// <param name="Low">Lower confidence bound.</param>
/// <param name="High">Upper confidence bound.</param>
public sealed record StyleCoefficient(string Feature, double Coefficient, double Low, double High)
{
    /// <summary>The coefficient in Elo points: 400/ln 10 · γ, the rating difference one standard deviation of the covariate
    /// is worth.</summary>
    public double CoefficientElo => Coefficient * 400 / Math.Log(10);
}

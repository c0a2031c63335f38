namespace ScoutElo.Scoring.Ranking;

/// <summary>An L2 (ridge) penalty on <see cref="BradleyTerry"/>'s parameters, in the units of the arena's published fit so that
/// its leaderboards can be reproduced.</summary>
/// <remarks>
/// <para>The arena's <c>compute_mle_elo</c> fits scikit-learn's <c>LogisticRegression(C)</c> (default C = 1) on a design in
/// which every battle enters four unit rows (a decisive battle as 4 wins, a tie as 2 wins and 2 losses) and a rating column
/// holds ±ln 10, so a coefficient β is a rating in log₁₀-odds (rating = 1000 + 400·β). It minimises
/// <c>C·Σ loss + ½‖β‖²</c>. The library maximises the same objective divided by 4:
/// <c>Σ w·ℓ(θ, γ) − (θ/ln 10)ᵀ(θ/ln 10)/(8C) − γᵀγ/(8C)</c> over natural-scale strengths θ and style coefficients γ, so
/// <see cref="C"/> means what it means there. Smaller C shrinks more. (The factor 4 is the arena code's, not a modelling
/// choice: it is kept so that the same C gives the same ratings.)</para>
/// </remarks>
/// <param name="C">Inverse penalty strength, finite and positive; the arena's default is 1.</param>
/// <param name="Scope">Which parameters are penalised. Default <see cref="PenaltyScope.AllParameters"/>.</param>
public sealed record L2Penalty(double C, PenaltyScope Scope = PenaltyScope.AllParameters);

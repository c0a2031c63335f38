namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>What one model-equality test reports: <c>scoutelo verify --equality --json</c> is this record.</summary>
/// <param name="N">The node's answers.</param>
/// <param name="M">The reference (claimed model's) answers.</param>
/// <param name="Paired">Queries answered on both sides.</param>
/// <param name="Statistic">The unbiased MMD² estimate under the string kernel.</param>
/// <param name="PValue">The permutation p-value.</param>
/// <param name="Verdict"><c>different</c> when the p-value is at most α, else <c>same</c>.</param>
/// <param name="Alpha">The level α.</param>
/// <param name="Permutations">Permutations of the p-value.</param>
public sealed record EqualityRunReport(int N, int M, int Paired, double Statistic, double PValue, string Verdict, double Alpha, int Permutations);

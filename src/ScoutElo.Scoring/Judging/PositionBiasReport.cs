namespace ScoutElo.Scoring.Judging;

/// <summary>How far a pairwise judge's verdicts depend on the order of the candidates (<see cref="PositionBias.Measure"/>).</summary>
/// <param name="Items">The items measured.</param>
/// <param name="Pairs">The verdict pairs (one per item and repetition, each asked in both orders).</param>
/// <param name="PositionConsistency">The share of pairs whose two orders name the same winner (or a tie both times), with its
/// exact (Clopper–Pearson) interval.</param>
/// <param name="PreferenceFairness">The mean shift toward the second position, in [−1, 1]: 0 is fair, positive favours the
/// response shown second (recency), negative the one shown first (primacy).</param>
/// <param name="PrimacyPreferred">Inconsistent pairs in which the candidate did better when shown first.</param>
/// <param name="RecencyPreferred">Inconsistent pairs in which the candidate did better when shown second.</param>
/// <param name="RepetitionStability">The mean share of an item's repetitions (in one order) that give its most common verdict,
/// over the items judged at least twice; null when no item was.</param>
public sealed record PositionBiasReport(int Items, int Pairs, ProportionInterval PositionConsistency, double PreferenceFairness,
    int PrimacyPreferred, int RecencyPreferred, double? RepetitionStability);

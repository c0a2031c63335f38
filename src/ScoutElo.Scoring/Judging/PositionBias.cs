namespace ScoutElo.Scoring.Judging;

/// <summary>Position-bias diagnostics of a pairwise judge: position consistency, preference fairness and repetition stability
/// (the three metrics of Shi et al., "Judging the Judges: A Systematic Study of Position Bias in LLM-as-a-Judge",
/// arXiv 2406.07791), computed from verdicts asked in both orders.</summary>
/// <remarks>
/// <para>Each verdict is first read as its outcome for the candidate: a win above 0.5, a loss below, a tie at 0.5 (h = 1, 0,
/// 0.5). A pair is position-consistent when both orders give the same outcome. Its shift is
/// <c>d = h(shown second) − h(shown first)</c>; preference fairness is the mean shift over all pairs, so it lies in [−1, 1],
/// is 0 for a judge whose errors favour neither position and reaches ±1 for a judge that always picks one position. The paper
/// normalizes its fairness score differently (by the extremes the counts allow); the mean shift is ours, chosen because it
/// reads as a probability difference and needs no normalization. Repetition stability is the paper's: for each item judged
/// more than once, the share of repetitions (per order) giving the most common outcome, averaged.</para>
/// </remarks>
public static class PositionBias
{
    /// <summary>Measures position bias over items, each with one or more verdict pairs (repetitions).</summary>
    /// <param name="items">Per item, its verdict pairs; items without pairs are skipped.</param>
    /// <param name="confidence">The coverage of the position-consistency interval, in (0, 1).</param>
    /// <returns>The diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> or one of its lists is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidence"/> is not in (0, 1).</exception>
    public static PositionBiasReport Measure(IReadOnlyList<IReadOnlyList<SwappedVerdict>> items, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(items);
        int used = 0, pairs = 0, consistent = 0, primacy = 0, recency = 0, repeated = 0;
        double shift = 0, stability = 0;
        Span<int> first = stackalloc int[3], second = stackalloc int[3];
        foreach (var runs in items)
        {
            if (runs is null) throw new ArgumentNullException(nameof(items), "An item's verdict list is null.");
            if (runs.Count == 0) continue;
            used++;
            first.Clear();
            second.Clear();
            foreach (var run in runs)
            {
                int a = Outcome(run.ShownFirst), b = Outcome(run.ShownSecond);
                first[a]++;
                second[b]++;
                pairs++;
                if (a == b) consistent++;
                else if (a > b) primacy++;
                else recency++;
                shift += (b - a) / 2.0;
            }
            if (runs.Count > 1)
            {
                repeated++;
                stability += (Max(first) + Max(second)) / (2.0 * runs.Count);
            }
        }
        return new PositionBiasReport(used, pairs, ProportionInterval.Of(consistent, pairs, confidence), pairs == 0 ? 0 : shift / pairs,
            primacy, recency, repeated == 0 ? null : stability / repeated);

        static int Outcome(double p) => p > 0.5 ? 2 : p < 0.5 ? 0 : 1; // twice h: loss 0, tie 1, win 2
        static int Max(Span<int> counts) => Math.Max(counts[0], Math.Max(counts[1], counts[2]));
    }
}

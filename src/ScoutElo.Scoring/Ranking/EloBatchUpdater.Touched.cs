using System.Numerics.Tensors;

namespace ScoutElo.Scoring.Ranking;

public static partial class EloBatchUpdater
{
    /// <summary>The kernel's few-matches path on any node set (one exponential per match, no per-node statistics): what the
    /// table runs on the nodes a period touched when the whole table has more nodes than the period has matches, so the result
    /// is bit-identical to the dense call's on the whole table.</summary>
    internal static void ComputeTouched(ReadOnlySpan<double> ratings, ReadOnlySpan<double> kFactors, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights, Span<double> deltas, Span<int> games)
    {
        int n = ratings.Length;
        if (!AllValid(n, a, b, scores, weights)) ThrowFirstInvalid(n, a, b, scores, weights, 0);
        deltas.Clear();
        Accumulate(ratings, default, a, b, scores, weights, deltas, validated: true, counting: false);
        TensorPrimitives.Multiply(deltas, kFactors, deltas);
        games.Clear();
        foreach (int i in a) games[i]++;
        foreach (int i in b) games[i]++;
    }
}

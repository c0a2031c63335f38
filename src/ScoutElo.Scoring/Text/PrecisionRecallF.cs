namespace ScoutElo.Scoring.Text;

/// <summary>Precision, recall and their harmonic mean (F1), each in [0, 1].</summary>
/// <param name="Precision">Matched units over units in the prediction.</param>
/// <param name="Recall">Matched units over units in the target.</param>
/// <param name="F">Harmonic mean <c>2·P·R / (P + R)</c>; 0 when both are 0.</param>
public readonly record struct PrecisionRecallF(double Precision, double Recall, double F)
{
    /// <summary>All zeros: nothing matched (or nothing to match).</summary>
    public static PrecisionRecallF Zero => default;

    internal static PrecisionRecallF FromCounts(int matched, int predictionCount, int targetCount)
    {
        double p = (double)matched / Math.Max(predictionCount, 1);
        double r = (double)matched / Math.Max(targetCount, 1);
        return new PrecisionRecallF(p, r, p + r > 0 ? 2 * p * r / (p + r) : 0.0);
    }
}

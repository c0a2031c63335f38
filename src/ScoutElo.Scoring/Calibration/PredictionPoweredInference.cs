using MathNet.Numerics.Distributions;

namespace ScoutElo.Scoring.Calibration;

/// <summary>Prediction-powered inference for a mean (Angelopoulos et al., Science 2023; PPI++: Angelopoulos, Duchi and Zrnic,
/// arXiv 2311.01453; for evaluation, "AutoEval Done Right", arXiv 2403.07008): an unbiased estimate of the mean human label
/// with a valid interval, from an automatic score on every item and the label on some.</summary>
/// <remarks>
/// <para>With n labelled items (label Yᵢ, score fᵢ) and N unlabelled ones (score f̃ⱼ), the estimate is
/// <c>θ̂ = Ȳ + λ·(mean f̃ − mean f)</c>: the labels' mean, corrected by how far the scores' mean on the unlabelled items lies
/// from theirs on the labelled ones. It is unbiased for every fixed λ, whatever the scores' errors. Its variance is
/// <c>Var(Y − λf)/n + λ²·Var(f̃)/N</c>, smallest at <c>λ* = Cov(Y, f) / ((1 + n/N)·Var(f))</c> (PPI++'s power tuning, estimated
/// from the data, not clipped, as in the paper's mean estimator: scores on another scale than the labels, or anticorrelated
/// with them, are weighed accordingly; scores that carry nothing get λ ≈ 0 and constant scores exactly 0). The
/// interval is the normal one, <c>θ̂ ± z·√(Var̂(Y − λf)/n + λ²·Var̂(f̃)/N)</c>, valid as n and N grow (the CLT, as in the
/// papers). The labels-only interval beside it is <c>Ȳ ± z·s_Y/√n</c>.</para>
/// </remarks>
public static class PredictionPoweredInference
{
    /// <summary>Estimates the mean label.</summary>
    /// <param name="labels">Yᵢ of the labelled items.</param>
    /// <param name="labelledScores">fᵢ: the automatic score of the same items, in the same order.</param>
    /// <param name="unlabelledScores">f̃ⱼ: the automatic score of the items without a label.</param>
    /// <param name="confidence">The interval's coverage, in (0, 1); default 0.95.</param>
    /// <param name="tune">Power tuning (PPI++, the default); false fixes λ = 1 (classic PPI).</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 labelled or 2 unlabelled items, or <paramref name="labels"/> and
    /// <paramref name="labelledScores"/> differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite, or <paramref name="confidence"/> is not in (0, 1).</exception>
    public static PredictionPoweredEstimate Mean(IReadOnlyList<double> labels, IReadOnlyList<double> labelledScores, IReadOnlyList<double> unlabelledScores,
        double confidence = 0.95, bool tune = true)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(labelledScores);
        ArgumentNullException.ThrowIfNull(unlabelledScores);
        if (labels.Count != labelledScores.Count) throw new ArgumentException("One automatic score per labelled item is required.", nameof(labelledScores));
        if (labels.Count < 2) throw new ArgumentException("At least 2 labelled items are required.", nameof(labels));
        if (unlabelledScores.Count < 2) throw new ArgumentException("At least 2 unlabelled items are required.", nameof(unlabelledScores));
        if (!double.IsFinite(confidence) || confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be in (0, 1).");
        Finite(labels, nameof(labels));
        Finite(labelledScores, nameof(labelledScores));
        Finite(unlabelledScores, nameof(unlabelledScores));
        int n = labels.Count, bigN = unlabelledScores.Count;
        double meanY = labels.Average(), meanF = labelledScores.Average(), meanU = unlabelledScores.Average();
        double varF = 0, cov = 0, varY = 0;
        for (int i = 0; i < n; i++)
        {
            double dy = labels[i] - meanY, df = labelledScores[i] - meanF;
            varF += df * df;
            cov += dy * df;
            varY += dy * dy;
        }
        varF /= n - 1;
        cov /= n - 1;
        varY /= n - 1;
        double lambda = 1;
        bool constant = labelledScores.All(f => f == labelledScores[0]); // scores that cannot tell items apart (and no rounding of their mean)
        if (tune) lambda = constant || varF <= 0 ? 0 : cov / ((1 + ((double)n / bigN)) * varF);
        double rectifier = 0;
        for (int i = 0; i < n; i++)
        {
            double r = labels[i] - (lambda * labelledScores[i]) - (meanY - (lambda * meanF));
            rectifier += r * r;
        }
        rectifier /= n - 1;
        double varU = 0;
        foreach (double f in unlabelledScores) varU += (f - meanU) * (f - meanU);
        varU /= bigN - 1;
        double z = Normal.InvCDF(0, 1, 0.5 + (confidence / 2));
        double mean = meanY + (lambda * (meanU - meanF));
        double half = z * Math.Sqrt((rectifier / n) + (lambda * lambda * varU / bigN));
        double humanHalf = z * Math.Sqrt(varY / n);
        return new PredictionPoweredEstimate(mean, mean - half, mean + half, lambda, n, bigN, meanY, meanY - humanHalf, meanY + humanHalf);
    }

    private static void Finite(IReadOnlyList<double> values, string name)
    {
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i])) throw new ArgumentOutOfRangeException(name, values[i], $"Value {i} is not finite.");
    }
}

namespace ScoutElo.Scoring.Dimensions;

/// <summary>The <c>cost-prior</c> dimension: cost efficiency from the serving metrics.</summary>
/// <remarks>
/// <para>Each available metric <c>x</c> (cost, latency, output tokens) maps to <c>r / (r + x)</c> with its task reference
/// <c>r</c>: 1 at zero, 0.5 at the reference, decreasing monotonically towards 0, never reaching it. The dimension is the
/// mean of the available components; not applicable when none of the three metrics was logged.</para>
/// <para>This formula is ScoutElo's own design (the source papers publish none): the hyperbolic map needs no upper bound,
/// is scale-free (only the ratio to the reference matters) and makes a 2× more expensive call lose the same share wherever
/// it sits. Immutable and thread-safe.</para>
/// </remarks>
public sealed class CostPriorDimension : IQualityDimension
{
    /// <summary>The dimension name, <c>cost-prior</c>.</summary>
    public const string DimensionName = "cost-prior";

    private readonly CostPriorOptions _options;

    /// <summary>Creates the dimension.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A reference value is not finite and positive.</exception>
    public CostPriorDimension(CostPriorOptions? options = null)
    {
        _options = options ?? new CostPriorOptions();
        foreach (var r in new[] { _options.Qa, _options.Summarization, _options.Dialogue, _options.Open })
        {
            if (r is null) throw new ArgumentNullException(nameof(options), "Task references must not be null.");
            foreach (double v in new[] { r.CostUsd, r.LatencyMs, r.OutputTokens })
            {
                if (!double.IsFinite(v) || v <= 0) throw new ArgumentOutOfRangeException(nameof(options), v, "Reference values must be finite and positive.");
            }
        }
    }

    /// <inheritdoc/>
    public string Name => DimensionName;

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public DimensionScore Score(ScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var m = input.Metrics;
        var r = _options.For(input.Task);
        double sum = 0;
        int n = 0;
        if (m.CostUsd is { } c) { sum += r.CostUsd / (r.CostUsd + c); n++; }
        if (m.LatencyMs is { } l) { sum += r.LatencyMs / (r.LatencyMs + l); n++; }
        if (m.OutputTokens is { } t) { sum += r.OutputTokens / (r.OutputTokens + t); n++; }
        return n == 0 ? DimensionScore.NotApplicable("no cost, latency or token metrics") : DimensionScore.Of(Math.Clamp(sum / n, 0, 1), $"{n} metric(s)");
    }
}

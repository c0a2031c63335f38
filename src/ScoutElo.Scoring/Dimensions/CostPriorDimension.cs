namespace ScoutElo.Scoring.Dimensions;

/// <summary>Task-level reference values for <see cref="CostPriorDimension"/>: the cost, latency and length that score 0.5.</summary>
/// <param name="CostUsd">Reference cost per call in USD (positive).</param>
/// <param name="LatencyMs">Reference end-to-end latency in milliseconds (positive).</param>
/// <param name="OutputTokens">Reference output token count (positive).</param>
public sealed record CostReference(double CostUsd, double LatencyMs, double OutputTokens);

/// <summary>Options of <see cref="CostPriorDimension"/>.</summary>
public sealed record CostPriorOptions
{
    /// <summary>References for QA. <value>Default $0.0005, 1500 ms, 64 tokens.</value></summary>
    public CostReference Qa { get; init; } = new(0.0005, 1500, 64);

    /// <summary>References for summarization. <value>Default $0.002, 4000 ms, 150 tokens.</value></summary>
    public CostReference Summarization { get; init; } = new(0.002, 4000, 150);

    /// <summary>References for dialogue. <value>Default $0.001, 2000 ms, 80 tokens.</value></summary>
    public CostReference Dialogue { get; init; } = new(0.001, 2000, 80);

    /// <summary>References for open tasks. <value>Default $0.003, 6000 ms, 400 tokens.</value></summary>
    public CostReference Open { get; init; } = new(0.003, 6000, 400);

    internal CostReference For(TaskKind task) => task switch
    {
        TaskKind.Qa => Qa,
        TaskKind.Summarization => Summarization,
        TaskKind.Dialogue => Dialogue,
        _ => Open,
    };
}

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

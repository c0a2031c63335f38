namespace ScoutElo.Scoring.AI;

/// <summary>Options of <see cref="JudgeDimension"/>. Validated when the judge is constructed.</summary>
public sealed record JudgeOptions
{
    /// <summary>Scoring mode. <value>Default <see cref="JudgeMode.Pointwise"/>.</value></summary>
    public JudgeMode Mode { get; init; } = JudgeMode.Pointwise;

    /// <summary>Lowest rubric score. <value>Default 1 (a 1–5 scale).</value></summary>
    public int ScaleMin { get; init; } = 1;

    /// <summary>Highest rubric score. <value>Default 5; greater than <see cref="ScaleMin"/>.</value></summary>
    public int ScaleMax { get; init; } = 5;

    /// <summary>The rubric given to the judge (what "good" means for this task). <value>Default: correctness, relevance, faithfulness and clarity.</value></summary>
    public string Rubric { get; init; } = "Judge correctness, relevance to the query, faithfulness to any given context, and clarity.";

    /// <summary>Supplies the baseline answer for pairwise mode (for example a cheap reference model's answer, or a logged sample).
    /// <value>Default: the input's first alternate sample, if any.</value></summary>
    public Func<ScoringInput, CancellationToken, ValueTask<string?>> Baseline { get; init; } =
        static (input, _) => ValueTask.FromResult(input.Samples.Count > 0 ? input.Samples[0] : null);

    /// <summary>Judge samples per item (their spread can feed the <c>agreement</c> dimension). <value>Default 1; in [1, 20].</value></summary>
    public int Samples { get; init; } = 1;

    /// <summary>How many times an answer that does not parse (a refusal, garbage, a score off the scale) is asked again, each
    /// time as a distinct request (so a cache keeps every answer apart). Transport failures (errors, timeouts) are retried by
    /// the client's middleware instead (<see cref="JudgeChatClientBuilderExtensions.UseJudgeResilience"/>).
    /// <value>Default 1; in [0, 10].</value></summary>
    public int MalformedAnswerRetries { get; init; } = 1;

    /// <summary>Concurrent judge calls of this judge instance. <value>Default 4; at least 1.</value></summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Prompt version, part of every request's options (not sent to the endpoint), so a cache keyed by the options
    /// never serves a judgment of other prompts. <value>Default "scoutelo-judge-v1".</value></summary>
    public string PromptVersion { get; init; } = "scoutelo-judge-v1";

    /// <summary>Model id of the request (and so of a cache's key); the client's default model when null. <value>Default null.</value></summary>
    public string? ModelId { get; init; }

    /// <summary>Clock of the reported durations (tests pass a fake one). <value>Default <see cref="TimeProvider.System"/>.</value></summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate(string paramName)
    {
        if (!Enum.IsDefined(Mode)) throw new ArgumentOutOfRangeException(paramName, Mode, "Unknown judge mode.");
        if (ScaleMax <= ScaleMin) throw new ArgumentOutOfRangeException(paramName, ScaleMax, "ScaleMax must exceed ScaleMin.");
        if (string.IsNullOrWhiteSpace(Rubric)) throw new ArgumentException("Rubric must not be empty.", paramName);
        ArgumentNullException.ThrowIfNull(Baseline, paramName);
        if (Samples is < 1 or > 20) throw new ArgumentOutOfRangeException(paramName, Samples, "Samples must be in [1, 20].");
        if (MalformedAnswerRetries is < 0 or > 10) throw new ArgumentOutOfRangeException(paramName, MalformedAnswerRetries, "MalformedAnswerRetries must be in [0, 10].");
        if (MaxConcurrency < 1) throw new ArgumentOutOfRangeException(paramName, MaxConcurrency, "MaxConcurrency must be at least 1.");
        if (string.IsNullOrWhiteSpace(PromptVersion)) throw new ArgumentException("PromptVersion must not be empty.", paramName);
        ArgumentNullException.ThrowIfNull(TimeProvider, paramName);
    }
}

using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Scoring.Network;

/// <summary>Options of <see cref="ScoutNetwork"/>: budgets, the rating period, and the rules of every step of settlement.</summary>
/// <remarks>Validated once by the <see cref="ScoutNetwork"/> constructor (named <c>options</c>). The options are not part of
/// the persisted state: resuming a network with different options settles the new periods under the new rules.</remarks>
public sealed record NetworkOptions
{
    /// <summary>Rounds per rating period: the engine settles (consensus, health, payouts, ratings) and commits once per period.
    /// <value>Default 20; at least 1.</value></summary>
    public int RoundsPerPeriod { get; init; } = 20;

    /// <summary>Node reward budget per round, in integer base units. <value>Default 1,000,000; non-negative.</value></summary>
    public UInt128 NodeBudgetPerRound { get; init; } = 1_000_000;

    /// <summary>Evaluator reward budget per round, in integer base units. <value>Default 100,000; non-negative.</value></summary>
    public UInt128 EvaluatorBudgetPerRound { get; init; } = 100_000;

    /// <summary>The node reward rule. <value>Default <see cref="NodeRewardRule.QualityGated"/>.</value></summary>
    public NodeRewardRule RewardRule { get; init; } = NodeRewardRule.QualityGated;

    /// <summary>Whether node shares are weighted by the Glicko-2 routing weight earned before the period
    /// (<see cref="NodeRewardRule.RoutingWeight"/>). <value>Default true.</value></summary>
    public bool RatingWeightedRewards { get; init; } = true;

    /// <summary>Quarantine: an evaluator whose trust is below this fraction of the highest trust among a response's evaluators
    /// gets weight 0 in its consensus. <value>Default 0.25; in [0, 1].</value></summary>
    public double QuarantineFraction { get; init; } = 0.25;

    /// <summary>How a response's evaluator scores become its consensus (<see cref="Consensus.Aggregate"/>), over the evaluators
    /// that survive quarantine, each weighted by its trust for the weighted rules. <value>Default
    /// <see cref="AggregationRule.TrustWeightedMean"/>.</value></summary>
    public AggregationRule Aggregation { get; init; } = AggregationRule.TrustWeightedMean;

    /// <summary>Adaptive trust of evaluators. <value>Defaults when null.</value></summary>
    public TrustOptions? Trust { get; init; }

    /// <summary>The claimed-model spot check (also used, against the fixed baseline 0.5, for the judge's baseline verdicts).
    /// <value>Defaults when null.</value></summary>
    public ClaimedModelHealthCheckOptions? HealthCheck { get; init; }

    /// <summary>The calibrated confidence threshold of the judge whose verdicts arrive as
    /// <see cref="ObservedResponse.BaselineVerdicts"/> (that judge's entry of an <see cref="Judging.EscalationPolicy"/>, calibrated
    /// on human labels by <see cref="Judging.SelectiveJudging.Calibrate"/>). A verdict is read as the probability that the response
    /// beats the baseline; it counts in the health check only when its confidence <c>max(v, 1 − v)</c> reaches the threshold, and
    /// then as the decision it implies (1 when v ≥ 0.5, else 0) — so the verdicts that count carry the policy's bound on
    /// disagreement with people. A tie (0.5) never counts; a judge that abstains (no threshold) makes no verdict count.
    /// <value>Default null: every verdict counts as given (1 win, 0.5 tie, 0 loss, or a probability).</value></summary>
    public Judging.JudgeThreshold? BaselineJudge { get; init; }

    /// <summary>The value a baseline verdict adds to the health check under <see cref="BaselineJudge"/>, or null when it does not count.</summary>
    internal double? CountedVerdict(double verdict) => BaselineJudge switch
    {
        null => verdict,
        { Threshold: { } t } when Math.Max(verdict, 1 - verdict) >= t && verdict != 0.5 => verdict > 0.5 ? 1 : 0,
        _ => null,
    };

    /// <summary>Performance from serving metrics (<c>k1·EEL + k2·SU + k3·OTS</c>). <value>Defaults when null.</value></summary>
    public ScoutPerformanceOptions? Performance { get; init; }

    /// <summary>How settled quality and performance decide a match. <value>Defaults when null.</value></summary>
    public MatchOutcomeOptions? MatchOutcome { get; init; }

    /// <summary>Glicko-2 options. <value>Defaults when null.</value></summary>
    public Glicko2Options? Glicko2 { get; init; }

    /// <summary>Elo options of the batch (rating-period) Elo table. <value>Initial 1500, fixed K = 16 when null.</value></summary>
    public EloOptions? Elo { get; init; }

    /// <summary>Served-model verification from token evidence. <value>Defaults when null (the sequential test with its defaults,
    /// no rule policy).</value></summary>
    public VerificationOptions? Verification { get; init; }

    /// <summary>Builds the scorer for responses that no evaluator scored, given the network's node history (so
    /// <c>model-prior</c> learns the settled consensus). <value>Default null: <see cref="BuiltInDimensions.CreateScorer"/> over
    /// the network's history.</value></summary>
    public Func<INodeQualityHistory, QualityScorer>? Scorer { get; init; }

    /// <summary>The settlement rules as one canonical, culture-invariant line: everything here that changes how a period
    /// settles (the scorer for unscored responses excepted: a delegate has no description). A state remembers the rules it was
    /// settled under, and an engine refuses to settle it under other ones.</summary>
    /// <returns>The rules line.</returns>
    public string DescribeRules()
    {
        var trust = Trust ?? new TrustOptions();
        var health = HealthCheck ?? new ClaimedModelHealthCheckOptions();
        var perf = Performance ?? new ScoutPerformanceOptions();
        var outcome = MatchOutcome ?? new MatchOutcomeOptions();
        var glicko = Glicko2 ?? new Glicko2Options();
        var elo = Elo ?? NetworkState.DefaultElo;
        return FormattableString.Invariant(
            $"period={RoundsPerPeriod}; budgets={NodeBudgetPerRound}/{EvaluatorBudgetPerRound}; rule={RewardRule.Kind}(alpha={RewardRule.Alpha:R}, beta={RewardRule.Beta:R}, delta={RewardRule.QualityResolution:R}); ")
            + FormattableString.Invariant($"rating-weighted={RatingWeightedRewards}; quarantine={QuarantineFraction:R}; trust=({trust.Initial:R}, {trust.LearningRate:R}, {trust.Floor:R}, {trust.Tolerance:R}); ")
            + FormattableString.Invariant($"health=({health.Margin:R}, {health.Z:R}, {health.MinChecks}); performance=({perf.K1:R}, {perf.K2:R}, {perf.K3:R}, {perf.ReferenceLatencyMs:R}, {perf.ReferenceTokensPerSecond:R}); ")
            + FormattableString.Invariant($"outcome=({outcome.QualityWeight:R}, {outcome.WinMargin:R}, {outcome.WinDrawLoss}, {outcome.DrawMargin:R}); ")
            + FormattableString.Invariant($"glicko2=({glicko.InitialRating:R}, {glicko.InitialDeviation:R}, {glicko.InitialVolatility:R}, {glicko.Tau:R}, {glicko.Epsilon:R}); ")
            + FormattableString.Invariant($"elo=({elo.InitialRating:R}, {(elo.KFactor.IsFide ? "fide" : elo.KFactor.K.ToString("R", System.Globalization.CultureInfo.InvariantCulture))})")
            + (Aggregation == AggregationRule.TrustWeightedMean ? "" : FormattableString.Invariant($"; aggregation={Aggregation}"))
            + (Verification is null || Verification.IsDefault ? "" : "; verification=" + Verification.Describe())
            + (BaselineJudge is not { } j ? "" : FormattableString.Invariant($"; baseline-judge=({j.Judge}, {(j.Threshold is { } t ? t.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "abstains")})"));
    }

    internal void Validate(string paramName)
    {
        if (RoundsPerPeriod < 1) throw new ArgumentOutOfRangeException(paramName, RoundsPerPeriod, "RoundsPerPeriod must be at least 1.");
        if (!double.IsFinite(QuarantineFraction) || QuarantineFraction is < 0 or > 1) throw new ArgumentOutOfRangeException(paramName, QuarantineFraction, "QuarantineFraction must be in [0, 1].");
        if (RewardRule is null) throw new ArgumentNullException(paramName, "RewardRule must not be null.");
        if (!Enum.IsDefined(Aggregation)) throw new ArgumentOutOfRangeException(paramName, Aggregation, "Aggregation must be a defined AggregationRule.");
        Trust?.Validate(paramName);
        HealthCheck?.Validate(paramName);
        Verification?.Sequential?.Validate(paramName);
        if (BaselineJudge is { Threshold: { } threshold } && (!double.IsFinite(threshold) || threshold is < 0 or > 1))
            throw new ArgumentOutOfRangeException(paramName, threshold, "BaselineJudge.Threshold must be in [0, 1].");
    }
}

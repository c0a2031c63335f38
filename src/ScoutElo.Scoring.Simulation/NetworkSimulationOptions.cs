using ScoutElo.Scoring.ProofOfQuality;

namespace ScoutElo.Scoring.Simulation;

/// <summary>Options of <see cref="NetworkSimulation"/>.</summary>
public sealed record NetworkSimulationOptions
{
    /// <summary>Scout operators (inference nodes). <value>Default 24; at least 2.</value></summary>
    public int Scouts { get; init; } = 24;

    /// <summary>Rounds (one request each). <value>Default 2000; at least 1.</value></summary>
    public int Rounds { get; init; } = 2000;

    /// <summary>Evaluator nodes. <value>Default 9; at least 1.</value></summary>
    public int Evaluators { get; init; } = 9;

    /// <summary>Fraction of malicious evaluators. <value>Default 0.3; in [0, 1).</value></summary>
    public double MaliciousFraction { get; init; } = 0.3;

    /// <summary>Scouts serving each request. <value>Default 4; in [2, Scouts].</value></summary>
    public int ScoutsPerRound { get; init; } = 4;

    /// <summary>Seed. <value>Default 1.</value></summary>
    public int Seed { get; init; } = 1;

    /// <summary>Node reward budget per round, in base units. <value>Default 1,000,000; non-negative.</value></summary>
    public UInt128 NodeBudgetPerRound { get; init; } = 1_000_000;

    /// <summary>Evaluator reward budget per round, in base units. <value>Default 100,000; non-negative.</value></summary>
    public UInt128 EvaluatorBudgetPerRound { get; init; } = 100_000;

    /// <summary>Rounds per rating period; rewards are settled once per period, with the trust learned up to its end.
    /// <value>Default 20; at least 1.</value></summary>
    public int RoundsPerRatingPeriod { get; init; } = 20;

    /// <summary>Rounds between recorded rating snapshots (trajectories). <value>Default 50; at least 1.</value></summary>
    public int SnapshotEvery { get; init; } = 50;

    /// <summary>The node reward rule. <value>Default <see cref="NodeRewardRule.QualityGated"/>.</value></summary>
    public NodeRewardRule RewardRule { get; init; } = NodeRewardRule.QualityGated;

    /// <summary>Whether node shares are weighted by rating (<see cref="NodeRewardRule.RoutingWeight"/>). <value>Default true.</value></summary>
    public bool RatingWeightedRewards { get; init; } = true;

    /// <summary>Probability that a response is spot-checked against the claimed model. <value>Default 0.25; in [0, 1].</value></summary>
    public double SpotCheckRate { get; init; } = 0.25;

    /// <summary>Share of answered responses for which the node logs token evidence and the validator computes reference evidence
    /// with the claimed model (seed shared), so the engine's sequential token test can verify the served model.
    /// <value>Default 0.1; in [0, 1].</value></summary>
    public double VerifyRate { get; init; } = 0.1;

    /// <summary>The exchange rate between serving cost and reward: base units of reward per US dollar of serving cost, used to
    /// measure profit (reward − cost) in the incentive audit. A simulation setting of ScoutElo's own: at the default, an average
    /// scout's serving cost is about 40% of its reward, a thin but positive margin. <value>Default 1.5e9; positive.</value></summary>
    public double RewardUnitsPerUsd { get; init; } = 1.5e9;

    /// <summary>Options of the claimed-model health check. <value>Defaults when null.</value></summary>
    public ClaimedModelHealthCheckOptions? HealthCheck { get; init; }

    /// <summary>An honest participant that deviates (for counterfactual audits); null for none. <value>Default null.</value></summary>
    public Deviation? Deviation { get; init; }

    /// <summary>Checks every option the way <see cref="NetworkSimulation.Run"/> does, without running anything: a host can reject a bad
    /// configuration before it starts work or prints progress.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message names the option).</exception>
    /// <exception cref="ArgumentNullException">A required option is null.</exception>
    public void Validate() => NetworkSimulation.Validate(this);
}

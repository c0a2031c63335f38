using ScoutElo.Scoring.ProofOfQuality;

namespace ScoutElo.Scoring.Simulation;

/// <summary>One adversary-simulation configuration. Validated by <see cref="AdversarySimulation.Run"/>.</summary>
public sealed record AdversaryScenario
{
    /// <summary>Evaluators per output. <value>Default 15; at least 1.</value></summary>
    public int Evaluators { get; init; } = 15;

    /// <summary>Fraction of evaluators that are malicious (rounded to a count). <value>Default 0.3; in [0, 1).</value></summary>
    public double MaliciousFraction { get; init; } = 0.3;

    /// <summary>The attack. <value>Default <see cref="AttackKind.Collude"/>.</value></summary>
    public AttackKind Attack { get; init; } = AttackKind.Collude;

    /// <summary>The aggregation rule. <value>Default <see cref="AggregationRule.TrustWeightedMean"/>.</value></summary>
    public AggregationRule Rule { get; init; } = AggregationRule.TrustWeightedMean;

    /// <summary>Rounds (one output each). <value>Default 5000; at least 1.</value></summary>
    public int Rounds { get; init; } = 5000;

    /// <summary>Seed. <value>Default 7.</value></summary>
    public int Seed { get; init; } = 7;

    /// <summary>Standard deviation of honest evaluators' noise. <value>Default 0.05; non-negative.</value></summary>
    public double HonestNoise { get; init; } = 0.05;

    /// <summary>Shift applied by boosting and sabotaging attackers. <value>Default 0.4; in [0, 1].</value></summary>
    public double AttackStrength { get; init; } = 0.4;

    /// <summary>Probability that an intermittent attacker attacks in a round. <value>Default 0.3; in [0, 1].</value></summary>
    public double IntermittentProbability { get; init; } = 0.3;

    /// <summary>The colluders' common score. <value>Default 1.0; in [0, 1].</value></summary>
    public double CollusionTarget { get; init; } = 1.0;

    /// <summary>Trim fraction for the trimmed mean. <value>Default 0.2.</value></summary>
    public double TrimFraction { get; init; } = 0.2;

    /// <summary>κ for κ-clipping. <value>Default 0.5.</value></summary>
    public double Kappa { get; init; } = 0.5;

    /// <summary>Trust options. <value>Defaults of <see cref="TrustOptions"/>.</value></summary>
    public TrustOptions Trust { get; init; } = new();

    /// <summary>Checks every option the way <see cref="AdversarySimulation.Run"/> does, without running anything: a host can reject a bad
    /// configuration before it starts work or prints progress.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message names the option).</exception>
    /// <exception cref="ArgumentNullException">A required option is null.</exception>
    public void Validate() => AdversarySimulation.Validate(this);
}

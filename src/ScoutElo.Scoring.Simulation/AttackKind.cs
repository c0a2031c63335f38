namespace ScoutElo.Scoring.Simulation;

/// <summary>What malicious evaluators do.</summary>
public enum AttackKind
{
    /// <summary>Lazy or noisy: a uniformly random score, ignoring the output.</summary>
    Noise = 0,
    /// <summary>Inflate: true quality + strength (plus honest-size noise).</summary>
    Boost = 1,
    /// <summary>Deflate: true quality − strength (plus honest-size noise).</summary>
    Sabotage = 2,
    /// <summary>Honest most of the time; sabotages with the intermittent probability.</summary>
    Intermittent = 3,
    /// <summary>All attackers report the same coordinated target score (default 1.0: colluding boosters).</summary>
    Collude = 4,
}

namespace ScoutElo.Scoring.Simulation;

/// <summary>The simulated behaviour profile of a scout.</summary>
public enum ScoutProfile
{
    /// <summary>Serves its claimed model with ordinary latency and uptime.</summary>
    Honest,

    /// <summary>Honest but three times slower.</summary>
    Slow,

    /// <summary>Honest but with 80% uptime.</summary>
    Flaky,

    /// <summary>Claims a premium model but serves a cheap one (true quality 0.30–0.40, a fifth of the cost).</summary>
    Impostor,
}

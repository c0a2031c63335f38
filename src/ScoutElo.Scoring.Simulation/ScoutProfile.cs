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

    /// <summary>Honest, on other hardware than the validator's: its log-probabilities carry tiny numeric noise and 1.5% of its
    /// tokens are near-ties flipped. Must never fail verification.</summary>
    HardwareNoise,

    /// <summary>Serves a 4-bit quantization of its claimed model: quality −3%, serving cost −60% (the
    /// <see cref="DeviationKind.ServeQuantizedModel"/> deviation).</summary>
    Quantized,

    /// <summary>Serves a smaller sibling of its claimed model: quality −8%, serving cost −80% (the
    /// <see cref="DeviationKind.ServeDistilledModel"/> deviation).</summary>
    Distilled,
}

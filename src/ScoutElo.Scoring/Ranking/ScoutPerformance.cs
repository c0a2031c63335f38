using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Ranking;

/// <summary>The scout performance score of Chasm's Inference Scout: <c>Performance = k1·EEL + k2·SU + k3·OTS</c>, each in [0, 1].</summary>
/// <remarks>
/// <para>Normalizations (ScoutElo's own design; Chasm publishes the weighted sum, not the maps):
/// <c>EEL = L₀ / (L₀ + latency)</c> (1 at zero latency, 0.5 at the reference L₀, decreasing towards 0);
/// <c>SU = uptime</c> (already a fraction); <c>OTS = tps / (tps + T₀)</c> (0 at zero throughput, 0.5 at the reference T₀,
/// saturating towards 1). The hyperbolic maps are monotone, bounded and scale-free, so no hard cap is needed and a 2× faster
/// scout always gains the same share. Weights must be finite, non-negative and sum to 1 (±1e-9).</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class ScoutPerformance
{
    private readonly ScoutPerformanceOptions _o;

    /// <summary>Creates the scorer.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A reference is not positive or a weight is negative/non-finite (named <paramref name="options"/>).</exception>
    /// <exception cref="ArgumentException">The weights do not sum to 1 (named <paramref name="options"/>).</exception>
    public ScoutPerformance(ScoutPerformanceOptions? options = null)
    {
        _o = options ?? new ScoutPerformanceOptions();
        if (!double.IsFinite(_o.ReferenceLatencyMs) || _o.ReferenceLatencyMs <= 0) throw new ArgumentOutOfRangeException(nameof(options), _o.ReferenceLatencyMs, "ReferenceLatencyMs must be positive.");
        if (!double.IsFinite(_o.ReferenceTokensPerSecond) || _o.ReferenceTokensPerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(options), _o.ReferenceTokensPerSecond, "ReferenceTokensPerSecond must be positive.");
        foreach (double k in new[] { _o.K1, _o.K2, _o.K3 })
        {
            if (!double.IsFinite(k) || k < 0) throw new ArgumentOutOfRangeException(nameof(options), k, "Weights k1, k2, k3 must be finite and non-negative.");
        }
        if (Math.Abs(_o.K1 + _o.K2 + _o.K3 - 1) > 1e-9) throw new ArgumentException($"Weights k1 + k2 + k3 must sum to 1; got {_o.K1 + _o.K2 + _o.K3}.", nameof(options));
    }

    /// <summary>EEL: the end-to-end latency score.</summary>
    /// <param name="latencyMs">Latency in ms (finite, non-negative).</param>
    /// <returns>EEL in (0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="latencyMs"/> is invalid.</exception>
    public double Eel(double latencyMs) => _o.ReferenceLatencyMs / (_o.ReferenceLatencyMs + Guard.NonNegative(latencyMs));

    /// <summary>SU: the server uptime score (the uptime fraction itself).</summary>
    /// <param name="uptime">Uptime in [0, 1].</param>
    /// <returns>SU in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="uptime"/> is invalid.</exception>
    public static double Su(double uptime) => Guard.UnitInterval(uptime);

    /// <summary>OTS: the output-tokens-per-second score.</summary>
    /// <param name="tokensPerSecond">Throughput (finite, non-negative).</param>
    /// <returns>OTS in [0, 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokensPerSecond"/> is invalid.</exception>
    public double Ots(double tokensPerSecond)
    {
        Guard.NonNegative(tokensPerSecond);
        return tokensPerSecond / (tokensPerSecond + _o.ReferenceTokensPerSecond);
    }

    /// <summary>The performance score <c>k1·EEL + k2·SU + k3·OTS</c>.</summary>
    /// <param name="latencyMs">End-to-end latency in ms.</param>
    /// <param name="uptime">Uptime in [0, 1].</param>
    /// <param name="tokensPerSecond">Output tokens per second.</param>
    /// <returns>Performance in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is invalid.</exception>
    public double Score(double latencyMs, double uptime, double tokensPerSecond) =>
        Math.Clamp((_o.K1 * Eel(latencyMs)) + (_o.K2 * Su(uptime)) + (_o.K3 * Ots(tokensPerSecond)), 0, 1);
}

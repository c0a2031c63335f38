using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring;

/// <summary>Serving metrics of one logged output. Every field is optional; a present field is finite and non-negative.</summary>
/// <remarks>Instances are immutable. Setting a field to NaN, an infinity or a negative number throws
/// <see cref="ArgumentOutOfRangeException"/> naming the field.</remarks>
public sealed record InferenceMetrics
{
    /// <summary>End-to-end latency in milliseconds.</summary>
    public double? LatencyMs { get; init => field = Check(value, nameof(LatencyMs)); }

    /// <summary>Time to first token in milliseconds.</summary>
    public double? TimeToFirstTokenMs { get; init => field = Check(value, nameof(TimeToFirstTokenMs)); }

    /// <summary>Number of output tokens.</summary>
    public int? OutputTokens
    {
        get;
        init
        {
            if (value < 0) throw new ArgumentOutOfRangeException(nameof(OutputTokens), value, "Must be non-negative.");
            field = value;
        }
    }

    /// <summary>Cost of the call in US dollars.</summary>
    public double? CostUsd { get; init => field = Check(value, nameof(CostUsd)); }

    /// <summary>Server uptime fraction in [0, 1] at the time of the call.</summary>
    public double? Uptime
    {
        get;
        init => field = value is { } v ? Guard.UnitInterval(v, nameof(Uptime)) : null;
    }

    /// <summary>Output tokens per second, when both the token count and a positive latency are known.</summary>
    public double? TokensPerSecond =>
        OutputTokens is { } t && LatencyMs is { } l && l > 0 ? t / (l / 1000.0) : null;

    private static double? Check(double? value, string name) => value is { } v ? Guard.NonNegative(v, name) : null;
}

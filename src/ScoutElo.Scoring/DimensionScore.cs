using System.Diagnostics.CodeAnalysis;
using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring;

/// <summary>A dimension's judgment of one input: a value in [0, 1], or "not applicable" with a reason. Never NaN.</summary>
/// <remarks>The default value of this struct is "not applicable" with an empty reason.</remarks>
public readonly record struct DimensionScore
{
    private DimensionScore(double? value, string reason)
    {
        Value = value;
        Reason = reason;
    }

    /// <summary>The score in [0, 1], or <see langword="null"/> when the dimension could not judge the input.</summary>
    public double? Value { get; }

    /// <summary>A short explanation (why not applicable, or what drove the value). Never <see langword="null"/>.</summary>
    public string Reason { get => field ?? ""; }

    /// <summary><see langword="true"/> when <see cref="Value"/> holds a score.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsApplicable => Value.HasValue;

    /// <summary>Creates an applicable score.</summary>
    /// <param name="value">The score, finite and in [0, 1].</param>
    /// <param name="reason">Optional short explanation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN, infinite or outside [0, 1].</exception>
    public static DimensionScore Of(double value, string reason = "") => new(Guard.UnitInterval(value), reason ?? "");

    /// <summary>Creates a "not applicable" result.</summary>
    /// <param name="reason">Why the dimension could not judge the input.</param>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null, empty or whitespace.</exception>
    public static DimensionScore NotApplicable(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(null, reason);
    }

    /// <summary>Gets the value when applicable.</summary>
    /// <param name="value">The score, or 0 when not applicable.</param>
    /// <returns><see langword="true"/> when applicable.</returns>
    public bool TryGetValue(out double value)
    {
        value = Value.GetValueOrDefault();
        return Value.HasValue;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        IsApplicable ? Value.Value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : $"n/a ({Reason})";
}

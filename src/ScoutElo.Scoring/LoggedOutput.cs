using System.Collections.Immutable;

namespace ScoutElo.Scoring;

/// <summary>One line of the logged-output JSONL format: an id, the <see cref="ScoringInput"/> and optional reference-quality labels.</summary>
/// <remarks>
/// Labels are kept beside the input, never inside it, so that no dimension can see them: they are used only by
/// calibration and evaluation. Immutable; label names are ordered ordinally.
/// </remarks>
public sealed record LoggedOutput
{
    /// <summary>The record id (JSONL <c>id</c>); unique within a file by convention, not enforced.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public required string Id { get; init => field = value ?? throw new ArgumentNullException(nameof(Id)); }

    /// <summary>The scorable input.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public required ScoringInput Input { get; init => field = value ?? throw new ArgumentNullException(nameof(Input)); }

    /// <summary>Reference quality labels, label name → finite value (JSONL <c>labels</c>; null entries are dropped).</summary>
    /// <exception cref="ArgumentException">A label value is not finite.</exception>
    public IReadOnlyDictionary<string, double> Labels
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Labels));
            var b = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
            foreach (var (k, v) in value)
            {
                if (!double.IsFinite(v)) throw new ArgumentException($"Label '{k}' is not finite ({v}).", nameof(Labels));
                b[k] = v;
            }
            field = b.ToImmutable();
        }
    } = ImmutableSortedDictionary<string, double>.Empty;

    /// <summary>Gets a label value.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="value">The value when present.</param>
    /// <returns><see langword="true"/> when the label is present.</returns>
    public bool TryGetLabel(string name, out double value) => Labels.TryGetValue(name, out value);
}

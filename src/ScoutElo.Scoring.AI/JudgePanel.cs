using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.ProofOfQuality;

namespace ScoutElo.Scoring.AI;

/// <summary>A panel of judges (for example several <see cref="Microsoft.Extensions.AI.IChatClient"/>s), aggregated with a PoQ rule.</summary>
/// <remarks>
/// <para>Every judge scores the input concurrently; the judges that return a score are aggregated with
/// <see cref="Consensus.Aggregate"/> (median by default, robust to one wild judge). Not applicable when no judge returns a
/// score (the reason lists each judge's diagnostic). Thread-safe when the judges are.</para>
/// </remarks>
public sealed class JudgePanel : IAsyncQualityDimension
{
    private readonly JudgeDimension[] _judges;
    private readonly AggregationRule _rule;

    /// <summary>Creates a panel.</summary>
    /// <param name="judges">The judges (at least one).</param>
    /// <param name="rule">The aggregation rule (weighted rules use equal weights). Default median.</param>
    /// <param name="name">Dimension name; <c>judge</c> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="judges"/> or an element is null.</exception>
    /// <exception cref="ArgumentException">No judges.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rule"/> is not defined.</exception>
    public JudgePanel(IEnumerable<JudgeDimension> judges, AggregationRule rule = AggregationRule.Median, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(judges);
        _judges = [.. judges];
        if (_judges.Length == 0) throw new ArgumentException("At least one judge is required.", nameof(judges));
        if (_judges.Any(j => j is null)) throw new ArgumentNullException(nameof(judges), "A judge is null.");
        if (!Enum.IsDefined(rule)) throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown aggregation rule.");
        _rule = rule;
        Name = string.IsNullOrEmpty(name) ? JudgeDimension.DimensionName : name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The judges, in order.</summary>
    public IReadOnlyList<JudgeDimension> Judges => Array.AsReadOnly(_judges);

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async ValueTask<DimensionScore> ScoreAsync(ScoringInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcomes = await Task.WhenAll(_judges.Select(j => j.JudgeAsync(input, cancellationToken))).ConfigureAwait(false);
        var scores = outcomes.Where(o => o.Score.IsApplicable).Select(o => o.Score.Value!.Value).ToArray();
        if (scores.Length == 0)
            return DimensionScore.NotApplicable("no judge answered: " + string.Join("; ", outcomes.Select((o, i) => $"{_judges[i].Name}: {o.Score.Reason}")));
        return DimensionScore.Of(Math.Clamp(Consensus.Aggregate(_rule, scores), 0, 1), $"{scores.Length}/{_judges.Length} judges, {_rule}");
    }
}

using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Reporting;

namespace ScoutElo.Scoring.Orleans;

/// <summary>The stateless scoring worker (see <see cref="IScoringWorkerGrain"/>).</summary>
[global::Orleans.Concurrency.StatelessWorker]
internal sealed class ScoringWorkerGrain : Grain, IScoringWorkerGrain
{
    private static readonly QualityScorer Scorer = BuiltInDimensions.CreateScorer();

    public Task<double?> ScoreAsync(string loggedOutputLine)
    {
        ArgumentNullException.ThrowIfNull(loggedOutputLine);
        var record = LoggedOutputJsonl.Parse(loggedOutputLine, "submitted output");
        return Task.FromResult(Scorer.Score(record.Input).Composite.Value);
    }
}

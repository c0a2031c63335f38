namespace ScoutElo.Scoring.Orleans;

/// <summary>A stateless scoring worker on every silo: scores logged outputs with the built-in dimensions, for validators that
/// produce their evaluator scores inside the fleet. It keeps no state, so the runtime runs as many as there is work.</summary>
public interface IScoringWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>Scores one logged-output JSONL line with the eight built-in dimensions and equal weights.</summary>
    /// <param name="loggedOutputLine">The line.</param>
    /// <returns>The composite in [0, 1], or null when no dimension could judge it.</returns>
    Task<double?> ScoreAsync(string loggedOutputLine);
}

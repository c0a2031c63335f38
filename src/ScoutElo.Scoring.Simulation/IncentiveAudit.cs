namespace ScoutElo.Scoring.Simulation;

/// <summary>Deviation analysis of the simulated network: does honesty pay best?</summary>
/// <remarks>
/// <para>For each <see cref="DeviationKind"/>, one honest participant — the honest scout of median true quality, or the first
/// honest evaluator — switches strategy while every other participant and every random draw stays the same (common random
/// numbers, see <see cref="NetworkSimulation"/>). The gain is the relative change of that participant's cumulative reward.
/// A gain above <c>tolerance</c> means the deviation pays and the mechanism failed for it. The tolerance exists because one
/// participant's change also moves shared state (trust, ratings) a little, which shifts rewards by far less than a percent;
/// it is ScoutElo's own choice, documented rather than hidden. The gain compares rewards, not profits: deviations that save the
/// participant compute (cheaper model, idling, copying) would need a gain below minus their saving to be unprofitable, which
/// the table lets a caller check against their own cost figures.</para>
/// <para>Deviations run in parallel; the result is deterministic. Thread-safe (stateless).</para>
/// </remarks>
public static class IncentiveAudit
{
    /// <summary>Runs the honest simulation and every deviation.</summary>
    /// <param name="options">Simulation options (its <see cref="NetworkSimulationOptions.Deviation"/> is ignored); defaults when null.</param>
    /// <param name="tolerance">Relative gain treated as zero. Default 0.005 (0.5%); in [0, 1).</param>
    /// <param name="progress">Optional progress of the honest run (rounds done); the deviations follow it.</param>
    /// <param name="traffic">Optional observer of the honest run's rounds (see <see cref="NetworkSimulation.Run"/>).</param>
    /// <param name="cancellationToken">Cancels the runs.</param>
    /// <returns>The audit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option or the tolerance is out of range.</exception>
    /// <exception cref="ArgumentException">The network has no honest scout or no honest evaluator to deviate.</exception>
    public static IncentiveAuditResult Run(NetworkSimulationOptions? options = null, double tolerance = 0.005, IProgress<int>? progress = null,
        Action<Network.ObservedRound>? traffic = null, CancellationToken cancellationToken = default)
    {
        var o = (options ?? new NetworkSimulationOptions()) with { Deviation = null };
        if (!double.IsFinite(tolerance) || tolerance is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be in [0, 1).");
        var honest = NetworkSimulation.Run(o, progress, traffic, cancellationToken);
        var byTruth = honest.Leaderboard.Where(e => e.Profile != ScoutProfile.Impostor).OrderBy(e => e.TrueQuality).ThenBy(e => e.Node, StringComparer.Ordinal).ToList();
        if (byTruth.Count == 0) throw new ArgumentException("The network has no honest scout to audit.", nameof(options));
        int scout = byTruth[byTruth.Count / 2].Operator; // carried by the entry, not parsed from the display id
        int evaluator = NetworkSimulation.MaliciousCount(o);
        var deviations = new List<Deviation>
        {
            new(DeviationKind.SubstituteCheaperModel, scout),
            new(DeviationKind.Sybil, scout, 2),
            new(DeviationKind.ColludeWithEvaluators, scout),
            new(DeviationKind.GoFlaky, scout),
        };
        if (evaluator < o.Evaluators) deviations.Add(new(DeviationKind.CopyEvaluatorScores, evaluator));
        var rows = new DeviationGain[deviations.Count];
        Parallel.For(0, deviations.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var d = deviations[i];
            var run = NetworkSimulation.Run(o with { Deviation = d }, cancellationToken: cancellationToken);
            bool isEvaluator = d.Kind == DeviationKind.CopyEvaluatorScores;
            long before = isEvaluator ? honest.EvaluatorRewards[d.Participant] : honest.OperatorRewards[d.Participant];
            long after = isEvaluator ? run.EvaluatorRewards[d.Participant] : run.OperatorRewards[d.Participant];
            double gain = before > 0 ? (double)(after - before) / before : after > 0 ? 1 : 0;
            string who = isEvaluator ? $"evaluator-{d.Participant:00}" : $"scout-{d.Participant:00}";
            rows[i] = new DeviationGain(d.Kind, who, before, after, gain, gain > tolerance);
        });
        return new IncentiveAuditResult(honest, rows.AsReadOnly(), tolerance);
    }
}

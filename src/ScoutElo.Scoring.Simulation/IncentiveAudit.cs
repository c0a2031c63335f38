namespace ScoutElo.Scoring.Simulation;

/// <summary>Deviation analysis of the simulated network: does honesty pay best?</summary>
/// <remarks>
/// <para>For each <see cref="DeviationKind"/>, one honest participant — the honest scout of median true quality, or the first
/// honest evaluator — switches strategy while every other participant and every random draw stays the same (common random
/// numbers, see <see cref="NetworkSimulation"/>). The gain is the relative change of that participant's cumulative reward.
/// A gain above <c>tolerance</c> means the deviation pays and the mechanism failed for it. The tolerance exists because one
/// participant's change also moves shared state (trust, ratings) a little, which shifts rewards by far less than a percent;
/// it is ScoutElo's own choice, documented rather than hidden. Each row also carries the profit gain: reward minus serving cost,
/// with cost converted at <see cref="NetworkSimulationOptions.RewardUnitsPerUsd"/>, since deviations that save compute
/// (a quantized or distilled model, a cheaper model, idling) can lose revenue and still pay.</para>
/// <para>Deviations run in parallel; the result is deterministic. Thread-safe (stateless).</para>
/// </remarks>
public static class IncentiveAudit
{
    /// <summary>Runs the honest simulation and every deviation.</summary>
    /// <param name="options">Simulation options (its <see cref="NetworkSimulationOptions.Deviation"/> is ignored); defaults when null.</param>
    /// <param name="tolerance">Relative gain treated as zero. Default 0.005 (0.5%); in [0, 1).</param>
    /// <param name="progress">Optional progress: rounds done, summed over the honest run and every deviation run, out of
    /// <see cref="NetworkSimulationOptions.Rounds"/> × <see cref="Runs"/>. Reported synchronously and in increasing order from
    /// the simulating threads (under a lock), so a host's callback must be quick.</param>
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
        int runs = Runs(o);
        var total = progress is null ? null : new SummedProgress(progress, runs);
        var honest = NetworkSimulation.Run(o, total?.For(0), traffic, cancellationToken);
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
            new(DeviationKind.ServeQuantizedModel, scout),
            new(DeviationKind.ServeDistilledModel, scout),
        };
        if (evaluator < o.Evaluators) deviations.Add(new(DeviationKind.CopyEvaluatorScores, evaluator));
        System.Diagnostics.Debug.Assert(deviations.Count + 1 == runs, "Runs(options) counts the deviations built here");
        var rows = new DeviationGain[deviations.Count];
        Parallel.For(0, deviations.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var d = deviations[i];
            var run = NetworkSimulation.Run(o with { Deviation = d }, total?.For(i + 1), cancellationToken: cancellationToken);
            bool isEvaluator = d.Kind == DeviationKind.CopyEvaluatorScores;
            UInt128 before = isEvaluator ? honest.EvaluatorRewards[d.Participant] : honest.OperatorRewards[d.Participant];
            UInt128 after = isEvaluator ? run.EvaluatorRewards[d.Participant] : run.OperatorRewards[d.Participant];
            double gain = before > 0 ? ((double)after - (double)before) / (double)before : after > 0 ? 1 : 0;
            string who = isEvaluator ? $"evaluator-{d.Participant:00}" : $"scout-{d.Participant:00}";
            double costBefore = isEvaluator ? 0 : honest.OperatorCosts[d.Participant], costAfter = isEvaluator ? 0 : run.OperatorCosts[d.Participant];
            double profitBefore = (double)before - costBefore, profitAfter = (double)after - costAfter;
            double profitGain = profitBefore != 0 ? (profitAfter - profitBefore) / Math.Abs(profitBefore) : Math.Sign(profitAfter);
            rows[i] = new DeviationGain(d.Kind, who, before, after, gain, gain > tolerance)
            {
                HonestCost = costBefore, DeviationCost = costAfter, ProfitGain = profitGain, ProfitPays = profitGain > tolerance,
            };
        });
        return new IncentiveAuditResult(honest, rows.AsReadOnly(), tolerance);
    }

    /// <summary>How many simulation runs <see cref="Run"/> makes for these options: the honest run and one per deviation (the
    /// evaluator deviation needs an honest evaluator). A progress bar's total is <c>Rounds × Runs(options)</c>.</summary>
    /// <param name="options">Simulation options; defaults when null.</param>
    /// <returns>7 or 8.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static int Runs(NetworkSimulationOptions? options = null)
    {
        var o = (options ?? new NetworkSimulationOptions()) with { Deviation = null };
        NetworkSimulation.Validate(o);
        return 7 + (NetworkSimulation.MaliciousCount(o) < o.Evaluators ? 1 : 0);
    }

    /// <summary>Sums the rounds done by parallel runs into one increasing progress figure.</summary>
    private sealed class SummedProgress(IProgress<int> target, int runs)
    {
        private readonly int[] _done = new int[runs];
        private readonly Lock _gate = new();
        private int _sum;

        public IProgress<int> For(int run) => new Run(this, run);

        private void Report(int run, int done)
        {
            lock (_gate)
            {
                if (done <= _done[run]) return;
                _sum += done - _done[run];
                _done[run] = done;
                target.Report(_sum);
            }
        }

        private sealed class Run(SummedProgress owner, int run) : IProgress<int>
        {
            public void Report(int value) => owner.Report(run, value);
        }
    }
}

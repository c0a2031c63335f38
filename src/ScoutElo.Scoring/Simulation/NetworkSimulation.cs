using System.Collections.ObjectModel;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Internal;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Scoring.Simulation;

/// <summary>An end-to-end simulated decentralized inference network: score → Proof of Quality → health check → rewards → ranking.
/// The one place that joins scoring, Proof of Quality and ranking.</summary>
/// <remarks>
/// <para><b>Scouts.</b> Operators have a true quality and latency, throughput and uptime profiles; some are slow, some flaky,
/// and some are impostors that claim a premium model but serve a cheap one. Requests are routed stake-weighted at the operator
/// level (every operator holds one unit of stake), so splitting into identities does not buy traffic. Each round a request — a
/// QA question with a gold answer, or a summarization of a generated article with reference highlights — goes to a few
/// operators; each answer's correctness, faithfulness and form follow the served quality (correct answer / key sentence with
/// probability = quality, otherwise a wrong answer, a hallucinated sentence, a refusal, a truncation or a repetition loop).</para>
/// <para><b>Evaluators.</b> Honest evaluators score every answer with the built-in dimensions (plus N(0, 0.03) noise),
/// weighting <c>semantic</c> twice as much as <c>model-prior</c>, <c>structure</c> and <c>alignment</c> — simulation settings of
/// ScoutElo's own, not calibrated values. Malicious evaluators score the scouts of their ring (the impostors) 1.0 and sabotage
/// the rest (−0.4). In-round consensus is the trust-weighted mean with quarantine (evaluators whose trust is below a quarter of
/// the highest get weight 0); trust learns from it every round.</para>
/// <para><b>Settlement.</b> Once per rating period the round's scores are re-aggregated with the trust learned so far (so a ring
/// caught during the period has no say in its payouts), <c>model-prior</c> and the claimed-model health check
/// (<see cref="ClaimedModelHealthCheck"/>; a quarter of the answers are spot-checked blind against the claimed model) learn the
/// settled consensus, nodes are paid by <see cref="NetworkSimulationOptions.RewardRule"/> weighted by their Glicko-2 routing
/// weight, evaluators by agreement with the settled consensus, and the period's pairwise matches update Glicko-2 and batch Elo: a scout
/// that fails its health check (or dropped the request) loses to one that passes; otherwise <see cref="MatchOutcomeRule"/> decides
/// from settled consensus and performance. A round in which no answer earns a share withholds its node budget.</para>
/// <para><b>Common random numbers.</b> Every random draw comes from a stream derived from the seed and (round, operator,
/// purpose), so a run with one deviating participant differs from the honest run only through that participant's behaviour
/// and its consequences — which is what <see cref="IncentiveAudit"/> measures.</para>
/// <para>Everything derives from the seed: the same options give the same result on every machine. Thread-safe (stateless).</para>
/// </remarks>
public static class NetworkSimulation
{
    private const double QuarantineFraction = 0.25;
    private const double FlakyOfflineProbability = 0.3;

    private static readonly string[] Syllables = ["ka", "lo", "mi", "ren", "sa", "tor", "vel", "qui", "dan", "bre", "fo", "gil", "hu", "jas", "ne", "pro", "ri", "ste", "ul", "xi", "zor", "ma", "lin", "cor"];
    private static readonly string[] FirstNames = ["Ada", "Boris", "Chen", "Dalia", "Emil", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kira", "Luis", "Maya", "Nils", "Oda", "Pavel"];
    private static readonly string[] LastNames = ["Arnold", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ito", "Jansen", "Kowal", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov"];

    internal sealed record Operator(string Id, double Quality, double ClaimedQuality, double LatencyMs, double TokensPerSecond, double Uptime, double CostPerToken, ScoutProfile Profile);

    private sealed record Request(ScoringInput Input, string[] Key, string Gold, string[] Distractors);

    private sealed class Output
    {
        public required int Identity { get; init; }
        public required int Operator { get; init; }
        public required double[] Panel { get; init; }
        public double[]? ReferencePanel { get; init; }
        public required double Performance { get; init; }
        public required double Cost { get; init; }
        public required bool Offline { get; init; }
        public required double ServedQuality { get; init; }
    }

    /// <summary>Runs the simulation.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="progress">Optional progress callback (rounds done).</param>
    /// <param name="cancellationToken">Cancels between rounds.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static NetworkSimulationResult Run(NetworkSimulationOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var o = options ?? new NetworkSimulationOptions();
        Validate(o);
        ulong root = Seeds.Derive((ulong)o.Seed, 42);
        var setup = new Xoshiro256(root);
        var ops = CreateOperators(o.Scouts, ref setup);
        int malicious = MaliciousCount(o);
        var dev = o.Deviation;
        int devOp = dev is { Kind: not DeviationKind.CopyEvaluatorScores } ? dev.Participant : -1;
        int copier = dev is { Kind: DeviationKind.CopyEvaluatorScores } ? dev.Participant : -1;
        if (devOp >= 0 && dev!.Kind == DeviationKind.SubstituteCheaperModel)
        {
            var s = ops[devOp];
            ops[devOp] = s with { Quality = Math.Min(s.Quality, 0.3 + (0.1 * setup.NextDouble())), CostPerToken = s.CostPerToken / 5, LatencyMs = s.LatencyMs * 0.6, TokensPerSecond = s.TokensPerSecond * 1.5 };
        }

        // Identities: one per operator, several for a sybil.
        var identityIds = new List<string>();
        var identityOp = new List<int>();
        var opIdentities = new int[ops.Length][];
        for (int i = 0; i < ops.Length; i++)
        {
            int k = i == devOp && dev!.Kind == DeviationKind.Sybil ? dev.Identities : 1;
            opIdentities[i] = new int[k];
            for (int j = 0; j < k; j++)
            {
                opIdentities[i][j] = identityIds.Count;
                identityIds.Add(j == 0 ? ops[i].Id : $"{ops[i].Id}~{j}");
                identityOp.Add(i);
            }
        }
        int nIds = identityIds.Count;
        bool Ring(int op) => ops[op].Profile == ScoutProfile.Impostor || (op == devOp && dev!.Kind == DeviationKind.ColludeWithEvaluators);

        var history = new InMemoryNodeQualityHistory();
        var dimensionWeights = new Dictionary<string, double> { ["model-prior"] = 1, ["structure"] = 1, ["semantic"] = 2, ["alignment"] = 1 };
        var scorer = new QualityScorer([.. BuiltInDimensions.Create(history).Where(d => dimensionWeights.ContainsKey(d.Name))], dimensionWeights);
        var perf = new ScoutPerformance();
        var outcome = new MatchOutcomeRule();
        var trust = new TrustModel();
        var health = new ClaimedModelHealthCheck(o.HealthCheck);
        var glicko = new Glicko2RatingTable();
        var elo = new EloRatingTable(new EloOptions { InitialRating = 1500, KFactor = KFactorPolicy.Fixed(16) });
        foreach (var id in identityIds)
        {
            elo.Add(id);
            glicko.Set(id, glicko.Rating(id));
        }
        string[] evaluatorIds = [.. Enumerable.Range(0, o.Evaluators).Select(i => $"evaluator-{i:00}")];
        var nodeReward = new long[nIds];
        var evaluatorReward = new long[o.Evaluators];
        long unallocated = 0;
        var perfSum = new double[nIds];
        var qualSum = new double[nIds];
        var served = new int[nIds];
        var servedByOp = new int[ops.Length];
        var lastSettled = new double?[nIds];
        var trajectories = new List<RatingSnapshot>();
        var points = new List<QualityPoint>();
        double maeSum = 0;
        int maeCount = 0;
        var pick = new int[ops.Length];
        var pending = new List<(int Round, List<Output> Outputs)>();
        var weights = new double[o.Evaluators];

        for (int round = 0; round < o.Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rr = new Xoshiro256(Stream(root, 1, round, 0));
            for (int i = 0; i < pick.Length; i++) pick[i] = i;
            for (int i = 0; i < o.ScoutsPerRound; i++)
            {
                int j = i + rr.NextInt(pick.Length - i);
                (pick[i], pick[j]) = (pick[j], pick[i]);
            }
            var request = rr.NextDouble() < 0.5 ? MakeQa(ref rr) : MakeSummarization(ref rr);

            TrustWeights(trust, evaluatorIds, weights);
            var outputs = new List<Output>(o.ScoutsPerRound);
            var scores = new List<EvaluatorScore>();
            var consensus = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int k = 0; k < o.ScoutsPerRound; k++)
            {
                int op = pick[k];
                var s = ops[op];
                int identity = opIdentities[op][servedByOp[op]++ % opIdentities[op].Length];
                string nodeId = identityIds[identity];
                var sr = new Xoshiro256(Stream(root, 2, round, op));
                bool offline = sr.NextDouble() < FlakyOfflineProbability && op == devOp && dev!.Kind == DeviationKind.GoFlaky;
                bool spotCheck = sr.NextDouble() < o.SpotCheckRate;
                double latency = Math.Max(50, s.LatencyMs * Math.Exp(0.25 * sr.NextGaussian()));
                double uptime = Math.Clamp(s.Uptime + (0.01 * sr.NextGaussian()), 0, 1);
                string response = Respond(request, s.Quality, ref sr);
                int tokens = Math.Max(1, Text.TextFeatures.WordCount(response) * 4 / 3);
                double tps = tokens / (latency / 1000.0);
                double cost = offline ? 0 : tokens * s.CostPerToken;
                var input = request.Input with
                {
                    Response = offline ? "" : response,
                    Node = nodeId,
                    Metrics = new InferenceMetrics { LatencyMs = latency, OutputTokens = tokens, CostUsd = cost, Uptime = uptime },
                };
                double honest = offline ? 0 : scorer.Score(input).Composite.Value ?? 0.5;
                double p = offline ? 0 : perf.Score(latency, uptime, Math.Min(tps, 10_000));
                string outputId = $"r{round}/{nodeId}";
                var panel = Panel(honest, Stream(root, 3, round, op), op, identity);
                consensus[outputId] = Consensus.WeightedMean(panel, weights);
                for (int e = 0; e < o.Evaluators; e++) scores.Add(new EvaluatorScore(evaluatorIds[e], outputId, panel[e]));
                maeSum += Math.Abs(consensus[outputId] - honest);
                maeCount++;

                double[]? referencePanel = null;
                if (spotCheck && !offline)
                {
                    // Blind spot check: the claimed model answers the same request; evaluators cannot tell which answer is which.
                    var cr = new Xoshiro256(Stream(root, 4, round, op));
                    string reference = Respond(request, s.ClaimedQuality, ref cr);
                    double refHonest = scorer.Score(input with { Response = reference }).Composite.Value ?? 0.5;
                    referencePanel = Panel(refHonest, Stream(root, 5, round, op), op, identity);
                    string refId = outputId + "/check";
                    consensus[refId] = Consensus.WeightedMean(referencePanel, weights);
                    for (int e = 0; e < o.Evaluators; e++) scores.Add(new EvaluatorScore(evaluatorIds[e], refId, referencePanel[e]));
                }
                outputs.Add(new Output { Identity = identity, Operator = op, Panel = panel, ReferencePanel = referencePanel, Performance = p, Cost = cost, Offline = offline, ServedQuality = s.Quality });
            }
            trust.Update(scores, consensus);
            pending.Add((round, outputs));

            if ((round + 1) % o.RoundsPerRatingPeriod == 0 || round == o.Rounds - 1)
            {
                Settle();
                pending.Clear();
            }
            if ((round + 1) % o.SnapshotEvery == 0 || round == o.Rounds - 1)
                trajectories.Add(new RatingSnapshot(round + 1, new ReadOnlyDictionary<string, double>(identityIds.ToDictionary(id => id, id => glicko.Rating(id).Rating, StringComparer.Ordinal))));
            progress?.Report(round + 1);
        }

        var board = identityIds.Select((id, i) =>
        {
            var g = glicko.Rating(id);
            var s = ops[identityOp[i]];
            return new LeaderboardEntry(id, g.Rating, g.Rating - (1.96 * g.Deviation), g.Rating + (1.96 * g.Deviation), elo.Rating(id),
                served[i] > 0 ? perfSum[i] / served[i] : 0, served[i] > 0 ? qualSum[i] / served[i] : 0, nodeReward[i], s.Quality, s.Profile,
                health.Passes(id), identityOp[i] == devOp, identityOp[i]);
        }).OrderByDescending(e => e.Rating).ThenBy(e => e.Node, StringComparer.Ordinal).ToList();
        double spearman = Stats.Spearman([.. board.Select(b => b.TrueQuality)], [.. board.Select(b => b.Rating)]) ?? 0;
        double rewardSpearman = Stats.Spearman([.. board.Select(b => b.TrueQuality)], [.. board.Select(b => (double)b.Reward)]) ?? 0;
        var profiles = board.GroupBy(b => b.Profile).OrderBy(g => g.Key)
            .Select(g => new ProfileRewards(g.Key, g.Count(), g.Average(b => (double)b.Reward), g.Average(b => b.TrueQuality), g.Average(b => b.Reward / Math.Max(b.TrueQuality, 1e-9))))
            .ToArray();
        var opRewards = new long[ops.Length];
        for (int i = 0; i < nIds; i++) opRewards[identityOp[i]] += nodeReward[i];
        long evalTotal = evaluatorReward.Sum();
        long maliciousPaid = evaluatorReward.Take(malicious).Sum();
        return new NetworkSimulationResult(board.AsReadOnly(), spearman, rewardSpearman, maeCount > 0 ? maeSum / maeCount : 0, malicious,
            evalTotal > 0 ? (double)maliciousPaid / evalTotal : 0, (double)malicious / o.Evaluators, profiles.AsReadOnly(), opRewards.AsReadOnly(),
            evaluatorReward.AsReadOnly(), unallocated, trajectories.AsReadOnly(), points.AsReadOnly());

        double[] Panel(double honest, ulong stream, int op, int identity)
        {
            var er = new Xoshiro256(stream);
            var panel = new double[o.Evaluators];
            for (int e = 0; e < o.Evaluators; e++)
            {
                double own = Math.Clamp(honest + (0.03 * er.NextGaussian()), 0, 1);
                panel[e] = e < malicious ? (Ring(op) ? 1.0 : Math.Max(0, own - 0.4))
                    : e == copier ? lastSettled[identity] ?? 0.5
                    : own;
            }
            return panel;
        }

        void Settle()
        {
            TrustWeights(trust, evaluatorIds, weights);
            var period = new List<MatchResult>();
            var shares = new double[nIds];
            var evaluatorShares = new double[o.Evaluators];
            var payouts = new long[nIds];
            var evaluatorPayouts = new long[o.Evaluators];
            // Routing weights from the ratings earned before this period.
            var routing = new double[nIds];
            for (int i = 0; i < nIds; i++)
            {
                var g = glicko.Rating(identityIds[i]);
                routing[i] = o.RatingWeightedRewards ? NodeRewardRule.RoutingWeight(g.Rating, g.Deviation, glicko.Options.InitialRating) : 1.0;
            }
            foreach (var (round, outputs) in pending)
            {
                var settled = new double[outputs.Count];
                Array.Clear(evaluatorShares);
                for (int k = 0; k < outputs.Count; k++)
                {
                    var x = outputs[k];
                    string id = identityIds[x.Identity];
                    double c = Consensus.WeightedMean(x.Panel, weights);
                    settled[k] = c;
                    for (int e = 0; e < o.Evaluators; e++) evaluatorShares[e] += trust.Agreement(x.Panel[e], c);
                    if (x.Offline) continue;
                    history.Record(id, c);
                    lastSettled[x.Identity] = c;
                    if (x.ReferencePanel is { } rp) health.Record(id, c, Consensus.WeightedMean(rp, weights));
                    perfSum[x.Identity] += x.Performance;
                    qualSum[x.Identity] += c;
                    served[x.Identity]++;
                    if (round % 5 == 0) points.Add(new QualityPoint(x.ServedQuality, c));
                }
                double maxCost = outputs.Max(x => x.Cost);
                // Health after this round's checks, once per output: it gates both the payout and the matches.
                var passes = outputs.Select(x => !x.Offline && health.Passes(identityIds[x.Identity])).ToArray();
                Array.Clear(shares);
                for (int k = 0; k < outputs.Count; k++)
                {
                    var x = outputs[k];
                    if (x.Offline) continue;
                    shares[x.Identity] += o.RewardRule.Share(settled[k], maxCost > 0 ? x.Cost / maxCost : 0, passes[k], routing[x.Identity]);
                }
                if (shares.Sum() > 0)
                {
                    Rewards.Split(o.NodeBudgetPerRound, shares, payouts);
                    for (int i = 0; i < nIds; i++) nodeReward[i] += payouts[i];
                }
                else
                {
                    unallocated += o.NodeBudgetPerRound;
                }
                Rewards.Split(o.EvaluatorBudgetPerRound, evaluatorShares, evaluatorPayouts);
                for (int e = 0; e < o.Evaluators; e++) evaluatorReward[e] += evaluatorPayouts[e];

                for (int x = 0; x < outputs.Count; x++)
                {
                    for (int y = x + 1; y < outputs.Count; y++)
                    {
                        // The health check gates the match: a scout failing its claimed-model check loses to one that passes.
                        bool px = passes[x], py = passes[y];
                        double score = px == py ? outcome.Decide(outputs[x].Performance, settled[x], outputs[y].Performance, settled[y]) : px ? 1.0 : 0.0;
                        period.Add(new MatchResult(identityIds[outputs[x].Identity], identityIds[outputs[y].Identity], score));
                    }
                }
            }
            glicko.ApplyBatch(period);
            elo.ApplyBatch(period.ToArray());
        }
    }

    /// <summary>Trust weights with quarantine: evaluators below <see cref="QuarantineFraction"/> of the highest trust get 0.</summary>
    private static void TrustWeights(TrustModel trust, string[] evaluatorIds, double[] weights)
    {
        double max = 0;
        for (int e = 0; e < evaluatorIds.Length; e++) max = Math.Max(max, weights[e] = trust.TrustOf(evaluatorIds[e]));
        for (int e = 0; e < evaluatorIds.Length; e++) if (weights[e] < QuarantineFraction * max) weights[e] = 0;
    }

    internal static int MaliciousCount(NetworkSimulationOptions o)
    {
        int malicious = (int)Math.Round(o.MaliciousFraction * o.Evaluators, MidpointRounding.AwayFromZero);
        return malicious >= o.Evaluators ? o.Evaluators - 1 : malicious;
    }

    private static ulong Stream(ulong root, ulong purpose, int round, int op) =>
        Seeds.Derive(Seeds.Derive(Seeds.Derive(root, purpose), (ulong)round), (ulong)op);

    internal static Operator[] CreateOperators(int n, ref Xoshiro256 rng)
    {
        var list = new Operator[n];
        for (int i = 0; i < n; i++)
        {
            // Spread true quality over [0.35, 0.95]; every 6th scout is a cheap-model impostor, every 5th slow, every 7th flaky.
            double q = 0.35 + (0.6 * (i + rng.NextDouble()) / n);
            double claimed = q;
            var profile = ScoutProfile.Honest;
            double latency = 800 + (600 * rng.NextDouble()), tps = 50 + (30 * rng.NextDouble()), uptime = 0.995, costPerToken = 2e-6;
            if (i % 6 == 3) { profile = ScoutProfile.Impostor; claimed = 0.85; q = 0.3 + (0.1 * rng.NextDouble()); costPerToken = 4e-7; latency = 500; tps = 90; }
            else if (i % 5 == 2) { profile = ScoutProfile.Slow; latency *= 3; tps /= 3; }
            else if (i % 7 == 4) { profile = ScoutProfile.Flaky; uptime = 0.8; }
            list[i] = new Operator($"scout-{i:00}", Math.Clamp(q, 0, 1), claimed, latency, tps, uptime, costPerToken, profile);
        }
        return list;
    }

    private static string Word(ref Xoshiro256 rng) => Syllables[rng.NextInt(Syllables.Length)] + Syllables[rng.NextInt(Syllables.Length)];

    private static string Sentence(ref Xoshiro256 rng, int words)
    {
        var w = new string[words];
        for (int i = 0; i < words; i++) w[i] = Word(ref rng);
        w[0] = char.ToUpperInvariant(w[0][0]) + w[0][1..];
        return string.Join(' ', w) + ".";
    }

    private static string Name(ref Xoshiro256 rng) => FirstNames[rng.NextInt(FirstNames.Length)] + " " + LastNames[rng.NextInt(LastNames.Length)];

    private static Request MakeQa(ref Xoshiro256 rng)
    {
        string org = char.ToUpperInvariant(Syllables[rng.NextInt(Syllables.Length)][0]) + Word(ref rng)[1..] + " " + Word(ref rng);
        string gold = Name(ref rng);
        var distractors = new[] { Name(ref rng), Name(ref rng), Name(ref rng) };
        var input = new ScoringInput { Task = TaskKind.Qa, Query = $"who founded the {org} institute", Response = "", References = [gold] };
        return new Request(input, [], gold, distractors);
    }

    private static Request MakeSummarization(ref Xoshiro256 rng)
    {
        var sentences = new string[8];
        for (int i = 0; i < sentences.Length; i++) sentences[i] = Sentence(ref rng, 12 + rng.NextInt(8));
        var key = new[] { sentences[0], sentences[2], sentences[5] };
        var input = new ScoringInput
        {
            Task = TaskKind.Summarization,
            Query = "Summarize the news article.",
            Context = string.Join(' ', sentences),
            Response = "",
            References = [string.Join(' ', key)],
        };
        return new Request(input, key, "", []);
    }

    private static string Respond(Request request, double quality, ref Xoshiro256 rng)
    {
        double failure = (1 - quality) * 0.15;
        double u = rng.NextDouble();
        if (request.Input.Task == TaskKind.Qa)
        {
            if (u < failure) return "I'm sorry, I don't know who founded it.";
            string who = rng.NextDouble() < quality ? request.Gold : request.Distractors[rng.NextInt(request.Distractors.Length)];
            return rng.NextDouble() < 0.5 ? who : $"It was founded by {who}.";
        }
        var parts = new List<string>();
        foreach (var k in request.Key) parts.Add(rng.NextDouble() < quality ? k : Sentence(ref rng, 12 + rng.NextInt(6)));
        string text = string.Join(' ', parts);
        if (u < failure) return string.Concat(Enumerable.Repeat(parts[0] + " ", 6)).TrimEnd();
        if (u < 2 * failure) return text[..(text.Length * 2 / 3)];
        return text;
    }

    private static void Validate(NetworkSimulationOptions options)
    {
        var o = options;
        const string P = nameof(options);
        if (o.Scouts < 2) throw new ArgumentOutOfRangeException(P, o.Scouts, "Scouts must be at least 2.");
        if (o.Rounds < 1) throw new ArgumentOutOfRangeException(P, o.Rounds, "Rounds must be at least 1.");
        if (o.Evaluators < 1) throw new ArgumentOutOfRangeException(P, o.Evaluators, "Evaluators must be at least 1.");
        if (!double.IsFinite(o.MaliciousFraction) || o.MaliciousFraction is < 0 or >= 1) throw new ArgumentOutOfRangeException(P, o.MaliciousFraction, "MaliciousFraction must be in [0, 1).");
        if (o.ScoutsPerRound < 2 || o.ScoutsPerRound > o.Scouts) throw new ArgumentOutOfRangeException(P, o.ScoutsPerRound, "ScoutsPerRound must be in [2, Scouts].");
        if (o.NodeBudgetPerRound < 0 || o.EvaluatorBudgetPerRound < 0) throw new ArgumentOutOfRangeException(P, "Budgets must be non-negative.");
        if (o.RoundsPerRatingPeriod < 1) throw new ArgumentOutOfRangeException(P, o.RoundsPerRatingPeriod, "RoundsPerRatingPeriod must be at least 1.");
        if (o.SnapshotEvery < 1) throw new ArgumentOutOfRangeException(P, o.SnapshotEvery, "SnapshotEvery must be at least 1.");
        if (!double.IsFinite(o.SpotCheckRate) || o.SpotCheckRate is < 0 or > 1) throw new ArgumentOutOfRangeException(P, o.SpotCheckRate, "SpotCheckRate must be in [0, 1].");
        ArgumentNullException.ThrowIfNull(o.RewardRule, P);
        o.HealthCheck?.Validate(P);
        if (o.Deviation is { } d)
        {
            if (!Enum.IsDefined(d.Kind)) throw new ArgumentOutOfRangeException(P, d.Kind, "Deviation.Kind is not a defined deviation.");
            if (d.Kind == DeviationKind.CopyEvaluatorScores)
            {
                if (d.Participant < MaliciousCount(o) || d.Participant >= o.Evaluators)
                    throw new ArgumentOutOfRangeException(P, d.Participant, $"Deviation.Participant must be an honest evaluator index in [{MaliciousCount(o)}, {o.Evaluators}).");
            }
            else
            {
                if (d.Participant < 0 || d.Participant >= o.Scouts || d.Participant % 6 == 3)
                    throw new ArgumentOutOfRangeException(P, d.Participant, "Deviation.Participant must be the index of a scout that is not an impostor.");
                if (d.Kind == DeviationKind.Sybil && d.Identities is < 2 or > 64) throw new ArgumentOutOfRangeException(P, d.Identities, "Deviation.Identities must be in [2, 64].");
            }
        }
    }
}

using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Internal;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Scoring.ProofOfQuality;

/// <summary>Options of <see cref="NetworkSimulation"/>.</summary>
public sealed record NetworkSimulationOptions
{
    /// <summary>Inference nodes (scouts). <value>Default 24; at least 2.</value></summary>
    public int Scouts { get; init; } = 24;

    /// <summary>Rounds (one request each). <value>Default 2000; at least 1.</value></summary>
    public int Rounds { get; init; } = 2000;

    /// <summary>Evaluator nodes. <value>Default 9; at least 1.</value></summary>
    public int Evaluators { get; init; } = 9;

    /// <summary>Fraction of malicious evaluators. <value>Default 0.3; in [0, 1).</value></summary>
    public double MaliciousFraction { get; init; } = 0.3;

    /// <summary>Scouts serving each request. <value>Default 4; in [2, Scouts].</value></summary>
    public int ScoutsPerRound { get; init; } = 4;

    /// <summary>Seed. <value>Default 1.</value></summary>
    public int Seed { get; init; } = 1;

    /// <summary>Node reward budget per round, in base units. <value>Default 1,000,000.</value></summary>
    public long NodeBudgetPerRound { get; init; } = 1_000_000;

    /// <summary>Evaluator reward budget per round, in base units. <value>Default 100,000.</value></summary>
    public long EvaluatorBudgetPerRound { get; init; } = 100_000;

    /// <summary>Rounds per Glicko-2 / batch-Elo rating period. <value>Default 20; at least 1.</value></summary>
    public int RoundsPerRatingPeriod { get; init; } = 20;

    /// <summary>Rounds between recorded rating snapshots (trajectories). <value>Default 50; at least 1.</value></summary>
    public int SnapshotEvery { get; init; } = 50;
}

/// <summary>One scout's final standing.</summary>
/// <param name="Node">Scout id.</param>
/// <param name="Rating">Glicko-2 rating.</param>
/// <param name="Low">Rating − 1.96·RD.</param>
/// <param name="High">Rating + 1.96·RD.</param>
/// <param name="Elo">Batch-Elo rating (K = 16, one batch per rating period).</param>
/// <param name="Performance">Mean performance score (k1·EEL + k2·SU + k3·OTS).</param>
/// <param name="Quality">Mean PoQ consensus quality of its responses.</param>
/// <param name="Reward">Cumulative node reward in base units.</param>
/// <param name="TrueQuality">The simulated ground-truth quality.</param>
/// <param name="Profile">The scout's simulated profile (honest, slow, flaky or cheap-model impostor).</param>
public sealed record LeaderboardEntry(string Node, double Rating, double Low, double High, double Elo, double Performance, double Quality, long Reward, double TrueQuality, string Profile);

/// <summary>The outcome of a network simulation.</summary>
/// <param name="Leaderboard">Scouts by rating, best first.</param>
/// <param name="GroundTruthSpearman">Spearman correlation of true quality and final rating.</param>
/// <param name="ConsensusMae">Mean absolute error of PoQ consensus against honest scoring.</param>
/// <param name="MaliciousEvaluators">Number of malicious evaluators.</param>
/// <param name="MaliciousRewardShare">Share of evaluator rewards paid to malicious evaluators.</param>
/// <param name="MaliciousHeadcountShare">Their share of the evaluator headcount.</param>
/// <param name="Trajectories">Rating snapshots: round → rating per scout (leaderboard order is not implied).</param>
/// <param name="QualityPoints">Sampled (true quality, consensus) pairs for a calibration chart.</param>
public sealed record NetworkSimulationResult(
    IReadOnlyList<LeaderboardEntry> Leaderboard,
    double GroundTruthSpearman,
    double ConsensusMae,
    int MaliciousEvaluators,
    double MaliciousRewardShare,
    double MaliciousHeadcountShare,
    IReadOnlyList<(int Round, IReadOnlyDictionary<string, double> Ratings)> Trajectories,
    IReadOnlyList<(double TrueQuality, double Consensus)> QualityPoints);

/// <summary>An end-to-end simulated decentralized inference network: score → Proof of Quality → rewards → ranking.</summary>
/// <remarks>
/// <para>Scouts have a true quality and latency, throughput and uptime profiles; some are slow, some flaky, and some serve a
/// cheaper model than they claim (low quality, low cost). Each round a request — a QA question with a gold answer, or a
/// summarization of a generated article with reference highlights — is served by a few scouts; each writes a response whose
/// correctness, faithfulness and form follow its true quality (correct answer / key sentence with probability = quality,
/// otherwise a wrong answer, a hallucinated sentence, a refusal, a truncation or a repetition loop). Honest evaluators score
/// every response with the built-in quality dimensions (plus N(0, 0.03) evaluator noise), weighting <c>semantic</c> twice as much as
/// <c>model-prior</c>, <c>structure</c> and <c>alignment</c> (correctness against the reference is what the simulated requests
/// vary most; cost is left to the reward formula) — simulation settings of ScoutElo's own, not calibrated values; malicious evaluators boost the impostor
/// scouts and sabotage the rest. The trust-weighted PoQ consensus pays node rewards (<c>α·quality − β·cost</c>) and evaluator
/// rewards (agreement with consensus), feeds <c>model-prior</c>, and — with each scout's performance score — decides the pairwise
/// matches that update Glicko-2 and batch Elo once per rating period.</para>
/// <para>Everything derives from the seed: the same options give the same result on every machine. Thread-safe (stateless).</para>
/// </remarks>
public static class NetworkSimulation
{
    private static readonly string[] Syllables = ["ka", "lo", "mi", "ren", "sa", "tor", "vel", "qui", "dan", "bre", "fo", "gil", "hu", "jas", "ne", "pro", "ri", "ste", "ul", "xi", "zor", "ma", "lin", "cor"];
    private static readonly string[] FirstNames = ["Ada", "Boris", "Chen", "Dalia", "Emil", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kira", "Luis", "Maya", "Nils", "Oda", "Pavel"];
    private static readonly string[] LastNames = ["Arnold", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ito", "Jansen", "Kowal", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov"];

    private sealed record Scout(string Id, double Quality, double LatencyMs, double TokensPerSecond, double Uptime, double CostPerToken, string Profile);

    /// <summary>Runs the simulation.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="progress">Optional progress callback (rounds done).</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    public static NetworkSimulationResult Run(NetworkSimulationOptions? options = null, IProgress<int>? progress = null)
    {
        var o = options ?? new NetworkSimulationOptions();
        Validate(o);
        var rng = new Xoshiro256(Seeds.Derive((ulong)o.Seed, 42));
        var scouts = CreateScouts(o.Scouts, ref rng);
        int malicious = (int)Math.Round(o.MaliciousFraction * o.Evaluators, MidpointRounding.AwayFromZero);
        if (malicious >= o.Evaluators) malicious = o.Evaluators - 1;

        var history = new InMemoryNodeQualityHistory();
        var scorer = new QualityScorer(
            [new ModelPriorDimension(history), new StructureDimension(), new SemanticDimension(), new AlignmentDimension()],
            new Dictionary<string, double> { ["model-prior"] = 1, ["structure"] = 1, ["semantic"] = 2, ["alignment"] = 1 });
        var perf = new ScoutPerformance();
        var outcome = new MatchOutcome();
        var trust = new TrustModel();
        var nodeLedger = new RewardLedger();
        var evaluatorLedger = new RewardLedger();
        var glicko = new Glicko2RatingTable();
        var elo = new EloRatingTable(new EloOptions { InitialRating = 1500, KFactor = KFactorPolicy.Fixed(16) });
        foreach (var s in scouts)
        {
            elo.Add(s.Id);
            glicko.Set(s.Id, glicko.Get(s.Id));
        }
        string[] evaluatorIds = [.. Enumerable.Range(0, o.Evaluators).Select(i => $"evaluator-{i:00}")];
        var perfSum = new double[scouts.Length];
        var qualSum = new double[scouts.Length];
        var served = new int[scouts.Length];
        var trajectories = new List<(int, IReadOnlyDictionary<string, double>)>();
        var points = new List<(double, double)>();
        double maeSum = 0;
        int maeCount = 0;

        var pick = new int[scouts.Length];
        var period = new List<MatchResult>();
        for (int round = 0; round < o.Rounds; round++)
        {
            // Which scouts serve this request.
            for (int i = 0; i < pick.Length; i++) pick[i] = i;
            for (int i = 0; i < o.ScoutsPerRound; i++)
            {
                int j = i + rng.NextInt(pick.Length - i);
                (pick[i], pick[j]) = (pick[j], pick[i]);
            }
            var request = rng.NextDouble() < 0.5 ? MakeQa(ref rng) : MakeSummarization(ref rng);

            var outputs = new List<(int Scout, double Consensus, double Performance, double Cost)>();
            var scores = new List<EvaluatorScore>();
            var consensus = new Dictionary<string, double>(StringComparer.Ordinal);
            var nodeShares = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
            for (int k = 0; k < o.ScoutsPerRound; k++)
            {
                var s = scouts[pick[k]];
                string response = Respond(request, s.Quality, ref rng);
                double latency = Math.Max(50, s.LatencyMs * Math.Exp(0.25 * rng.NextGaussian()));
                int tokens = Math.Max(1, Text.TextFeatures.WordCount(response) * 4 / 3);
                double tps = tokens / (latency / 1000.0);
                double uptime = Math.Clamp(s.Uptime + (0.01 * rng.NextGaussian()), 0, 1);
                double cost = tokens * s.CostPerToken;
                var input = request.Input with
                {
                    Response = response,
                    Node = s.Id,
                    Metrics = new InferenceMetrics { LatencyMs = latency, OutputTokens = tokens, CostUsd = cost, Uptime = uptime },
                };
                double honest = scorer.Score(input).Composite.Value ?? 0.5;
                double p = perf.Score(latency, uptime, Math.Min(tps, 10_000));
                string outputId = $"r{round}/{s.Id}";
                var panel = new double[o.Evaluators];
                var weights = new double[o.Evaluators];
                for (int e = 0; e < o.Evaluators; e++)
                {
                    double own = Math.Clamp(honest + (0.03 * rng.NextGaussian()), 0, 1);
                    panel[e] = e < malicious ? (s.Profile == "impostor" ? 1.0 : Math.Max(0, own - 0.4)) : own;
                    weights[e] = trust.TrustOf(evaluatorIds[e]);
                    scores.Add(new EvaluatorScore(evaluatorIds[e], outputId, panel[e]));
                }
                double c = Consensus.WeightedMean(panel, weights);
                consensus[outputId] = c;
                maeSum += Math.Abs(c - honest);
                maeCount++;
                if (round % 5 == 0) points.Add((s.Quality, c));
                history.Record(s.Id, c);
                outputs.Add((pick[k], c, p, cost)); // matches are decided by the PoQ consensus, not by the honest score
                nodeShares[s.Id] = (c, cost);
                perfSum[pick[k]] += p;
                qualSum[pick[k]] += c;
                served[pick[k]]++;
            }

            // Evaluator rewards by agreement with consensus; then trust learns from the same round.
            var agreement = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var sc in scores) agreement[sc.Evaluator] = agreement.GetValueOrDefault(sc.Evaluator) + trust.Agreement(sc.Score, consensus[sc.Output]);
            evaluatorLedger.PayRound(o.EvaluatorBudgetPerRound, agreement);
            trust.Update(scores, consensus);
            nodeLedger.PayNodes(o.NodeBudgetPerRound, nodeShares);

            // Pairwise matches among the scouts that served this request; applied once per rating period.
            for (int x = 0; x < outputs.Count; x++)
            {
                for (int y = x + 1; y < outputs.Count; y++)
                {
                    double score = outcome.Decide(outputs[x].Performance, outputs[x].Consensus, outputs[y].Performance, outputs[y].Consensus);
                    period.Add(new MatchResult(scouts[outputs[x].Scout].Id, scouts[outputs[y].Scout].Id, score));
                }
            }
            if ((round + 1) % o.RoundsPerRatingPeriod == 0 || round == o.Rounds - 1)
            {
                glicko.ApplyRatingPeriod(period);
                elo.ApplyBatch(period.ToArray());
                period.Clear();
            }

            if ((round + 1) % o.SnapshotEvery == 0 || round == o.Rounds - 1)
                trajectories.Add((round + 1, scouts.ToDictionary(s => s.Id, s => glicko.Get(s.Id).Rating, StringComparer.Ordinal)));
            progress?.Report(round + 1);
        }

        var board = scouts.Select((s, i) =>
        {
            var g = glicko.Get(s.Id);
            return new LeaderboardEntry(s.Id, g.Rating, g.Rating - (1.96 * g.Deviation), g.Rating + (1.96 * g.Deviation), elo.Rating(s.Id),
                served[i] > 0 ? perfSum[i] / served[i] : 0, served[i] > 0 ? qualSum[i] / served[i] : 0, nodeLedger.Cumulative.GetValueOrDefault(s.Id), s.Quality, s.Profile);
        }).OrderByDescending(e => e.Rating).ThenBy(e => e.Node, StringComparer.Ordinal).ToList();
        double spearman = Stats.Spearman([.. board.Select(b => b.TrueQuality)], [.. board.Select(b => b.Rating)]) ?? 0;
        long evalTotal = evaluatorLedger.TotalPaid;
        long maliciousPaid = evaluatorIds.Take(malicious).Sum(id => evaluatorLedger.Cumulative.GetValueOrDefault(id));
        return new NetworkSimulationResult(board, spearman, maeCount > 0 ? maeSum / maeCount : 0, malicious,
            evalTotal > 0 ? (double)maliciousPaid / evalTotal : 0, (double)malicious / o.Evaluators, trajectories, points);
    }

    private static Scout[] CreateScouts(int n, ref Xoshiro256 rng)
    {
        var list = new Scout[n];
        for (int i = 0; i < n; i++)
        {
            // Spread true quality over [0.35, 0.95]; every 6th scout is a cheap-model impostor, every 5th slow, every 7th flaky.
            double q = 0.35 + (0.6 * (i + rng.NextDouble()) / n);
            string profile = "honest";
            double latency = 800 + (600 * rng.NextDouble()), tps = 50 + (30 * rng.NextDouble()), uptime = 0.995, costPerToken = 2e-6;
            if (i % 6 == 3) { profile = "impostor"; q = 0.3 + (0.1 * rng.NextDouble()); costPerToken = 4e-7; latency = 500; tps = 90; }
            else if (i % 5 == 2) { profile = "slow"; latency *= 3; tps /= 3; }
            else if (i % 7 == 4) { profile = "flaky"; uptime = 0.8; }
            list[i] = new Scout($"scout-{i:00}", Math.Clamp(q, 0, 1), latency, tps, uptime, costPerToken, profile);
        }
        return list;
    }

    private sealed record Request(ScoringInput Input, string[] Key, string Gold, string[] Distractors);

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
    }
}

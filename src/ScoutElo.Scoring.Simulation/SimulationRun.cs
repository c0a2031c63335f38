using System.Collections.ObjectModel;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Internal;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Verification;
using static ScoutElo.Scoring.Simulation.NetworkSimulation;

namespace ScoutElo.Scoring.Simulation;

/// <summary>One run of <see cref="NetworkSimulation.Run"/>: the operators and their identities, the engine, and what only the
/// simulation knows about each response (its honest score and served quality), round by round. Single use.</summary>
internal sealed class SimulationRun
{
    private readonly NetworkSimulationOptions _o;
    private readonly Action<ObservedRound>? _traffic;
    private readonly ulong _root;
    private readonly Operator[] _ops;
    private readonly int _malicious, _devOp, _copier;
    private readonly Deviation? _dev;
    private readonly List<string> _identityIds = [];
    private readonly List<int> _identityOp = [];
    private readonly int[][] _opIdentities;
    private readonly ScoutNetwork _network;
    private readonly QualityScorer _scorer;
    private readonly string[] _evaluatorIds;
    private readonly List<RatingSnapshot> _trajectories = [];
    private readonly List<QualityPoint> _points = [];
    private readonly int[] _pick, _servedByOp;
    private readonly double[] _costByOp;
    private readonly Dictionary<string, (double Honest, double Served, int Round)> _truth = new(StringComparer.Ordinal);
    private double _maeSum;
    private int _maeCount;

    public SimulationRun(NetworkSimulationOptions o, Action<ObservedRound>? traffic)
    {
        _o = o;
        _traffic = traffic;
        _root = Seeds.Derive((ulong)o.Seed, 42);
        var setup = new Xoshiro256(_root);
        _ops = CreateOperators(o.Scouts, ref setup);
        _malicious = MaliciousCount(o);
        _dev = o.Deviation;
        _devOp = _dev is { Kind: not DeviationKind.CopyEvaluatorScores } ? _dev.Participant : -1;
        _copier = _dev is { Kind: DeviationKind.CopyEvaluatorScores } ? _dev.Participant : -1;
        if (_devOp >= 0 && _dev!.Kind == DeviationKind.SubstituteCheaperModel)
        {
            var s = _ops[_devOp];
            _ops[_devOp] = s with { Quality = Math.Min(s.Quality, 0.3 + (0.1 * setup.NextDouble())), CostPerToken = s.CostPerToken / 5, LatencyMs = s.LatencyMs * 0.6, TokensPerSecond = s.TokensPerSecond * 1.5, Tokens = TokenBehaviour.Unrelated };
        }
        else if (_devOp >= 0 && _dev!.Kind == DeviationKind.ServeQuantizedModel)
        {
            var s = _ops[_devOp];
            _ops[_devOp] = s with { Quality = s.Quality * 0.97, CostPerToken = s.CostPerToken * 0.4, Profile = ScoutProfile.Quantized, Tokens = TokenBehaviour.Quantized };
        }
        else if (_devOp >= 0 && _dev!.Kind == DeviationKind.ServeDistilledModel)
        {
            var s = _ops[_devOp];
            _ops[_devOp] = s with { Quality = s.Quality * 0.92, CostPerToken = s.CostPerToken * 0.2, Profile = ScoutProfile.Distilled, Tokens = TokenBehaviour.Distilled };
        }
        // Identities: one per operator, several for a sybil.
        _opIdentities = new int[_ops.Length][];
        for (int i = 0; i < _ops.Length; i++)
        {
            int k = i == _devOp && _dev!.Kind == DeviationKind.Sybil ? _dev.Identities : 1;
            _opIdentities[i] = new int[k];
            for (int j = 0; j < k; j++)
            {
                _opIdentities[i][j] = _identityIds.Count;
                _identityIds.Add(j == 0 ? _ops[i].Id : $"{_ops[i].Id}~{j}");
                _identityOp.Add(i);
            }
        }
        _network = new ScoutNetwork(EngineOptions(o));
        var dimensionWeights = new Dictionary<string, double> { ["model-prior"] = 1, ["structure"] = 1, ["semantic"] = 2, ["alignment"] = 1 };
        _scorer = new QualityScorer([.. BuiltInDimensions.Create(_network.History).Where(d => dimensionWeights.ContainsKey(d.Name))], dimensionWeights);
        _evaluatorIds = [.. Enumerable.Range(0, o.Evaluators).Select(i => $"evaluator-{i:00}")];
        _pick = new int[_ops.Length];
        _servedByOp = new int[_ops.Length];
        _costByOp = new double[_ops.Length];
    }

    public NetworkSimulationResult Run(IProgress<int>? progress, CancellationToken cancellationToken)
    {
        for (int round = 0; round < _o.Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var observed = Round(round);
            _traffic?.Invoke(observed);
            Learn(_network.Submit(observed).Settlement);
            if (round == _o.Rounds - 1) Learn(_network.Flush());
            if ((round + 1) % _o.SnapshotEvery == 0 || round == _o.Rounds - 1)
            {
                _trajectories.Add(new RatingSnapshot(round + 1, new ReadOnlyDictionary<string, double>(_identityIds.ToDictionary(id => id,
                    id => StandingOf(id).Rating, StringComparer.Ordinal))));
            }
            progress?.Report(round + 1);
        }
        return Result();
    }

    /// <summary>A node's standing, or where it starts when it never served (a sybil identity, say).</summary>
    private NodeStanding StandingOf(string id) => _network.TryGetNode(id, out var standing) ? standing : _network.NewcomerStanding(id);

    private bool Ring(int op) => _ops[op].Profile == ScoutProfile.Impostor || (op == _devOp && _dev!.Kind == DeviationKind.ColludeWithEvaluators);

    private ObservedRound Round(int round)
    {
        var rr = new Xoshiro256(Stream(_root, 1, round, 0));
        for (int i = 0; i < _pick.Length; i++) _pick[i] = i;
        for (int i = 0; i < _o.ScoutsPerRound; i++)
        {
            int j = i + rr.NextInt(_pick.Length - i);
            (_pick[i], _pick[j]) = (_pick[j], _pick[i]);
        }
        var request = rr.NextDouble() < 0.5 ? MakeQa(ref rr) : MakeSummarization(ref rr);
        var responses = new List<ObservedResponse>(_o.ScoutsPerRound);
        for (int k = 0; k < _o.ScoutsPerRound; k++) responses.Add(Response(round, request, _pick[k]));
        return new ObservedRound
        {
            RoundId = $"r{round}",
            Task = request.Input.Task,
            Query = request.Input.Query,
            Context = request.Input.Context,
            References = request.Input.References,
            Responses = responses,
        };
    }

    private ObservedResponse Response(int round, Request request, int op)
    {
        var s = _ops[op];
        int identity = _opIdentities[op][_servedByOp[op]++ % _opIdentities[op].Length];
        string nodeId = _identityIds[identity];
        var sr = new Xoshiro256(Stream(_root, 2, round, op));
        bool offline = sr.NextDouble() < FlakyOfflineProbability && op == _devOp && _dev!.Kind == DeviationKind.GoFlaky;
        bool spotCheck = sr.NextDouble() < _o.SpotCheckRate;
        double latency = Math.Max(50, s.LatencyMs * Math.Exp(0.25 * sr.NextGaussian()));
        double uptime = Math.Clamp(s.Uptime + (0.01 * sr.NextGaussian()), 0, 1);
        string response = Respond(request, s.Quality, ref sr);
        int tokens = Math.Max(1, Text.TextFeatures.WordCount(response) * 4 / 3);
        double cost = tokens * s.CostPerToken;
        if (!offline) _costByOp[op] += cost;
        // Token evidence for a share of the answers, from streams of its own (common random numbers: the rest of the run is the
        // same at any verify rate).
        TokenEvidence? evidence = null;
        ReferenceEvidence? refEvidence = null;
        if (!offline && new Xoshiro256(Stream(_root, 6, round, op)).NextDouble() < _o.VerifyRate)
        {
            var tr = new Xoshiro256(Stream(_root, 7, round, op));
            (evidence, refEvidence) = s.Tokens.Generate(tokens, (long)(Stream(_root, 8, round, op) >> 1), ref tr);
        }
        var metrics = offline ? new InferenceMetrics() : new InferenceMetrics { LatencyMs = latency, OutputTokens = tokens, CostUsd = cost, Uptime = uptime };
        var input = request.Input with { Response = offline ? "" : response, Node = nodeId, Metrics = metrics };
        double honest = offline ? 0 : _scorer.Score(input).Composite.Value ?? 0.5;
        double? last = _network.TryGetNode(nodeId, out var served) ? served.LastQuality : null;
        var panel = Panel(honest, Stream(_root, 3, round, op), op, last);
        string outputId = $"r{round}/{nodeId}";
        _truth[outputId] = (honest, s.Quality, round);
        SpotCheck? check = null;
        if (spotCheck && !offline)
        {
            // Blind spot check: the claimed model answers the same request; evaluators cannot tell which answer is which.
            var cr = new Xoshiro256(Stream(_root, 4, round, op));
            string reference = Respond(request, s.ClaimedQuality, ref cr);
            double refHonest = _scorer.Score(input with { Response = reference }).Composite.Value ?? 0.5;
            check = new SpotCheck { Response = reference, Scores = Scores(Panel(refHonest, Stream(_root, 5, round, op), op, last)) };
        }
        return new ObservedResponse
        {
            ResponseId = outputId,
            Node = nodeId,
            ClaimedModel = s.Profile == ScoutProfile.Impostor ? "premium-model" : $"model-{op:00}",
            Response = offline ? "" : response,
            Metrics = metrics,
            Scores = Scores(panel),
            SpotCheck = check,
            Tokens = evidence,
            Reference = refEvidence,
        };
    }

    private NetworkSimulationResult Result()
    {
        var board = _identityIds.Select((id, i) =>
        {
            var s = _ops[_identityOp[i]];
            var n = StandingOf(id);
            return new LeaderboardEntry(id, n.Rating, n.Low, n.High, n.Elo, n.MeanPerformance, n.MeanQuality, n.Reward, s.Quality, s.Profile, n.PassesHealthCheck,
                _identityOp[i] == _devOp, _identityOp[i]) { Verification = n.Verification.Outcome };
        }).OrderByDescending(e => e.Rating).ThenBy(e => e.Node, StringComparer.Ordinal).ToList();
        double spearman = Stats.Spearman([.. board.Select(b => b.TrueQuality)], [.. board.Select(b => b.Rating)]) ?? 0;
        double rewardSpearman = Stats.Spearman([.. board.Select(b => b.TrueQuality)], [.. board.Select(b => (double)b.Reward)]) ?? 0;
        var profiles = board.GroupBy(b => b.Profile).OrderBy(g => g.Key)
            .Select(g => new ProfileRewards(g.Key, g.Count(), g.Average(b => (double)b.Reward), g.Average(b => b.TrueQuality), g.Average(b => (double)b.Reward / Math.Max(b.TrueQuality, 1e-9))))
            .ToArray();
        var opRewards = new UInt128[_ops.Length];
        foreach (var b in board) opRewards[b.Operator] = checked(opRewards[b.Operator] + b.Reward);
        var evaluatorStandings = _network.Evaluators().ToDictionary(e => e.Evaluator, StringComparer.Ordinal);
        UInt128[] evaluatorReward = [.. _evaluatorIds.Select(id => evaluatorStandings.TryGetValue(id, out var e) ? e.Reward : UInt128.Zero)];
        double evalTotal = evaluatorReward.Sum(x => (double)x);
        double maliciousPaid = evaluatorReward.Take(_malicious).Sum(x => (double)x);
        return new NetworkSimulationResult(board.AsReadOnly(), spearman, rewardSpearman, _maeCount > 0 ? _maeSum / _maeCount : 0, _malicious,
            evalTotal > 0 ? maliciousPaid / evalTotal : 0, (double)_malicious / _o.Evaluators, profiles.AsReadOnly(), opRewards.AsReadOnly(),
            evaluatorReward.AsReadOnly(), _network.UnallocatedNodeBudget, _trajectories.AsReadOnly(), _points.AsReadOnly())
        {
            OperatorCosts = [.. _costByOp.Select(c => c * _o.RewardUnitsPerUsd)],
        };
    }

    private void Learn(PeriodSettlement? period)
    {
        if (period is null) return;
        foreach (var r in period.Rounds.SelectMany(x => x.Responses))
        {
            var (honest, served, index) = _truth[r.ResponseId];
            _truth.Remove(r.ResponseId);
            if (r.InRoundConsensus is { } c)
            {
                _maeSum += Math.Abs(c - honest);
                _maeCount++;
            }
            if (!r.Dropped && r.Quality is { } q && index % 5 == 0) _points.Add(new QualityPoint(served, q));
        }
    }

    private double[] Panel(double honest, ulong stream, int op, double? lastSettled)
    {
        var er = new Xoshiro256(stream);
        var panel = new double[_o.Evaluators];
        for (int e = 0; e < _o.Evaluators; e++)
        {
            double own = Math.Clamp(honest + (0.03 * er.NextGaussian()), 0, 1);
            panel[e] = e < _malicious ? (Ring(op) ? 1.0 : Math.Max(0, own - 0.4))
                : e == _copier ? lastSettled ?? 0.5
                : own;
        }
        return panel;
    }

    private SortedDictionary<string, double> Scores(double[] panel)
    {
        var d = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (int e = 0; e < panel.Length; e++) d[_evaluatorIds[e]] = panel[e];
        return d;
    }
}

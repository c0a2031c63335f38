using System.Collections.ObjectModel;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Internal;
using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Simulation;

/// <summary>A simulated decentralized inference network: a traffic generator for the network engine
/// (<see cref="ScoutNetwork"/>), which does all the settling — consensus, health checks, rewards and ranking.</summary>
/// <remarks>
/// <para><b>Scouts.</b> Operators have a true quality and latency, throughput and uptime profiles; some are slow, some flaky,
/// and some are impostors that claim a premium model but serve a cheap one. Requests are routed stake-weighted at the operator
/// level (every operator holds one unit of stake), so splitting into identities does not buy traffic. Each round a request — a
/// QA question with a gold answer, or a summarization of a generated article with reference highlights — goes to a few
/// operators; each answer's correctness, faithfulness and form follow the served quality (correct answer / key sentence with
/// probability = quality, otherwise a wrong answer, a hallucinated sentence, a refusal, a truncation or a repetition loop).</para>
/// <para><b>Evaluators.</b> Honest evaluators score every answer with the built-in dimensions (plus N(0, 0.03) noise),
/// weighting <c>semantic</c> twice as much as <c>model-prior</c>, <c>structure</c> and <c>alignment</c> — simulation settings of
/// ScoutElo's own, not calibrated values; <c>model-prior</c> reads the engine's settled history. Malicious evaluators score the
/// scouts of their ring (the impostors) 1.0 and sabotage the rest (−0.4). A quarter of the answers are spot-checked: the claimed
/// model answers the same request and the same evaluators score it blind. For <see cref="NetworkSimulationOptions.VerifyRate"/> of
/// the answers the node logs token evidence and the validator its reference evidence (seed shared; <see cref="TokenBehaviour"/>).</para>
/// <para><b>Settlement.</b> Every round goes to a <see cref="ScoutNetwork"/> configured by <see cref="EngineOptions"/>; nothing of
/// the pipeline lives here. The <c>traffic</c> observer of <see cref="Run"/> sees each round as the engine does, so the same
/// rounds written as traffic JSONL and settled later (<c>scoutelo settle</c>) give the same rewards and ratings.</para>
/// <para><b>Common random numbers.</b> Every random draw comes from a stream derived from the seed and (round, operator,
/// purpose), so a run with one deviating participant differs from the honest run only through that participant's behaviour
/// and its consequences — which is what <see cref="IncentiveAudit"/> measures.</para>
/// <para>Everything derives from the seed: the same options give the same result on every machine. Thread-safe (stateless).</para>
/// </remarks>
public static class NetworkSimulation
{
    private const double QuarantineFraction = 0.25;
    internal const double FlakyOfflineProbability = 0.3;

    private static readonly string[] Syllables = ["ka", "lo", "mi", "ren", "sa", "tor", "vel", "qui", "dan", "bre", "fo", "gil", "hu", "jas", "ne", "pro", "ri", "ste", "ul", "xi", "zor", "ma", "lin", "cor"];
    private static readonly string[] FirstNames = ["Ada", "Boris", "Chen", "Dalia", "Emil", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kira", "Luis", "Maya", "Nils", "Oda", "Pavel"];
    private static readonly string[] LastNames = ["Arnold", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ito", "Jansen", "Kowal", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov"];

    internal sealed record Operator(string Id, double Quality, double ClaimedQuality, double LatencyMs, double TokensPerSecond, double Uptime, double CostPerToken, ScoutProfile Profile)
    {
        /// <summary>How its tokens differ from its claimed model's.</summary>
        public TokenBehaviour Tokens { get; init; } = Profile switch
        {
            ScoutProfile.Impostor => TokenBehaviour.Unrelated,
            ScoutProfile.HardwareNoise => TokenBehaviour.HardwareNoise,
            _ => TokenBehaviour.Honest,
        };
    }

    internal sealed record Request(ScoringInput Input, string[] Key, string Gold, string[] Distractors);

    /// <summary>Runs the simulation: generates the traffic round by round and settles it through a <see cref="ScoutNetwork"/>.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="progress">Optional progress callback (rounds done).</param>
    /// <param name="traffic">Optional observer of every generated round, in order (for example to write it as traffic JSONL):
    /// settling those rounds with <see cref="EngineOptions"/> reproduces this run's rewards and ratings.</param>
    /// <param name="cancellationToken">Cancels between rounds.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static NetworkSimulationResult Run(NetworkSimulationOptions? options = null, IProgress<int>? progress = null, Action<ObservedRound>? traffic = null,
        CancellationToken cancellationToken = default)
    {
        var o = options ?? new NetworkSimulationOptions();
        Validate(o);
        return new SimulationRun(o, traffic).Run(progress, cancellationToken);
    }

    /// <summary>The engine options the simulation settles with: settling its traffic (the <c>traffic</c> observer of
    /// <see cref="Run"/>) through a <see cref="ScoutNetwork"/> with these options reproduces its rewards and ratings exactly.</summary>
    /// <param name="options">Simulation options; defaults when null.</param>
    /// <returns>The engine options (budgets, rating period, reward rule, routing weights, health check, quarantine).</returns>
    public static NetworkOptions EngineOptions(NetworkSimulationOptions? options = null)
    {
        var o = options ?? new NetworkSimulationOptions();
        return new NetworkOptions
        {
            RoundsPerPeriod = o.RoundsPerRatingPeriod,
            NodeBudgetPerRound = o.NodeBudgetPerRound,
            EvaluatorBudgetPerRound = o.EvaluatorBudgetPerRound,
            RewardRule = o.RewardRule,
            RatingWeightedRewards = o.RatingWeightedRewards,
            HealthCheck = o.HealthCheck,
            QuarantineFraction = QuarantineFraction,
        };
    }

    internal static int MaliciousCount(NetworkSimulationOptions o)
    {
        int malicious = (int)Math.Round(o.MaliciousFraction * o.Evaluators, MidpointRounding.AwayFromZero);
        return malicious >= o.Evaluators ? o.Evaluators - 1 : malicious;
    }

    internal static ulong Stream(ulong root, ulong purpose, int round, int op) =>
        Seeds.Derive(Seeds.Derive(Seeds.Derive(root, purpose), (ulong)round), (ulong)op);

    internal static Operator[] CreateOperators(int n, ref Xoshiro256 rng)
    {
        var list = new Operator[n];
        for (int i = 0; i < n; i++)
        {
            // Spread true quality over [0.35, 0.95]; every 6th scout is a cheap-model impostor, every 5th slow, every 7th flaky,
            // every 4th of the rest runs on other hardware than the validator (honest, with numeric noise in its tokens).
            double q = 0.35 + (0.6 * (i + rng.NextDouble()) / n);
            double claimed = q;
            var profile = ScoutProfile.Honest;
            double latency = 800 + (600 * rng.NextDouble()), tps = 50 + (30 * rng.NextDouble()), uptime = 0.995, costPerToken = 2e-6;
            if (i % 6 == 3) { profile = ScoutProfile.Impostor; claimed = 0.85; q = 0.3 + (0.1 * rng.NextDouble()); costPerToken = 4e-7; latency = 500; tps = 90; }
            else if (i % 5 == 2) { profile = ScoutProfile.Slow; latency *= 3; tps /= 3; }
            else if (i % 7 == 4) { profile = ScoutProfile.Flaky; uptime = 0.8; }
            else if (i % 4 == 1) profile = ScoutProfile.HardwareNoise;
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

    internal static Request MakeQa(ref Xoshiro256 rng)
    {
        string org = char.ToUpperInvariant(Syllables[rng.NextInt(Syllables.Length)][0]) + Word(ref rng)[1..] + " " + Word(ref rng);
        string gold = Name(ref rng);
        var distractors = new[] { Name(ref rng), Name(ref rng), Name(ref rng) };
        var input = new ScoringInput { Task = TaskKind.Qa, Query = $"who founded the {org} institute", Response = "", References = [gold] };
        return new Request(input, [], gold, distractors);
    }

    internal static Request MakeSummarization(ref Xoshiro256 rng)
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

    internal static string Respond(Request request, double quality, ref Xoshiro256 rng)
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

    internal static void Validate(NetworkSimulationOptions options)
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
        if (!double.IsFinite(o.VerifyRate) || o.VerifyRate is < 0 or > 1) throw new ArgumentOutOfRangeException(P, o.VerifyRate, "VerifyRate must be in [0, 1].");
        if (!double.IsFinite(o.RewardUnitsPerUsd) || o.RewardUnitsPerUsd <= 0) throw new ArgumentOutOfRangeException(P, o.RewardUnitsPerUsd, "RewardUnitsPerUsd must be positive and finite.");
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

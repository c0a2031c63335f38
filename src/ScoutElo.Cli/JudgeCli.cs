using System.ClientModel;
using System.ClientModel.Primitives;
using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;
using OpenAI;
using ScoutElo.Scoring;
using ScoutElo.Scoring.AI;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Reporting.Results;

namespace ScoutElo.Cli;

/// <summary>The LLM judge from the command line: an OpenAI-compatible chat endpoint through Microsoft.Extensions.AI, the
/// library's <see cref="JudgeDimension"/> (retries on failures such as 429/500, timeouts, bounded concurrency; a judge that
/// fails or answers garbage is "not applicable" with its reason, never a zero) and the persistent SQLite answer cache.</summary>
internal static class JudgeCli
{
    public static readonly Option<string?> Endpoint = new("--judge-endpoint", "--judge") { Description = "OpenAI-compatible endpoint of the LLM judge (for example http://127.0.0.1:11434/v1); adds the 'judge' dimension." };
    public static readonly Option<string?> Model = new("--judge-model") { Description = "The judge's model name (required with --judge-endpoint)." };
    public static readonly Option<string?> KeyEnv = new("--judge-key-env") { Description = "Name of the environment variable holding the API key (default OPENAI_API_KEY; a local server needs none). Keys are never taken from the command line." };
    public static readonly Option<string> Mode = new("--judge-mode") { Description = "pointwise (a 1-5 rubric score) or pairwise (against --judge-baseline-model's answer, both orders).", DefaultValueFactory = _ => "pointwise" };
    public static readonly Option<string?> BaselineModel = new("--judge-baseline-model") { Description = "Pairwise mode: the model whose answer to the same query is the 'average LLM' baseline (same endpoint)." };
    public static readonly Option<int> Samples = new("--judge-samples") { Description = "Judge samples per input (their spread feeds 'agreement').", DefaultValueFactory = _ => 1 };
    public static readonly Option<int> Concurrency = new("--judge-concurrency") { Description = "Judge calls in flight at most.", DefaultValueFactory = _ => 4 };
    public static readonly Option<double> Timeout = new("--judge-timeout") { Description = "Seconds per judge call before it counts as failed (retried, then not applicable).", DefaultValueFactory = _ => 60 };
    public static readonly Option<int> MaxFailures = new("--judge-max-failures") { Description = "Stop calling the judge after this many consecutive failed calls (timeouts, errors, unparsable answers; retries count), so an endpoint that never answers costs seconds, not every item's retries.", DefaultValueFactory = _ => 5 };
    public static readonly Option<double> MinShare = new("--judge-min-share") { Description = "Exit with code 4 when the judge judged less than this share of the items (default: when it judged none).", DefaultValueFactory = _ => 0 };
    public static readonly Option<string?> Rubric = new("--judge-rubric") { Description = "What 'good' means for the judge: the text, or @FILE to read it from a file (default: correctness, relevance, faithfulness and clarity)." };
    public static readonly Option<string?> Prices = new("--judge-prices") { Description = "USD per million input,output tokens of the judge's model (for example 2.50,10.00): adds an estimated cost to the judge's summary." };
    public static readonly Option<double?> Weight = new("--judge-weight") { Description = "score: give the judge this share of the composite's weight (the other dimensions keep their proportions), whatever the profile or its adaptation would give it." };
    public static readonly Option<bool> NoLogprobs = new("--judge-no-logprobs") { Description = "Do not ask the endpoint for token log-probabilities (for endpoints that refuse them); the verdict's confidence is then the agreement over --judge-samples runs, both orders when pairwise." };
    public static readonly Option<string?> Cache = new("--cache") { Description = "SQLite file caching judge answers across runs (default: scoutelo/cache.db in the user's cache folder)." };
    public static readonly Option<bool> NoCache = new("--no-cache") { Description = "Neither read nor write the judge cache." };

    public static Option[] All => [Endpoint, Model, KeyEnv, Mode, BaselineModel, Samples, Concurrency, Timeout, MaxFailures, MinShare, Rubric, Weight, Prices, NoLogprobs, Cache, NoCache];

    /// <summary>The default cache file: $XDG_CACHE_HOME or ~/.cache (the local application data folder on Windows).</summary>
    public static string DefaultCachePath()
    {
        string root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "scoutelo", "cache.db");
    }

    /// <summary>A configured judge, or null when no --judge-endpoint is given; every judge flag is checked first.</summary>
    public static Session? Create(CliContext r)
    {
        string? endpoint = r.GetValue(Endpoint);
        if (endpoint is null)
        {
            foreach (var o in All)
            {
                if (o != Endpoint && r.GetResult(o) is { Implicit: false } && o is not { Name: "--cache" or "--no-cache" })
                    throw new ArgumentException($"{o.Name}: applies only with --judge-endpoint URL.");
            }
            return null;
        }
        var uri = EndpointUri("--judge-endpoint", endpoint);
        string model = r.GetValue(Model) ?? throw new ArgumentException("--judge-model: required with --judge-endpoint (the judge's model name).");
        string mode = r.GetValue(Mode)!;
        if (mode is not ("pointwise" or "pairwise")) throw new ArgumentException($"--judge-mode: unknown mode '{mode}'{Cli.Suggest(mode, "pointwise", "pairwise")}");
        string? baselineModel = r.GetValue(BaselineModel);
        if (mode == "pairwise" && baselineModel is null) throw new ArgumentException("--judge-baseline-model: pairwise judging needs the model whose answer is the baseline.");
        if (mode == "pointwise" && baselineModel is not null) throw new ArgumentException("--judge-baseline-model: applies only with --judge-mode pairwise.");
        int samples = r.GetValue(Samples), concurrency = r.GetValue(Concurrency);
        if (samples is < 1 or > 20) throw new ArgumentException("--judge-samples: must be between 1 and 20.");
        if (concurrency is < 1 or > 256) throw new ArgumentException("--judge-concurrency: must be between 1 and 256.");
        int maxFailures = r.GetValue(MaxFailures);
        if (maxFailures is < 1 or > 1000) throw new ArgumentException("--judge-max-failures: must be between 1 and 1000.");
        double minShare = r.GetValue(MinShare);
        if (!double.IsFinite(minShare) || minShare is < 0 or > 1) throw new ArgumentException("--judge-min-share: must be a share between 0 and 1.");
        string? rubric = RubricText(r.GetValue(Rubric));
        (double In, double Out)? prices = r.GetValue(Prices) is { } p ? InputFiles.ParsePrices(Prices.Name, p) : null;
        double seconds = r.GetValue(Timeout);
        if (!double.IsFinite(seconds) || seconds <= 0 || seconds > 3600) throw new ArgumentException("--judge-timeout: must be between 0 and 3600 seconds.");
        var (credential, redactor) = Credential(r, KeyEnv, uri);
        var shown = SecretRedactor.WithoutUserInfo(uri); // what is printed and what keys the cache: never the user-info
        var cache = OpenCache(r, $"{shown.AbsoluteUri.TrimEnd('/')}|{model}");

        // The judge builds prompts and parses answers; the rest is composed around the endpoint's client as Microsoft.Extensions.AI
        // composes any client: the cache outermost (a cached answer costs no call), then Polly's retries and timeouts with the
        // breaker, then the log-probabilities (inside the cache, so a cached answer keeps them). The SDK's own retries are off:
        // one policy, one count of attempts.
        var clientOptions = new OpenAIClientOptions { Endpoint = uri, RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = TimeSpan.FromSeconds(seconds) };
        var resilience = new JudgeResilienceOptions { Timeout = TimeSpan.FromSeconds(seconds), MaxConsecutiveFailures = maxFailures };
        IChatClient Compose(string modelName, SqliteJudgeCache? store, bool logprobs)
        {
            var builder = new ChatClientBuilder(redactor.Wrap(new OpenAI.Chat.ChatClient(modelName, credential, clientOptions).AsIChatClient()));
            if (store is not null) builder.UseJudgeCache(store);
            builder.UseJudgeResilience(resilience);
            if (logprobs) builder.UseJudgeLogProbabilities(new OpenAiLogProbabilities());
            return builder.Build();
        }
        IChatClient judgeClient = Compose(model, cache, !r.GetValue(NoLogprobs));
        var options = new JudgeOptions
        {
            Mode = mode == "pairwise" ? JudgeMode.Pairwise : JudgeMode.Pointwise,
            Samples = samples,
            MaxConcurrency = concurrency,
            ModelId = model,
        };
        if (rubric is not null) options = options with { Rubric = rubric };
        SqliteJudgeCache? baselineCache = null;
        if (baselineModel is not null)
        {
            baselineCache = cache is null ? null : OpenCache(r, $"{shown.AbsoluteUri.TrimEnd('/')}|{baselineModel}|baseline");
            IChatClient baselineClient = Compose(baselineModel, baselineCache, logprobs: false);
            options = options with { Baseline = (input, ct) => BaselineAnswer(baselineClient, baselineModel, input, ct) };
        }
        return new Session(r, new JudgeDimension(judgeClient, options), cache, baselineCache, shown.AbsoluteUri, minShare, prices);
    }

    /// <summary>The rubric of <c>--judge-rubric</c>: the text, or a file's text after <c>@</c>; null when not given.</summary>
    private static string? RubricText(string? value)
    {
        if (value is null) return null;
        string text = value;
        if (value.StartsWith('@'))
        {
            string path = InputFiles.RequireFile("--judge-rubric", value[1..], "rubric file");
            text = File.ReadAllText(path);
        }
        return string.IsNullOrWhiteSpace(text) ? throw new ArgumentException("--judge-rubric: the rubric is empty.") : text.Trim();
    }

    /// <summary>Before the first judge call of <c>score</c>: says when the profile will give the judge no weight (calibrated
    /// without it, or too few items for label-free adaptation to weigh it), so nobody pays for a judge the composite ignores
    /// without being told; returns <c>--judge-weight</c>'s value (checked), or null.</summary>
    public static double? CheckWeight(CliContext r, string? profilePath, bool adapt, int items)
    {
        if (r.GetValue(Weight) is { } forced)
        {
            if (!double.IsFinite(forced) || forced is <= 0 or >= 1) throw new ArgumentException("--judge-weight: must be a share between 0 and 1 (exclusive).");
            return forced;
        }
        var profile = profilePath is null ? CalibrationProfile.Default : ProfileOptions.LoadProfile(profilePath);
        if (ProfileOptions.Weighs(profile, JudgeDimension.DimensionName)) return null;
        int needed = new LabelFreeOptions().MinItems;
        string why = !adapt ? $"the {(profilePath is null ? "shipped default profile" : $"profile '{profilePath}'")} was calibrated without the judge"
            : items < needed ? $"{items} item(s) are too few for label-free adaptation to weigh it (it needs {needed})"
            : null!;
        if (why is not null)
            r.Error.WriteLine($"warning [judge-no-weight]: the judge's scores will be written but have no weight in the composite: {why}; --judge-weight W gives it weight W (or calibrate a profile with the judge).");
        return null;
    }

    /// <summary>The profile with the judge at <paramref name="weight"/> of every task's composite, the others scaled to the rest.</summary>
    public static CalibrationProfile WithJudgeWeight(CalibrationProfile profile, double weight) => profile with
    {
        Tasks = profile.Tasks.ToDictionary(t => t.Key, t =>
        {
            var others = t.Value.Weights.Where(w => w.Key != JudgeDimension.DimensionName).ToList();
            double sum = others.Sum(w => w.Value);
            var weights = others.ToDictionary(w => w.Key, w => sum > 0 ? w.Value / sum * (1 - weight) : 0, StringComparer.Ordinal);
            weights[JudgeDimension.DimensionName] = weight;
            return t.Value with { Weights = weights };
        }),
    };

    /// <summary>An http(s) endpoint URL, or an error naming <paramref name="flag"/>.</summary>
    public static Uri EndpointUri(string flag, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ArgumentException($"{flag}: expected an http(s) URL such as http://127.0.0.1:11434/v1, got '{new SecretRedactor([]).Redact(value)}'.");

    /// <summary>The API key from the environment variable <paramref name="keyEnv"/> names (default OPENAI_API_KEY), never from
    /// the command line; a variable named explicitly must be set, and without one a local server takes any key. With it, the
    /// redactor for everything the endpoint sends back: the key and the URL's user-info never reach a message, a reason, the
    /// cache or a report.</summary>
    public static (ApiKeyCredential Credential, SecretRedactor Redactor) Credential(CliContext r, Option<string?> keyEnv, Uri endpoint)
    {
        string keyVar = r.GetValue(keyEnv) ?? "OPENAI_API_KEY";
        string? key = Environment.GetEnvironmentVariable(keyVar);
        if (string.IsNullOrEmpty(key) && r.GetValue(keyEnv) is not null) throw new ArgumentException($"{keyEnv.Name}: the environment variable {keyVar} is not set.");
        var redactor = new SecretRedactor([key, .. SecretRedactor.SecretsOf(endpoint)]);
        return (new ApiKeyCredential(string.IsNullOrEmpty(key) ? "none" : key), redactor);
    }

    /// <summary>The answer cache for one scope (endpoint and model) in the --cache file, or null with --no-cache.</summary>
    public static SqliteJudgeCache? OpenCache(CliContext r, string scope)
    {
        if (r.GetValue(NoCache) && r.GetValue(Cache) is not null) throw new ArgumentException("--no-cache: conflicts with --cache FILE.");
        return r.GetValue(NoCache) ? null : new SqliteJudgeCache(r.GetValue(Cache) ?? DefaultCachePath(), scope);
    }

    /// <summary>The baseline model's own answer to the query (its client caches it like a judge answer).</summary>
    private static async ValueTask<string?> BaselineAnswer(IChatClient client, string model, ScoringInput input, CancellationToken ct)
    {
        string prompt = string.IsNullOrEmpty(input.Context) ? input.Query : $"{input.Context}\n\n{input.Query}";
        var response = await client.GetResponseAsync(prompt, new ChatOptions { ModelId = model, Temperature = 0f }, ct).ConfigureAwait(false);
        return response.Text;
    }

    internal sealed class Session(CliContext r, JudgeDimension judge, SqliteJudgeCache? cache, SqliteJudgeCache? baselineCache, string endpoint, double minShare, (double In, double Out)? prices) : IDisposable
    {
        /// <summary>Judges every input (bounded concurrency) and reports calls and cache use on stderr.</summary>
        public JudgeOutcome[] JudgeAll(IReadOnlyList<ScoringInput> inputs)
        {
            r.Error.WriteLine($"judging {inputs.Count} input(s) with {judge.Options.ModelId} at {endpoint}...");
            var progress = new JudgeProgress(r.Error, JudgeDimension.DistinctItems(inputs));
            var outcomes = judge.JudgeBatchAsync(inputs, progress).GetAwaiter().GetResult();
            var distinct = outcomes.Distinct(ReferenceEqualityComparer.Instance).Cast<JudgeOutcome>().ToList(); // identical items share one outcome
            int failed = outcomes.Count(o => !o.Score.IsApplicable);
            r.Error.WriteLine($"judge: {distinct.Count} distinct item(s) of {outcomes.Length}, {distinct.Sum(o => o.Calls)} call(s), cache {(cache is null ? "off" : $"{cache.Hits} hit(s), {cache.Misses} miss(es)")}, "
                + $"tokens {distinct.Sum(o => o.InputTokens)} in / {distinct.Sum(o => o.OutputTokens)} out"
                + (prices is { } price ? string.Create(CultureInfo.InvariantCulture, $", estimated cost ${((distinct.Sum(o => o.InputTokens) * price.In) + (distinct.Sum(o => o.OutputTokens) * price.Out)) / 1e6:0.######}") : "")
                + (failed > 0 ? $"; {failed} not applicable (first: {outcomes.First(o => !o.Score.IsApplicable).Score.Reason})" : ""));
            int judged = outcomes.Length - failed;
            if (outcomes.Length > 0 && (judged == 0 || judged < minShare * outcomes.Length))
            {
                throw new JudgeFailedException($"judge: judged {judged} of {outcomes.Length} item(s)"
                    + (minShare > 0 ? $", below --judge-min-share {minShare.ToString(CultureInfo.InvariantCulture)}" : "")
                    + $" ({outcomes.FirstOrDefault(o => !o.Score.IsApplicable)?.Score.Reason ?? "no reason"}); nothing was written.");
            }
            if (judge.Options.Mode == JudgeMode.Pairwise)
            {
                _runs.AddRange(outcomes.Select(o => o.Runs));
                var bias = PositionBias;
                if (bias is not null) r.Error.WriteLine($"judge: {bias}");
            }
            return outcomes;
        }

        private readonly List<IReadOnlyList<Scoring.Judging.SwappedVerdict>> _runs = [];

        /// <summary>The pairwise judge's position-bias diagnostics over every item judged in this run (null for a pointwise
        /// judge, or when no pair of verdicts came back).</summary>
        public PositionBiasFigures? PositionBias
        {
            get
            {
                var report = Scoring.Judging.PositionBias.Measure(_runs);
                return report.Pairs == 0 ? null : PositionBiasFigures.From(report);
            }
        }

        /// <summary>For calibrate/evaluate: the judge's samples as an external judgment named "judge" on every record.</summary>
        public List<LoggedOutput> AddJudgments(List<LoggedOutput> records)
        {
            var outcomes = JudgeAll([.. records.Select(x => x.Input)]);
            return [.. records.Select((x, i) => x with { Input = outcomes[i].AddTo(x.Input, JudgeDimension.DimensionName) })];
        }

        public void Dispose()
        {
            judge.Dispose();
            cache?.Dispose();
            baselineCache?.Dispose();
        }
    }

    /// <summary>A judge's progress on stderr while it works: items done of the distinct ones, calls, cache hits, failures,
    /// tokens and elapsed time, at every tenth of the items and at least every 5 seconds of silence.</summary>
    private sealed class JudgeProgress(TextWriter error, int total) : IProgress<JudgeOutcome>
    {
        private readonly Lock _gate = new();
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private int _done, _calls, _hits, _failed, _lastStep = -1;
        private long _tokens;
        private TimeSpan _lastLine;

        public void Report(JudgeOutcome value)
        {
            lock (_gate)
            {
                _done++;
                _calls += value.Calls;
                _hits += value.CacheHits;
                _tokens += value.InputTokens + value.OutputTokens;
                if (!value.Score.IsApplicable) _failed++;
                int step = total == 0 ? 10 : 10 * _done / total;
                if (step == _lastStep && _clock.Elapsed - _lastLine < TimeSpan.FromSeconds(5) && _done < total) return;
                _lastStep = step;
                _lastLine = _clock.Elapsed;
                error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"judge: {_done}/{total} item(s), {_calls} call(s), {_hits} cache hit(s), {_failed} failed, {_tokens} token(s), {_clock.Elapsed.TotalSeconds:0.0} s"));
            }
        }
    }

    /// <summary>The judge was asked for and judged too little: exit code 4, not a score computed without it.</summary>
    internal sealed class JudgeFailedException(string message) : Exception(message);

    /// <summary>A dimension whose scores were computed before (the judge's, per input object).</summary>
    internal sealed class Precomputed(string name, IReadOnlyList<ScoringInput> inputs, IReadOnlyList<DimensionScore> scores) : IQualityDimension
    {
        private readonly Dictionary<ScoringInput, DimensionScore> _scores = Index(inputs, scores);

        private static Dictionary<ScoringInput, DimensionScore> Index(IReadOnlyList<ScoringInput> inputs, IReadOnlyList<DimensionScore> scores)
        {
            var map = new Dictionary<ScoringInput, DimensionScore>(ReferenceEqualityComparer.Instance);
            for (int i = 0; i < inputs.Count; i++) map[inputs[i]] = scores[i];
            return map;
        }

        public string Name => name;

        public DimensionScore Score(ScoringInput input) =>
            _scores.TryGetValue(input, out var s) ? s : DimensionScore.NotApplicable("not judged in this run");
    }

}

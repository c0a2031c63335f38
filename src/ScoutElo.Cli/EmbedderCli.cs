using System.ClientModel;
using System.ClientModel.Primitives;
using System.CommandLine;
using Microsoft.Extensions.AI;
using OpenAI;
using ScoutElo.Scoring;
using ScoutElo.Scoring.AI;

namespace ScoutElo.Cli;

/// <summary>An embedding signal from the command line: an OpenAI-compatible embeddings endpoint through
/// Microsoft.Extensions.AI, cached per text in the same SQLite file as the judge's answers. <c>score</c> adds the dimension
/// <c>embedding</c> (the best cosine between the response and a reference), beside the lexical <c>semantic</c>, never
/// instead of it.</summary>
internal static class EmbedderCli
{
    public const string DimensionName = "embedding";

    public static readonly Option<string?> Embedder = new("--embedder") { Description = "minilm (all-MiniLM-L6-v2, offline) or an OpenAI-compatible embeddings endpoint (for example http://127.0.0.1:11434/v1); adds the 'embedding' (cosine of response and references) and 'embedding-source' (best cosine over 3-sentence source windows) dimensions." };
    public static readonly Option<string?> Model = new("--embedder-model") { Description = "The embedding model's name (required with --embedder URL)." };
    public static readonly Option<string?> KeyEnv = new("--embedder-key-env") { Description = "Environment variable holding the embeddings API key (default OPENAI_API_KEY; a local server needs none)." };

    public static Option[] All => [Embedder, Model, KeyEnv];

    /// <summary>The configured generator (cached unless --no-cache), or null without --embedder.</summary>
    public static (IEmbeddingGenerator<string, Embedding<float>> Generator, SqliteJudgeCache? Cache)? Create(CliContext r)
    {
        string? target = r.GetValue(Embedder);
        if (target is null)
        {
            foreach (var o in new Option[] { Model, KeyEnv })
            {
                if (r.GetResult(o) is { Implicit: false }) throw new ArgumentException($"{o.Name}: applies only with --embedder URL.");
            }
            return null;
        }
        if (target == "minilm")
        {
            // Offline: all-MiniLM-L6-v2 in process (ScoutElo.Scoring.Embeddings, an add-on the tool loads only here: see
            // Addons); fast enough that no disk cache is needed, and it caches repeated texts in memory itself.
            if (r.GetResult(Model) is { Implicit: false } || r.GetResult(KeyEnv) is { Implicit: false })
                throw new ArgumentException("--embedder-model: does not apply to --embedder minilm (the model is all-MiniLM-L6-v2).");
            var generator = Addons.LoadMiniLm(Addons.Root(null));
            r.Error.WriteLine("loaded all-MiniLM-L6-v2 (offline)");
            return (generator, null);
        }
        var uri = JudgeCli.EndpointUri("--embedder", target);
        string model = r.GetValue(Model) ?? throw new ArgumentException("--embedder-model: required with --embedder URL (the embedding model's name).");
        var (credential, redactor) = JudgeCli.Credential(r, KeyEnv, uri);
        var cache = JudgeCli.OpenCache(r, $"{SecretRedactor.WithoutUserInfo(uri).AbsoluteUri.TrimEnd('/')}|{model}|embeddings");
        var options = new OpenAIClientOptions { Endpoint = uri, RetryPolicy = new ClientRetryPolicy(2), NetworkTimeout = TimeSpan.FromSeconds(60) };
        IEmbeddingGenerator<string, Embedding<float>> inner = redactor.Wrap(new OpenAI.Embeddings.EmbeddingClient(model, credential, options).AsIEmbeddingGenerator());
        // Cached per text by Microsoft.Extensions.AI's distributed caching generator over the same SQLite file as the judge.
        return (cache is null ? inner : new EmbeddingGeneratorBuilder<string, Embedding<float>>(inner).UseDistributedCache(cache).Build(), cache);
    }

    /// <summary>The embedding signals of a run, computed once: <c>embedding</c> (response against references) and
    /// <c>embedding-source</c> (best response cosine over 3-sentence source windows). Calibration decides their weights.</summary>
    public static IEnumerable<IQualityDimension> Dimensions(CliContext r, IEmbeddingGenerator<string, Embedding<float>> generator, IReadOnlyList<ScoringInput> inputs)
    {
        r.Error.WriteLine($"embedding {inputs.Count} input(s)...");
        var reference = new EmbeddingSemanticDimension(generator).ScoreBatchAsync(inputs).GetAwaiter().GetResult();
        var source = new EmbeddingSourceDimension(generator).ScoreBatchAsync(inputs).GetAwaiter().GetResult();
        return [new JudgeCli.Precomputed(DimensionName, inputs, reference), new JudgeCli.Precomputed(EmbeddingSourceDimension.DimensionName, inputs, source)];
    }
}

// The README's LLM-judge snippet, complete and compiled by CI. Needs an Ollama server (http://localhost:11434) with the two
// models pulled; without one every judgment degrades to "not applicable" with a diagnostic, and the composite falls back
// to the built-in dimensions.
// snippet:begin judge
using Microsoft.Extensions.AI;
using OllamaSharp;
using ScoutElo.Scoring;
using ScoutElo.Scoring.AI;
using ScoutElo.Scoring.Dimensions;

var endpoint = new Uri(Environment.GetEnvironmentVariable("OLLAMA_URL") ?? "http://localhost:11434");
// The judge builds prompts and parses answers; timeouts and retries (Polly) and a cache (any IDistributedCache) are composed
// around the endpoint's client with ChatClientBuilder, as for any Microsoft.Extensions.AI client.
var resilience = new JudgeResilienceOptions { Timeout = TimeSpan.FromSeconds(20), MaxRetries = 1, MaxConsecutiveFailures = 5 };
IChatClient Judge(string model) => new ChatClientBuilder(new OllamaApiClient(endpoint, model)).UseJudgeResilience(resilience).Build();
IChatClient chat = Judge("llama3.1");                                // the judge (or OpenAI, Azure, ONNX... any IChatClient)
IChatClient average = new OllamaApiClient(endpoint, "llama3.2:1b");  // the "average LLM" that answers the same query
IChatClient second = Judge("qwen2.5:7b");                            // a second judge for the panel

var input = new ScoringInput
{
    Task = TaskKind.Qa,
    Query = "who wrote the play hamlet",
    Response = "Hamlet was written by William Shakespeare around 1600.",
    References = ["William Shakespeare"],
};
var options = new JudgeOptions { MaxConcurrency = 2 };
var judge = new JudgeDimension(chat, options with
{
    Mode = JudgeMode.Pairwise,
    Baseline = async (x, ct) => (await average.GetResponseAsync(x.Query, cancellationToken: ct)).Text,
});
JudgeOutcome verdict = await judge.JudgeAsync(input);  // score or n/a + diagnostic, tokens, duration, cache hits
Console.WriteLine($"pairwise judge: {verdict.Score}");

var panel = new JudgePanel([judge, new JudgeDimension(second, options)]);   // median of several judges
var scorer = new AsyncQualityScorer(BuiltInDimensions.Create(), [panel]); // built-ins + judges in one composite
QualityReport report = await scorer.ScoreAsync(input);
// snippet:end
Console.WriteLine($"composite {report.Composite}");
foreach (var d in report.Dimensions) Console.WriteLine($"  {d.Name,-13} {d.Score}");

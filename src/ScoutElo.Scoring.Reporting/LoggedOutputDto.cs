using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Reporting;

internal sealed class LoggedOutputDto
{
    [JsonPropertyName("round")] public string? Round { get; set; } // traffic only (first on a traffic line)
    [JsonPropertyName("request")] public string? Request { get; set; } // traffic only
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("task")] public string? Task { get; set; }
    [JsonPropertyName("query")] public string? Query { get; set; }
    [JsonPropertyName("context")] public string? Context { get; set; }
    [JsonPropertyName("response")] public string? Response { get; set; }
    [JsonPropertyName("references")] public List<string?>? References { get; set; }
    [JsonPropertyName("node")] public string? Node { get; set; }
    [JsonPropertyName("metrics")] public MetricsDto? Metrics { get; set; }
    [JsonPropertyName("samples")] public List<string?>? Samples { get; set; }
    [JsonPropertyName("logprobs")] public List<double>? LogProbs { get; set; }
    [JsonPropertyName("judgments")] public SortedDictionary<string, List<double>?>? Judgments { get; set; }
    [JsonPropertyName("labels")] public SortedDictionary<string, double?>? Labels { get; set; }

    // Traffic fields (TrafficJsonl); the logged-output reader ignores them like any unknown field.
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("spot_check")] public SpotCheckDto? SpotCheck { get; set; }
    [JsonPropertyName("baseline_verdicts")] public List<double>? BaselineVerdicts { get; set; }
    [JsonPropertyName("tokens")] public TokensDto? Tokens { get; set; }
}

internal sealed class TokensDto
{
    [JsonPropertyName("ids")] public List<int>? Ids { get; set; }
    [JsonPropertyName("logprobs")] public List<double>? Logprobs { get; set; }
    [JsonPropertyName("top")] public List<List<TopDto>?>? Top { get; set; }
    [JsonPropertyName("sampling")] public SamplingDto? Sampling { get; set; }
    [JsonPropertyName("reference")] public ReferenceDto? Reference { get; set; } // nested: a top-level "reference" is RAGAS's gold answer
}

internal sealed class ReferenceDto
{
    [JsonPropertyName("ids")] public List<int>? Ids { get; set; }
    [JsonPropertyName("logprobs")] public List<double>? Logprobs { get; set; }
    [JsonPropertyName("ranks")] public List<int>? Ranks { get; set; }
    [JsonPropertyName("top")] public List<List<TopDto>?>? Top { get; set; }
    [JsonPropertyName("margins")] public List<double>? Margins { get; set; }
}

internal sealed class TopDto
{
    [JsonPropertyName("id")] public int Id { get; set; }
    [JsonPropertyName("logprob")] public double Logprob { get; set; }
}

internal sealed class SamplingDto
{
    [JsonPropertyName("temperature")] public double? Temperature { get; set; }
    [JsonPropertyName("top_p")] public double? TopP { get; set; }
    [JsonPropertyName("seed")] public long? Seed { get; set; }
    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; set; }
}

internal sealed class SpotCheckDto
{
    [JsonPropertyName("response")] public string? Response { get; set; }
    [JsonPropertyName("judgments")] public SortedDictionary<string, List<double>?>? Judgments { get; set; }
}

internal sealed class MetricsDto
{
    [JsonPropertyName("latency_ms")] public double? LatencyMs { get; set; }
    [JsonPropertyName("ttft_ms")] public double? TtftMs { get; set; }
    [JsonPropertyName("output_tokens")] public double? OutputTokens { get; set; }
    [JsonPropertyName("cost_usd")] public double? CostUsd { get; set; }
    [JsonPropertyName("uptime")] public double? Uptime { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(LoggedOutputDto))]
internal sealed partial class LoggedOutputJsonContext : JsonSerializerContext;

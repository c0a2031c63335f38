using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.ProofOfQuality;

internal sealed class TrustDto
{
    [JsonPropertyName("initial")] public double Initial { get; set; }
    [JsonPropertyName("learningRate")] public double LearningRate { get; set; }
    [JsonPropertyName("floor")] public double Floor { get; set; }
    [JsonPropertyName("tolerance")] public double Tolerance { get; set; }
    [JsonPropertyName("trust")] public SortedDictionary<string, double>? Trust { get; set; }
}

[JsonSerializable(typeof(TrustDto))]
internal sealed partial class PoqJsonContext : JsonSerializerContext;

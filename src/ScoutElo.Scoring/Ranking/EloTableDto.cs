using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Ranking;

internal sealed class EloTableDto
{
    [JsonPropertyName("initialRating")] public double InitialRating { get; set; }
    [JsonPropertyName("k")] public double? K { get; set; }
    [JsonPropertyName("fide")] public bool Fide { get; set; }
    [JsonPropertyName("nodes")] public List<EloNodeDto>? Nodes { get; set; }
}

internal sealed class EloNodeDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("rating")] public double Rating { get; set; }
    [JsonPropertyName("games")] public int Games { get; set; }
}

[JsonSerializable(typeof(EloTableDto))]
internal sealed partial class RankingJsonContext : JsonSerializerContext;

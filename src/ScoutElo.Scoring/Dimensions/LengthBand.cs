namespace ScoutElo.Scoring.Dimensions;

/// <summary>An expected response length band in words, inclusive.</summary>
/// <param name="MinWords">Lower bound (at least 1).</param>
/// <param name="MaxWords">Upper bound (at least <paramref name="MinWords"/>).</param>
public sealed record LengthBand(int MinWords, int MaxWords);

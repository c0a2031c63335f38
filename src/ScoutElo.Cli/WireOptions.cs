using ScoutElo.Scoring;

namespace ScoutElo.Cli;

/// <summary>String options whose values are an enum's wire names (<see cref="WireName"/>): parsed, suggested and listed from
/// the one vocabulary the enum declares.</summary>
internal static class WireOptions
{
    /// <summary>Parses <paramref name="value"/> of <paramref name="flag"/>, or fails naming the flag, the closest wire name and
    /// all of them.</summary>
    public static TEnum Parse<TEnum>(string flag, string noun, string value) where TEnum : struct, Enum =>
        WireName.TryParse<TEnum>(value, out var parsed)
            ? parsed
            : throw new ArgumentException($"{flag}: unknown {noun} '{value}'{Cli.Suggest(value, [.. WireName.All<TEnum>()])}");

}

using System.Text.Json.Serialization;

namespace ScoutElo.Cli.Commands.Rank;

/// <summary>How <c>scoutelo rank</c> rates (the wire names are the <c>--method</c> values).</summary>
internal enum RankMethod
{
    /// <summary>Online Elo with bootstrap intervals.</summary>
    [JsonStringEnumMemberName("elo")] Elo,
    /// <summary>Elo in rating periods.</summary>
    [JsonStringEnumMemberName("elo-batch")] EloBatch,
    /// <summary>The arena's median of shuffled-bootstrap online Elo.</summary>
    [JsonStringEnumMemberName("elo-median")] EloMedian,
    /// <summary>Glicko-2 in rating periods.</summary>
    [JsonStringEnumMemberName("glicko2")] Glicko2,
    /// <summary>Bradley–Terry maximum likelihood.</summary>
    [JsonStringEnumMemberName("bt")] BradleyTerry,
}

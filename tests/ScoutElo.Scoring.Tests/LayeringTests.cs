using System.Text.RegularExpressions;

namespace ScoutElo.Scoring.Tests;

/// <summary>Issues 14 and 20: the parts stay apart. Proof of Quality and Ranking never reference each other; only Network joins
/// them (the simulation package uses Network, never Ranking); the model and the dimensions do not depend on calibration, and the
/// model knows of the dimensions only their plug-in interfaces; Serialization does not map Calibration, PoQ or Ranking types
/// (each part owns its DTOs); Network does not use Serialization (traffic JSONL lives in Serialization and uses Network);
/// Internal is the bottom layer and references no part. Checked on the sources (code lines, not XML docs).</summary>
public sealed class LayeringTests
{
    public static TheoryData<string, string[]> Rules() => new()
    {
        { "", ["Calibration", "ProofOfQuality", "Ranking", "Network", "Serialization", "Simulation"] }, // the model (root namespace files)
        { "Dimensions", ["Calibration", "ProofOfQuality", "Ranking", "Network", "Simulation"] },
        { "Text", ["Calibration", "ProofOfQuality", "Ranking", "Network", "Simulation", "Dimensions"] },
        { "ProofOfQuality", ["Ranking", "Network", "Simulation", "Calibration"] },
        { "Ranking", ["ProofOfQuality", "Network", "Simulation", "Calibration"] },
        { "Calibration", ["ProofOfQuality", "Ranking", "Network", "Simulation"] },
        { "Serialization", ["Calibration", "ProofOfQuality", "Ranking", "Simulation"] },
        { "Network", ["Calibration", "Serialization", "Simulation"] },
        { "Internal", ["Calibration", "ProofOfQuality", "Ranking", "Network", "Simulation", "Dimensions", "Serialization"] }, // the bottom layer
        { "../ScoutElo.Scoring.Simulation", ["Ranking", "Calibration"] }, // the traffic generator settles through Network
    };

    [Fact]
    public void The_model_knows_only_the_plug_in_interfaces_of_the_dimensions()
    {
        string dir = Path.Combine(ApiSnapshot.RepositoryRoot(), "src", "ScoutElo.Scoring");
        var dimensionTypes = Directory.EnumerateFiles(Path.Combine(dir, "Dimensions"), "*.cs").Select(Path.GetFileNameWithoutExtension)
            .Where(n => n is not ("IQualityDimension" or "IAsyncQualityDimension")).ToList();
        Assert.Contains("BuiltInDimensions", dimensionTypes);
        var offences = Directory.EnumerateFiles(dir, "*.cs", SearchOption.TopDirectoryOnly)
            .SelectMany(f => File.ReadLines(f).Select((l, i) => (File: Path.GetFileName(f), Line: l.Trim(), Number: i + 1)))
            .Where(x => !x.Line.StartsWith("//", StringComparison.Ordinal))
            .Where(x => dimensionTypes.Any(t => Regex.IsMatch(x.Line, $@"\b{t}\b")))
            .Select(x => $"{x.File}:{x.Number}: {x.Line}").ToList();
        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    [Fact]
    public void Only_the_network_joins_proof_of_quality_and_ranking()
    {
        string src = Path.Combine(ApiSnapshot.RepositoryRoot(), "src");
        var joiners = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f =>
            {
                var code = File.ReadLines(f).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)).ToList();
                return code.Any(l => Regex.IsMatch(l, @"ScoutElo\.Scoring\.ProofOfQuality\b|\bProofOfQuality\.[A-Z]"))
                    && code.Any(l => Regex.IsMatch(l, @"ScoutElo\.Scoring\.Ranking\b|\bRanking\.[A-Z]"));
            })
            .Select(f => Path.GetRelativePath(src, f)).ToList();
        Assert.NotEmpty(joiners);
        Assert.All(joiners, f => Assert.StartsWith(Path.Combine("ScoutElo.Scoring", "Network"), f, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_part_does_not_reference_the_parts_it_must_not_know(string part, string[] forbidden)
    {
        string dir = Path.GetFullPath(Path.Combine(ApiSnapshot.RepositoryRoot(), "src", "ScoutElo.Scoring", part));
        var files = Directory.EnumerateFiles(dir, "*.cs", part.Length == 0 ? SearchOption.TopDirectoryOnly : SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var offences = new List<string>();
        foreach (var file in files)
        {
            var code = File.ReadLines(file).Select((l, i) => (Line: l.Trim(), Number: i + 1)).Where(x => !x.Line.StartsWith("//", StringComparison.Ordinal));
            foreach (var (line, number) in code)
            {
                foreach (var other in forbidden)
                {
                    if (Regex.IsMatch(line, $@"(^using ScoutElo\.Scoring\.{other}\b)|(\b(ScoutElo\.Scoring\.)?{other}\.[A-Z])"))
                        offences.Add($"{Path.GetFileName(file)}:{number} references {other}: {line}");
                }
            }
        }
        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    [Fact]
    public void Only_the_dimensions_part_constructs_the_built_in_dimensions()
    {
        string src = Path.Combine(ApiSnapshot.RepositoryRoot(), "src", "ScoutElo.Scoring");
        string dims = Path.Combine(src, "Dimensions");
        var builtIns = Directory.EnumerateFiles(dims, "*Dimension.cs").Select(Path.GetFileNameWithoutExtension).Where(n => !n!.StartsWith('I')).ToList();
        Assert.Contains("SalienceDimension", builtIns);
        var offences = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(dims, StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((l, i) => (File: Path.GetFileName(f), Line: l, Number: i + 1)))
            .Where(x => builtIns.Any(d => x.Line.Contains($"new {d}(", StringComparison.Ordinal)))
            .Select(x => $"{x.File}:{x.Number}: {x.Line.Trim()}")
            .ToList();
        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }
}

using System.Text.RegularExpressions;

namespace ScoutElo.Scoring.Tests;

/// <summary>Issue 14: the parts stay apart. Proof of Quality and Ranking never reference each other; only Simulation joins
/// scoring, PoQ and ranking; the model and the dimensions do not depend on calibration; Internal is the bottom layer and
/// references no part. Checked on the sources (code lines,
/// not XML docs) of the core library.</summary>
public sealed class LayeringTests
{
    public static TheoryData<string, string[]> Rules() => new()
    {
        { "", ["Calibration", "ProofOfQuality", "Ranking", "Simulation"] }, // the model (root namespace files)
        { "Dimensions", ["Calibration", "ProofOfQuality", "Ranking", "Simulation"] },
        { "Text", ["Calibration", "ProofOfQuality", "Ranking", "Simulation", "Dimensions"] },
        { "ProofOfQuality", ["Ranking", "Simulation", "Calibration"] },
        { "Ranking", ["ProofOfQuality", "Simulation", "Calibration"] },
        { "Calibration", ["ProofOfQuality", "Ranking", "Simulation"] },
        { "Internal", ["Calibration", "ProofOfQuality", "Ranking", "Simulation", "Dimensions", "Serialization"] }, // the bottom layer
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_part_does_not_reference_the_parts_it_must_not_know(string part, string[] forbidden)
    {
        string dir = Path.Combine(ApiSnapshot.RepositoryRoot(), "src", "ScoutElo.Scoring", part);
        var files = Directory.EnumerateFiles(dir, "*.cs", part.Length == 0 ? SearchOption.TopDirectoryOnly : SearchOption.AllDirectories);
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

using System.Text.RegularExpressions;

namespace ScoutElo.Scoring.Tests;

/// <summary>Issues 14, 20 and 33: the parts stay apart. Proof of Quality and Ranking never reference each other; only Network
/// joins them (the simulation package uses Network, never Ranking); the model and the dimensions do not depend on
/// calibration, and the model knows of the dimensions nothing (their plug-in interfaces are model types); Internal is the
/// bottom layer; the core has no formats (they live in ScoutElo.Scoring.Reporting, which the core cannot reference).
/// Checked on the namespace graph of the sources, which also sees qualified names, and no namespace of src/ is in a
/// circle.</summary>
public sealed class LayeringTests
{
    private const string Core = "ScoutElo.Scoring";

    private static readonly Lazy<NamespaceGraph> Graph = new(() => NamespaceGraph.Read(Path.Combine(ApiSnapshot.RepositoryRoot(), "src")));

    public static TheoryData<string, string[]> Rules() => new()
    {
        { "", ["Dimensions", "Calibration", "ProofOfQuality", "Ranking", "Network", "Reporting", "Simulation"] }, // the model (root namespace)
        { "Dimensions", ["Calibration", "ProofOfQuality", "Ranking", "Network", "Reporting", "Simulation"] },
        { "Text", ["Calibration", "ProofOfQuality", "Ranking", "Network", "Reporting", "Simulation", "Dimensions"] },
        { "ProofOfQuality", ["Ranking", "Network", "Reporting", "Simulation", "Calibration"] },
        { "Ranking", ["ProofOfQuality", "Network", "Reporting", "Simulation", "Calibration"] },
        { "Calibration", ["ProofOfQuality", "Ranking", "Network", "Reporting", "Simulation"] },
        { "Network", ["Calibration", "Reporting", "Simulation"] },
        { "Internal", ["Calibration", "ProofOfQuality", "Ranking", "Network", "Reporting", "Simulation", "Dimensions"] }, // the bottom layer
        { "Simulation", ["Ranking", "Calibration", "Reporting"] }, // the traffic generator settles through Network
        { "Judging", ["Calibration", "ProofOfQuality", "Ranking", "Network", "Reporting", "Simulation", "Dimensions"] }, // verdicts and their guarantee: below the engine
        { "Verification", ["Calibration", "ProofOfQuality", "Ranking", "Network", "Reporting", "Simulation", "Dimensions"] }, // evidence in, verdicts out: below the engine
    };

    [Fact]
    public void No_namespace_of_the_sources_is_in_a_circle()
    {
        var circles = Graph.Value.Circles();
        Assert.True(circles.Count == 0, string.Join(Environment.NewLine, circles.Select(c => string.Join(" <-> ", c) + ": "
            + string.Join("; ", c.SelectMany(a => c.Where(b => Graph.Value.Edges.GetValueOrDefault(a)?.ContainsKey(b) == true)
                .Select(b => $"{a} -> {b} ({string.Join(", ", Graph.Value.Edges[a][b].Take(5))})"))))));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_part_does_not_reference_the_parts_it_must_not_know(string part, string[] forbidden)
    {
        string from = part.Length == 0 ? Core : Core + "." + part;
        var offences = Graph.Value.Edges
            .Where(e => e.Key == from || (part.Length > 0 && e.Key.StartsWith(from + ".", StringComparison.Ordinal)))
            .SelectMany(e => e.Value.Where(t => forbidden.Any(f => t.Key == Core + "." + f || t.Key.StartsWith(Core + "." + f + ".", StringComparison.Ordinal)))
                .Select(t => $"{e.Key} -> {t.Key}: {string.Join(", ", t.Value.Take(5))}"))
            .ToList();
        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    [Fact]
    public void The_core_has_no_serialization_namespace_and_references_no_other_package()
    {
        string core = Path.Combine(ApiSnapshot.RepositoryRoot(), "src", "ScoutElo.Scoring");
        Assert.False(Directory.Exists(Path.Combine(core, "Serialization")));
        string project = File.ReadAllText(Path.Combine(core, "ScoutElo.Scoring.csproj"));
        Assert.DoesNotContain("<ProjectReference", project, StringComparison.Ordinal);
        Assert.Equal(["MathNet.Numerics", "System.Numerics.Tensors"],
            Regex.Matches(project, "<PackageReference Include=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
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

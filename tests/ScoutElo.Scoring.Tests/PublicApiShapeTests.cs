using System.Reflection;

namespace ScoutElo.Scoring.Tests;

public sealed class PublicApiShapeTests
{
    // The core package; each optional package runs the same rules (PackageShape) in its own test project.
    private static readonly Assembly Core = typeof(ScoringInput).Assembly;

    [Fact]
    public void Every_public_class_is_sealed_static_or_abstract() => PackageShape.PublicClassesAreSealedStaticOrAbstract(Core);

    [Fact]
    public void No_public_type_exposes_a_mutable_field() => PackageShape.NoPublicMutableField(Core);

    [Fact]
    public void No_public_property_has_a_public_setter_other_than_init() => PackageShape.NoPublicSetterOtherThanInit(Core);

    [Fact]
    public void Namespaces_are_the_documented_ones()
    {
        var unexpected = typeof(ScoringInput).Assembly.GetExportedTypes().Select(t => t.Namespace).Distinct()
            .Where(n => n is not ("ScoutElo.Scoring" or "ScoutElo.Scoring.Dimensions" or "ScoutElo.Scoring.Text" or "ScoutElo.Scoring.Calibration"
                or "ScoutElo.Scoring.ProofOfQuality" or "ScoutElo.Scoring.Ranking" or "ScoutElo.Scoring.Network" or "ScoutElo.Scoring.Verification" or "ScoutElo.Scoring.Judging")).ToList();
        Assert.True(unexpected.Count == 0, "unexpected namespaces: " + string.Join(", ", unexpected));
    }

    [Fact]
    public void The_public_api_matches_the_approved_snapshot() => ApiSnapshot.Verify(typeof(ScoringInput).Assembly, "ScoutElo.Scoring");

    [Fact]
    public void Every_source_file_declares_at_most_one_public_type()
    {
        var root = ApiSnapshot.RepositoryRoot();
        var decl = new System.Text.RegularExpressions.Regex(@"^public\s+(?:(?:sealed|static|abstract|readonly|partial)\s+)*(?:record\s+struct|record|class|struct|interface|enum)\s+(\w+)", System.Text.RegularExpressions.RegexOptions.Multiline);
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(root, f), Types: decl.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value).Distinct().ToList()))
            .Where(x => x.Types.Count > 1)
            .Select(x => $"{x.File}: {string.Join(", ", x.Types)}").ToList();
        Assert.True(offenders.Count == 0, "files with several public types: " + string.Join("; ", offenders));
    }
}

using System.Reflection;
using System.Xml.Linq;

namespace ScoutElo.Scoring.Tests;

public sealed class PublicApiShapeTests
{
    private static readonly Type[] Exported = typeof(ScoringInput).Assembly.GetExportedTypes();

    [Fact]
    public void Every_public_class_is_sealed_static_or_abstract() =>
        Assert.Empty(Exported.Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract).Select(t => t.FullName));

    [Fact]
    public void No_public_type_exposes_a_mutable_field() =>
        Assert.Empty(Exported.SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Where(f => !f.IsInitOnly && !f.IsLiteral && !f.DeclaringType!.IsEnum)
            .Select(f => $"{f.DeclaringType!.Name}.{f.Name}"));

    [Fact]
    public void No_public_property_has_a_public_setter_other_than_init() =>
        Assert.Empty(Exported.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.DeclaringType!.Assembly == typeof(ScoringInput).Assembly && p.SetMethod is { IsPublic: true } set
                && !set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}"));

    [Fact]
    public void Namespaces_are_the_documented_ones()
    {
        var unexpected = Exported.Select(t => t.Namespace).Distinct()
            .Where(n => n is not ("ScoutElo.Scoring" or "ScoutElo.Scoring.Dimensions" or "ScoutElo.Scoring.Text" or "ScoutElo.Scoring.Calibration"
                or "ScoutElo.Scoring.ProofOfQuality" or "ScoutElo.Scoring.Ranking" or "ScoutElo.Scoring.Serialization"
                or "ScoutElo.Scoring.Simulation")).ToList();
        Assert.True(unexpected.Count == 0, "unexpected namespaces: " + string.Join(", ", unexpected));
    }

    [Fact]
    public void Every_public_type_has_xml_documentation()
    {
        string xml = Path.ChangeExtension(typeof(ScoringInput).Assembly.Location, ".xml");
        Assert.True(File.Exists(xml), $"documentation file {xml} was not generated");
        var documented = XDocument.Load(xml).Descendants("member").Select(m => (string)m.Attribute("name")!).ToHashSet();
        Assert.Empty(Exported.Where(t => !documented.Contains("T:" + t.FullName!.Replace('+', '.'))).Select(t => t.FullName));
    }
}

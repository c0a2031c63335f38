using System.Xml.Linq;

namespace ScoutElo.Scoring.AI.Tests;

public sealed class PublicApiShapeTests
{
    private static readonly Type[] Exported = typeof(JudgeDimension).Assembly.GetExportedTypes();

    [Fact]
    public void Every_public_class_is_sealed_static_or_abstract() =>
        Assert.Empty(Exported.Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract).Select(t => t.FullName));

    [Fact]
    public void Every_public_type_has_xml_documentation()
    {
        var documented = XDocument.Load(Path.ChangeExtension(typeof(JudgeDimension).Assembly.Location, ".xml")).Descendants("member").Select(m => (string)m.Attribute("name")!).ToHashSet();
        Assert.Empty(Exported.Where(t => !documented.Contains("T:" + t.FullName)).Select(t => t.FullName));
    }
}

using System.Text.RegularExpressions;

namespace ScoutElo.Scoring.Tests;

/// <summary>Issue 33: the README's C# tour compiles. The solution builds samples/ReadmeTour, whose Program.cs must be the
/// README's code block between the tour markers, character for character (line endings aside).</summary>
public sealed class ReadmeTourTests
{
    [Fact]
    public void The_readme_tour_is_the_compiled_sample()
    {
        string root = ApiSnapshot.RepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var block = Regex.Match(readme, "<!-- tour:begin -->\n```csharp\n(.*?)```\n<!-- tour:end -->", RegexOptions.Singleline);
        Assert.True(block.Success, "README.md has no ```csharp block between <!-- tour:begin --> and <!-- tour:end -->");
        string compiled = File.ReadAllText(Path.Combine(root, "samples", "ReadmeTour", "Program.cs")).ReplaceLineEndings("\n");
        Assert.True(block.Groups[1].Value == compiled,
            "The README's tour differs from samples/ReadmeTour/Program.cs (which the build compiles): change both together.");
    }

    [Fact]
    public void The_readme_stays_short_and_links_the_references()
    {
        string root = ApiSnapshot.RepositoryRoot();
        var lines = File.ReadAllLines(Path.Combine(root, "README.md"));
        Assert.True(lines.Length <= 250, $"README.md has {lines.Length} lines; the reference belongs in docs/.");
        foreach (var doc in new[] { "docs/cli.md", "docs/api.md", "docs/formulas.md" })
        {
            Assert.Contains(lines, l => l.Contains($"({doc})", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(root, doc)), doc + " is linked from the README but missing");
        }
    }
}

using System.Text.RegularExpressions;

namespace ScoutElo.Scoring.Tests;

/// <summary>Issue 33: the C# snippets of docs/ compile. Every ```csharp block of docs/*.md is preceded by a
/// <c>&lt;!-- snippet: PATH#NAME --&gt;</c> marker naming a region (<c>// snippet:begin NAME</c> … <c>// snippet:end</c>) of a
/// sample the solution builds, and the block is that region, dedented, character for character.</summary>
public sealed partial class DocSnippetTests
{
    public static TheoryData<string> Docs()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(ApiSnapshot.RepositoryRoot(), "docs"), "*.md").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Docs))]
    public void Every_csharp_block_is_a_compiled_region(string doc)
    {
        string root = ApiSnapshot.RepositoryRoot();
        string text = File.ReadAllText(Path.Combine(root, "docs", doc)).ReplaceLineEndings("\n");
        foreach (Match block in CSharpBlock().Matches(text))
        {
            int line = text[..block.Index].Count(c => c == '\n') + 1;
            var marker = Marker().Match(block.Groups["marker"].Value);
            Assert.True(marker.Success, $"docs/{doc}:{line}: a ```csharp block without a <!-- snippet: PATH#NAME --> marker on the line before it.");
            string path = Path.Combine(root, marker.Groups["path"].Value);
            Assert.True(File.Exists(path), $"docs/{doc}:{line}: the snippet's file {marker.Groups["path"].Value} does not exist.");
            string region = Region(File.ReadAllText(path).ReplaceLineEndings("\n"), marker.Groups["name"].Value, $"docs/{doc}:{line}");
            Assert.True(region == block.Groups["code"].Value,
                $"docs/{doc}:{line}: the block differs from region '{marker.Groups["name"].Value}' of {marker.Groups["path"].Value} (which the build compiles): change both together.");
        }
    }

    [Fact]
    public void The_snippet_samples_are_in_the_solution()
    {
        string sln = File.ReadAllText(Path.Combine(ApiSnapshot.RepositoryRoot(), "ScoutElo.Scoring.sln"));
        Assert.Contains(@"samples\DocSnippets\DocSnippets.csproj", sln, StringComparison.Ordinal);
        Assert.Contains(@"samples\JudgeQuickStart\JudgeQuickStart.csproj", sln, StringComparison.Ordinal);
    }

    /// <summary>The lines between the region's markers, with their common indentation removed, each ending in a newline.</summary>
    private static string Region(string source, string name, string where)
    {
        var lines = source.Split('\n');
        int begin = Array.FindIndex(lines, l => l.Trim() == "// snippet:begin " + name);
        Assert.True(begin >= 0, $"{where}: no region '{name}'.");
        int end = Array.FindIndex(lines, begin + 1, l => l.Trim() == "// snippet:end");
        Assert.True(end > begin, $"{where}: region '{name}' has no end.");
        var body = lines[(begin + 1)..end];
        int indent = body.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
        return string.Concat(body.Select(l => (l.Length >= indent ? l[indent..] : l.TrimStart(' ')) + "\n"));
    }

    [GeneratedRegex(@"(?<marker>[^\n]*)\n```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^<!-- snippet: (?<path>[^#\s]+)#(?<name>[\w-]+) -->$")]
    private static partial Regex Marker();
}

using static ScoutElo.Cli.Tests.CliBadInputTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 38: the MiniLM embedder is an add-on the tool loads only for <c>--embedder minilm</c>. Installing it for real
/// (restore and publish from a feed) and scoring with it is what <c>.ci/readme-check</c> runs from the README; these tests
/// check the refusals and that a failed install changes nothing.</summary>
public sealed class CliAddonTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("scoutelo-addons-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_missing_addon_is_one_sentence_with_the_command_that_installs_it()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Addons.LoadMiniLm(root, preferLoaded: false));
        Assert.Contains("scoutelo addon install minilm", e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(root, "minilm", Addons.ToolVersion), e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void An_unknown_addon_is_refused_with_a_suggestion()
    {
        var (code, stdout, stderr) = Run("addon", "install", "minlm", "--dir", root);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("did you mean 'minilm'", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [Fact]
    public void List_says_where_it_looks_and_what_is_missing()
    {
        var (code, stdout, _) = Run("addon", "list", "--dir", root);
        Assert.Equal(0, code);
        Assert.Contains(root, stdout, StringComparison.Ordinal);
        Assert.Contains("minilm   not installed (scoutelo addon install minilm)", stdout, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(root, "minilm", Addons.ToolVersion));
        Assert.Contains("minilm   installed", Run("addon", "list", "--dir", root).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_install_leaves_the_previous_one_as_it_was()
    {
        string installed = Path.Combine(root, "minilm", Addons.ToolVersion);
        Directory.CreateDirectory(installed);
        File.WriteAllText(Path.Combine(installed, "marker"), "previous");
        // A feed folder that does not exist: the restore fails, so the publish does.
        var (code, stdout, stderr) = Run("addon", "install", "minilm", "--dir", root, "--source", Path.Combine(root, "no-such-feed"));
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("nothing was installed", stderr, StringComparison.Ordinal);
        Assert.Equal("previous", File.ReadAllText(Path.Combine(installed, "marker")));
        Assert.Equal([installed], Directory.GetFileSystemEntries(Path.Combine(root, "minilm")));
    }
}

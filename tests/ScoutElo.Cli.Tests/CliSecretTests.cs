using System.Text;
using static ScoutElo.Cli.Tests.CliBadInputTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 34: an API key, URL credentials and an endpoint that echoes them never reach stdout, stderr, the output
/// file, the cache or <c>cache stats</c>.</summary>
public sealed class CliSecretTests
{
    [Fact]
    public async Task An_echoing_endpoint_and_url_credentials_leave_no_secret_anywhere()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.EchoCredentials = true;
        server.Script = (_, _) => (500, "", TimeSpan.Zero);
        string key = "sk-test-" + Guid.NewGuid().ToString("N");
        string keyVar = "SCOUTELO_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(keyVar, key);
        string password = "Pw" + Guid.NewGuid().ToString("N");
        string url = server.BaseUrl.Replace("http://", $"http://user:{password}@", StringComparison.Ordinal);
        string dir = TempDirectory();
        string cache = Path.Combine(dir, "cache.db");
        string data = Temp("d.jsonl", "{\"id\":\"1\",\"task\":\"qa\",\"query\":\"q?\",\"response\":\"an answer\",\"references\":[\"an answer\"]}\n");
        var judged = Run("score", "--data", data, "--out", Path.Combine(dir, "judged.jsonl"), "--judge-endpoint", url, "--judge-model", "judge-1",
            "--judge-key-env", keyVar, "--cache", cache, "--judge-timeout", "10");
        var embedded = Run("score", "--data", data, "--out", Path.Combine(dir, "embedded.jsonl"), "--embedder", url, "--embedder-model", "emb-1",
            "--embedder-key-env", keyVar, "--cache", cache);
        var stats = Run("cache", "stats", "--cache", cache, "--json");
        var badUrl = Run("score", "--data", data, "--out", Path.Combine(dir, "x.jsonl"), "--judge-endpoint", $"ftp://user:{password}@host/v1", "--judge-model", "m");
        Assert.Contains(key, server.LastAuthorization, StringComparison.Ordinal); // the endpoint did see (and echo) the key
        Assert.Equal(4, judged.Code); // the judge judged nothing: exit 4, nothing written, the reason on stderr
        Assert.False(File.Exists(Path.Combine(dir, "judged.jsonl")));
        Assert.Equal(0, embedded.Code);
        Assert.Equal(1, badUrl.Code);
        Assert.Contains("scripted failure", judged.Err, StringComparison.Ordinal); // the reason is said, redacted
        Assert.Contains("invalid key", File.ReadAllText(Path.Combine(dir, "embedded.jsonl")), StringComparison.Ordinal);
        var places = new Dictionary<string, string>
        {
            ["score stdout"] = judged.Out, ["score stderr"] = judged.Err,
            ["embedder stdout"] = embedded.Out, ["embedder stderr"] = embedded.Err, ["embedded.jsonl"] = File.ReadAllText(Path.Combine(dir, "embedded.jsonl")),
            ["cache stats"] = stats.Out + stats.Err, ["bad url"] = badUrl.Err,
        };
        foreach (var f in Directory.GetFiles(dir)) places["file " + Path.GetFileName(f)] = Encoding.Latin1.GetString(File.ReadAllBytes(f));
        foreach (var (where, text) in places)
        {
            Assert.False(text.Contains(key, StringComparison.Ordinal), $"the API key leaked into {where}");
            Assert.False(text.Contains(password, StringComparison.Ordinal), $"the URL password leaked into {where}");
        }
        Environment.SetEnvironmentVariable(keyVar, null);
    }
}

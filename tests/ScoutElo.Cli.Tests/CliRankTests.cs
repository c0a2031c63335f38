using System.Text.Json;
using ScoutElo.Scoring.Ranking;
using static ScoutElo.Cli.Tests.CliBadInputTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 23: <c>rank</c> reads arena battle files and CSV as they are, fits tie models, style control, anchors and
/// the arena's L2 fit, and prints the documented JSON object.</summary>
public sealed class CliRankTests
{
    /// <summary>An arena clean-battle array: model_a/model_b/winner (with "tie (bothbad)") and the per-side style fields
    /// inside conv_metadata, in the arena's spelling.</summary>
    private static string ArenaFile(int battles = 600)
    {
        var rng = new Random(8);
        string[] models = ["gpt-4", "claude-2", "llama-2", "mixtral-8x7b"];
        var rows = new List<object>();
        for (int k = 0; k < battles; k++)
        {
            int a = rng.Next(4), b = (a + 1 + rng.Next(3)) % 4;
            int la = 20 + rng.Next(500), lb = 20 + rng.Next(500);
            double p = 1 / (1 + Math.Exp(-((0.4 * (b - a)) + ((la - lb) / (double)(la + lb)))));
            double u = rng.NextDouble();
            string winner = u < 0.25 ? (u < 0.08 ? "tie (bothbad)" : "tie") : rng.NextDouble() < p ? "model_a" : "model_b";
            rows.Add(new Dictionary<string, object>
            {
                ["question_id"] = k.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["model_a"] = models[a],
                ["model_b"] = models[b],
                ["winner"] = winner,
                ["conv_metadata"] = new Dictionary<string, object> { ["sum_assistant_a_tokens"] = la, ["sum_assistant_b_tokens"] = lb, ["header_count_a"] = new { h1 = rng.Next(3), h2 = rng.Next(2) }, ["header_count_b"] = new { h1 = rng.Next(2), h2 = 0 } },
            });
        }
        return Temp("battles.json", JsonSerializer.Serialize(rows));
    }

    [Fact]
    public void An_arena_battle_file_is_read_as_it_is_and_equals_the_library_fit()
    {
        string file = ArenaFile();
        var (code, stdout, err) = Run("rank", "--matches", file, "--format", "arena", "--method", "bt", "--ties", "rao-kupper", "--json");
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("bt", root.GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("style").ValueKind);
        var ties = root.GetProperty("ties");
        Assert.Equal("rao-kupper", ties.GetProperty("model").GetString());
        // The same battles through the library: ties (both kinds) as ties.
        var battles = JsonDocument.Parse(File.ReadAllText(file)).RootElement.EnumerateArray().Select(e => new PairwiseComparison(
            e.GetProperty("model_a").GetString()!, e.GetProperty("model_b").GetString()!,
            e.GetProperty("winner").GetString() switch { "model_a" => 1, "model_b" => 0, _ => 0.5 })).ToList();
        var fit = BradleyTerry.Fit(battles, new BradleyTerryOptions { Ties = TieModel.RaoKupper });
        Assert.Equal(fit.Ties[0].Value, ties.GetProperty("tieParameter").GetDouble(), 1e-12);
        foreach (var node in root.GetProperty("nodes").EnumerateArray())
            Assert.Equal(fit.Ratings.Single(r => r.Node == node.GetProperty("node").GetString()).Rating, node.GetProperty("rating").GetDouble(), 1e-9);
    }

    [Fact]
    public void Style_anchor_l2_and_bootstrap_flags_reach_the_fit()
    {
        string file = ArenaFile();
        var (code, stdout, err) = Run("rank", "--matches", file, "--format", "arena", "--method", "bt", "--style", "sum_assistant_tokens,header_count",
            "--anchor", "mixtral-8x7b=1114", "--bootstrap", "100", "--seed", "2", "--json");
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(stdout).RootElement;
        var style = root.GetProperty("style");
        var length = style.GetProperty("sum_assistant_tokens");
        Assert.True(length.GetProperty("low").GetDouble() > 0, "the planted length preference is found");
        Assert.True(style.TryGetProperty("header_count", out _));
        var anchored = root.GetProperty("nodes").EnumerateArray().Single(e => e.GetProperty("node").GetString() == "mixtral-8x7b");
        Assert.Equal(1114, anchored.GetProperty("rating").GetDouble());
        Assert.Equal(1114, anchored.GetProperty("high").GetDouble());
        // --l2: the arena's penalised fit pulls ratings toward the base.
        static double Spread(string json) => JsonDocument.Parse(json).RootElement.GetProperty("nodes").EnumerateArray().Select(e => e.GetProperty("rating").GetDouble()).Aggregate((x, y) => Math.Max(x, y))
            - JsonDocument.Parse(json).RootElement.GetProperty("nodes").EnumerateArray().Select(e => e.GetProperty("rating").GetDouble()).Min();
        var plain = Run("rank", "--matches", file, "--format", "arena", "--method", "bt", "--json");
        var l2 = Run("rank", "--matches", file, "--format", "arena", "--method", "bt", "--l2", "0.01", "--json");
        Assert.True(Spread(l2.Out) < Spread(plain.Out));
    }

    [Fact]
    public void Csv_and_jsonl_with_arena_fields_read_like_the_arena_file()
    {
        string csv = Temp("m.csv", "model_a,model_b,winner\n\"a, inc\",b,model_a\nb,\"a, inc\",tie (bothbad)\nb,\"a, inc\",model_a\n\"a, inc\",b,tie\n");
        var (code, stdout, err) = Run("rank", "--matches", csv, "--format", "csv", "--method", "bt", "--json");
        Assert.True(code == 0, err);
        Assert.Contains("a, inc", stdout, StringComparison.Ordinal);
        string ours = Temp("m2.csv", "a,b,score,weight\nx,y,0.75,2\ny,x,1,\n");
        Assert.Equal(0, Run("rank", "--matches", ours, "--format", "csv", "--method", "bt").Code);
        var bad = Run("rank", "--matches", Temp("bad.csv", "model_a,model_b,winner\nx,y,draw\n"), "--format", "csv");
        Assert.Equal(1, bad.Code);
        Assert.Contains("bad.csv:2", bad.Err, StringComparison.Ordinal);
        var missing = Run("rank", "--matches", ArenaFile(5), "--format", "arena", "--method", "bt", "--style", "length");
        Assert.Equal(1, missing.Code);
        Assert.Contains("battle 1", missing.Err, StringComparison.Ordinal);
        Assert.Contains("length_a", missing.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--ties", "davidson", "--method elo")]
    [InlineData("--ties", "drawish", "--ties")]
    [InlineData("--anchor", "gpt-4", "--anchor")]
    [InlineData("--anchor", "nobody=1000", "--anchor")]
    [InlineData("--l2", "-1", "--l2")]
    [InlineData("--confidence", "1.5", "--confidence")]
    [InlineData("--format", "parquet", "--format")]
    public void Bad_ranking_flags_are_one_sentence_naming_the_flag(string flag, string value, string named)
    {
        string file = ArenaFile(50);
        string method = named == "--method elo" ? "elo" : "bt";
        var (code, _, err) = Run("rank", "--matches", file, "--format", flag == "--format" ? value : "arena", "--method", method, flag, value);
        Assert.Equal(1, code);
        Assert.Contains(named == "--method elo" ? "--ties" : named, err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void Several_logs_fit_jointly_with_a_tie_parameter_each()
    {
        string first = ArenaFile(300), second = ArenaFile(200);
        var (code, stdout, err) = Run("rank", "--matches", first, "--matches", second, "--format", "arena", "--method", "bt", "--ties", "davidson", "--json");
        Assert.True(code == 0, err);
        Assert.Equal(2, JsonDocument.Parse(stdout).RootElement.GetProperty("ties").GetProperty("logs").GetArrayLength());
        // --log-weights scales a whole log: weighting the second log by 2 equals listing it twice.
        static Dictionary<string, double> Ratings(string json) => JsonDocument.Parse(json).RootElement.GetProperty("nodes").EnumerateArray().ToDictionary(e => e.GetProperty("node").GetString()!, e => e.GetProperty("rating").GetDouble());
        var weighted = Run("rank", "--matches", first, "--matches", second, "--format", "arena", "--method", "bt", "--log-weights", "1,2", "--json");
        Assert.True(weighted.Code == 0, weighted.Err);
        var twice = Run("rank", "--matches", first, "--matches", second, "--matches", second, "--format", "arena", "--method", "bt", "--json");
        var once = Run("rank", "--matches", first, "--matches", second, "--format", "arena", "--method", "bt", "--json");
        foreach (var (node, rating) in Ratings(twice.Out)) Assert.Equal(rating, Ratings(weighted.Out)[node], 1e-6);
        Assert.Contains(Ratings(once.Out), kv => Math.Abs(kv.Value - Ratings(weighted.Out)[kv.Key]) > 1e-3);
        Assert.Equal(1, Run("rank", "--matches", first, "--matches", second, "--format", "arena", "--method", "bt", "--log-weights", "1").Code);
    }
}

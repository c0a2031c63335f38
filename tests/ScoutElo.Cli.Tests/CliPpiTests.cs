using System.Globalization;
using System.Text;
using System.Text.Json;
using static ScoutElo.Cli.Tests.CliBadInputTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 37: <c>evaluate --ppi</c> adds a prediction-powered estimate of the mean label to the evaluation.</summary>
public sealed class CliPpiTests
{
    /// <summary>QA rows whose label is 1 with probability q and whose judge says q plus noise.</summary>
    private static string Rows(int n)
    {
        var rng = new Random(11);
        var text = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            double q = rng.NextDouble();
            int label = rng.NextDouble() < q ? 1 : 0;
            double judged = Math.Clamp(q + (0.2 * (rng.NextDouble() - 0.5)), 0, 1);
            text.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"i{i}\",\"task\":\"qa\",\"query\":\"q{i}\",\"response\":\"a{i}\",\"references\":[\"a{i}\"],\"judgments\":{{\"judge\":[{judged:R}]}},\"labels\":{{\"correct\":{label}}}}}\n");
        }
        return text.ToString();
    }

    [Fact]
    public void A_share_of_the_labels_and_the_judge_give_a_narrower_interval_than_the_labels_alone()
    {
        string data = Temp("ppi.jsonl", Rows(400));
        var (code, stdout, err) = Run("evaluate", "--data", data, "--label", "correct", "--ppi", "0.25", "--ppi-predictor", "judge", "--json");
        Assert.True(code == 0, err);
        var ppi = JsonDocument.Parse(stdout).RootElement.GetProperty("ppi");
        Assert.Equal("judge", ppi.GetProperty("predictor").GetString());
        Assert.Equal(100, ppi.GetProperty("labelled").GetInt32());
        Assert.Equal(300, ppi.GetProperty("unlabelled").GetInt32());
        double low = ppi.GetProperty("low").GetDouble(), high = ppi.GetProperty("high").GetDouble();
        var human = ppi.GetProperty("humanOnly");
        Assert.True(low <= ppi.GetProperty("mean").GetDouble() && ppi.GetProperty("mean").GetDouble() <= high);
        Assert.True(high - low < human.GetProperty("high").GetDouble() - human.GetProperty("low").GetDouble());
        // The same seed gives the same split; another seed another.
        Assert.Equal(stdout, Run("evaluate", "--data", data, "--label", "correct", "--ppi", "0.25", "--ppi-predictor", "judge", "--json").Out);
        Assert.NotEqual(stdout, Run("evaluate", "--data", data, "--label", "correct", "--ppi", "0.25", "--ppi-predictor", "judge", "--seed", "2", "--json").Out);
    }

    [Fact]
    public void Without_ppi_the_json_has_no_ppi_field_and_the_composite_is_the_default_predictor()
    {
        string data = Temp("ppi.jsonl", Rows(200));
        using var plain = JsonDocument.Parse(Run("evaluate", "--data", data, "--label", "correct", "--json").Out);
        Assert.False(plain.RootElement.TryGetProperty("ppi", out _));
        var (code, stdout, err) = Run("evaluate", "--data", data, "--label", "correct", "--ppi", "0.5", "--json");
        Assert.True(code == 0, err);
        Assert.Equal("composite", JsonDocument.Parse(stdout).RootElement.GetProperty("ppi").GetProperty("predictor").GetString());
    }

    [Theory]
    [InlineData("1.5", "judge", "--ppi: expected a share in (0, 1) or 'observed', got '1.5'.")]
    [InlineData("observed", "judge", "--ppi: needs at least 2 labelled and 2 unlabelled rows with a judge score; this split has 50 and 0.")]
    [InlineData("0.5", "judg", "did you mean 'judge'?")]
    public void Bad_ppi_input_gets_one_sentence_naming_the_flag(string share, string predictor, string expected)
    {
        string data = Temp("ppi.jsonl", Rows(50));
        var (code, stdout, err) = Run("evaluate", "--data", data, "--label", "correct", "--ppi", share, "--ppi-predictor", predictor);
        Assert.NotEqual(0, code);
        Assert.Equal("", stdout);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }
}

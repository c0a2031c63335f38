using System.Globalization;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Reporting.Results;
using ScoutElo.Scoring.Verification;

namespace ScoutElo.Cli.Commands.Verify;

/// <summary>The <c>verify</c> verb: the model-equality test on two answer files.</summary>
internal static class VerifyCommand
{
    public static int Run(CliContext r, VerifyCommandDefinition d)
    {
        if (!r.GetValue(d.Equality))
        {
            if (r.GetValue(d.Reference) is not null) throw new ArgumentException("--reference: answer files are compared only with --equality; traffic carries its reference evidence on each line.");
            var tokens = TokenVerification.Run(InputFiles.RequireFile("--data", r.GetValue(d.Data)!, "traffic file"), r.GetValue(d.Policy)!);
            if (r.GetValue(Cli.Json)) r.Out.WriteLine(ReportJson.Serialize(tokens));
            else TokenVerification.WriteText(r, tokens);
            return 0;
        }
        if (r.GetValue(d.Reference) is null) throw new ArgumentException("--reference: required with --equality (the claimed model's answers).");
        var options = new ModelEqualityOptions { Permutations = r.GetValue(d.Permutations), Seed = r.GetValue(d.Seed), Alpha = r.GetValue(d.Alpha), Characters = r.GetValue(d.Characters) };
        var node = Samples(r, "--data", r.GetValue(d.Data)!);
        var reference = Samples(r, "--reference", r.GetValue(d.Reference)!);
        ModelEqualityResult result = null!;
        ProgressLine.Track(r, $"testing {node.Count} against {reference.Count} answers ({options.Permutations} permutations)", 0, _ => result = ModelEqualityTest.Run(node, reference, options));
        var report = new EqualityRunReport(result.N, result.M, result.Paired, result.Statistic, result.PValue, result.Different ? "different" : "same", options.Alpha, options.Permutations);
        if (r.GetValue(Cli.Json))
        {
            r.Out.WriteLine(ReportJson.Serialize(report));
        }
        else
        {
            var ci = CultureInfo.InvariantCulture;
            r.Out.WriteLine(string.Create(ci, $"{result.N} node answers against {result.M} reference answers ({result.Paired} paired by query): MMD² {result.Statistic:0.00000}, p = {result.PValue:0.0000} → {report.Verdict} at α = {options.Alpha}"));
        }
        return 0;
    }

    private static List<TextSample> Samples(CliContext r, string flag, string path)
    {
        var records = InputFiles.Load([path], r);
        if (records.Count < 2) throw new ArgumentException($"{flag}: '{path}' holds {records.Count} answer(s); the test needs at least two on each side.");
        return [.. records.Select(x => new TextSample(x.Input.Response, x.Input.Query))];
    }
}

using System.CommandLine;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Cli;

internal static partial class Verbs
{
    private static Command Score()
    {
        var data = new Option<string>("--data") { Description = "Logged-output JSONL file to score.", Required = true };
        var profile = new Option<string?>("--profile") { Description = "Calibration profile (JSON); equal default weights when omitted." };
        var output = new Option<string>("--out") { Description = "Where to write one JSON line per input (a file, written whole or not at all; a FIFO or device, streamed; - for stdout).", Required = true };
        var history = Cli.HistoryOption();
        var cmd = new Command("score", Help("Score every response of a JSONL file on all dimensions and the composite.",
                "scoutelo score --data scoutelo-demo/outputs.jsonl --out scores.jsonl",
                "scoutelo score --data traffic.jsonl --profile profile.json --history nodes.jsonl --out scores.jsonl --json",
                "scoutelo score --data text-only.jsonl --tokens gpt-4o-mini --prices 0.15,0.60 --out scores.jsonl")) { data, profile, output, history, Cli.Tokens, Cli.Prices, Cli.SkipInvalid, Cli.Json };
        cmd.SetAction(r => Cli.Run(() =>
        {
            var target = OutputTarget.Resolve("--out", r.GetValue(output)!, r.GetValue(Cli.Json));
            var records = Cli.FillTokens(Cli.Load([r.GetValue(data)!], r), r);
            var inputs = records.Select(x => x.Input).ToList();
            var nodeHistory = Cli.LoadHistory(r.GetValue(history));
            var loaded = r.GetValue(profile) is { } p ? Cli.LoadProfile(p) : null;
            var scorer = loaded is not null
                ? loaded.CreateScorer(nodeHistory, data: inputs)
                : new QualityScorer(BuiltInDimensions.Create(nodeHistory, agreement: new AgreementOptions { Scales = JudgmentScale.InferAll(inputs) }));
            var all = new QualityReport[inputs.Count];
            double sum = 0;
            int applicable = 0;
            Cli.Track("scoring", inputs.Count, report => Outputs.WriteAllOrNone((target, writer =>
            {
                const int Chunk = 1024;
                for (int start = 0; start < inputs.Count; start += Chunk)
                {
                    var slice = inputs.GetRange(start, Math.Min(Chunk, inputs.Count - start));
                    var reports = scorer.ScoreBatch(slice, -1);
                    reports.CopyTo(all, start);
                    for (int i = 0; i < reports.Length; i++)
                    {
                        var rep = reports[i];
                        if (rep.Composite.TryGetValue(out double c)) { sum += c; applicable++; }
                        writer.WriteLine(Cli.WriteJson(w =>
                        {
                            w.WriteStartObject();
                            w.WriteString("id", records[start + i].Id);
                            Cli.Number(w, "composite", rep.Composite.Value);
                            if (rep.Calibrated is { } cal) w.WriteNumber("calibrated", cal);
                            w.WriteStartObject("dimensions");
                            foreach (var d in rep.Dimensions) Cli.Number(w, d.Name, d.Score.Value);
                            w.WriteEndObject();
                            w.WriteEndObject();
                        }));
                    }
                    report(start + slice.Count);
                }
            })));
            var warnings = Scoring.Calibration.ProfileDiagnostics.Check(loaded, inputs, all);
            Cli.Warn(warnings);
            if (r.GetValue(Cli.Json))
            {
                Console.WriteLine(Cli.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("n", inputs.Count);
                    w.WriteNumber("applicable", applicable);
                    Cli.Number(w, "meanComposite", applicable > 0 ? sum / applicable : null);
                    w.WriteString("out", target.ToString());
                    Cli.Warnings(w, warnings);
                    w.WriteEndObject();
                }));
            }
            else
            {
                Outputs.Summary.WriteLine($"scored {inputs.Count} responses ({applicable} with a composite) -> {target}");
            }
            return 0;
        }));
        return cmd;
    }
}

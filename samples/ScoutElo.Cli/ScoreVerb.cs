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
        var failBelow = new Option<double?>("--fail-below") { Description = "Quality gate: an item whose composite is below this (or has no composite) fails; exit with code 3 when more than --max-fail-share of the items fail." };
        var maxFailShare = new Option<double>("--max-fail-share") { Description = "With --fail-below: the share of failing items tolerated, in [0, 1].", DefaultValueFactory = _ => 0 };
        var cmd = new Command("score", Help("Score every response of a JSONL file on all dimensions and the composite.",
                "scoutelo score --data scoutelo-demo/outputs.jsonl --out scores.jsonl",
                "scoutelo score --data traffic.jsonl --profile profile.json --history nodes.jsonl --out scores.jsonl --json",
                "scoutelo score --data text-only.jsonl --tokens gpt-4o-mini --prices 0.15,0.60 --out scores.jsonl",
                "scoutelo score --data release.jsonl --profile profile.json --out scores.jsonl --fail-below 0.5 --max-fail-share 0.05")) { data, profile, output, history, failBelow, maxFailShare, Cli.Tokens, Cli.Prices, Cli.SkipInvalid, Cli.Json };
        cmd.SetAction(r => Cli.Run(() =>
        {
            if (r.GetValue(failBelow) is { } fb && (!double.IsFinite(fb) || fb is < 0 or > 1))
                throw new ArgumentException($"--fail-below: must be a composite in [0, 1], got {fb.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            double share = r.GetValue(maxFailShare);
            if (!double.IsFinite(share) || share is < 0 or > 1) throw new ArgumentException($"--max-fail-share: must be a share in [0, 1], got {share.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            if (r.GetValue(failBelow) is null && r.GetResult(maxFailShare) is { Implicit: false }) throw new ArgumentException("--max-fail-share: applies only with --fail-below X.");
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
            // The gate: items below the threshold, or with no composite (nothing vouches for them), fail.
            var failing = new List<string>();
            var failures = new List<string>();
            if (r.GetValue(failBelow) is { } threshold)
            {
                for (int i = 0; i < all.Length; i++)
                {
                    if (!all[i].Composite.TryGetValue(out double c) || c < threshold) failing.Add(records[i].Id);
                }
                double failedShare = inputs.Count == 0 ? 0 : failing.Count / (double)inputs.Count;
                if (failedShare > share)
                {
                    failures.Add($"{failing.Count} of {inputs.Count} item(s) ({failedShare:0.0%}) have a composite below --fail-below {threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)} or none, more than --max-fail-share {share.ToString(System.Globalization.CultureInfo.InvariantCulture)}: "
                        + string.Join(", ", failing.Take(10)) + (failing.Count > 10 ? $" and {failing.Count - 10} more" : ""));
                }
            }
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
                    if (r.GetValue(failBelow) is not null)
                    {
                        Cli.GateJson(w, failures);
                        w.WriteStartArray("failing");
                        foreach (var id in failing) w.WriteStringValue(id);
                        w.WriteEndArray();
                    }
                    w.WriteEndObject();
                }));
            }
            else
            {
                Outputs.Summary.WriteLine($"scored {inputs.Count} responses ({applicable} with a composite) -> {target}");
            }
            return Cli.GateExit(failures);
        }));
        return cmd;
    }
}

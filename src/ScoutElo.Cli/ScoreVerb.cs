using System.CommandLine;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Cli;

internal static partial class Verbs
{
    private static Command Score()
    {
        var data = new Option<string>("--data") { Description = "Logged-output JSONL file to score.", Required = true };
        var profile = new Option<string?>("--profile") { Description = "Calibration profile (JSON); the shipped default profile, adapted to the inputs without labels, when omitted." };
        var output = new Option<string>("--out") { Description = "Where to write one JSON line per input (a file, written whole or not at all; a FIFO or device, streamed; - for stdout).", Required = true };
        var history = Cli.HistoryOption();
        var failBelow = new Option<double?>("--fail-below") { Description = "Quality gate: an item whose composite is below this (or has no composite) fails; exit with code 3 when more than --max-fail-share of the items fail." };
        var outputFormat = new Option<string>("--output-format") { Description = "jsonl (one JSON object per input), csv (id, composite and one column per dimension; empty = not applicable) or junit (JUnit XML for CI dashboards: one test case per input, failed when below --fail-below or without a composite).", DefaultValueFactory = _ => "jsonl" };
        var maxFailShare = new Option<double>("--max-fail-share") { Description = "With --fail-below: the share of failing items tolerated, in [0, 1].", DefaultValueFactory = _ => 0 };
        var cmd = new Command("score", Help("Score every response of a JSONL file on all dimensions and the composite.",
                "scoutelo score --data scoutelo-demo/outputs.jsonl --out scores.jsonl",
                "scoutelo score --data traffic.jsonl --profile profile.json --history nodes.jsonl --out scores.jsonl --json",
                "scoutelo score --data text-only.jsonl --tokens gpt-4o-mini --prices 0.15,0.60 --out scores.jsonl",
                "scoutelo score --data release.jsonl --profile profile.json --out scores.jsonl --fail-below 0.5 --max-fail-share 0.05")) { data, profile, output, history, failBelow, maxFailShare, outputFormat, Cli.Adapt, Cli.NoAdapt, JudgeCli.Endpoint, JudgeCli.Model, JudgeCli.KeyEnv, JudgeCli.Mode, JudgeCli.BaselineModel, JudgeCli.Samples, JudgeCli.Concurrency, JudgeCli.Timeout, JudgeCli.Cache, JudgeCli.NoCache, EmbedderCli.Embedder, EmbedderCli.Model, EmbedderCli.KeyEnv, Cli.Format, Cli.Map, Cli.Tokens, Cli.Prices, Cli.SkipInvalid, Cli.Json };
        cmd.SetAction(r => Cli.Run(() =>
        {
            if (r.GetValue(failBelow) is { } fb && (!double.IsFinite(fb) || fb is < 0 or > 1))
                throw new ArgumentException($"--fail-below: must be a composite in [0, 1], got {fb.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            double share = r.GetValue(maxFailShare);
            if (!double.IsFinite(share) || share is < 0 or > 1) throw new ArgumentException($"--max-fail-share: must be a share in [0, 1], got {share.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            if (r.GetValue(failBelow) is null && r.GetResult(maxFailShare) is { Implicit: false }) throw new ArgumentException("--max-fail-share: applies only with --fail-below X.");
            string outFormat = r.GetValue(outputFormat)!;
            if (outFormat is not ("jsonl" or "csv" or "junit")) throw new ArgumentException($"--output-format: unknown format '{outFormat}'; {Cli.Suggest(outFormat, "jsonl", "csv", "junit")}.");
            double? gateThreshold = r.GetValue(failBelow);
            var target = OutputTarget.Resolve("--out", r.GetValue(output)!, r.GetValue(Cli.Json));
            using var judge = JudgeCli.Create(r);
            var embedder = EmbedderCli.Create(r);
            using var embedderCache = embedder?.Cache;
            var records = Cli.FillTokens(Cli.Load([r.GetValue(data)!], r), r);
            var inputs = records.Select(x => x.Input).ToList();
            var nodeHistory = Cli.LoadHistory(r.GetValue(history));
            // Signals from outside the process, computed once per run: the judge and the embedding similarity.
            var extras = new List<IQualityDimension>();
            if (judge?.JudgeAll(inputs) is { } judged)
                extras.Add(new JudgeCli.Precomputed(Scoring.AI.JudgeDimension.DimensionName, inputs, [.. judged.Select(o => o.Score)]));
            if (embedder is { } e)
                extras.AddRange(EmbedderCli.Dimensions(e.Generator, inputs));
            var loaded = Cli.ResolveProfile(r, r.GetValue(profile), inputs, nodeHistory, extras);
            var scorer = Cli.ProfileScorer(loaded, nodeHistory, inputs, extras);
            // A profile calibrated without these signals gives them no weight: their scores are written, not weighed.
            foreach (var x in extras.Where(x => !Cli.Weighs(loaded, x.Name)))
                Console.Error.WriteLine($"warning [{x.Name}-not-in-profile]: the profile was calibrated without '{x.Name}', so it is written but has no weight in the composite.");
            var all = new QualityReport[inputs.Count];
            double sum = 0;
            int applicable = 0;
            Cli.Track("scoring", inputs.Count, report => Outputs.WriteAllOrNone((target, writer =>
            {
                const int Chunk = 1024;
                var junit = outFormat == "junit" ? new List<string>() : null;
                int junitFailures = 0;
                for (int start = 0; start < inputs.Count; start += Chunk)
                {
                    var slice = inputs.GetRange(start, Math.Min(Chunk, inputs.Count - start));
                    var reports = scorer.ScoreBatch(slice, -1);
                    reports.CopyTo(all, start);
                    for (int i = 0; i < reports.Length; i++)
                    {
                        var rep = reports[i];
                        if (rep.Composite.TryGetValue(out double c)) { sum += c; applicable++; }
                        if (outFormat == "csv")
                        {
                            if (start + i == 0) writer.WriteLine("id,composite," + string.Join(',', rep.Dimensions.Select(d => Csv(d.Name))));
                            writer.WriteLine($"{Csv(records[start + i].Id)},{Num(rep.Composite.Value)}," + string.Join(',', rep.Dimensions.Select(d => Num(d.Score.Value))));
                            continue;
                        }
                        if (junit is not null)
                        {
                            string? failure = rep.Composite.Value is not { } value ? "no composite: no dimension could judge this input"
                                : gateThreshold is { } t && value < t ? $"composite {Num(value)} is below --fail-below {Num(t)}" : null;
                            if (failure is not null && (gateThreshold is not null || rep.Composite.Value is null)) junitFailures++;
                            else failure = null;
                            string dims = string.Join("; ", rep.Dimensions.Select(d => $"{d.Name}={(d.Score.Value is { } v ? Num(v) : "n/a")}"));
                            junit.Add($"    <testcase classname=\"scoutelo.score\" name=\"{Xml(records[start + i].Id)}\" time=\"0\">"
                                + (failure is null ? "" : $"<failure message=\"{Xml(failure)}\" type=\"quality-gate\">{Xml(dims)}</failure>")
                                + $"<system-out>{Xml($"composite={(rep.Composite.Value is { } cv ? Num(cv) : "n/a")}; {dims}")}</system-out></testcase>");
                            continue;
                        }
                        writer.WriteLine(Cli.WriteJson(w =>
                        {
                            w.WriteStartObject();
                            w.WriteString("id", records[start + i].Id);
                            Cli.Number(w, "composite", rep.Composite.Value);
                            if (rep.Calibrated is { } cal) w.WriteNumber("calibrated", cal);
                            w.WriteStartObject("dimensions");
                            foreach (var d in rep.Dimensions) Cli.Number(w, d.Name, d.Score.Value);
                            w.WriteEndObject();
                            if (rep.Dimensions.Any(d => !d.Score.IsApplicable))
                            {
                                // Why each null is null (no reference, no metrics, a failed judge call, ...): never a silent gap.
                                w.WriteStartObject("notApplicable");
                                foreach (var d in rep.Dimensions.Where(d => !d.Score.IsApplicable)) w.WriteString(d.Name, d.Score.Reason);
                                w.WriteEndObject();
                            }
                            w.WriteEndObject();
                        }));
                    }
                    report(start + slice.Count);
                }
                if (junit is not null)
                {
                    writer.WriteLine("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
                    writer.WriteLine($"<testsuites tests=\"{inputs.Count}\" failures=\"{junitFailures}\">");
                    writer.WriteLine($"  <testsuite name=\"scoutelo score\" tests=\"{inputs.Count}\" failures=\"{junitFailures}\" errors=\"0\" skipped=\"0\">");
                    foreach (var line in junit) writer.WriteLine(line);
                    writer.WriteLine("  </testsuite>");
                    writer.WriteLine("</testsuites>");
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

    private static string Num(double? v) => v is { } x ? x.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "";

    /// <summary>A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.</summary>
    private static string Csv(string text) => text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static string Xml(string text) => System.Security.SecurityElement.Escape(text) ?? "";
}

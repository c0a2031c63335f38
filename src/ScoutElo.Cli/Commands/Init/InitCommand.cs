using System.CommandLine;
using System.Globalization;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Reporting.Results;

namespace ScoutElo.Cli.Commands.Init;

/// <summary>The init verb.</summary>
internal static class InitCommand
{
    internal static Command Init()
    {
        var dir = new Option<string>("--dir") { Description = "Directory to write the example files into (created if missing).", DefaultValueFactory = _ => "scoutelo-demo" };
        var force = new Option<bool>("--force") { Description = "Overwrite example files that already exist." };
        var cmd = new Command("init", Cli.Help("Write small example files for every verb: labeled outputs (QA and summaries, with references, "
            + "sources, judgments and serving metrics), a match log, and network traffic (rounds of several nodes' answers with evaluators' scores, spot checks and judge verdicts).",
            "scoutelo init",
            "scoutelo init --dir demo && scoutelo settle --data demo/traffic.jsonl --state demo/network.db",
            "scoutelo init --dir demo && scoutelo calibrate --data demo/outputs.jsonl --label quality --out demo/profile.json"))
            { dir, force, Cli.Json };
        cmd.SetAction(r => Cli.Run(r, r =>
        {
            string root = r.GetValue(dir)!;
            Directory.CreateDirectory(root);
            string outputs = Path.Combine(root, "outputs.jsonl"), matches = Path.Combine(root, "matches.jsonl"), traffic = Path.Combine(root, "traffic.jsonl");
            if (!r.GetValue(force))
            {
                foreach (var f in new[] { outputs, matches, traffic })
                {
                    if (File.Exists(f)) throw new IOException($"'{f}' already exists; pass --force to overwrite it.");
                }
            }
            var records = Samples.Outputs();
            var log = Samples.Matches();
            var rounds = Samples.Traffic();
            Outputs.WriteAllOrNone(r, 
                (OutputTarget.Resolve("--dir", outputs), w => { foreach (var x in records) LoggedOutputJsonl.Write(w, x); }),
                (OutputTarget.Resolve("--dir", matches), w => { foreach (var m in log) w.WriteLine(m); }),
                (OutputTarget.Resolve("--dir", traffic), w => { foreach (var x in rounds) TrafficJsonl.Write(w, x); }));
            if (r.GetValue(Cli.Json))
            {
                r.Out.WriteLine(ReportJson.Serialize(new InitRunReport(outputs, records.Count, matches, log.Count, traffic, rounds.Count)));
                return 0;
            }
            r.Out.WriteLine($"wrote {outputs} ({records.Count} labeled outputs: QA and summaries from 5 nodes) and {matches} ({log.Count} matches) and {traffic} ({rounds.Count} rounds of network traffic). Try:");
            r.Out.WriteLine($"  scoutelo calibrate --data {outputs} --label quality --out {Path.Combine(root, "profile.json")} --report {Path.Combine(root, "report.md")}");
            r.Out.WriteLine($"  scoutelo score --data {outputs} --profile {Path.Combine(root, "profile.json")} --out {Path.Combine(root, "scores.jsonl")}");
            r.Out.WriteLine($"  scoutelo evaluate --data {outputs} --label quality --profile {Path.Combine(root, "profile.json")}");
            r.Out.WriteLine($"  scoutelo rank --matches {matches} --method bt");
            r.Out.WriteLine($"  scoutelo settle --data {traffic} --state {Path.Combine(root, "network.db")}");
            r.Out.WriteLine("  scoutelo simulate --rounds 500");
            return 0;
        }));
        return cmd;
    }

    /// <summary>Hand-written example traffic (no dataset is copied): five nodes with distinct habits, so every verb has
    /// something to find. Deterministic.</summary>
    private static class Samples
    {
        private static readonly (string Question, string Answer, string Wrong)[] Facts =
        [
            ("what is the capital of france", "Paris", "Lyon"),
            ("who wrote the play hamlet", "William Shakespeare", "Christopher Marlowe"),
            ("in what year did the berlin wall fall", "1989", "1991"),
            ("what is the chemical symbol for gold", "Au", "Ag"),
            ("which is the largest planet in the solar system", "Jupiter", "Saturn"),
            ("who painted the mona lisa", "Leonardo da Vinci", "Michelangelo"),
            ("how many continents are there", "seven", "five"),
            ("who was the first person to walk on the moon", "Neil Armstrong", "Buzz Aldrin"),
            ("what is the longest river in africa", "the Nile", "the Congo"),
            ("what is the smallest prime number", "2", "1"),
            ("what is the currency of japan", "the yen", "the won"),
            ("which gas do plants absorb from the air", "carbon dioxide", "oxygen"),
        ];

        private static readonly (string Article, string Reference, string Swap, string SwapWith)[] Articles =
        [
            ("The city council of Riverton approved a new budget on Monday that raises school funding by ten percent. "
                + "The mayor said the increase will pay for forty new teachers and repairs to three elementary schools. "
                + "Opponents argued that the plan raises property taxes for most homeowners. The budget takes effect in July.",
                "Riverton's council approved a budget raising school funding by ten percent, paying for forty teachers and school repairs.",
                "ten percent", "thirty percent"),
            ("Researchers at the coastal institute tagged two hundred sea turtles last summer to follow their migration. "
                + "The data show that most turtles travel more than three thousand kilometres before returning to the same beach. "
                + "The team hopes the findings will help protect nesting sites from development.",
                "Tagged sea turtles travel over three thousand kilometres and return to the same beach, a study finds.",
                "two hundred", "two thousand"),
            ("A storm brought heavy rain to the northern valley on Saturday, flooding roads and closing two bridges. "
                + "Emergency crews rescued twelve people from stranded cars. Officials expect the river to fall by Tuesday "
                + "and asked residents to avoid travel until then.",
                "Heavy rain flooded the northern valley, closing two bridges; crews rescued twelve people.",
                "twelve people", "ninety people"),
            ("The national library opened a digital archive of one million historical newspapers on Wednesday. "
                + "Readers can search pages printed between 1850 and 1950 for free. Librarians spent six years scanning "
                + "the collection, which was at risk of decay.",
                "The national library opened a free digital archive of one million historical newspapers from 1850 to 1950.",
                "one million", "ten thousand"),
        ];

        private static readonly string[] Nodes = ["node-a", "node-b", "node-c", "node-d", "node-e"];

        public static List<LoggedOutput> Outputs()
        {
            var list = new List<LoggedOutput>();
            for (int q = 0; q < Facts.Length; q++)
            {
                var (question, answer, wrong) = Facts[q];
                for (int n = 0; n < Nodes.Length; n++)
                {
                    // node-a answers tersely; node-b verbosely; node-c refuses every third question; node-d is usually wrong;
                    // node-e is right on even questions and confidently wrong otherwise.
                    (string response, bool correct) = n switch
                    {
                        0 => ($"{Capital(answer)}.", true),
                        1 => ($"Good question! After thinking it through carefully, the answer is {answer}, as most references agree.", true),
                        2 => q % 3 == 0 ? ("I'm sorry, I cannot answer that question.", false) : ($"The answer is {answer}.", true),
                        3 => q % 4 == 0 ? ($"{Capital(answer)}.", true) : ($"{Capital(wrong)}.", false),
                        _ => q % 2 == 0 ? ($"It is {answer}.", true) : ($"It is definitely {wrong}.", false),
                    };
                    list.Add(new LoggedOutput
                    {
                        Id = $"qa/{q}/{Nodes[n]}",
                        Input = new ScoringInput
                        {
                            Task = TaskKind.Qa,
                            Query = question,
                            Response = response,
                            References = [answer],
                            Node = Nodes[n],
                            Metrics = Metrics(n, response),
                            Judgments = new Dictionary<string, IReadOnlyList<double>>
                            {
                                ["judge-1"] = [correct ? 4 + ((q + n) % 2) : 1 + ((q + n) % 2)],
                                ["judge-2"] = [correct ? 3 + ((q * n) % 3) : 1 + ((q + 2 * n) % 3)],
                            },
                        },
                        // One label scale for both tasks (1–5), so evaluate can pool them: a right answer 5 (4 when padded), a
                        // refusal 2, a wrong answer 1.
                        Labels = new Dictionary<string, double> { ["quality"] = correct ? (n == 1 ? 4 : 5) : response.StartsWith("I'm sorry", StringComparison.Ordinal) ? 2 : 1 },
                    });
                }
            }
            for (int a = 0; a < Articles.Length; a++)
            {
                var (article, reference, swap, swapWith) = Articles[a];
                string lead = article[..(article.IndexOf(". ", StringComparison.Ordinal) + 1)];
                string second = article[(lead.Length + 1)..];
                second = second[..(second.IndexOf(". ", StringComparison.Ordinal) + 1)];
                var summaries = new (string Text, double Label)[]
                {
                    (lead, a == 2 ? 3 : 4),                                            // node-a: faithful lead sentence
                    (lead + " " + second, a == 3 ? 4 : 5),                             // node-b: faithful, more content
                    (lead.Replace(swap, swapWith, StringComparison.Ordinal), a == 0 ? 1 : 2), // node-c: fluent but a wrong fact
                    ("The article discusses several issues that matter to many people.", 1), // node-d: says nothing
                    (lead[..(lead.Length * 2 / 3)], a == 1 ? 2 : 3),                  // node-e: cut off mid-sentence
                };
                for (int n = 0; n < Nodes.Length; n++)
                {
                    list.Add(new LoggedOutput
                    {
                        Id = $"news/{a}/{Nodes[n]}",
                        Input = new ScoringInput
                        {
                            Task = TaskKind.Summarization,
                            Query = "Summarize the news article.",
                            Context = article,
                            Response = summaries[n].Text,
                            References = [reference],
                            Node = Nodes[n],
                            Metrics = Metrics(n, summaries[n].Text),
                        },
                        Labels = new Dictionary<string, double> { ["quality"] = summaries[n].Label },
                    });
                }
            }
            return list;
        }

        private static readonly double[] MsPerToken = [18, 25, 30, 12, 15];      // per node
        private static readonly double[] UsdPerToken = [2e-6, 4e-6, 3e-6, 5e-7, 1e-6]; // per node

        private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];

        private static InferenceMetrics Metrics(int node, string response)
        {
            int tokens = Math.Max(1, response.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length * 4 / 3);
            double perToken = MsPerToken[node];
            return new InferenceMetrics
            {
                OutputTokens = tokens,
                LatencyMs = 120 + (perToken * tokens),
                CostUsd = tokens * UsdPerToken[node],
            };
        }

        /// <summary>A match log in play order: node i beats node j with probability 1/(1 + e^(s_j − s_i)).</summary>
        /// <summary>Hand-made network traffic: four rounds, four nodes ("atlas" answers well, "brisk" is fast and terse,
        /// "mimic" claims a premium model but serves a weak one, "sleepy" drops a request), three evaluators ("eve-2" scores
        /// everything 1.0), a spot check of "mimic" against its claimed model and judge verdicts against a baseline answer.</summary>
        public static List<Scoring.Network.ObservedRound> Traffic()
        {
            static Scoring.Network.ObservedResponse Answer(string round, string node, string model, string text, double latency, int tokens, double cost,
                double e0, double e1, double e2) => new()
            {
                ResponseId = $"{round}/{node}",
                Node = node,
                ClaimedModel = model,
                Response = text,
                Metrics = text.Length == 0 ? new InferenceMetrics() : new InferenceMetrics { LatencyMs = latency, OutputTokens = tokens, CostUsd = cost, Uptime = node == "sleepy" ? 0.9 : 0.999 },
                Scores = new Dictionary<string, double> { ["eve-0"] = e0, ["eve-1"] = e1, ["eve-2"] = e2 },
            };
            var spot = new Scoring.Network.SpotCheck
            {
                Response = "The Eiffel Tower was completed in 1889 for the World's Fair in Paris.",
                Scores = new Dictionary<string, double> { ["eve-0"] = 0.92, ["eve-1"] = 0.9, ["eve-2"] = 1.0 },
            };
            return
            [
                new() { RoundId = "t1", Task = TaskKind.Qa, Query = "when was the eiffel tower completed", References = ["1889"], Responses =
                [
                    Answer("t1", "atlas", "llama-3.1-70b", "The Eiffel Tower was completed in 1889.", 900, 11, 0.00011, 0.95, 0.93, 1.0) with { BaselineVerdicts = [1.0, 0.5] },
                    Answer("t1", "brisk", "llama-3.1-8b", "1889.", 250, 3, 0.000006, 0.9, 0.88, 1.0),
                    Answer("t1", "mimic", "llama-3.1-70b", "It was finished in 1901, I believe.", 400, 9, 0.00001, 0.15, 0.2, 1.0) with { SpotCheck = spot, BaselineVerdicts = [0.0] },
                ] },
                new() { RoundId = "t2", Task = TaskKind.Qa, Query = "who wrote the origin of species", References = ["Charles Darwin"], Responses =
                [
                    Answer("t2", "atlas", "llama-3.1-70b", "Charles Darwin wrote On the Origin of Species (1859).", 1100, 14, 0.00014, 0.97, 0.95, 1.0),
                    Answer("t2", "sleepy", "mistral-7b", "", 0, 0, 0, 0.0, 0.0, 1.0),
                    Answer("t2", "mimic", "llama-3.1-70b", "Alfred Wallace.", 380, 4, 0.000004, 0.3, 0.25, 1.0) with { BaselineVerdicts = [0.0, 0.5] },
                ] },
                new() { RoundId = "t3", Task = TaskKind.Summarization, Query = "Summarize the notice.",
                    Context = "The city library will close for renovation from June 1 to August 31. Returns can be made at the east branch. Digital loans continue as usual.",
                    References = ["The library closes June 1 to August 31 for renovation; returns go to the east branch; digital loans continue."], Responses =
                [
                    Answer("t3", "brisk", "llama-3.1-8b", "Library closed in summer.", 300, 5, 0.00001, 0.45, 0.5, 1.0),
                    Answer("t3", "atlas", "llama-3.1-70b", "The library closes for renovation from June 1 to August 31; return books at the east branch, and digital loans continue.", 1500, 27, 0.00027, 0.93, 0.9, 1.0),
                    Answer("t3", "sleepy", "mistral-7b", "The library will be renovated this summer and returns go to the east branch.", 2600, 16, 0.00003, 0.7, 0.72, 1.0),
                ] },
                new() { RoundId = "t4", Task = TaskKind.Qa, Query = "what is the boiling point of water at sea level in celsius", References = ["100 °C", "100 degrees Celsius"], Responses =
                [
                    Answer("t4", "mimic", "llama-3.1-70b", "About 90 degrees.", 350, 4, 0.000004, 0.1, 0.12, 1.0),
                    Answer("t4", "brisk", "llama-3.1-8b", "100 °C.", 200, 3, 0.000006, 0.92, 0.9, 1.0),
                    Answer("t4", "sleepy", "mistral-7b", "Water boils at 100 degrees Celsius at sea level.", 2400, 11, 0.00002, 0.95, 0.94, 1.0),
                ] },
            ];
        }

        public static List<string> Matches()
        {
            double[] strength = [1.2, 0.9, 0.2, -0.9, -0.4];
            var rng = new Random(7);
            var lines = new List<string>();
            for (int k = 0; k < 80; k++)
            {
                int i = rng.Next(Nodes.Length), j = rng.Next(Nodes.Length - 1);
                if (j >= i) j++;
                double p = 1 / (1 + Math.Exp(strength[j] - strength[i]));
                double u = rng.NextDouble();
                string score = u < p * 0.9 ? "1" : u < p * 0.9 + 0.1 ? "0.5" : "0";
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{{\"a\":\"{Nodes[i]}\",\"b\":\"{Nodes[j]}\",\"score\":{score}}}"));
            }
            return lines;
        }
    }
}

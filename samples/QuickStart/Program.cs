// The smallest honest tour of ScoutElo.Scoring: read logged outputs and score responses with reference-exact text metrics.
using ScoutElo.Scoring;
using ScoutElo.Scoring.Serialization;
using ScoutElo.Scoring.Text;

var record = LoggedOutputJsonl.Parse("""
    {"id": "nq/0/gpt35", "task": "qa", "query": "who got the first nobel prize in physics",
     "response": "The first Nobel Prize in Physics was awarded to Wilhelm Röntgen in 1901.",
     "references": ["Wilhelm Conrad Röntgen", "Wilhelm Röntgen"], "node": "gpt35", "labels": {"correct": 1.0}}
    """);
ScoringInput input = record.Input;

Console.WriteLine($"query:      {input.Query}");
Console.WriteLine($"response:   {input.Response}");
Console.WriteLine($"SQuAD F1:   {TextMetrics.SquadF1(input.Response, input.References):0.000}");
Console.WriteLine($"contains:   {input.References.Any(r => TextMetrics.SquadContains(input.Response, r))}");
Console.WriteLine($"ROUGE-L F:  {TextMetrics.RougeL(input.References, input.Response).F:0.000}");
Console.WriteLine($"chrF:       {TextMetrics.ChrF(input.Response, input.References):0.00}");
Console.WriteLine($"distinct-2: {TextMetrics.DistinctN(input.Response, 2):0.000}");
Console.WriteLine($"label:      correct = {record.Labels["correct"]}");

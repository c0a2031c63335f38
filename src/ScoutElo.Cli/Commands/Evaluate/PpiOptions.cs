using System.CommandLine;
using System.Globalization;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Reporting.Results;

namespace ScoutElo.Cli.Commands.Evaluate;

/// <summary><c>evaluate --ppi</c>: the mean label estimated from a predictor on every row and the label on some
/// (prediction-powered inference, PPI++), beside the labels-only interval.</summary>
internal sealed class PpiOptions
{
    public Option<string?> Ppi { get; } = new("--ppi") { Description = "Estimate the mean label by prediction-powered inference (PPI++): keep the label on a seeded random SHARE of the labelled rows (a number in (0, 1)), or on the rows that have it ('observed'), and use the predictor on the rest." };
    public Option<string> Predictor { get; } = new("--ppi-predictor") { Description = "What predicts the label for --ppi: composite (default), a dimension's name or a judgment's name.", DefaultValueFactory = _ => "composite" };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the --ppi share.", DefaultValueFactory = _ => 1 };
    public Option<double> Confidence { get; } = new("--confidence") { Description = "Coverage of the --ppi intervals.", DefaultValueFactory = _ => 0.95 };

    public IEnumerable<Option> All => [Ppi, Predictor, Seed, Confidence];

    /// <summary>The estimate, or null without <c>--ppi</c>; <paramref name="reports"/> are the rows' quality reports.</summary>
    public PpiFigures? Estimate(CliContext r, IReadOnlyList<LoggedOutput> records, IReadOnlyList<QualityReport> reports, string label)
    {
        if (r.GetValue(Ppi) is not { } ppi) return null;
        bool observed = ppi == "observed";
        double share = 0;
        if (!observed && !(double.TryParse(ppi, NumberStyles.Float, CultureInfo.InvariantCulture, out share) && share is > 0 and < 1))
            throw new ArgumentException($"--ppi: expected a share in (0, 1) or 'observed', got '{ppi}'.");
        double confidence = r.GetValue(Confidence);
        if (!double.IsFinite(confidence) || confidence is <= 0 or >= 1) throw new ArgumentException($"--confidence: must be between 0 and 1 (exclusive), got {confidence.ToString(CultureInfo.InvariantCulture)}.");
        string predictor = r.GetValue(Predictor)!;
        var values = Predictions(records, reports, predictor);
        var rows = Enumerable.Range(0, records.Count).Where(i => values[i] is not null).ToList();
        var withLabel = rows.Where(i => records[i].Labels.ContainsKey(label)).ToList();
        HashSet<int> keep;
        if (observed)
        {
            keep = [.. withLabel];
        }
        else
        {
            var rng = new Random(r.GetValue(Seed));
            var shuffled = withLabel.OrderBy(_ => rng.Next()).ToList();
            keep = [.. shuffled.Take((int)Math.Round(share * withLabel.Count, MidpointRounding.AwayFromZero))];
        }
        var labelled = rows.Where(keep.Contains).ToList();
        var unlabelled = rows.Where(i => !keep.Contains(i)).ToList();
        if (labelled.Count < 2 || unlabelled.Count < 2)
            throw new ArgumentException($"--ppi: needs at least 2 labelled and 2 unlabelled rows with a {predictor} score; this split has {labelled.Count} and {unlabelled.Count}.");
        var e = PredictionPoweredInference.Mean([.. labelled.Select(i => records[i].Labels[label])], [.. labelled.Select(i => values[i]!.Value)],
            [.. unlabelled.Select(i => values[i]!.Value)], confidence);
        return new PpiFigures(predictor, e.Labelled, e.Unlabelled, e.Lambda, e.Mean, e.Low, e.High, new IntervalFigures(e.HumanOnlyMean, e.HumanOnlyLow, e.HumanOnlyHigh));
    }

    /// <summary>The predictor per row (null where it does not apply): the composite, a dimension's score or a judgment's mean.</summary>
    private static double?[] Predictions(IReadOnlyList<LoggedOutput> records, IReadOnlyList<QualityReport> reports, string predictor)
    {
        if (predictor == "composite") return [.. reports.Select(q => q.Composite.Value)];
        if (reports.Count > 0 && reports[0].Dimensions.Any(d => d.Name == predictor))
            return [.. reports.Select(q => q[predictor].Value)];
        if (records.Any(x => x.Input.Judgments.ContainsKey(predictor)))
            return [.. records.Select(x => x.Input.Judgments.TryGetValue(predictor, out var v) && v.Count > 0 ? v.Average() : (double?)null)];
        var names = new List<string> { "composite" }.Concat(reports.Count > 0 ? reports[0].Dimensions.Select(d => d.Name) : [])
            .Concat(records.SelectMany(x => x.Input.Judgments.Keys)).Distinct(StringComparer.Ordinal).ToList();
        string hint = Cli.Closest(predictor, names) is { } near ? $"; did you mean '{near}'?" : ".";
        throw new ArgumentException($"--ppi-predictor: '{predictor}' is neither the composite, a dimension nor a judgment of the data; the choices are {string.Join(", ", names)}{hint}");
    }
}

using ScoutElo.Scoring.Reporting;
using System.CommandLine;
using System.Globalization;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Cli.Commands.Rank;

/// <summary>The <c>rank</c> verb's options, parsed and checked once: every vocabulary through its enum's wire names, every
/// range and every flag that does not apply to the method refused naming the flag.</summary>
internal sealed partial record RankSettings(string[] Paths, MatchLogFormat Format, RankMethod Method, double K, double Initial, int? Period, int? Bootstrap, int Seed,
    double Confidence, TieModel Ties, string[] Style, RatingAnchor? Anchor, L2Penalty? L2, WeightKind Weights, double[] LogScale, BothBadPolicy BothBad, bool Json);

/// <summary>Binding and checking.</summary>
internal sealed partial record RankSettings
{
    public static RankSettings Bind(CliContext r, RankCommandDefinition d)
    {
        string[] paths = r.GetValue(d.Matches)!;
        var method = WireOptions.Parse<RankMethod>("--method", "method", r.GetValue(d.Method)!);
        var format = WireOptions.Parse<MatchLogFormat>("--format", "format", r.GetValue(d.Format)!);
        double init = r.GetValue(d.Initial);
        if (!double.IsFinite(init)) throw new ArgumentException($"--initial: must be a finite number, got {Show(init)}.");
        double k = r.GetValue(d.K);
        if (!double.IsFinite(k) || k <= 0) throw new ArgumentException($"--k: must be finite and positive, got {Show(k)}.");
        double level = r.GetValue(d.Confidence);
        if (!double.IsFinite(level) || level is <= 0 or >= 1) throw new ArgumentException($"--confidence: must be in (0, 1), got {Show(level)}.");
        RejectInapplicable(r, d, method);
        if (r.GetValue(d.Period) is < 1) throw new ArgumentException("--period: must be at least 1.");
        if (r.GetValue(d.Bootstrap) is < 20) throw new ArgumentException("--bootstrap: must be at least 20.");
        var ties = WireOptions.Parse<TieModel>("--ties", "tie model", r.GetValue(d.Ties)!);
        string[] features = r.GetValue(d.Style) is { } s ? [.. s.Split(',', StringSplitOptions.TrimEntries)] : [];
        if (features.Any(x => x.Length == 0)) throw new ArgumentException("--style: feature names must be non-empty (FEATURE[,FEATURE…]).");
        if (features.Distinct(StringComparer.Ordinal).Count() != features.Length) throw new ArgumentException("--style: a feature is listed twice.");
        L2Penalty? penalty = null;
        if (r.GetValue(d.L2) is { } c)
        {
            if (!double.IsFinite(c) || c <= 0 || c > 1e12) throw new ArgumentException($"--l2: C must be positive (and at most 1e12), got {Show(c)}.");
            penalty = new L2Penalty(c, WireOptions.Parse<PenaltyScope>("--l2-scope", "scope", r.GetValue(d.L2Scope)!));
        }
        var weights = WireOptions.Parse<WeightKind>("--weights", "kind", r.GetValue(d.Weights)!);
        var bothBad = WireOptions.Parse<BothBadPolicy>("--both-bad", "policy", r.GetValue(d.BothBad)!);
        foreach (var path in paths) InputFiles.RequireFile("--matches", path);
        return new RankSettings(paths, format, method, k, init, r.GetValue(d.Period), r.GetValue(d.Bootstrap), r.GetValue(d.Seed), level, ties, features,
            ParseAnchor(r.GetValue(d.Anchor)), penalty, weights, LogScales(r.GetValue(d.LogWeights), paths.Length), bothBad, r.GetValue(Cli.Json));
    }

    /// <summary>A flag that does not apply to the method is an error, never silently ignored.</summary>
    private static void RejectInapplicable(CliContext r, RankCommandDefinition d, RankMethod m)
    {
        string name = Scoring.WireName.Of(m);
        bool elo = m is RankMethod.Elo or RankMethod.EloBatch or RankMethod.EloMedian;
        RejectUnless(r, d.K, elo, name, "elo, elo-batch and elo-median");
        RejectUnless(r, d.Period, m is RankMethod.EloBatch or RankMethod.Glicko2, name, "elo-batch and glicko2");
        RejectUnless(r, d.Bootstrap, m is not RankMethod.Glicko2, name, "elo, elo-batch, elo-median and bt");
        RejectUnless(r, d.Seed, m is not RankMethod.Glicko2, name, "elo, elo-batch, elo-median and bt");
        RejectUnless(r, d.Confidence, m is not RankMethod.Glicko2, name, "elo, elo-batch, elo-median and bt; glicko2 reports ±1.96 deviations");
        foreach (var btOnly in d.BradleyTerryOnly) RejectUnless(r, btOnly, m == RankMethod.BradleyTerry, name, "bt");
        if (r.GetValue(d.L2) is null && r.GetResult(d.L2Scope) is { Implicit: false }) throw new ArgumentException("--l2-scope: applies only with --l2 C.");
        if (m == RankMethod.BradleyTerry && r.GetValue(d.Bootstrap) is null && r.GetResult(d.Seed) is { Implicit: false })
            throw new ArgumentException("--seed: seeds the bootstrap, and --method bt uses sandwich intervals unless --bootstrap N is given.");
    }

    private static void RejectUnless(CliContext r, Option option, bool applies, string method, string where)
    {
        if (!applies && r.GetResult(option) is { Implicit: false })
            throw new ArgumentException($"{option.Name}: does not apply to --method {method} (it applies to {where}).");
    }

    private static RatingAnchor? ParseAnchor(string? a)
    {
        if (a is null) return null;
        int eq = a.LastIndexOf('=');
        if (eq <= 0 || !double.TryParse(a[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double rating) || !double.IsFinite(rating))
            throw new ArgumentException($"--anchor: expected NODE=RATING (for example gpt-4=1250), got '{a}'.");
        return new RatingAnchor(a[..eq], rating);
    }

    private static double[] LogScales(string? logWeights, int logs)
    {
        double[] scale = [.. Enumerable.Repeat(1.0, logs)];
        if (logWeights is null) return scale;
        var parts = logWeights.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != logs) throw new ArgumentException($"--log-weights: give one weight per --matches file ({logs}), got {parts.Length}.");
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out scale[i]) || !double.IsFinite(scale[i]) || scale[i] <= 0)
                throw new ArgumentException($"--log-weights: weights must be positive numbers, got '{parts[i]}'.");
        }
        return scale;
    }

    private static string Show(double v) => v.ToString(CultureInfo.InvariantCulture);
}

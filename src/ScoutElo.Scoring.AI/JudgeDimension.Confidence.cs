using System.Globalization;
using System.Text;

namespace ScoutElo.Scoring.AI;

// The confidence part of the judge: verdict probabilities from token log-probabilities, agreement over runs, the cache format.
public sealed partial class JudgeDimension
{
    /// <summary>The verdict's probability from the output tokens: pairwise, P(A is better) = (m(A) + m(tie)/2) / (m(A) + m(B) +
    /// m(tie)) over the alternatives at the verdict token; pointwise, the chosen score's share of the mass of the scale's scores
    /// at the score token. Null when the tag's token or a usable alternative cannot be found.</summary>
    private double? Probability(IReadOnlyList<TokenLogProbability> tokens, double value)
    {
        var text = new StringBuilder();
        var starts = new int[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            starts[i] = text.Length;
            text.Append(tokens[i].Token);
        }
        bool pairwise = _options.Mode == JudgeMode.Pairwise;
        var matches = (pairwise ? VerdictTag() : ScoreTag()).Matches(text.ToString());
        if (matches.Count != 1) return null;
        int at = matches[0].Groups[1].Index;
        int k = Array.FindLastIndex(starts, st => st <= at);
        if (k < 0) return null;
        var token = tokens[k];
        // The sampled token is usually among its alternatives (perhaps with a tag character glued on); added only when it is not.
        var alternatives = token.Alternatives.Any(a => Bare(a.Token) == Bare(token.Token)) ? token.Alternatives : [token, .. token.Alternatives];
        if (pairwise)
        {
            double a = 0, b = 0, tie = 0;
            foreach (var alt in alternatives)
            {
                double m = Math.Exp(alt.LogProbability);
                switch (Bare(alt.Token).ToUpperInvariant())
                {
                    case "A": a += m; break;
                    case "B": b += m; break;
                    case "TIE" or "T" or "TI": tie += m; break;
                }
            }
            double total = a + b + tie;
            return total > 0 && double.IsFinite(total) ? Math.Clamp((a + (tie / 2)) / total, 0, 1) : null;
        }
        double chosen = 0, all = 0;
        foreach (var alt in alternatives)
        {
            if (!int.TryParse(Bare(alt.Token), NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < _options.ScaleMin || n > _options.ScaleMax) continue;
            double m = Math.Exp(alt.LogProbability);
            all += m;
            if (n == value) chosen += m;
        }
        return chosen > 0 && double.IsFinite(all) ? Math.Clamp(chosen / all, 0, 1) : null;

        // A token's text without the tag characters a tokenizer may have glued to it (">A", " 4", "B<").
        static string Bare(string token)
        {
            int cut = token.IndexOf('<', StringComparison.Ordinal);
            return (cut >= 0 ? token[..cut] : token).Trim().TrimStart('>').Trim();
        }
    }

    /// <summary>The outcome's confidence: pairwise, max(p, 1 − p) of the verdict probability p (the mean over runs and both
    /// orders); pointwise, the mean chosen-score mass from log-probabilities, else the share of samples at the most common score
    /// (from two samples on); and where it came from.</summary>
    private (double? Confidence, JudgeConfidenceSource Source) Confidence(List<double> samples, List<double> raw, List<double> masses, bool allProbable)
    {
        if (samples.Count == 0) return (null, JudgeConfidenceSource.None);
        if (_options.Mode == JudgeMode.Pairwise)
        {
            double p = Math.Clamp(samples.Average(), 0, 1);
            return (Math.Max(p, 1 - p), allProbable ? JudgeConfidenceSource.LogProbabilities : JudgeConfidenceSource.Runs);
        }
        if (allProbable && masses.Count > 0) return (masses.Average(), JudgeConfidenceSource.LogProbabilities);
        if (raw.Count < 2) return (null, JudgeConfidenceSource.None);
        int modal = raw.GroupBy(v => v).Max(g => g.Count());
        return ((double)modal / raw.Count, JudgeConfidenceSource.Runs);
    }
}

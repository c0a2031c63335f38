using System.Text.RegularExpressions;
using ScoutElo.Scoring.Internal;
using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Benchmarks;

// The library's implementations from before issue 25, kept verbatim in behaviour: the benchmark baselines, and (this file is
// linked into the test project) the references the new implementations are property-tested against.

/// <summary>The library's Kendall τ-b before issue 25, kept as the benchmark baseline.</summary>
internal static class OldKendall
{
    public static double? TauB(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length;
        if (n < 3) return null;
        var idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        var xs = x.ToArray();
        var ys = y.ToArray();
        Array.Sort(idx, (a, b) => xs[a] != xs[b] ? xs[a].CompareTo(xs[b]) : ys[a].CompareTo(ys[b]));
        long n1 = 0, n3 = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && xs[idx[j]] == xs[idx[i]]) j++;
            n1 += (long)(j - i) * (j - i - 1) / 2;
            for (int k = i; k < j;)
            {
                int m = k;
                while (m < j && ys[idx[m]] == ys[idx[k]]) m++;
                n3 += (long)(m - k) * (m - k - 1) / 2;
                k = m;
            }
            i = j;
        }
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = ys[idx[i]];
        long swaps = MergeCount(v, new double[n], 0, n);
        long n2 = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && v[j] == v[i]) j++;
            n2 += (long)(j - i) * (j - i - 1) / 2;
            i = j;
        }
        long n0 = (long)n * (n - 1) / 2;
        double denom = Math.Sqrt((double)(n0 - n1) * (n0 - n2));
        return denom <= 0 ? null : Math.Clamp((n0 - n1 - n2 + n3 - (2.0 * swaps)) / denom, -1, 1);
    }

    private static long MergeCount(double[] v, double[] tmp, int lo, int hi)
    {
        if (hi - lo < 2) return 0;
        int mid = (lo + hi) >>> 1;
        long swaps = MergeCount(v, tmp, lo, mid) + MergeCount(v, tmp, mid, hi);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi)
        {
            if (v[j] < v[i]) { swaps += mid - i; tmp[k++] = v[j++]; }
            else tmp[k++] = v[i++];
        }
        while (i < mid) tmp[k++] = v[i++];
        while (j < hi) tmp[k++] = v[j++];
        Array.Copy(tmp, lo, v, lo, hi - lo);
        return swaps;
    }
}

/// <summary>The library's bootstrap before issue 25 (item-major layout, a gather and six sums per draw), the baseline.</summary>
internal static class OldBootstrap
{
    public static (double Low, double High)?[] PearsonIntervals(double[][] columns, double[] y, int resamples, ulong seed)
    {
        int p = columns.Length, n = y.Length;
        double yMean = 0;
        foreach (double v in y) yMean += v;
        yMean /= Math.Max(n, 1);
        var yc = new double[n];
        for (int i = 0; i < n; i++) yc[i] = y[i] - yMean;
        var x = new double[n * p];
        for (int d = 0; d < p; d++)
        {
            double sum = 0;
            int count = 0;
            foreach (double v in columns[d])
            {
                if (!double.IsNaN(v)) { sum += v; count++; }
            }
            double mean = count > 0 ? sum / count : 0;
            for (int i = 0; i < n; i++) x[(i * p) + d] = columns[d][i] - mean;
        }
        var r = new double[p][];
        for (int d = 0; d < p; d++) r[d] = new double[resamples];
        Parallel.For(0, resamples, () => new double[6 * p], (b, _, acc) =>
        {
            Array.Clear(acc);
            var rng = new Xoshiro256(Seeds.Derive(seed, (ulong)b));
            for (int k = 0; k < n; k++)
            {
                int i = OldNextInt(ref rng, n);
                double yi = yc[i];
                int row = i * p;
                for (int d = 0; d < p; d++)
                {
                    double xv = x[row + d];
                    if (double.IsNaN(xv)) continue;
                    int o = 6 * d;
                    acc[o] += 1;
                    acc[o + 1] += xv;
                    acc[o + 2] += yi;
                    acc[o + 3] += xv * xv;
                    acc[o + 4] += yi * yi;
                    acc[o + 5] += xv * yi;
                }
            }
            for (int d = 0; d < p; d++)
            {
                int o = 6 * d;
                double c = acc[o];
                double sxx = acc[o + 3] - (acc[o + 1] * acc[o + 1] / Math.Max(c, 1));
                double syy = acc[o + 4] - (acc[o + 2] * acc[o + 2] / Math.Max(c, 1));
                double sxy = acc[o + 5] - (acc[o + 1] * acc[o + 2] / Math.Max(c, 1));
                r[d][b] = c < 3 || sxx <= 1e-12 * Math.Max(acc[o + 3], 1e-300) || syy <= 1e-12 * Math.Max(acc[o + 4], 1e-300)
                    ? double.NaN
                    : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
            }
            return acc;
        }, _ => { });
        var result = new (double, double)?[p];
        for (int d = 0; d < p; d++)
        {
            var valid = r[d].Where(v => !double.IsNaN(v)).ToArray();
            if (valid.Length < resamples / 2) continue;
            Array.Sort(valid);
            result[d] = (Stats.Quantile(valid, 0.025), Stats.Quantile(valid, 0.975));
        }
        return result;
    }

    /// <summary>The bounded draw before issue 25: a 64-bit division for the threshold on every call.</summary>
    private static int OldNextInt(ref Xoshiro256 rng, int maxExclusive)
    {
        ulong bound = (ulong)maxExclusive;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            UInt128 m = (UInt128)rng.NextUInt64() * bound;
            if ((ulong)m >= threshold) return (int)(m >> 64);
        }
    }
}

/// <summary>The library's sentence BLEU before issue 25 (regex 13a, dictionaries), the baseline.</summary>
internal static partial class OldBleu
{
    [GeneratedRegex(@"([\{-\~\[-\` -\&\(-\+\:-\@\/])", RegexOptions.CultureInvariant)]
    private static partial Regex Symbols();

    [GeneratedRegex(@"([^0-9])([\.,])", RegexOptions.CultureInvariant)]
    private static partial Regex After();

    [GeneratedRegex(@"([\.,])([^0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Before();

    [GeneratedRegex(@"([0-9])(-)", RegexOptions.CultureInvariant)]
    private static partial Regex Dash();

    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x1f', '\x85', '\xa0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'];

    /// <summary>The regex 13a tokenizer (sacreBLEU's substitutions), the reference the hand-written passes are tested against.</summary>
    internal static string Tokenize(string line)
    {
        line = line.Replace("<skipped>", "", StringComparison.Ordinal).Replace("-\n", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        if (line.Contains('&', StringComparison.Ordinal))
        {
            line = line.Replace("&quot;", "\"", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal)
                .Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal);
        }
        line = " " + line + " ";
        line = Symbols().Replace(line, " $1 ");
        line = After().Replace(line, "$1 $2 ");
        line = Before().Replace(line, " $1 $2");
        return Dash().Replace(line, "$1 $2 ");
    }

    private static TextScratch.Segment Tokens(TextScratch s, string text)
    {
        string t = Tokenize(text);
        int start = s.IdLength;
        foreach (var range in t.AsSpan().SplitAny(Whitespace))
        {
            if (range.End.Value > range.Start.Value) s.OnToken(t.AsSpan(range));
        }
        return new TextScratch.Segment(start, s.IdLength - start);
    }

    public static double Sentence(string hypothesis, string[] references)
    {
        var s = TextScratch.Rent();
        try
        {
            var hyp = Tokens(s, hypothesis);
            int closestDiff = int.MaxValue, closestLen = int.MaxValue;
            var refSegs = new TextScratch.Segment[references.Length];
            for (int r = 0; r < references.Length; r++)
            {
                refSegs[r] = Tokens(s, references[r]);
                int diff = Math.Abs(hyp.Length - refSegs[r].Length);
                if (diff < closestDiff || (diff == closestDiff && refSegs[r].Length < closestLen)) { closestDiff = diff; closestLen = refSegs[r].Length; }
            }
            var correct = new long[4];
            var total = new long[4];
            var maxRef = new Dictionary<int, int>();
            var cur = new Dictionary<int, int>();
            for (int n = 1; n <= 4; n++)
            {
                maxRef.Clear();
                foreach (var seg in refSegs)
                {
                    cur.Clear();
                    int c = s.NgramIds(seg, n, 0);
                    foreach (int id in s.NgramBuffer(0, c)) cur[id] = cur.GetValueOrDefault(id) + 1;
                    foreach (var (id, count) in cur)
                    {
                        if (count > maxRef.GetValueOrDefault(id)) maxRef[id] = count;
                    }
                }
                cur.Clear();
                int hc = s.NgramIds(hyp, n, 0);
                foreach (int id in s.NgramBuffer(0, hc)) cur[id] = cur.GetValueOrDefault(id) + 1;
                foreach (var (id, count) in cur) correct[n - 1] += Math.Min(count, maxRef.GetValueOrDefault(id));
                total[n - 1] += hc;
            }
            if (hyp.Length == 0) return 0;
            double logSum = 0, smooth = 1;
            int eff = 4;
            for (int n = 1; n <= 4; n++)
            {
                if (total[n - 1] == 0) break;
                eff = n;
                double prec;
                if (correct[n - 1] == 0) { smooth *= 2; prec = 100.0 / (smooth * total[n - 1]); }
                else prec = 100.0 * correct[n - 1] / total[n - 1];
                logSum += Math.Log(prec);
            }
            double bp = hyp.Length >= closestLen ? 1 : Math.Exp(1.0 - ((double)closestLen / hyp.Length));
            return Math.Min(100, bp * Math.Exp(logSum / eff));
        }
        finally
        {
            TextScratch.Return(s);
        }
    }
}

namespace ScoutElo.Scoring.Verification;

/// <summary>Model equality testing from text alone (Gao, Liang and Guestrin, "Model Equality Testing: Which Model Is This API
/// Serving?", ICLR 2025, arXiv 2410.20247): a two-sample test of whether a node's answers are distributed as the claimed
/// model's answers, by the maximum mean discrepancy under a string kernel and a permutation p-value.</summary>
/// <remarks>
/// <para>The padding convention (padded positions agree with each other) and the within-pair permutation for answers to
/// the same prompt are our choices; the kernel, the statistic and the permutation test are the paper's and Gretton et al.'s.</para>
/// <para>Kernel: the Hamming similarity of the first <see cref="ModelEqualityOptions.Characters"/> Unicode scalar values,
/// k(x, y) = (1/L)·Σᵢ 1[xᵢ = yᵢ], each answer padded to L with a pad symbol (so two answers that end early agree there and a
/// length difference counts as disagreement); a positive-definite kernel (an average of indicator kernels).</para>
/// <para>Statistic: the unbiased MMD² estimate, mean k within the node's answers + mean k within the reference answers −
/// 2·mean k across (within-side means over distinct pairs).</para>
/// <para>p-value: the kernel matrix is computed once; each permutation reassigns the sides and recomputes the statistic from
/// it. Answers to a prompt present on both sides are exchanged only within that prompt (a swap of sides per pair, which
/// keeps each prompt's answers balanced), the rest are permuted freely; under equal distributions every assignment is
/// equally likely, so the test's level is exact up to the Monte-Carlo resolution. With disjoint prompts it is the paper's
/// unconditional test. Deterministic given the samples and the seed. Cost: O((n+m)²·L) for the kernel and
/// O(B·(n+m)²) for B permutations.</para>
/// </remarks>
public static class ModelEqualityTest
{
    /// <summary>Tests whether the node's answers are distributed as the reference (claimed model's) answers.</summary>
    /// <param name="node">The node's answers.</param>
    /// <param name="reference">The claimed model's answers (the validator's own trusted inference).</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <returns>The statistic, the p-value and the verdict.</returns>
    /// <exception cref="ArgumentNullException">A list or a sample is null.</exception>
    /// <exception cref="ArgumentException">A side has fewer than two samples (named <paramref name="node"/> or <paramref name="reference"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    public static ModelEqualityResult Run(IReadOnlyList<TextSample> node, IReadOnlyList<TextSample> reference, ModelEqualityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(reference);
        var o = options ?? new ModelEqualityOptions();
        o.Validate(nameof(options));
        if (node.Count < 2) throw new ArgumentException($"At least two answers are needed on each side; got {node.Count}.", nameof(node));
        if (reference.Count < 2) throw new ArgumentException($"At least two answers are needed on each side; got {reference.Count}.", nameof(reference));
        for (int i = 0; i < node.Count; i++) if (node[i]?.Text is null) throw new ArgumentNullException(nameof(node), $"Sample {i} or its text is null.");
        for (int i = 0; i < reference.Count; i++) if (reference[i]?.Text is null) throw new ArgumentNullException(nameof(reference), $"Sample {i} or its text is null.");

        int n = node.Count, m = reference.Count, total = n + m;
        var codes = new int[total][];
        for (int i = 0; i < total; i++) codes[i] = Prefix(i < n ? node[i].Text : reference[i - n].Text, o.Characters);
        var kernel = Kernel(codes, o.Characters);
        var (pairs, free) = Blocks(node, reference);
        var side = new bool[total]; // true: the node's side
        for (int i = 0; i < n; i++) side[i] = true;
        double observed = Statistic(kernel, side, n, m);
        var rng = new Random(o.Seed);
        int atLeast = 0;
        var freeSides = new bool[free.Length];
        int freeNode = free.Count(i => i < n);
        var permuted = new bool[total]; // every entry is rewritten by each permutation: pairs, then the free samples
        for (int b = 0; b < o.Permutations; b++)
        {
            foreach (var (a, c) in pairs)
            {
                bool swap = rng.Next(2) == 1;
                permuted[a] = !swap;
                permuted[c] = swap;
            }
            Shuffle(freeSides, freeNode, rng);
            for (int k = 0; k < free.Length; k++) permuted[free[k]] = freeSides[k];
            if (Statistic(kernel, permuted, n, m) >= observed - 1e-12) atLeast++;
        }
        double p = (1.0 + atLeast) / (1.0 + o.Permutations);
        return new ModelEqualityResult(n, m, pairs.Count, observed, p, p <= o.Alpha);
    }

    /// <summary>The first <paramref name="length"/> Unicode scalar values, padded with −1.</summary>
    private static int[] Prefix(string text, int length)
    {
        var codes = new int[length];
        Array.Fill(codes, -1);
        int k = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (k == length) break;
            codes[k++] = rune.Value;
        }
        return codes;
    }

    private static double[] Kernel(int[][] codes, int length)
    {
        int total = codes.Length;
        var k = new double[total * total];
        for (int i = 0; i < total; i++)
        {
            k[(i * total) + i] = 1;
            for (int j = i + 1; j < total; j++)
            {
                int same = 0;
                var a = codes[i].AsSpan();
                var b = codes[j].AsSpan();
                for (int t = 0; t < length; t++) if (a[t] == b[t]) same++;
                k[(i * total) + j] = k[(j * total) + i] = (double)same / length;
            }
        }
        return k;
    }

    /// <summary>Pairs (one node answer, one reference answer) of the prompts both sides answered, and the rest.</summary>
    private static (List<(int A, int B)> Pairs, int[] Free) Blocks(IReadOnlyList<TextSample> node, IReadOnlyList<TextSample> reference)
    {
        int n = node.Count;
        var waiting = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
        for (int j = 0; j < reference.Count; j++)
        {
            if (reference[j].Prompt is not { } p) continue;
            if (!waiting.TryGetValue(p, out var q)) waiting[p] = q = new Queue<int>();
            q.Enqueue(n + j);
        }
        var pairs = new List<(int, int)>();
        var paired = new HashSet<int>();
        for (int i = 0; i < n; i++)
        {
            if (node[i].Prompt is { } p && waiting.TryGetValue(p, out var q) && q.Count > 0)
            {
                int j = q.Dequeue();
                pairs.Add((i, j));
                paired.Add(i);
                paired.Add(j);
            }
        }
        return (pairs, [.. Enumerable.Range(0, n + reference.Count).Where(i => !paired.Contains(i))]);
    }

    /// <summary>A uniformly random assignment of <paramref name="ones"/> node labels among the free samples (Fisher–Yates).</summary>
    private static void Shuffle(bool[] sides, int ones, Random rng)
    {
        for (int i = 0; i < sides.Length; i++) sides[i] = i < ones;
        for (int i = sides.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (sides[i], sides[j]) = (sides[j], sides[i]);
        }
    }

    /// <summary>Unbiased MMD² of the assignment: within-side means over distinct pairs, across-side mean.</summary>
    private static double Statistic(double[] k, bool[] side, int n, int m)
    {
        int total = side.Length;
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < total; i++)
        {
            var row = k.AsSpan(i * total, total);
            bool si = side[i];
            for (int j = i + 1; j < total; j++)
            {
                if (si == side[j])
                {
                    if (si) xx += row[j];
                    else yy += row[j];
                }
                else
                {
                    xy += row[j];
                }
            }
        }
        return (2 * xx / ((double)n * (n - 1))) + (2 * yy / ((double)m * (m - 1))) - (2 * xy / ((double)n * m));
    }
}

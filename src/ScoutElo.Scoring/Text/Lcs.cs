namespace ScoutElo.Scoring.Text;

/// <summary>Longest-common-subsequence references (dynamic programming) and the LCS index backtrack of rouge-score.</summary>
internal static class Lcs
{
    /// <summary>Reference LCS length by the classic O(m·n) table (two rows).</summary>
    public static int Length(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
                cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : Math.Max(prev[j], cur[j - 1]);
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    /// <summary>Indices into <paramref name="reference"/> of the LCS chosen by rouge-score's backtrack (ties: move in the reference).</summary>
    public static void Indices(ReadOnlySpan<int> reference, ReadOnlySpan<int> candidate, List<int> into)
    {
        int m = reference.Length, n = candidate.Length;
        var t = new int[(m + 1) * (n + 1)];
        int w = n + 1;
        for (int i = 1; i <= m; i++)
        {
            for (int j = 1; j <= n; j++)
                t[(i * w) + j] = reference[i - 1] == candidate[j - 1] ? t[((i - 1) * w) + j - 1] + 1 : Math.Max(t[((i - 1) * w) + j], t[(i * w) + j - 1]);
        }
        int start = into.Count;
        int a = m, b = n;
        while (a > 0 && b > 0)
        {
            if (reference[a - 1] == candidate[b - 1])
            {
                into.Add(a - 1);
                a--;
                b--;
            }
            else if (t[(a * w) + b - 1] > t[((a - 1) * w) + b])
            {
                b--;
            }
            else
            {
                a--;
            }
        }
        into.Reverse(start, into.Count - start);
    }
}

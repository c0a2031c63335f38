namespace ScoutElo.Scoring.Ranking;

public static partial class BradleyTerry
{
    /// <summary>Interns nodes in ordinal id order and logs densely, forms the cells and the tie parameters.</summary>
    private static Model BuildModel(Data data, BradleyTerryOptions o, string param, out string[] ids)
    {
        int count = data.Count;
        int n = data.Ids.Count;
        int p = o.StyleFeatures.Count;
        // Node indices in ordinal id order, so the result does not depend on the order comparisons arrive in.
        var order = Enumerable.Range(0, n).ToArray();
        ids = [.. data.Ids];
        Array.Sort(ids, order, StringComparer.Ordinal);
        var remap = new int[n];
        for (int k = 0; k < n; k++) remap[order[k]] = k;
        var logIds = data.LogIds.ToArray();
        // Dense log index per comparison (logs are usually 0..L−1: an array lookup, not a dictionary per comparison).
        var logMap = new int[logIds[^1] + 1 <= 4 * logIds.Length + 64 ? logIds[^1] + 1 : 0];
        var logDict = logMap.Length == 0 ? logIds.Select((l, k) => (l, k)).ToDictionary(t => t.l, t => t.k) : null;
        for (int k = 0; k < logIds.Length && logDict is null; k++) logMap[logIds[k]] = k;
        var logOf = new int[count];
        for (int k = 0; k < count; k++) logOf[k] = logDict is null ? logMap[data.Log[k]] : logDict[data.Log[k]];
        var md = new Model { N = n, P = p, Ties = o.Ties, Logs = logIds.Length };
        bool importance = o.Weights == WeightKind.Importance;
        if (o.L2 is { } l2)
        {
            double lambda = 1 / (4 * l2.C); // the arena's C·Σloss + ½‖β‖² divided by its 4 rows per battle
            md.StylePenalty = lambda;
            if (l2.Scope == PenaltyScope.AllParameters) md.ThetaPenalty = lambda / (Ln10 * Ln10); // β = θ / ln 10
        }

        var cells = new CellLists();
        if (p > 0) md.Z = StyleCells(data, o, param, remap, logOf, importance, cells);
        else MergedCells(data, n, logIds.Length, remap, logOf, importance, cells);
        md.I = [.. cells.I];
        md.J = [.. cells.J];
        md.L = [.. cells.L];
        md.S = [.. cells.S];
        md.Count = [.. cells.Count];
        md.Unit = [.. cells.Unit];
        TieParameters(md, o, param, logIds);
        return md;
    }

    /// <summary>Cells under construction: pair, log, score, count and unit per cell.</summary>
    private sealed class CellLists
    {
        public readonly List<int> I = [], J = [], L = [];
        public readonly List<double> S = [], Count = [], Unit = [];

        public void Add(int i, int j, int l, double s, double count, double unit)
        {
            I.Add(i);
            J.Add(j);
            L.Add(l);
            S.Add(s);
            Count.Add(count);
            Unit.Add(unit);
        }
    }

    /// <summary>Style covariates: every comparison is its own cell; covariates standardised over the log (population sd).</summary>
    private static double[] StyleCells(Data data, BradleyTerryOptions o, string param, int[] remap, int[] logOf, bool importance, CellLists cells)
    {
        int count = data.Count, p = o.StyleFeatures.Count;
        var zs = new double[count * p];
        for (int f = 0; f < p; f++)
        {
            double mean = 0, m2 = 0;
            for (int k = 0; k < count; k++) mean += data.Raw[(k * p) + f];
            mean /= count;
            for (int k = 0; k < count; k++) { double d = data.Raw[(k * p) + f] - mean; m2 += d * d; }
            double sd = Math.Sqrt(m2 / count);
            if (!(sd > 1e-12)) throw new ArgumentException($"The style covariate '{o.StyleFeatures[f]}' is the same in every comparison: its coefficient cannot be estimated.", param);
            for (int k = 0; k < count; k++) zs[(k * p) + f] = (data.Raw[(k * p) + f] - mean) / sd;
        }
        for (int k = 0; k < count; k++)
            cells.Add(remap[data.A[k]], remap[data.B[k]], logOf[k], data.Score[k], importance ? 1 : data.Weight[k], importance ? data.Weight[k] : 1);
        return zs;
    }

    /// <summary>Identical comparisons merged. Dense slots when the (pair, log, outcome) space is small and scores are 0/½/1,
    /// a dictionary otherwise; cells are then in (I, J, log, score, unit) order either way.</summary>
    private static void MergedCells(Data data, int n, int logs, int[] remap, int[] logOf, bool importance, CellLists cells)
    {
        int count = data.Count;
        bool dense = !importance && (long)n * n * logs * 3 <= 1 << 24;
        for (int k = 0; k < count && dense; k++) dense = data.Score[k] is 0 or 0.5 or 1;
        if (dense)
        {
            var slot = new double[n * n * logs * 3];
            for (int k = 0; k < count; k++)
            {
                int a = remap[data.A[k]], b = remap[data.B[k]];
                double s = data.Score[k];
                if (a > b) (a, b, s) = (b, a, 1 - s);
                int code = s == 0 ? 0 : s == 1 ? 2 : 1;
                slot[(((((a * n) + b) * logs) + logOf[k]) * 3) + code] += data.Weight[k];
            }
            for (int k = 0; k < slot.Length; k++)
            {
                if (slot[k] == 0) continue;
                int code = k % 3, rest = k / 3;
                cells.Add(rest / logs / n, rest / logs % n, rest % logs, code * 0.5, slot[k], 1);
            }
        }
        else
        {
            var map = new Dictionary<(int I, int J, int L, double S, double U), double>();
            for (int k = 0; k < count; k++)
            {
                int a = remap[data.A[k]], b = remap[data.B[k]];
                double s = data.Score[k];
                if (a > b) (a, b, s) = (b, a, 1 - s);
                double u = importance ? data.Weight[k] : 1;
                var key = (a, b, logOf[k], s, u);
                map[key] = map.GetValueOrDefault(key) + (importance ? 1 : data.Weight[k]);
            }
            foreach (var (key, c) in map.OrderBy(e => e.Key)) cells.Add(key.I, key.J, key.L, key.S, c, key.U);
        }
    }

    /// <summary>Tie parameters: one per log that holds a tie (a log without ties is held at ν = 0 / η = 0, its MLE).</summary>
    private static void TieParameters(Model md, BradleyTerryOptions o, string param, int[] logIds)
    {
        // Tie and total weight per log in one pass over the cells; the shares also give the starting values.
        md.TieOf = new int[md.Logs];
        md.TieShare = new double[md.Logs];
        int m = md.N + md.P;
        var tieWeight = new double[md.Logs];
        var allWeight = new double[md.Logs];
        for (int c = 0; c < md.CellCount; c++)
        {
            double w = md.Count[c] * md.Unit[c];
            allWeight[md.L[c]] += w;
            if (md.S[c] == 0.5) tieWeight[md.L[c]] += w;
        }
        for (int l = 0; l < md.Logs; l++)
        {
            md.TieOf[l] = -1;
            md.TieShare[l] = tieWeight[l] / allWeight[l];
            if (o.Ties == TieModel.HalfWin) continue;
            if (tieWeight[l] == allWeight[l]) throw new ArgumentException($"Log {logIds[l]} holds nothing but ties: its tie parameter has no finite estimate.", param);
            if (tieWeight[l] > 0) md.TieOf[l] = m++;
        }
        md.M = m;
    }

    /// <summary>For the half-win model without covariates, the likelihood of a pair's cells depends only on its total weight and
    /// total score (ℓ is linear in s), so Newton runs on one cell per (pair, log) with the weighted mean score: a third of the
    /// cells for 0/½/1 logs. Other models are returned as they are.</summary>
    private static Model Reduce(Model md, double[] weight, out double[] reducedWeight, Model? into = null)
    {
        if (md.Ties != TieModel.HalfWin || md.P > 0)
        {
            reducedWeight = weight;
            return md;
        }
        int cells = md.CellCount, k = 0;
        var r = into ?? new Model
        {
            N = md.N, P = 0, M = md.M, Ties = md.Ties, Logs = md.Logs, TieOf = md.TieOf,
            I = new int[cells], J = new int[cells], L = new int[cells], S = new double[cells], Count = new double[cells], Unit = [],
            ThetaPenalty = md.ThetaPenalty, StylePenalty = md.StylePenalty,
        };
        int[] i = r.I, j = r.J, l = r.L;
        double[] score = r.S, w = r.Count;
        for (int c = 0; c < cells;)
        {
            int a = md.I[c], b = md.J[c], log = md.L[c];
            double total = 0, wins = 0;
            for (; c < cells && md.I[c] == a && md.J[c] == b && md.L[c] == log; c++)
            {
                total += weight[c];
                wins += weight[c] * md.S[c];
            }
            if (total == 0) continue;
            i[k] = a;
            j[k] = b;
            l[k] = log;
            score[k] = Math.Min(wins / total, 1);
            w[k] = total;
            k++;
        }
        r.Cells = k;
        reducedWeight = w;
        return r;
    }

    /// <summary>Starting tie parameters: the values that reproduce each log's tie share between equal nodes.</summary>
    private static void InitialTies(Model md, double[] phi)
    {
        for (int l = 0; l < md.Logs; l++)
        {
            int k = md.TieOf[l];
            if (k < 0) continue;
            double t = md.TieShare[l];
            phi[k] = md.Ties == TieModel.Davidson ? Math.Log(2 * t / (1 - t)) : Math.Log((1 + t) / (1 - t));
        }
    }

    /// <summary>Which logs' tie parameters are estimated under these cell weights (a log with no tie weight is held at 0).</summary>
    private static bool[] FreeTies(Model md, double[] weight)
    {
        var free = new bool[md.Logs];
        for (int c = 0; c < md.CellCount; c++)
        {
            if (md.S[c] == 0.5 && weight[c] > 0 && md.TieOf[md.L[c]] >= 0) free[md.L[c]] = true;
        }
        return free;
    }

    /// <summary>True when some log with a tie parameter holds only ties under these weights (a degenerate resample).</summary>
    private static bool AllTiesSomewhere(Model md, double[] weight)
    {
        if (md.Ties == TieModel.HalfWin) return false;
        var decisive = new bool[md.Logs];
        for (int c = 0; c < md.CellCount; c++)
        {
            if (md.S[c] != 0.5 && weight[c] > 0) decisive[md.L[c]] = true;
        }
        for (int l = 0; l < md.Logs; l++)
        {
            if (md.TieOf[l] >= 0 && !decisive[l]) return true;
        }
        return false;
    }
}

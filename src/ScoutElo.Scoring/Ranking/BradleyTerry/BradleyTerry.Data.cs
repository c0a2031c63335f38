using System.Globalization;
using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Ranking;

public static partial class BradleyTerry
{
    /// <summary>Comparisons interned to node indices, before cells are formed.</summary>
    private sealed class Data(BradleyTerryOptions options, int capacity, string param)
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly int _p = options.StyleFeatures.Count;
        public readonly List<string> Ids = [];
        public readonly int[] A = new int[capacity], B = new int[capacity], Log = new int[capacity];
        public readonly double[] Score = new double[capacity], Weight = new double[capacity];
        public readonly List<double> Raw = [];
        public readonly SortedSet<int> LogIds = [];
        private int _lastLog = -1;

        public int Count { get; private set; }

        public string Param => param;

        public bool HasNode(string id) => _index.ContainsKey(id);

        public void Add(int j, string a, string b, double score, double weight, int log, IReadOnlyList<double>? fa, IReadOnlyList<double>? fb)
        {
            if (options.Ties != TieModel.HalfWin && score is not (0 or 0.5 or 1))
                throw new ArgumentException($"Comparison {j}: the {options.Ties} tie model needs a score of 0, 0.5 (tie) or 1, got {score.ToString(CultureInfo.InvariantCulture)} (graded scores need the half-win model).", param);
            int k = Count++;
            A[k] = Intern(a);
            B[k] = Intern(b);
            Score[k] = score;
            Weight[k] = weight;
            Log[k] = log;
            if (log != _lastLog)
            {
                LogIds.Add(log);
                _lastLog = log;
            }
            for (int f = 0; f < _p; f++)
            {
                double x = fa![f], y = fb![f];
                Raw.Add(x + y > 0 ? (x - y) / (x + y) : 0);
            }
        }

        // Callers usually pass the same string instances again and again (one per node); a slot keyed by the instance's identity
        // answers those without hashing the text. A miss (another instance, equal or not) falls back to the dictionary.
        private readonly (string? Id, int Index)[] _seen = new (string?, int)[256];

        private int Intern(string id)
        {
            ref var slot = ref _seen[System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(id) & 255];
            if (ReferenceEquals(slot.Id, id)) return slot.Index;
            if (!_index.TryGetValue(id, out int i))
            {
                i = Ids.Count;
                _index.Add(id, i);
                Ids.Add(id);
            }
            slot = (id, i);
            return i;
        }
    }

    /// <summary>The cells a fit works on, as parallel arrays: pair (I &lt; J unless style covariates keep every comparison),
    /// I's score, dense log index, count and unit (a cell weighs Count·Unit; frequency weights have Unit 1), covariates.</summary>
    internal sealed class Model
    {
        public int N, P, M;
        public TieModel Ties;
        public int[] I = [], J = [], L = [];
        public double[] S = [], Count = [], Unit = [], Z = [];
        public int[] TieOf = []; // per dense log: its parameter's position in φ, or −1 (held at 0: no ties in the log)
        public double[] TieShare = []; // per dense log: the weight share of ties
        public double ThetaPenalty, StylePenalty; // λ of −λ/2·Σx²
        public int Logs;

        public int Cells = -1; // cells in use (the arrays may be longer: per-thread bootstrap buffers)

        public int CellCount => Cells >= 0 ? Cells : I.Length;
    }
}

using ScoutElo.Scoring.ProofOfQuality;

namespace ScoutElo.Scoring.Network;

/// <summary>The evaluators of one period, interned: their ids in ordinal order, every response's and spot check's panel as
/// indices into them (in the panel's own ordinal key order, so ascending), their trust as an array the period learns on and
/// writes back once, and their records. A period walks every score several times; this makes each walk array reads instead of
/// a hash lookup per score.</summary>
internal sealed class PeriodPanels
{
    private readonly Dictionary<string, int> _index;
    private readonly int[][][] _scores;
    private readonly int[]?[][] _spots;
    private readonly bool[] _learned;

    /// <summary>Interns the evaluators of <paramref name="rounds"/> (<paramref name="evaluators"/> holds every id that scores a
    /// response or a spot check in them).</summary>
    public PeriodPanels(NetworkState state, IReadOnlyList<ObservedRound> rounds, IEnumerable<string> evaluators)
    {
        Ids = [.. evaluators];
        Array.Sort(Ids, StringComparer.Ordinal);
        _index = new Dictionary<string, int>(Ids.Length, StringComparer.Ordinal);
        Trust = new double[Ids.Length];
        Records = new NetworkState.EvaluatorRecord[Ids.Length];
        _learned = new bool[Ids.Length];
        for (int i = 0; i < Ids.Length; i++)
        {
            _index[Ids[i]] = i;
            Trust[i] = state.Trust.TrustOf(Ids[i]);
            Records[i] = state.Evaluator(Ids[i]);
        }
        _scores = new int[rounds.Count][][];
        _spots = new int[rounds.Count][][];
        for (int t = 0; t < rounds.Count; t++)
        {
            var responses = rounds[t].Responses;
            _scores[t] = new int[responses.Count][];
            _spots[t] = new int[responses.Count][];
            for (int k = 0; k < responses.Count; k++)
            {
                _scores[t][k] = Indices(Of(responses[k].Scores));
                if (responses[k].SpotCheck is { } sc) _spots[t][k] = Indices(Of(sc.Scores));
            }
        }
    }

    /// <summary>The period's evaluator ids, ordinal.</summary>
    public string[] Ids { get; }

    /// <summary>Each evaluator's trust as the period has learned it so far.</summary>
    public double[] Trust { get; }

    /// <summary>Each evaluator's record in the state.</summary>
    public NetworkState.EvaluatorRecord[] Records { get; }

    /// <summary>The panel of response <paramref name="k"/> of round <paramref name="t"/>, as ascending evaluator indices.</summary>
    public int[] Scores(int t, int k) => _scores[t][k];

    /// <summary>The panel of that response's spot check, or null.</summary>
    public int[]? Spot(int t, int k) => _spots[t][k];

    /// <summary>A panel's map (<see cref="ObservedResponse.Scores"/> and <see cref="SpotCheck.Scores"/> always hold one).</summary>
    public static OrdinalMap<double> Of(IReadOnlyDictionary<string, double> scores) => (OrdinalMap<double>)scores;

    /// <summary>Steps evaluator <paramref name="i"/>'s trust toward its mean agreement in a round (<see cref="TrustModel.Step"/>).</summary>
    public void Learn(int i, double meanAgreement, TrustOptions options)
    {
        Trust[i] = TrustModel.Step(Trust[i], meanAgreement, options);
        _learned[i] = true;
    }

    /// <summary>Writes the learned trust back to <paramref name="trust"/> (evaluators that never stepped keep no entry).</summary>
    public void CommitTrust(TrustModel trust)
    {
        for (int i = 0; i < Ids.Length; i++) if (_learned[i]) trust.Set(Ids[i], Trust[i]);
    }

    private int[] Indices(OrdinalMap<double> panel)
    {
        var keys = panel.KeySpan;
        var result = new int[keys.Length];
        for (int j = 0; j < keys.Length; j++) result[j] = _index[keys[j]];
        return result;
    }
}

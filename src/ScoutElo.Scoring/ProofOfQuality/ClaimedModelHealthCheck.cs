namespace ScoutElo.Scoring.ProofOfQuality;

/// <summary>Spot checks of inference nodes against the model they claim to serve.</summary>
/// <remarks>
/// <para>Design (ScoutElo's own): now and then the network runs the node's <i>claimed</i> model on the same request and has the
/// evaluators score both answers blind. Each check records the difference <c>d = q_node − q_reference</c>. The node fails
/// when, after at least <c>MinChecks</c> checks, the upper confidence bound of the mean shortfall is below the margin:
/// <c>mean(d) + z·max(sd(d), 0.05)/√n &lt; −margin</c>. A node that serves its claimed model has <c>E[d] = 0</c> and fails
/// only with the one-sided error rate of <c>z</c> at the margin's distance (far less than 2%); a node that serves a cheaper
/// model than it claims fails as soon as the evidence is clear and earns nothing under <see cref="NodeRewardRule"/> until its
/// record recovers. Serving uniformly worse answers shifts every <c>d</c> down and can only make a node fail sooner: the gate
/// never rewards a worse answer. The 0.05 floor on the deviation stops a handful of identical checks from failing a node on
/// no real spread.</para>
/// <para>Not thread-safe: synchronize externally. A failed <see cref="Record"/> changes nothing.</para>
/// </remarks>
public sealed class ClaimedModelHealthCheck
{
    private readonly Dictionary<string, (double Sum, double SumSquares, int Count)> _nodes = new(StringComparer.Ordinal);
    private readonly ClaimedModelHealthCheckOptions _options;

    /// <summary>Creates a check with no history.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    public ClaimedModelHealthCheck(ClaimedModelHealthCheckOptions? options = null)
    {
        _options = options ?? new ClaimedModelHealthCheckOptions();
        _options.Validate(nameof(options));
    }

    /// <summary>The options.</summary>
    public ClaimedModelHealthCheckOptions Options => _options;

    /// <summary>Records one spot check.</summary>
    /// <param name="node">The node id (non-empty).</param>
    /// <param name="nodeQuality">Consensus quality of the node's answer, in [0, 1].</param>
    /// <param name="referenceQuality">Consensus quality of the claimed model's answer to the same request, in [0, 1].</param>
    /// <exception cref="ArgumentException">An empty node id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A quality outside [0, 1].</exception>
    public void Record(string node, double nodeQuality, double referenceQuality)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        Internal.Guard.UnitInterval(nodeQuality);
        Internal.Guard.UnitInterval(referenceQuality);
        var (sum, squares, count) = _nodes.GetValueOrDefault(node);
        double d = nodeQuality - referenceQuality;
        _nodes[node] = (sum + d, squares + (d * d), count + 1);
    }

    /// <summary>Number of checks recorded for a node.</summary>
    /// <param name="node">The node id.</param>
    /// <returns>The count (0 for an unknown node).</returns>
    public int Checks(string node) => _nodes.TryGetValue(node ?? throw new ArgumentNullException(nameof(node)), out var s) ? s.Count : 0;

    /// <summary>The upper confidence bound of the mean shortfall, <c>mean(d) + z·max(sd, 0.05)/√n</c>; null with fewer than
    /// <see cref="ClaimedModelHealthCheckOptions.MinChecks"/> checks.</summary>
    /// <param name="node">The node id.</param>
    /// <returns>The bound, or null when there is not enough evidence yet.</returns>
    public double? ShortfallUpperBound(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!_nodes.TryGetValue(node, out var s) || s.Count < _options.MinChecks) return null;
        double mean = s.Sum / s.Count;
        double variance = Math.Max(0, (s.SumSquares - (s.Count * mean * mean)) / (s.Count - 1));
        return mean + (_options.Z * Math.Max(Math.Sqrt(variance), 0.05) / Math.Sqrt(s.Count));
    }

    /// <summary>The raw statistics of a node (sum of d, sum of d², count), for persisting the check exactly.</summary>
    internal (double Sum, double SumSquares, int Count) Export(string node) => _nodes.GetValueOrDefault(node);

    /// <summary>Restores a node's raw statistics (see <see cref="Export"/>).</summary>
    internal void Load(string node, double sum, double sumSquares, int count)
    {
        if (count < 0 || !double.IsFinite(sum) || !double.IsFinite(sumSquares) || sumSquares < 0) throw new FormatException($"Invalid health-check statistics of '{node}'.");
        if (count > 0) _nodes[node] = (sum, sumSquares, count);
    }

    /// <summary>Whether a node passes: it fails only when <see cref="ShortfallUpperBound"/> is below <c>−Margin</c>.</summary>
    /// <param name="node">The node id.</param>
    /// <returns>True when it passes (always, before enough checks).</returns>
    public bool Passes(string node) => !(ShortfallUpperBound(node) < -_options.Margin);
}

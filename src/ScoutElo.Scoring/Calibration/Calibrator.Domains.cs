using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Calibration;

// Multi-domain calibration: one set of weights fitted on several datasets and chosen to hold on a dataset left out.
public sealed partial class Calibrator
{
    /// <summary>The fitting policies multi-domain calibration chooses among.</summary>
    private static readonly CalibrationPolicy[] DomainPolicies = [CalibrationPolicy.DropAndRenormalize, CalibrationPolicy.NonNegativeLeastSquares, CalibrationPolicy.Ridge, CalibrationPolicy.BestSingle];

    /// <summary>Calibrates one set of weights per task on several datasets at once, chosen to hold on a dataset left out.</summary>
    /// <remarks>
    /// <para><b>Why:</b> a profile fitted on one dataset leans on what predicts quality there (reference similarity, node
    /// identity) and can collapse on traffic it has never seen. Weights that must predict a whole dataset they were not fitted
    /// on favour the signals that hold everywhere.</para>
    /// <para><b>Formula</b> (ScoutElo's own design). Per task, every dataset with <see cref="CalibrationOptions.MinItems"/>
    /// labeled items is a domain. Scores and label are standardized within each domain (not applicable → 0), so each
    /// domain's own label scale and score offsets drop out, and every domain counts equally however many items it has:
    /// the pooled normal equations are the mean of the domains' per-item averaged <c>ZᵀZ</c> and <c>Zᵀz_y</c>. The policies
    /// (<see cref="CalibrationPolicy.DropAndRenormalize"/>: keep a dimension whose correlation is above
    /// <see cref="CalibrationOptions.DropThreshold"/> in every training domain; <see cref="CalibrationPolicy.NonNegativeLeastSquares"/>;
    /// <see cref="CalibrationPolicy.Ridge"/>; <see cref="CalibrationPolicy.BestSingle"/>: the highest mean correlation) give
    /// standardized weights <c>β</c>, deployed as <c>w ∝ β/σ̄</c> with <c>σ̄</c> the root mean square of the training domains'
    /// standard deviations. <b>Leave one dataset out:</b> each policy is fitted on all domains but one and applied, with
    /// its raw weights as deployed, to the domain left out; the policy with the best <see cref="CalibrationOptions.DomainObjective"/>
    /// (mean or worst left-out Pearson) is fitted on all domains. The reported left-out figure of a domain is nested: the
    /// policy used for it is chosen by the same objective over the other domains alone (with two domains there is nothing to
    /// choose on, and ridge is used). The in-domain figure is what calibrating on that dataset alone gives (the policy chosen
    /// by nested grouped cross-validation inside it, as <see cref="CalibrationPolicy.Auto"/>), out of fold.</para>
    /// <para>Node-history dimensions (<c>model-prior</c>) are left out: node identities do not carry over between datasets.
    /// A task with a single domain is calibrated within it (as <see cref="Calibrate"/>, without node history) and reported
    /// without a left-out figure.</para>
    /// </remarks>
    /// <param name="domains">The datasets, each with its own label.</param>
    /// <param name="task">Restrict to one task; every task with enough items when null.</param>
    /// <returns>The profile (label names joined by '|') and one report per task.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="domains"/> or an element is null.</exception>
    /// <exception cref="ArgumentException">Fewer than one domain, duplicate names, or no task with enough labeled items (named <paramref name="domains"/>).</exception>
    public MultiDomainResult CalibrateDomains(IReadOnlyList<CalibrationDomain> domains, TaskKind? task = null)
    {
        ArgumentNullException.ThrowIfNull(domains);
        if (domains.Count == 0) throw new ArgumentException("At least one domain is required.", nameof(domains));
        if (domains.Any(d => d is null)) throw new ArgumentNullException(nameof(domains), "A domain is null.");
        if (domains.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count() != domains.Count) throw new ArgumentException("Domain names must be unique.", nameof(domains));
        var perDomain = domains.Select(d => (d, ByTask(d.Data, d.Label, task, out _))).ToList();
        var scales = JudgmentScale.InferAll(domains.SelectMany(d => d.Data).Where(r => r is not null).Select(r => r.Input));
        var tasks = perDomain.SelectMany(x => x.Item2.Keys).Distinct().Order().ToList();
        var reports = new List<MultiDomainReport>();
        var profiles = new Dictionary<TaskKind, TaskCalibration>();
        foreach (var kind in tasks)
        {
            var members = perDomain.Where(x => x.Item2.TryGetValue(kind, out var l) && l.Count >= _options.MinItems).Select(x => (x.d, x.Item2[kind])).ToList();
            if (members.Count == 0) continue;
            var (report, calibration) = CalibrateDomainsTask(kind, members, scales);
            reports.Add(report);
            profiles[kind] = calibration;
        }
        if (reports.Count == 0) throw new ArgumentException($"No task has {_options.MinItems} labeled items in any domain.", nameof(domains));
        string label = string.Join('|', domains.Select(d => d.Label).Distinct(StringComparer.Ordinal));
        var provenance = reports.SelectMany(r => r.Domains.Select(d => new DatasetProvenance(r.Task, d.Name, d.Label, d.Items, d.InDomain.Pearson, d.LeftOut?.Pearson))).ToList();
        var profile = new CalibrationProfile { Label = label, Tasks = profiles, Folds = _options.Folds, Seed = _options.Seed, Provenance = provenance };
        return new MultiDomainResult(profile, reports);
    }

    /// <summary>The public parameter that per-domain failures are reported against (<c>CalibrateDomains(domains, ...)</c>).</summary>
    private static readonly string DomainsParamName = "domains";

    /// <summary>One domain's standardized sufficient statistics and raw scores.</summary>
    private sealed record DomainData(string Name, string Label, Prepared Prepared, double[] Mean, double[] Sd, double[] Gram, double[] Target, double?[] R, int[] Counts);

    private static DomainData Standardize(CalibrationDomain domain, Prepared prepared)
    {
        var (_, _, y, _, _, s, _) = prepared;
        int p = s.Length, n = y.Length;
        var mean = new double[p];
        var sd = new double[p];
        var r = new double?[p];
        var counts = new int[p];
        for (int d = 0; d < p; d++)
        {
            var acc = default(CoMoments);
            for (int i = 0; i < n; i++)
            {
                if (!double.IsNaN(s[d][i])) acc = acc.Add(s[d][i], y[i]);
            }
            mean[d] = acc.MeanX;
            counts[d] = (int)acc.Count;
            sd[d] = acc.Count >= 3 && acc.StdDevX > 0 ? acc.StdDevX : 0;
            r[d] = acc.Pearson;
        }
        var fit = NormalEquations(s, y, Enumerable.Range(0, n).ToArray(), 0, new string[p]);
        return new DomainData(domain.Name, domain.Label, prepared, mean, sd, fit?.Gram ?? new double[p * p], fit?.Target ?? new double[p], r, counts);
    }

    /// <summary>Raw weights (summing to 1) of a policy fitted on the given domains; the standardized fit statistics for regressions.</summary>
    private (double[] Weights, string[] Reasons, FitStatistics? Fit) FitDomains(CalibrationPolicy policy, IReadOnlyList<DomainData> train, string[] names)
    {
        int p = names.Length, k = train.Count;
        var gram = new double[p * p];
        var target = new double[p];
        var sigma = new double[p];
        var meanR = new double[p];
        var everywhere = new bool[p];
        for (int d = 0; d < p; d++) everywhere[d] = true;
        foreach (var dom in train)
        {
            for (int j = 0; j < p * p; j++) gram[j] += dom.Gram[j] / k;
            for (int d = 0; d < p; d++)
            {
                target[d] += dom.Target[d] / k;
                sigma[d] += dom.Sd[d] * dom.Sd[d] / k;
                meanR[d] += (dom.R[d] ?? 0) / k;
                if (!(dom.R[d] is { } v && v > _options.DropThreshold)) everywhere[d] = false;
            }
        }
        for (int d = 0; d < p; d++) sigma[d] = Math.Sqrt(sigma[d]);
        var beta = new double[p];
        var reasons = new string[p];
        string MeanR(int d) => $"mean r={meanR[d]:0.000} over {k} domain(s)";
        FitStatistics? fit = null;
        switch (policy)
        {
            case CalibrationPolicy.DropAndRenormalize:
                for (int d = 0; d < p; d++)
                {
                    beta[d] = everywhere[d] && sigma[d] > 0 ? 1 : 0;
                    reasons[d] = beta[d] > 0 ? MeanR(d) : $"{MeanR(d)}, not above {_options.DropThreshold:0.###} in every domain";
                }
                break;
            case CalibrationPolicy.NonNegativeLeastSquares or CalibrationPolicy.Ridge:
            {
                double lambda = policy == CalibrationPolicy.Ridge ? _options.RidgeLambda : 0;
                fit = new FitStatistics(names, sigma, gram, target, lambda);
                var g = new double[p, p];
                for (int a = 0; a < p; a++)
                {
                    for (int b = 0; b < p; b++) g[a, b] = gram[(a * p) + b];
                }
                var solved = Nnls.Solve(g, target, lambda);
                for (int d = 0; d < p; d++)
                {
                    beta[d] = sigma[d] > 0 ? solved[d] : 0;
                    reasons[d] = beta[d] > 0 ? $"β={solved[d]:0.000}, {MeanR(d)}" : $"zero non-negative weight, {MeanR(d)}";
                }
                break;
            }
            case CalibrationPolicy.BestSingle:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(policy), policy, "Not a multi-domain policy.");
        }
        if (!(beta.Sum() > 0))
        {
            int best = -1;
            for (int d = 0; d < p; d++)
            {
                if (sigma[d] > 0 && (best < 0 || meanR[d] > meanR[best])) best = d;
            }
            Array.Clear(beta);
            if (best >= 0) beta[best] = 1;
            for (int d = 0; d < p; d++) reasons[d] = d == best ? $"best single, {MeanR(d)}" : $"{MeanR(d)}, not the best";
        }
        var w = new double[p];
        for (int d = 0; d < p; d++) w[d] = sigma[d] > 0 ? beta[d] / sigma[d] : 0;
        double sum = w.Sum();
        if (sum > 0) for (int d = 0; d < p; d++) w[d] /= sum;
        return (w, reasons, fit);
    }

    /// <summary>Pearson of the raw-weight composite with the label on one domain.</summary>
    private static CorrelationSummary Apply(DomainData domain, double[] w)
    {
        var (_, _, y, _, _, s, _) = domain.Prepared;
        return Summary(Enumerable.Range(0, y.Length).Select(i => Composite(s, w, i)).ToArray(), y);
    }

    private double Objective(IEnumerable<double?> leftOut)
    {
        var values = leftOut.Select(r => r ?? -1).ToList();
        return _options.DomainObjective == DomainObjective.Worst ? values.Min() : values.Average();
    }

    /// <summary>The policy whose leave-one-domain-out objective over <paramref name="train"/> is best (ridge when fewer than two).</summary>
    private (CalibrationPolicy Policy, Dictionary<CalibrationPolicy, (double Objective, CorrelationSummary[] LeftOut)> Table) ChooseDomainPolicy(IReadOnlyList<DomainData> train, string[] names)
    {
        var table = new Dictionary<CalibrationPolicy, (double, CorrelationSummary[])>();
        if (train.Count < 2) return (CalibrationPolicy.Ridge, table);
        foreach (var policy in DomainPolicies)
        {
            var leftOut = new CorrelationSummary[train.Count];
            for (int l = 0; l < train.Count; l++)
            {
                var others = train.Where((_, j) => j != l).ToList();
                leftOut[l] = Apply(train[l], FitDomains(policy, others, names).Weights);
            }
            table[policy] = (Objective(leftOut.Select(c => c.Pearson)), leftOut);
        }
        var best = DomainPolicies.OrderByDescending(c => table[c].Item1).First();
        return (best, table);
    }

    private (MultiDomainReport, TaskCalibration) CalibrateDomainsTask(TaskKind kind, List<(CalibrationDomain Domain, List<LoggedOutput> Items)> members, IReadOnlyDictionary<string, JudgmentScale> scales)
    {
        var dims = (_dimensions ?? BuiltInDimensions.Create(agreement: new AgreementOptions { Scales = scales })).Where(d => d is not INodeHistoryDimension).ToList();
        var names = dims.Select(d => d.Name).ToArray();
        var data = members.Select(m =>
        {
            try
            {
                return Standardize(m.Domain, Prepare(kind, m.Items, m.Domain.Label, scales, dims));
            }
            catch (ArgumentException e) when (e.ParamName == DataParamName)
            {
                // Prepare reports against Calibrate's parameter; here the data came in through a domain.
                throw new ArgumentException($"Domain '{m.Domain.Name}': {Guard.BareMessage(e)}", DomainsParamName, e);
            }
        }).ToList();
        var (policy, table) = ChooseDomainPolicy(data, names);
        if (data.Count == 1)
        {
            // One domain: nothing to leave out; the policy is chosen by grouped cross-validation inside it.
            var only = data[0].Prepared;
            var all = Enumerable.Range(0, only.Y.Length).ToArray();
            policy = DomainPolicies.OrderByDescending(c => Summary(OutOfFold(c, only.S, only.Y, only.Fold, all), only.Y).Pearson ?? double.NegativeInfinity).First();
        }
        var (weights, reasons, fit) = FitDomains(policy, data, names);

        var results = new List<DomainResult>();
        for (int l = 0; l < data.Count; l++)
        {
            var dom = data[l];
            var all = Enumerable.Range(0, dom.Prepared.Y.Length).ToArray();
            var inDomain = Summary(OutOfFoldAuto(dom.Prepared.S, dom.Prepared.Y, dom.Prepared.Inputs, dom.Prepared.Fold, all, DomainPolicies), dom.Prepared.Y);
            CorrelationSummary? leftOut = null;
            if (data.Count >= 2)
            {
                var others = data.Where((_, j) => j != l).ToList();
                var (inner, _) = ChooseDomainPolicy(others, names);
                leftOut = Apply(dom, FitDomains(inner, others, names).Weights);
            }
            results.Add(new DomainResult(dom.Name, dom.Label, dom.Prepared.Y.Length, inDomain, leftOut));
        }

        var statistics = PooledStatistics(data, names);
        var report = new MultiDomainReport
        {
            Task = kind,
            Policy = policy,
            Objective = _options.DomainObjective,
            Domains = results,
            Weights = names.Select((name, d) => (name, weights[d])).ToDictionary(x => x.name, x => x.Item2, StringComparer.Ordinal),
            Reasons = names.Select((name, d) => (name, reasons[d])).ToDictionary(x => x.name, x => x.Item2, StringComparer.Ordinal),
            Policies = table.ToDictionary(kv => kv.Key, kv => kv.Value.Objective),
        };
        var calibration = new TaskCalibration
        {
            Policy = policy,
            Weights = report.Weights,
            Dropped = names.Where((_, d) => weights[d] <= 0).ToDictionary(name => name, name => report.Reasons[name], StringComparer.Ordinal),
            JudgmentScales = scales,
            Items = data.Sum(x => x.Prepared.Y.Length),
            OutOfFoldPearson = report.MeanLeftOut ?? results[0].InDomain.Pearson,
            Statistics = statistics,
            Fit = fit,
        };
        return (report, calibration);
    }

    /// <summary>Statistics over the pooled domains (each counted equally) for drift diagnostics and label-free adaptation.</summary>
    private static Dictionary<string, DimensionStatistics> PooledStatistics(List<DomainData> data, string[] names)
    {
        var statistics = new Dictionary<string, DimensionStatistics>(StringComparer.Ordinal);
        for (int d = 0; d < names.Length; d++)
        {
            double applicability = 0, mean = 0, second = 0, r = 0;
            int withR = 0;
            foreach (var dom in data)
            {
                int n = dom.Prepared.Y.Length;
                applicability += (double)dom.Counts[d] / n / data.Count;
                mean += dom.Mean[d] / data.Count;
                second += ((dom.Sd[d] * dom.Sd[d]) + (dom.Mean[d] * dom.Mean[d])) / data.Count;
                if (dom.R[d] is { } v) { r += v; withR++; }
            }
            double sd = Math.Sqrt(Math.Max(second - (mean * mean), 0));
            statistics[names[d]] = new DimensionStatistics(applicability, applicability > 0 ? mean : 0, sd, withR > 0 ? r / withR : null);
        }
        return statistics;
    }
}

namespace ScoutElo.Scoring.Calibration;

/// <summary>How the multi-domain weights do on one dataset.</summary>
/// <param name="Name">The domain's name.</param>
/// <param name="Label">Its label.</param>
/// <param name="Items">Its labeled items of the task.</param>
/// <param name="InDomain">Calibrating on this dataset alone (policy chosen by nested grouped cross-validation inside it), out-of-fold.</param>
/// <param name="LeftOut">Weights fitted on the other datasets only (policy chosen on them too), applied to this one; null
/// when the task has a single dataset.</param>
public sealed record DomainResult(string Name, string Label, int Items, CorrelationSummary InDomain, CorrelationSummary? LeftOut);

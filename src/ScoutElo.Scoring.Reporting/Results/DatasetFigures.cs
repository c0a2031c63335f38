namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One dataset of a calibration across datasets.</summary>
/// <param name="Name">The dataset's name.</param>
/// <param name="Label">The label it was calibrated against.</param>
/// <param name="N">Labeled items.</param>
/// <param name="InDomain">Agreement when the dataset is part of the fit.</param>
/// <param name="LeftOut">Agreement when it is left out of the fit, or null.</param>
public sealed record DatasetFigures(string Name, string Label, int N, CorrelationFigures? InDomain, CorrelationFigures? LeftOut);

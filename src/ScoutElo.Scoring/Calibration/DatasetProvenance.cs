namespace ScoutElo.Scoring.Calibration;

/// <summary>One dataset a profile was fitted on, and how the profile did there: the provenance a shipped or shared profile
/// carries so its users can see what it was checked on.</summary>
/// <param name="Task">The task.</param>
/// <param name="Name">The dataset's name.</param>
/// <param name="Label">The label used.</param>
/// <param name="Items">Labeled items of the task.</param>
/// <param name="InDomainPearson">Out-of-fold Pearson inside the dataset; null when undefined.</param>
/// <param name="LeftOutPearson">Pearson of weights fitted without this dataset; null with a single dataset.</param>
public sealed record DatasetProvenance(TaskKind Task, string Name, string Label, int Items, double? InDomainPearson, double? LeftOutPearson);

// Every [Property] in this assembly draws from the same pinned seed, so a run is reproducible and a failure is a fact, not
// a draw (a property's own Replay still overrides it).
[assembly: FsCheck.Xunit.Properties(Replay = "(20261206,7046029254386353131)")]

namespace ScoutElo.Scoring.Reporting;

/// <summary>The round-level fields of traffic lines.</summary>
[Flags]
public enum TrafficRoundFields
{
    /// <summary>No round field.</summary>
    None = 0,

    /// <summary><c>request</c>.</summary>
    Request = 1,

    /// <summary><c>task</c>.</summary>
    Task = 2,

    /// <summary><c>query</c>.</summary>
    Query = 4,

    /// <summary><c>context</c>.</summary>
    Context = 8,

    /// <summary><c>references</c>.</summary>
    References = 16,
}

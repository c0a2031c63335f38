namespace ScoutElo.Cli.Commands.Serve;

/// <summary>Where the service keeps what it acknowledged and has not settled, what it settled (to recognize a part posted
/// again), and each node's rating after every period it settled: a SQLite file beside a SQLite state
/// (<see cref="SqliteRoundJournal"/>) or tables beside a PostgreSQL state (<see cref="PostgresRoundJournal"/>). Every write is
/// one committed transaction, durable when the call returns.</summary>
internal interface IRoundJournal : IDisposable
{
    /// <summary>Every pending round: its declared fields (JSON) and its responses as traffic JSONL.</summary>
    List<(string RoundId, string Head, string Traffic)> ReadAll();

    /// <summary>Adds or replaces (a round grown by a new part) held rounds, all or none.</summary>
    void Add(IReadOnlyList<RoundParts> rounds);

    /// <summary>Records settled rounds (their fields and each response's hash) and the rating points of the periods that
    /// settled them, and removes the rounds from the pending ones, all or none.</summary>
    void MarkSettled(IReadOnlyList<RoundParts> rounds, IReadOnlyList<RatingPoint> points);

    /// <summary>What the service recorded of a round it settled (its fields as JSON, each response's hash), or null.</summary>
    (string Header, Dictionary<string, string> Responses)? Settled(string roundId);

    /// <summary>A node's rating after each period the service settled that it took part in, oldest first.</summary>
    List<RatingPoint> History(string node);
}

/// <summary>A node's standing right after a period it took part in.</summary>
/// <param name="Node">The node.</param>
/// <param name="Period">The period.</param>
/// <param name="Rating">Its Glicko-2 rating then.</param>
/// <param name="Deviation">Its rating deviation then.</param>
/// <param name="Reward">Its total reward then (base units).</param>
internal sealed record RatingPoint(string Node, long Period, double Rating, double Deviation, UInt128 Reward);

namespace ScoutElo.Scoring.Network;

/// <summary>One observed round of network traffic: a request, the responses of the nodes it was routed to, and every
/// evaluator's score of each response (the input of <see cref="ScoutNetwork"/>).</summary>
/// <remarks>Collections are copied in; a caller that mutates its lists later cannot change a submitted round. The round is
/// validated as a whole by <see cref="ScoutNetwork.Submit"/>, which names the round and the field of the first problem.</remarks>
public sealed record ObservedRound
{
    /// <summary>The round id: unique over the network's lifetime; a round id that was settled before is skipped, never paid twice.</summary>
    public required string RoundId { get; init; }

    /// <summary>The request id (several rounds may replay one request); <see langword="null"/> when it is the round id.</summary>
    public string? RequestId { get; init; }

    /// <summary>The task kind of the request. <value>Default <see cref="TaskKind.Open"/>.</value></summary>
    public TaskKind Task { get; init; } = TaskKind.Open;

    /// <summary>The query (prompt), when known. <value>Default empty.</value></summary>
    public string Query { get; init => field = value ?? throw new ArgumentNullException(nameof(Query)); } = "";

    /// <summary>The context (source document, dialogue history), when known.</summary>
    public string? Context { get; init; }

    /// <summary>Reference answers, when known. <value>Default empty.</value></summary>
    public IReadOnlyList<string> References { get; init => field = [.. value ?? throw new ArgumentNullException(nameof(References))]; } = [];

    /// <summary>The responses, in the order the network received them (the order matches are formed in).</summary>
    public required IReadOnlyList<ObservedResponse> Responses { get; init => field = [.. value ?? throw new ArgumentNullException(nameof(Responses))]; }

    /// <summary>The round's content hash: SHA-256 (lower-case hex) of ScoutElo's canonical encoding of every field settlement
    /// reads (the request id excluded). A store keeps it per settled round (<see cref="SettledRound.ContentHash"/>), so a round id
    /// submitted again with different content is refused; equal rounds have equal hashes whatever the order of their score maps
    /// and of their responses (a round assembled from parts hashes as the round written whole).</summary>
    /// <returns>64 lower-case hex digits.</returns>
    public string ContentHash() => RoundContent.Hash(this);
}

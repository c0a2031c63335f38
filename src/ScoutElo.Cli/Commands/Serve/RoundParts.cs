using System.Text.Json;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Reporting;

namespace ScoutElo.Cli.Commands.Serve;

/// <summary>A round's own fields as the lines of one part declared them (traffic writes them on a round's first line only;
/// any line may carry them): null where no line of the part did.</summary>
internal sealed record RoundHead(string? Request, TaskKind? Task, string? Query, string? Context, IReadOnlyList<string>? References)
{
    /// <summary>The fields a part's lines stated (as the traffic reader recorded them).</summary>
    public static RoundHead Of(TrafficRound part)
    {
        var r = part.Round;
        bool Has(TrafficRoundFields f) => (part.Declared & f) != 0;
        return new RoundHead(Has(TrafficRoundFields.Request) ? r.RequestId : null, Has(TrafficRoundFields.Task) ? r.Task : null,
            Has(TrafficRoundFields.Query) ? r.Query : null, Has(TrafficRoundFields.Context) ? r.Context : null,
            Has(TrafficRoundFields.References) ? r.References : null);
    }

    /// <summary>The two parts' fields together, or the name of the first field they both declare differently.</summary>
    public (RoundHead? Merged, string? Conflict) Merge(RoundHead other)
    {
        if (Request is not null && other.Request is not null && Request != other.Request) return (null, "request");
        if (Task is not null && other.Task is not null && Task != other.Task) return (null, "task");
        if (Query is not null && other.Query is not null && Query != other.Query) return (null, "query");
        if (Context is not null && other.Context is not null && Context != other.Context) return (null, "context");
        if (References is not null && other.References is not null && !References.SequenceEqual(other.References, StringComparer.Ordinal)) return (null, "references");
        return (new RoundHead(Request ?? other.Request, Task ?? other.Task, Query ?? other.Query, Context ?? other.Context, References ?? other.References), null);
    }

    /// <summary>The round these fields make (absent ones as traffic reads them: task open, no query, context or references).</summary>
    public ObservedRound Round(string id, IReadOnlyList<ObservedResponse> responses) => new()
    {
        RoundId = id,
        RequestId = Request,
        Task = Task ?? TaskKind.Open,
        Query = Query ?? "",
        Context = Context,
        References = References ?? [],
        Responses = responses,
    };

    public string ToJson() => JsonSerializer.Serialize(new Stored(Request, Task?.ToString(), Query, Context, References));

    public static RoundHead FromJson(string json)
    {
        var s = JsonSerializer.Deserialize<Stored>(json)!;
        return new RoundHead(s.Request, s.Task is null ? null : Enum.Parse<TaskKind>(s.Task), s.Query, s.Context, s.References);
    }

    private sealed record Stored(string? Request, string? Task, string? Query, string? Context, IReadOnlyList<string>? References);
}

/// <summary>A round the service holds, assembled from the parts (lines) that arrived, in any order and in any requests: its
/// own fields (merged from every part; two parts declaring one differently conflict) and its responses by id (ordinal order,
/// the order it is settled in).</summary>
internal sealed class RoundParts
{
    private readonly SortedDictionary<string, (ObservedResponse Response, string Hash)> _responses;

    private RoundParts(string id, RoundHead head, SortedDictionary<string, (ObservedResponse, string)> responses)
    {
        Id = id;
        Head = head;
        _responses = responses;
    }

    public string Id { get; }

    public RoundHead Head { get; private set; }

    public static RoundParts Empty(string id) => new(id, new RoundHead(null, null, null, null, null), new SortedDictionary<string, (ObservedResponse, string)>(StringComparer.Ordinal));

    public RoundParts Copy() => new(Id, Head, new SortedDictionary<string, (ObservedResponse, string)>(_responses, StringComparer.Ordinal));

    /// <summary>Takes in a part's fields: null, or the name of a field it declares differently.</summary>
    public string? AddHead(RoundHead head)
    {
        var (merged, conflict) = Head.Merge(head);
        if (merged is not null) Head = merged;
        return conflict;
    }

    /// <summary>Adds a response: true when new, false when held already with the same content; null when held with other content.</summary>
    public bool? Add(ObservedResponse response)
    {
        string hash = ResponseHash(Id, response);
        if (_responses.TryGetValue(response.ResponseId ?? "", out var held)) return held.Hash == hash ? false : null;
        _responses[response.ResponseId ?? ""] = (response, hash);
        return true;
    }

    /// <summary>Each held response's id and content hash (computed once, when it was added).</summary>
    public IEnumerable<(string ResponseId, string Hash)> ResponseHashes => _responses.Select(r => (r.Key, r.Value.Hash));

    /// <summary>The round as held so far, its responses in ordinal order of their ids.</summary>
    public ObservedRound Build() => Head.Round(Id, [.. _responses.Values.Select(v => v.Response)]);

    /// <summary>The round as held so far as traffic JSONL (how a journal keeps it).</summary>
    public string ToJsonl()
    {
        var w = new StringWriter { NewLine = "\n" };
        TrafficJsonl.Write(w, Build());
        return w.ToString();
    }

    /// <summary>A response's content hash (the engine's encoding of a round holding only it, without round fields).</summary>
    public static string ResponseHash(string roundId, ObservedResponse response) => new ObservedRound { RoundId = roundId, Responses = [response] }.ContentHash();
}
